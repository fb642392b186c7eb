import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.tsx'
import { createTestRuntime, TEST_DIALECT, type TestRuntime } from './support/db.ts'
import { makeStaff, makeVillage } from './support/factories.ts'
import { TestBrowser } from './support/http.ts'
import { TENANT_ROUTES } from './support/tenant-routes.ts'
import { extraTenantSeeds } from './support/tenant-seeds.ts'

describe(`${TEST_DIALECT}: another village's records answer 404`, () => {
  let rt: TestRuntime
  let app: ReturnType<typeof createApp>
  let own: string
  let other: string
  const browsers: Record<string, TestBrowser> = {}
  const ids: Record<string, string> = {}

  beforeAll(async () => {
    rt = await createTestRuntime()
    app = createApp(rt)
    own = (await makeVillage(rt)).code
    other = (await makeVillage(rt)).code
    Object.assign(ids, await extraTenantSeeds(rt, other))
    for (const role of ['village_admin', 'operator', 'secretary', 'head'] as const) {
      const s = await makeStaff(rt, { role, scope: own })
      browsers[role] = new TestBrowser(app)
      await browsers[role].login(s.username, s.password)
    }
  })
  afterAll(() => rt.close())

  const snapshot = async () => {
    const tables = (await rt.db.introspection.getTables()).map((t) => t.name).filter((n) => !n.startsWith('kysely_') && n !== 'throttles' && n !== 'sessions')
    const out: Record<string, number> = {}
    for (const t of tables) {
      out[t] = Number((await rt.db.selectFrom(t as never).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow() as { n: number }).n)
    }

    return out
  }

  for (const route of TENANT_ROUTES) {
    it(`${route.method} ${route.path}`, async () => {
      const fill = (s: string) => s.replaceAll(':code', other).replace(/:(\w+)/g, (_, k: string) => ids[k] ?? `tidak-ada-${k}`)
      const path = fill(route.path)
      for (const [role, browser] of Object.entries(browsers)) {
        const before = await snapshot()
        const res = route.method === 'GET'
          ? await browser.get(path)
          : await browser.post(path, Object.fromEntries(Object.entries(route.form ?? {}).map(([k, v]) => [k, fill(v)])))
        expect(res.status, `${role} ${route.method} ${path}`).toBe(404)
        expect(await snapshot()).toEqual(before)
      }
    })
  }
})
