import { afterAll, beforeAll } from 'vitest'
import { createTestRuntime, type TestRuntime } from '../../test/support/db.ts'
import { makeStaff, makeVillage } from '../../test/support/factories.ts'
import type { StaffActor } from '../auth/actor.ts'

/**
 * The setting most resident tests share: a migrated database, Banua Jingah (A) and Mandingin
 * (B) switched on, and an operator of A. Fields fill in before the first test runs.
 */
export function residentWorld(): { rt: TestRuntime; A: string; B: string; op: StaffActor } {
  const w = {} as { rt: TestRuntime; A: string; B: string; op: StaffActor }
  beforeAll(async () => {
    w.rt = await createTestRuntime()
    w.A = (await makeVillage(w.rt, '63.07.06.2014')).code
    w.B = (await makeVillage(w.rt, '63.07.06.2010')).code
    w.op = (await makeStaff(w.rt, { role: 'operator', scope: w.A })).actor
  })
  afterAll(() => w.rt.close())

  return w
}

