/**
 * Times are stored in UTC (ISO 8601 text, identical on SQLite and PostgreSQL) and shown in
 * WITA (Asia/Makassar, UTC+8, no daylight saving).
 */
export const TIME_ZONE = 'Asia/Makassar'

export const nowIso = (): string => new Date().toISOString()

const MONTHS = [
  'Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni',
  'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember',
]

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII']

/** Calendar parts of an instant as seen in WITA. */
export function witaParts(at: Date | string): {
  year: number; month: number; day: number; hour: number; minute: number; weekday: number
} {
  const d = typeof at === 'string' ? new Date(at) : at
  // UTC+8 all year: shifting is exact and cheaper than Intl for hot paths.
  const w = new Date(d.getTime() + 8 * 3600_000)

  return {
    year: w.getUTCFullYear(),
    month: w.getUTCMonth() + 1,
    day: w.getUTCDate(),
    hour: w.getUTCHours(),
    minute: w.getUTCMinutes(),
    weekday: w.getUTCDay(),
  }
}

/** "4 Desember 2026" — the way Indonesian letters write a date. */
export function formatDateId(at: Date | string): string {
  if (typeof at === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(at)) {
    const [y, m, d] = at.split('-').map(Number)

    return `${d} ${MONTHS[m - 1]} ${y}`
  }
  const p = witaParts(at)

  return `${p.day} ${MONTHS[p.month - 1]} ${p.year}`
}

/** "4 Desember 2026 pukul 14.05 WITA" */
export function formatDateTimeWita(at: Date | string): string {
  const p = witaParts(at)
  const hh = String(p.hour).padStart(2, '0')
  const mm = String(p.minute).padStart(2, '0')

  return `${p.day} ${MONTHS[p.month - 1]} ${p.year} pukul ${hh}.${mm} WITA`
}

export const monthNameId = (month: number): string => MONTHS[month - 1]

/** Roman numeral of a month (1–12), as letter numbers write it. */
export function romanMonth(month: number): string {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`month ${month}`)

  return ROMAN[month - 1]
}

/** Whole years between a birth date (YYYY-MM-DD) and a day (YYYY-MM-DD). */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number)
  const [y, m, d] = on.split('-').map(Number)
  let age = y - by
  if (m < bm || (m === bm && d < bd)) age -= 1

  return age
}

/** Today's date in WITA as YYYY-MM-DD. */
export function todayWita(now: Date = new Date()): string {
  const p = witaParts(now)

  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`
}
