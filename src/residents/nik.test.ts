import { describe, expect, it } from 'vitest'
import { dateError, kkError, nikError, nikFacts, nikWarnings, normalizeDate, temporaryNik, isTemporaryNik } from './nik.ts'
import { foldName } from './resident.ts'
import { displayLabel, parseCode } from './codes.ts'

describe('NIK rules (regulation.md §4.3)', () => {
  it('accepts a well-formed NIK, with spaces, dots and dashes stripped', () => {
    expect(nikError('6307060101900001')).toBeNull()
    expect(nikError('6307 0601.0190-0001')).toBeNull()
    expect(nikError('6307064101900001')).toBeNull() // a woman: day + 40
  })
  it('refuses what cannot be a NIK, naming the problem', () => {
    expect(nikError('630706010190001')).toBe('NIK harus 16 angka.')
    expect(nikError('63070601019000A1')).toBe('NIK harus 16 angka.')
    expect(nikError('1111111111111111')).toMatch(/bukan NIK yang sah/)
    expect(nikError('1234567890123456')).toMatch(/bukan NIK yang sah/)
    expect(nikError('2007060101900001')).toMatch(/provinsi 20/)
    expect(nikError('6300060101900001')).toMatch(/kabupaten\/kota/)
    expect(nikError('6307000101900001')).toMatch(/kecamatan/)
    expect(nikError('6307060101900000')).toMatch(/0000/)
    expect(nikError('6307060113900001')).toMatch(/Bulan lahir/)
    expect(nikError('6307063201900001')).toMatch(/Tanggal lahir/)
    expect(nikError('6307063102900001')).toMatch(/tidak mungkin/) // 31 February
    expect(nikError('6307063502900001')).toMatch(/tidak mungkin/) // day 35 is neither
  })
  it('allows 29 February when 19YY or 20YY is a leap year', () => {
    expect(nikError('6307062902000001')).toBeNull()
    expect(nikError('6307062902010001')).toMatch(/tidak mungkin/)
  })
  it('accepts OpenSID temporary NIKs and recognises them', () => {
    const t = temporaryNik('63.07.06.2014', 7)
    expect(t).toBe('0630706201400007')
    expect(isTemporaryNik(t)).toBe(true)
    expect(nikError(t)).toBeNull()
  })
  it('reads sex and birth date, and warns (never refuses) on a mismatch', () => {
    expect(nikFacts('6307064507850003', 2026)).toEqual({ sex: 'P', birthDate: '1985-07-05' })
    expect(nikFacts('6307060507100003', 2026)?.birthDate).toBe('2010-07-05')
    expect(nikWarnings('6307064507850003', 'P', '1985-07-05')).toEqual([])
    const w = nikWarnings('6307064507850003', 'L', '1985-07-06')
    expect(w).toHaveLength(2)
    expect(w[0]).toMatch(/Jenis kelamin tidak sesuai/)
    expect(w[1]).toMatch(/Tanggal lahir tidak sesuai/)
  })
})

describe('Nomor KK rules', () => {
  it('accepts a KK with a past issuance date and refuses a bad one', () => {
    expect(kkError('6307061203150004', '2026-12-04')).toBeNull()
    expect(kkError('630706120315', '2026-12-04')).toBe('Nomor KK harus 16 angka.')
    expect(kkError('6307065203150004', '2026-12-04')).toMatch(/tidak mungkin/) // no +40 on a KK
    expect(kkError('6307060612260004', '2026-12-04')).toMatch(/masa depan/)
    expect(kkError('6307061203150000', '2026-12-04')).toMatch(/0000/)
  })
})

describe('dates, names and codes', () => {
  it('reads the date forms OpenSID files use', () => {
    expect(normalizeDate('05-07-1985')).toBe('1985-07-05')
    expect(normalizeDate('5/7/1985')).toBe('1985-07-05')
    expect(normalizeDate('1985-07-05')).toBe('1985-07-05')
    expect(dateError('1985-02-30', 'Tanggal lahir', '2026-12-04')).toMatch(/tidak mungkin/)
    expect(dateError('2027-01-01', 'Tanggal lahir', '2026-12-04')).toMatch(/masa depan/)
    expect(dateError('kemarin', 'Tanggal lahir', '2026-12-04')).toMatch(/harus berupa tanggal/)
  })
  it('folds names for case- and accent-insensitive search', () => {
    expect(foldName('  Hj. SITI  Rahmah ')).toBe('hj siti rahmah')
    expect(foldName('Zoë Nuñez-Ándres')).toBe('zoe nunez andres')
  })
  it('converts code or text like OpenSID, and names what it does not know', () => {
    expect(parseCode('jenis_kelamin', 'Pr', 'jenis kelamin')).toEqual({ code: 2 })
    expect(parseCode('agama', 'islam', 'agama')).toEqual({ code: 1 })
    expect(parseCode('status_kawin', 'cerai hidup', 'status perkawinan')).toEqual({ code: 3 })
    expect(parseCode('pendidikan_kk', 'Tidak/Blm Sekolah', 'pendidikan')).toEqual({ code: 1 })
    expect(parseCode('agama', '-', 'agama')).toEqual({ code: null })
    expect(parseCode('agama', '9', 'agama')).toEqual({ error: 'Kode agama "9" di luar rentang (1–7).' })
    expect(parseCode('agama', 'Jedi', 'agama')).toMatchObject({ error: expect.stringMatching(/tidak dikenal/) })
  })
  it('shows OpenSID upper-case names in sentence case, keeping acronyms', () => {
    expect(displayLabel('TAMAT SD / SEDERAJAT')).toBe('Tamat SD / Sederajat')
    expect(displayLabel('PEGAWAI NEGERI SIPIL (PNS)')).toBe('Pegawai Negeri Sipil (PNS)')
  })
})
