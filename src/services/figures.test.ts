import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestRuntime, TEST_DIALECT, type TestRuntime } from '../../test/support/db.ts'
import { makeResident, makeStaff, makeVillage } from '../../test/support/factories.ts'
import { SYSTEM_META } from '../auth/actor.ts'
import { actOnRequest, createRequest } from './request.service.ts'
import { currentMonthWita, letterFigures, median } from './figures.service.ts'

describe('letter figures, pure parts', () => {
  it('takes the median of odd and even lists, and null for none', () => {
    expect(median([5, 1, 3])).toBe(3)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([])).toBeNull()
  })
  it('bounds the month in WITA, not UTC', () => {
    expect(currentMonthWita(new Date('2026-11-30T17:00:00Z'))).toEqual({ from: '2026-11-30T16:00:00.000Z', to: '2026-12-31T16:00:00.000Z' })
    expect(currentMonthWita(new Date('2026-12-10T00:00:00Z')).to).toBe('2026-12-31T16:00:00.000Z')
  })
})

describe(`${TEST_DIALECT}: letter figures of a scope`, () => {
  let rt: TestRuntime
  beforeAll(async () => {
    rt = await createTestRuntime()
  })
  afterAll(() => rt.close())

  it('counts letters issued this month inside the scope only', async () => {
    const a = await makeVillage(rt)
    const b = await makeVillage(rt)
    for (const v of [a, a, b]) {
      const op = (await makeStaff(rt, { role: 'operator', scope: v.code })).actor
      const resident = await makeResident(rt, v.code)
      const r = await createRequest(rt, op, SYSTEM_META, { village: v.code, letterType: 'domisili', subjectNik: resident.nik, fields: { keperluan: 'Uji' } })
      await actOnRequest(rt, op, SYSTEM_META, r.id, { action: 'approve', signature: 'hand' })
    }
    expect((await letterFigures(rt, a.code)).issued).toBe(2)
    const all = await letterFigures(rt, rt.config.regency)
    expect(all.issued).toBe(3)
    expect(all.medianHours).toBeGreaterThanOrEqual(0)
    expect(all.medianHours).toBeLessThan(1)
    expect(await letterFigures(rt, rt.config.regency, { from: '2000-01-01T00:00:00Z', to: '2000-02-01T00:00:00Z' })).toEqual({ issued: 0, medianHours: null })
  })
})
