import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { createTestRuntime, TEST_DIALECT, type TestRuntime } from '../../test/support/db.ts'
import { migrateDownAll, migrateToLatest } from './migrate.ts'
import { MIGRATIONS } from './migrations/index.ts'
import { syncRegions } from '../tenancy/region.service.ts'
import { countRegions } from '../tenancy/region.repository.ts'

describe(`${TEST_DIALECT}: migrations`, () => {
  let rt: TestRuntime
  beforeAll(async () => {
    rt = await createTestRuntime({ migrate: false })
  })
  afterAll(() => rt.close())

  it('run up, down and up again', async () => {
    const up = await migrateToLatest(rt.db)
    expect(up).toEqual(Object.keys(MIGRATIONS))
    expect(await migrateToLatest(rt.db)).toEqual([])
    const down = await migrateDownAll(rt.db)
    expect(down).toHaveLength(Object.keys(MIGRATIONS).length)
    const tables = await rt.db.introspection.getTables()
    expect(tables.map((t) => t.name).filter((n) => !n.startsWith('kysely_'))).toEqual([])
    expect(await migrateToLatest(rt.db)).toEqual(Object.keys(MIGRATIONS))
  })

  it('loads every region code of Kalimantan Selatan, once', async () => {
    expect(await syncRegions(rt.db)).toBe(2186)
    await syncRegions(rt.db)
    expect(await countRegions(rt.db)).toBe(2186)
    const r = await sql<{ n: number }>`select count(*) as n from regions where code like '63.07.%' and level in ('desa', 'kelurahan')`.execute(rt.db)
    expect(Number(r.rows[0].n)).toBe(169)
  })
})
