import { describe, expect, it } from 'vitest'
import { hashSecret, verifySecret } from '../auth/password.ts'
import { demoPin, generatePin, pinProblem, safeCitizenNext } from './citizen.ts'

describe('PIN rules', () => {
  it('accepts an ordinary 6-digit PIN', () => {
    expect(pinProblem('482915')).toBeNull()
  })
  it('names what is wrong with a weak or malformed PIN', () => {
    expect(pinProblem('12345')).toBe('PIN harus terdiri atas 6 angka.')
    expect(pinProblem('12a456')).toBe('PIN harus terdiri atas 6 angka.')
    expect(pinProblem('777777')).toBe('PIN tidak boleh berisi angka yang sama semuanya.')
    expect(pinProblem('123456')).toBe('PIN tidak boleh berupa urutan angka.')
    expect(pinProblem('654321')).toBe('PIN tidak boleh berupa urutan angka.')
    expect(pinProblem('890123')).toBe('PIN tidak boleh berupa urutan angka.')
    expect(pinProblem('121212')).toBe('PIN tidak boleh berupa pola berulang.')
    expect(pinProblem('472472')).toBe('PIN tidak boleh berupa pola berulang.')
    expect(pinProblem('140390', '1990-03-14')).toBe('PIN tidak boleh sama dengan tanggal lahir.')
    expect(pinProblem('900314', '1990-03-14')).toBe('PIN tidak boleh sama dengan tanggal lahir.')
    expect(pinProblem('140390')).toBeNull()
  })
  it('generates PINs that pass its own rules', () => {
    for (let i = 0; i < 200; i++) expect(pinProblem(generatePin('1990-03-14'), '1990-03-14')).toBeNull()
  })
  it('derives the same demo PIN from the same secret, another from another secret', () => {
    const a = demoPin('rahasia-satu', '6307065403900001')
    expect(a).toMatch(/^\d{6}$/)
    expect(demoPin('rahasia-satu', '6307065403900001')).toBe(a)
    expect(demoPin('rahasia-dua', '6307065403900001')).not.toBe(a)
  })
  it('keeps only citizen-area paths as a post-login destination', () => {
    expect(safeCitizenNext('/warga/data')).toBe('/warga/data')
    expect(safeCitizenNext('//evil.example/warga')).toBe('/warga')
    expect(safeCitizenNext('/staf/desa/63.07.06.2014')).toBe('/warga')
    expect(safeCitizenNext('https://evil.example')).toBe('/warga')
    expect(safeCitizenNext(undefined)).toBe('/warga')
  })
})

describe('PIN hashing', () => {
  it('stores a salted scrypt hash that verifies only the right PIN', async () => {
    const a = await hashSecret('482915')
    const b = await hashSecret('482915')
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/)
    expect(a).not.toContain('482915')
    expect(a).not.toBe(b)
    expect(await verifySecret('482915', a)).toBe(true)
    expect(await verifySecret('482916', a)).toBe(false)
  })
})
