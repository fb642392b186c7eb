import { SYSTEM_META, type StaffActor } from '../../src/auth/actor.ts'
import type { Role } from '../../src/auth/role.ts'
import { createStaffUser } from '../../src/auth/staff.service.ts'
import type { Deps } from '../../src/deps.ts'
import { shippedRegions } from '../../src/tenancy/region.service.ts'
import { enableVillage } from '../../src/tenancy/village.service.ts'
import { findVillage } from '../../src/tenancy/village.repository.ts'
import type { Village } from '../../src/tenancy/village.ts'

const SYSTEM = { kind: 'system' as const, name: 'test' }

/** Switches on a village of the regency: the given code, or the next one not yet live. */
export async function makeVillage(deps: Deps, code?: string): Promise<Village> {
  if (code) return (await findVillage(deps.db, code)) ?? enableVillage(deps, SYSTEM, SYSTEM_META, code)
  for (const r of shippedRegions()) {
    if (r.level !== 'desa' || !r.code.startsWith(deps.config.regency + '.')) continue
    if (!(await findVillage(deps.db, r.code))) return enableVillage(deps, SYSTEM, SYSTEM_META, r.code)
  }
  throw new Error('no village left to enable')
}

let counter = 0

/** A staff account with a known password. */
export async function makeStaff(deps: Deps, opts: { role: Role; scope: string; username?: string; password?: string }): Promise<{ actor: StaffActor; username: string; password: string }> {
  counter += 1
  const username = opts.username ?? `${opts.role.replace('_', '')}${counter}${Math.random().toString(36).slice(2, 6)}`
  const password = opts.password ?? 'rahasia-uji-123'
  const { user } = await createStaffUser(deps, SYSTEM, SYSTEM_META, { username, displayName: `Uji ${username}`, role: opts.role, scope: opts.scope, password })

  return { actor: user, username, password }
}
