import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestRuntime, type TestRuntime } from '../../test/support/db.ts'
import { makeResident, makeVillage } from '../../test/support/factories.ts'
import { populationStatistics } from './statistics.service.ts'

let rt: TestRuntime
beforeAll(async () => {
  rt = await createTestRuntime()
})
afterAll(() => rt.close())

describe('population statistics', () => {
  it('counts by sex, exact age group, religion and area, for a village and its district', async () => {
    const a = (await makeVillage(rt, '63.07.06.2014')).code
    const b = (await makeVillage(rt, '63.07.06.2010')).code
    const today = '2026-12-04'
    await makeResident(rt, a, { sex: 'L', birthDate: '2021-12-05', dusun: 'I' }) // 4 years old: 0–4
    await makeResident(rt, a, { sex: 'P', birthDate: '2021-12-04', dusun: 'II' }) // turns 5 today: 5–9
    await makeResident(rt, a, { sex: 'P', birthDate: '1940-01-01', religion: 'Kristen', dusun: 'II' }) // 75+
    await makeResident(rt, a, { sex: 'L', birthDate: '1990-01-01', status: 'meninggal' })
    await makeResident(rt, b, { sex: 'L', birthDate: '1990-01-01' })
    const s = await populationStatistics(rt, a, today)
    expect(s.total).toBe(3)
    expect(s.bySex).toEqual(expect.arrayContaining([{ label: 'Laki-laki', value: 1 }, { label: 'Perempuan', value: 2 }]))
    expect(s.pyramid[0]).toEqual({ group: '0–4', male: 1, female: 0 })
    expect(s.pyramid[1]).toEqual({ group: '5–9', male: 0, female: 1 })
    expect(s.pyramid[15]).toEqual({ group: '75+', male: 0, female: 1 })
    expect(s.religion).toEqual([{ label: 'Islam', value: 2 }, { label: 'Kristen', value: 1 }])
    expect(s.area).toEqual([{ label: 'Dusun I', value: 1 }, { label: 'Dusun II', value: 2 }])
    expect(s.status.find((x) => x.label === 'Meninggal')?.value).toBe(1)
    const d = await populationStatistics(rt, '63.07.06', today)
    expect(d.total).toBe(4)
    expect(d.area).toEqual([{ label: 'Banua Jingah', value: 3 }, { label: 'Mandingin', value: 1 }])
    const r = await populationStatistics(rt, '63.07', today)
    expect(r.area).toEqual([{ label: 'Barabai', value: 4 }])
    expect(JSON.stringify(r)).not.toMatch(/\d{16}/)
  })
})
