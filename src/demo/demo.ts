import { createHmac } from 'node:crypto'
import type { Deps } from '../deps.ts'
import { SYSTEM_META } from '../auth/actor.ts'
import { createStaffUser, getStaffActor } from '../auth/staff.service.ts'
import { findStaffByUsername } from '../auth/staff.repository.ts'
import type { Role } from '../auth/role.ts'
import { enableVillage, updateVillageSettings } from '../tenancy/village.service.ts'
import { findVillage } from '../tenancy/village.repository.ts'
import { settingsFormOf } from '../tenancy/village.ts'
import { portalDemoStep } from '../portal/portal.demo.ts'
import { citizenDemoStep } from '../citizens/citizen.demo.ts'
import { residentDemoStep } from '../residents/residents.demo.ts'
import { signingDemoStep } from '../signing/signing.demo.ts'
import { servicesDemoStep } from '../services/services.demo.ts'

/** The four model villages of Sapa Si Gadis (Kecamatan Barabai), with fictional office data. */
export const MODEL_VILLAGES = [
  { code: '63.07.06.2010', slug: 'mandingin', headName: 'H. Ahmad Rasyidi', address: 'Jl. Mandingin RT 02, Barabai', phone: '0517-41001' },
  { code: '63.07.06.2014', slug: 'banuajingah', headName: 'Muhammad Noor', address: 'Jl. Banua Jingah No. 1, Barabai', phone: '0517-41002' },
  { code: '63.07.06.2017', slug: 'awangbesar', headName: 'Hj. Siti Rahmah', address: 'Jl. Awang Besar RT 01, Barabai', phone: '0517-41003' },
  { code: '63.07.06.2018', slug: 'bakapas', headName: 'Abdul Hamid', address: 'Jl. Bakapas RT 03, Barabai', phone: '0517-41004' },
] as const

export interface DemoAccount { username: string; password: string; role: Role; scope: string; name: string }
export interface DemoResult {
  villages: { code: string; name: string }[]
  accounts: DemoAccount[]
  [extra: string]: unknown
}

/**
 * A later capability adds its demo data (residents, PINs, certificates, news) as a step; each
 * step is idempotent and may add keys to the JSON result.
 */
export type DemoStep = (deps: Deps, result: DemoResult) => Promise<void>

/**
 * Demo passwords are derived from the installation secret, so running the demo again gives the
 * same accounts and passwords (idempotent) while nobody can guess them from the code.
 */
export function demoPassword(secret: string, username: string): string {
  return createHmac('sha256', secret).update(`demo:${username}`).digest('base64url').replace(/[-_]/g, 'x').slice(0, 16)
}

async function ensureAccount(deps: Deps, a: Omit<DemoAccount, 'password'>): Promise<DemoAccount> {
  const password = demoPassword(deps.config.secret, a.username)
  if (!(await findStaffByUsername(deps.db, a.username))) {
    await createStaffUser(deps, { kind: 'system', name: 'demo' }, SYSTEM_META, { username: a.username, displayName: a.name, role: a.role, scope: a.scope, password })
  }

  return { ...a, password }
}

const platformStep: DemoStep = async (deps, result) => {
  const system = { kind: 'system' as const, name: 'demo' }
  result.accounts.push(await ensureAccount(deps, { username: 'admin.hst', role: 'regency_admin', scope: deps.config.regency, name: 'Admin Kabupaten HST' }))
  result.accounts.push(await ensureAccount(deps, { username: 'camat.barabai', role: 'district_viewer', scope: '63.07.06', name: 'Camat Barabai' }))
  for (const m of MODEL_VILLAGES) {
    let village = await findVillage(deps.db, m.code)
    if (!village) {
      village = await enableVillage(deps, system, SYSTEM_META, m.code)
    }
    if (!village.headName) {
      const admin = await ensureAccount(deps, { username: `admin.${m.slug}`, role: 'village_admin', scope: m.code, name: `Admin ${village.name}` })
      const actor = await getStaffActor(deps, (await findStaffByUsername(deps.db, admin.username))!.id)
      village = await updateVillageSettings(deps, actor ?? null, SYSTEM_META, m.code, {
        ...settingsFormOf(village),
        headName: m.headName,
        address: m.address,
        postalCode: '71314',
        phone: m.phone,
        email: `desa.${m.slug}@hstkab.go.id`,
      })
    }
    result.villages.push({ code: village.code, name: village.name })
    result.accounts.push(await ensureAccount(deps, { username: `admin.${m.slug}`, role: 'village_admin', scope: m.code, name: `Admin ${village.name}` }))
    result.accounts.push(await ensureAccount(deps, { username: `pembakal.${m.slug}`, role: 'head', scope: m.code, name: m.headName }))
    result.accounts.push(await ensureAccount(deps, { username: `sekdes.${m.slug}`, role: 'secretary', scope: m.code, name: `Sekretaris Desa ${village.name}` }))
    result.accounts.push(await ensureAccount(deps, { username: `operator.${m.slug}`, role: 'operator', scope: m.code, name: `Operator ${village.name}` }))
  }
}

/** Every demo step, in order. Capabilities append theirs. */
// citizenDemoStep needs the residents' demo data: keep it after the residents' step.
export const DEMO_STEPS: DemoStep[] = [platformStep, residentDemoStep, portalDemoStep, citizenDemoStep, signingDemoStep, servicesDemoStep]

export async function runDemo(deps: Deps, steps: DemoStep[] = DEMO_STEPS): Promise<DemoResult> {
  const result: DemoResult = { villages: [], accounts: [] }
  for (const step of steps) await step(deps, result)

  return result
}
