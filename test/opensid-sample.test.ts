import { existsSync, readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestRuntime, TEST_DIALECT, type TestRuntime } from './support/db.ts'
import { makeVillage } from './support/factories.ts'
import { SYSTEM_META } from '../src/auth/actor.ts'
import { importResidents } from '../src/residents/import.service.ts'

/**
 * OpenSID's own sample import file (GPL-3.0, not copied into the project): read from the shared
 * folder beside the checkout when it is there (CI has it), skipped on a bare clone.
 */
const SAMPLE = new URL('../../shared/data/opensid/contoh_penduduk.xlsx', import.meta.url)

describe.skipIf(!existsSync(SAMPLE))(`${TEST_DIALECT}: OpenSID's own sample file`, () => {
  let rt: TestRuntime
  beforeAll(async () => {
    rt = await createTestRuntime()
  })
  afterAll(() => rt.close())

  it('imports all 97 residents', async () => {
    const v = (await makeVillage(rt, '63.07.06.2009')).code
    const rep = await importResidents(rt, { kind: 'system', name: 'uji' }, SYSTEM_META, v, new Uint8Array(readFileSync(SAMPLE)), { dryRun: false })
    expect(rep).toEqual({ rows: 97, created: 97, updated: 0, failed: 0, duplicates: 0, errors: [] })
    const n = await rt.db.selectFrom('residents').select((e) => e.fn.countAll().as('n')).where('village_code', '=', v).executeTakeFirstOrThrow()
    expect(Number(n.n)).toBe(97)
  })
})
