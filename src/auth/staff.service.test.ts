import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestRuntime, TEST_DIALECT, type TestRuntime } from '../../test/support/db.ts'
import { makeStaff, makeVillage } from '../../test/support/factories.ts'
import { authenticateStaff, changeOwnPassword, createStaffUser } from './staff.service.ts'
import { SYSTEM_META } from './actor.ts'

const meta = (ip: string) => ({ ip, userAgent: 'vitest' })

describe(`${TEST_DIALECT}: staff accounts`, () => {
  let rt: TestRuntime
  let village: string
  beforeAll(async () => {
    rt = await createTestRuntime()
    village = (await makeVillage(rt)).code
  })
  afterAll(() => rt.close())

  it('stores scrypt hashes, never the password', async () => {
    const { username, password } = await makeStaff(rt, { role: 'operator', scope: village })
    const row = await rt.db.selectFrom('staff_users').selectAll().where('username', '=', username).executeTakeFirstOrThrow()
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/)
    expect(row.password_hash).not.toContain(password)
  })

  it('gives the same answer for an unknown user and a wrong password', async () => {
    const { username } = await makeStaff(rt, { role: 'operator', scope: village })
    const a = await authenticateStaff(rt, meta('10.0.0.1'), 'tidak-ada', 'x').catch((e) => e)
    const b = await authenticateStaff(rt, meta('10.0.0.1'), username, 'salah').catch((e) => e)
    expect(a.code).toBe('UNAUTHENTICATED')
    expect(b.code).toBe('UNAUTHENTICATED')
    expect(a.userMessage).toBe(b.userMessage)
  })

  it('locks an account after 5 failures, even for the right password', async () => {
    const { username, password } = await makeStaff(rt, { role: 'operator', scope: village })
    for (let i = 0; i < 5; i++) {
      await expect(authenticateStaff(rt, meta(`10.1.0.${i}`), username, 'salah')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' })
    }
    await expect(authenticateStaff(rt, meta('10.1.1.1'), username, password)).rejects.toMatchObject({ code: 'LOCKED', status: 429 })
    const failures = await rt.db.selectFrom('audit_events').selectAll().where('action', '=', 'staff.login_failed').where('ip', 'like', '10.1.0.%').execute()
    expect(failures).toHaveLength(5)
  })

  it('locks a client address after 20 failures across accounts', async () => {
    const { username, password } = await makeStaff(rt, { role: 'operator', scope: village })
    for (let i = 0; i < 20; i++) await authenticateStaff(rt, meta('10.2.0.1'), `orang${i}`, 'salah').catch(() => {})
    await expect(authenticateStaff(rt, meta('10.2.0.1'), username, password)).rejects.toMatchObject({ code: 'LOCKED' })
    await expect(authenticateStaff(rt, meta('10.2.0.2'), username, password)).resolves.toMatchObject({ username })
  })

  it('changes a password only with the current one and a strong new one', async () => {
    const { actor, username, password } = await makeStaff(rt, { role: 'head', scope: village })
    await expect(changeOwnPassword(rt, actor, SYSTEM_META, { current: 'salah', next: 'sandi-baru-kuat-1', confirm: 'sandi-baru-kuat-1' })).rejects.toMatchObject({ fields: { current: 'Kata sandi lama salah.' } })
    await expect(changeOwnPassword(rt, actor, SYSTEM_META, { current: password, next: '123', confirm: '123' })).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    await expect(changeOwnPassword(rt, actor, SYSTEM_META, { current: password, next: 'sandi-baru-kuat-1', confirm: 'lain' })).rejects.toMatchObject({ fields: { confirm: expect.any(String) } })
    await changeOwnPassword(rt, actor, SYSTEM_META, { current: password, next: 'sandi-baru-kuat-1', confirm: 'sandi-baru-kuat-1' })
    await expect(authenticateStaff(rt, meta('10.3.0.1'), username, 'sandi-baru-kuat-1')).resolves.toMatchObject({ username })
  })

  it('refuses unknown roles, scopes that do not fit, villages not live, and taken names', async () => {
    const sys = { kind: 'system' as const, name: 't' }
    const base = { username: 'calon', displayName: 'Calon', password: 'sandi-yang-kuat' }
    await expect(createStaffUser(rt, sys, SYSTEM_META, { ...base, role: 'raja', scope: village })).rejects.toMatchObject({ fields: { role: 'Peran tidak dikenal.' } })
    await expect(createStaffUser(rt, sys, SYSTEM_META, { ...base, role: 'operator', scope: '63.07.06' })).rejects.toMatchObject({ fields: { scope: expect.any(String) } })
    await expect(createStaffUser(rt, sys, SYSTEM_META, { ...base, role: 'operator', scope: '63.07.11.2001' })).rejects.toMatchObject({ fields: { scope: 'Desa belum diaktifkan.' } })
    await createStaffUser(rt, sys, SYSTEM_META, { ...base, role: 'operator', scope: village })
    await expect(createStaffUser(rt, sys, SYSTEM_META, { ...base, role: 'operator', scope: village })).rejects.toMatchObject({ code: 'ALREADY_EXISTS' })
  })

  it('lets a village admin create staff only in their own village', async () => {
    const other = (await makeVillage(rt)).code
    const { actor } = await makeStaff(rt, { role: 'village_admin', scope: village })
    await expect(createStaffUser(rt, actor, SYSTEM_META, { username: 'opbaru', displayName: 'Op', role: 'operator', scope: other })).rejects.toMatchObject({ status: 404 })
    await expect(createStaffUser(rt, actor, SYSTEM_META, { username: 'kabbaru', displayName: 'Kab', role: 'regency_admin', scope: '63.07' })).rejects.toMatchObject({ status: 404 })
    const { password } = await createStaffUser(rt, actor, SYSTEM_META, { username: 'opbaru', displayName: 'Op', role: 'operator', scope: village })
    expect(password).toHaveLength(16)
  })
})
