import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app.tsx'
import { createTestRuntime, TEST_DIALECT, type TestRuntime } from '../../test/support/db.ts'
import { makeResident, makeStaff, makeVillage } from '../../test/support/factories.ts'
import { api } from '../../test/support/http.ts'
import type { DemoResult } from '../demo/demo.ts'
import { citizenDemoStep, type DemoResident } from './citizen.demo.ts'

describe(`${TEST_DIALECT}: citizen demo step`, () => {
  let rt: TestRuntime
  let result: () => DemoResult

  beforeAll(async () => {
    rt = await createTestRuntime()
    const village = await makeVillage(rt)
    const admin = await makeStaff(rt, { role: 'village_admin', scope: village.code })
    for (let i = 0; i < 6; i++) await makeResident(rt, village.code)
    result = () => ({
      villages: [{ code: village.code, name: village.name }],
      accounts: [{ username: admin.username, password: admin.password, role: 'village_admin', scope: village.code, name: 'Admin' }],
    })
  })
  afterAll(() => rt.close())

  it('gives a few residents a working PIN, the same on every run, without duplicates', async () => {
    const first = result()
    await citizenDemoStep(rt, first)
    const residents = first.residents as DemoResident[]
    expect(residents).toHaveLength(4)
    const second = result()
    await citizenDemoStep(rt, second)
    expect(second.residents).toEqual(residents)
    const n = await rt.db.selectFrom('citizen_accounts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
    expect(Number(n.n)).toBe(4)
    const app = createApp(rt)
    for (const [i, r] of residents.entries()) {
      const login = await api(app, 'POST', '/api/v1/citizen/session', { body: { nik: r.nik, pin: r.pin }, ip: `192.0.2.${i + 1}` })
      expect(login.status).toBe(200)
      expect(login.json.citizen.name).toBe(r.name)
    }
  })
})
