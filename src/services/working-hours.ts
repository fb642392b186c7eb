import { witaParts } from '../lib/time.ts'

/**
 * Working-hours arithmetic for service deadlines, pure. Office hours are 08.00–16.00 WITA on
 * Monday to Friday; weekends and the configured holidays (YYYY-MM-DD, WITA) do not count.
 */
export const WORK_START_HOUR = 8
export const WORK_END_HOUR = 16
const HOUR = 3600_000
const WITA_OFFSET = 8 * HOUR

const dateKey = (p: { year: number; month: number; day: number }) =>
  `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`

function isWorkingDay(witaMidnightUtcMs: number, holidays: ReadonlySet<string>): boolean {
  const p = witaParts(new Date(witaMidnightUtcMs))
  if (p.weekday === 0 || p.weekday === 6) return false

  return !holidays.has(dateKey(p))
}

/** UTC ms of 00.00 WITA of the WITA day containing `ms`. */
function witaMidnight(ms: number): number {
  return Math.floor((ms + WITA_OFFSET) / (24 * HOUR)) * 24 * HOUR - WITA_OFFSET
}

/** The instant `hours` working hours after `start` (ISO in, ISO out). */
export function addWorkingHours(start: string, hours: number, holidays: readonly string[] = []): string {
  const hol = new Set(holidays)
  let remaining = hours * HOUR
  let t = new Date(start).getTime()
  for (let guard = 0; guard < 3660; guard++) {
    const day = witaMidnight(t)
    const open = day + WORK_START_HOUR * HOUR
    const close = day + WORK_END_HOUR * HOUR
    if (isWorkingDay(day, hol) && t < close) {
      const from = Math.max(t, open)
      if (from + remaining <= close) return new Date(from + remaining).toISOString()
      remaining -= close - from
    }
    t = day + 24 * HOUR
  }
  throw new RangeError('deadline beyond ten years')
}

/** Working milliseconds between two instants (0 when `to` is not after `from`). */
export function workingMsBetween(from: string, to: string, holidays: readonly string[] = []): number {
  const hol = new Set(holidays)
  const end = new Date(to).getTime()
  let t = new Date(from).getTime()
  let total = 0
  for (let guard = 0; t < end && guard < 3660; guard++) {
    const day = witaMidnight(t)
    const open = day + WORK_START_HOUR * HOUR
    const close = day + WORK_END_HOUR * HOUR
    if (isWorkingDay(day, hol)) {
      const a = Math.max(t, open)
      const b = Math.min(end, close)
      if (b > a) total += b - a
    }
    t = day + 24 * HOUR
  }

  return total
}

export type SlaStatus = 'tepat_waktu' | 'segera' | 'terlambat'
export const SLA_LABEL: Record<SlaStatus, string> = { tepat_waktu: 'Tepat waktu', segera: 'Segera jatuh tempo', terlambat: 'Terlambat' }

/**
 * Where a request stands against its deadline at `now`: late after the deadline, due soon in
 * the last quarter of its working time (at least the last working hour).
 */
export function slaStatus(input: { dueAt: string; slaHours: number; now: string; holidays?: readonly string[] }): SlaStatus {
  if (new Date(input.now).getTime() > new Date(input.dueAt).getTime()) return 'terlambat'
  const left = workingMsBetween(input.now, input.dueAt, input.holidays)
  const soon = Math.max(HOUR, (input.slaHours * HOUR) / 4)

  return left <= soon ? 'segera' : 'tepat_waktu'
}

/** "2 jam 30 menit" of working time, for the queue. */
export function formatWorkingDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000)
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  if (h === 0) return `${m} menit`

  return m ? `${h} jam ${m} menit` : `${h} jam`
}
