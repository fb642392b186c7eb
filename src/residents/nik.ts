/**
 * NIK and Nomor KK rules (regulation.md §4). Errors refuse a record; warnings (birth date or
 * sex that differ from the NIK, a region prefix that is not a current kecamatan) are shown to
 * staff and never refuse, because Dukcapil does not reissue a NIK when a birth date is corrected.
 */

// Province codes that exist or existed (incl. pre-2022 Papua 91/92 and 93–96 after 2022).
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65,
  71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96,
])

export const digitsOnly = (s: string): string => s.replace(/[\s.\-]/g, '')

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
const daysIn = (month: number, year: number | null): number => {
  if (month === 2) return year === null ? 29 : isLeap(year) ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

/** OpenSID's temporary NIK: '0' + 10-digit village code + 5-digit serial. */
export const isTemporaryNik = (nik: string): boolean => /^0\d{15}$/.test(nik)

export function temporaryNik(villageCode: string, serial: number): string {
  return '0' + villageCode.replace(/\D/g, '') + String(serial).padStart(5, '0')
}

/** Century rule: 20YY when that is not after the current year, else 19YY. */
export function nikYear(yy: number, currentYear: number): number {
  return 2000 + yy <= currentYear ? 2000 + yy : 1900 + yy
}

function isJunk(n: string): boolean {
  return /^(\d)\1{15}$/.test(n) || n === '1234567890123456' || n === '0123456789012345' || n === '6543210987654321'
}

/**
 * Error message for a NIK, or null when it is acceptable (temporary NIKs are accepted and
 * flagged by the caller).
 */
export function nikError(raw: string, currentYear = new Date().getUTCFullYear()): string | null {
  const n = digitsOnly(raw)
  if (!/^\d{16}$/.test(n)) return 'NIK harus 16 angka.'
  if (isTemporaryNik(n)) return null
  if (isJunk(n)) return 'NIK ini bukan NIK yang sah (angka berulang atau contoh).'
  const prov = Number(n.slice(0, 2))
  if (!PROVINCES.has(prov)) return `Kode provinsi ${n.slice(0, 2)} pada NIK tidak dikenal.`
  if (n.slice(2, 4) === '00') return 'Kode kabupaten/kota pada NIK tidak boleh 00.'
  if (n.slice(4, 6) === '00') return 'Kode kecamatan pada NIK tidak boleh 00.'
  if (n.slice(12) === '0000') return 'Nomor urut pada NIK tidak boleh 0000.'
  let day = Number(n.slice(6, 8))
  const month = Number(n.slice(8, 10))
  if (month < 1 || month > 12) return `Bulan lahir pada NIK (${n.slice(8, 10)}) tidak mungkin.`
  if (day > 40) day -= 40
  if (day < 1 || day > 31) return `Tanggal lahir pada NIK (${n.slice(6, 8)}) tidak mungkin.`
  const yy = Number(n.slice(10, 12))
  // 29 February is allowed when either 19YY or 20YY is a leap year.
  const leapSomewhere = isLeap(1900 + yy) || isLeap(2000 + yy)
  const max = month === 2 ? (leapSomewhere ? 29 : 28) : daysIn(month, null)
  if (day > max) return `Tanggal lahir pada NIK (${n.slice(6, 12)}) tidak mungkin.`
  void currentYear

  return null
}

/** What a NIK says about its holder: sex and birth date (century by the current-year rule). */
export function nikFacts(nik: string, currentYear = new Date().getUTCFullYear()): { sex: 'L' | 'P'; birthDate: string } | null {
  if (nikError(nik, currentYear) || isTemporaryNik(nik)) return null
  const d = Number(nik.slice(6, 8))
  const sex = d > 40 ? 'P' : 'L'
  const day = d > 40 ? d - 40 : d
  const year = nikYear(Number(nik.slice(10, 12)), currentYear)

  return { sex, birthDate: `${year}-${nik.slice(8, 10)}-${String(day).padStart(2, '0')}` }
}

/**
 * Warnings for a valid NIK against the recorded sex and birth date. Only the day and month
 * and the two-digit year are compared, since the century is a guess.
 */
export function nikWarnings(nik: string, sex: 'L' | 'P', birthDate: string): string[] {
  const f = nikFacts(nik)
  if (!f) return []
  const out: string[] = []
  if (f.sex !== sex) out.push(`Jenis kelamin tidak sesuai dengan NIK (NIK menunjukkan ${f.sex === 'P' ? 'perempuan' : 'laki-laki'}).`)
  if (f.birthDate.slice(2) !== birthDate.slice(2)) {
    out.push(`Tanggal lahir tidak sesuai dengan NIK (NIK menunjukkan ${f.birthDate.slice(8)}-${f.birthDate.slice(5, 7)}-${f.birthDate.slice(2, 4)}).`)
  }

  return out
}

/** Error message for a Nomor KK, or null. The date part is the issuance date, without +40. */
export function kkError(raw: string, today = new Date().toISOString().slice(0, 10)): string | null {
  const n = digitsOnly(raw)
  if (!/^\d{16}$/.test(n)) return 'Nomor KK harus 16 angka.'
  if (/^0\d{15}$/.test(n)) return null
  if (isJunk(n)) return 'Nomor KK ini bukan nomor yang sah (angka berulang atau contoh).'
  if (!PROVINCES.has(Number(n.slice(0, 2)))) return `Kode provinsi ${n.slice(0, 2)} pada Nomor KK tidak dikenal.`
  if (n.slice(2, 4) === '00') return 'Kode kabupaten/kota pada Nomor KK tidak boleh 00.'
  if (n.slice(4, 6) === '00') return 'Kode kecamatan pada Nomor KK tidak boleh 00.'
  if (n.slice(12) === '0000') return 'Nomor urut pada Nomor KK tidak boleh 0000.'
  const day = Number(n.slice(6, 8))
  const month = Number(n.slice(8, 10))
  const year = nikYear(Number(n.slice(10, 12)), Number(today.slice(0, 4)))
  if (month < 1 || month > 12 || day < 1 || day > daysIn(month, year)) {
    return `Tanggal penerbitan pada Nomor KK (${n.slice(6, 12)}) tidak mungkin.`
  }
  const issued = `${year}-${n.slice(8, 10)}-${n.slice(6, 8)}`
  if (issued > today) return 'Tanggal penerbitan pada Nomor KK ada di masa depan.'

  return null
}

/** A real calendar date (YYYY-MM-DD) not after `today`. */
export function dateError(s: string, label: string, today = new Date().toISOString().slice(0, 10)): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (!m) return `${label} harus berupa tanggal (hh-bb-tttt).`
  const y = Number(m[1])
  const mo = Number(m[2])
  const d = Number(m[3])
  if (y < 1850 || mo < 1 || mo > 12 || d < 1 || d > daysIn(mo, y)) return `${label} ${d}-${m[2]}-${m[1]} tidak mungkin.`
  if (s > today) return `${label} tidak boleh di masa depan.`

  return null
}

/**
 * A date cell as OpenSID accepts it: dd-mm-yyyy, dd/mm/yyyy or yyyy-mm-dd (the sample file's
 * form). Returns YYYY-MM-DD, or the input unchanged when it has none of those shapes, so the
 * date check can name it.
 */
export function normalizeDate(raw: string): string {
  const s = raw.trim().replace(/\//g, '-')
  let m = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(s)
  if (m) return `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s)
  if (m) return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`

  return s
}
