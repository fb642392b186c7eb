import { describe, expect, it } from 'vitest'
import { ageOn, formatDateId, formatDateTimeWita, romanMonth, todayWita } from './time.ts'
import { maskNik } from './mask.ts'
import { newId, newToken } from './ids.ts'

describe('time in WITA', () => {
  it('shows UTC instants in WITA (UTC+8)', () => {
    expect(formatDateTimeWita('2026-12-04T16:30:00Z')).toBe('5 Desember 2026 pukul 00.30 WITA')
    expect(todayWita(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01')
  })
  it('writes plain dates the Indonesian way', () => {
    expect(formatDateId('2026-08-17')).toBe('17 Agustus 2026')
  })
  it('turns months into roman numerals', () => {
    expect(romanMonth(4)).toBe('IV')
    expect(romanMonth(12)).toBe('XII')
    expect(() => romanMonth(13)).toThrow()
  })
  it('counts whole years of age', () => {
    expect(ageOn('2000-12-05', '2026-12-04')).toBe(25)
    expect(ageOn('2000-12-04', '2026-12-04')).toBe(26)
  })
})

describe('masking and ids', () => {
  it('masks the middle of a NIK', () => {
    expect(maskNik('6307060101900001')).toBe('630706••••••0001')
  })
  it('makes time-ordered UUIDv7 ids and unguessable tokens', () => {
    const a = newId(1_000)
    const b = newId(2_000)
    expect(a < b).toBe(true)
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(newToken()).toHaveLength(24)
    expect(newToken()).not.toBe(newToken())
  })
})
