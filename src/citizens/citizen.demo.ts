import type { Deps } from '../deps.ts'
import { SYSTEM_META } from '../auth/actor.ts'
import { findStaffByUsername } from '../auth/staff.repository.ts'
import { getStaffActor } from '../auth/staff.service.ts'
import type { DemoResult } from '../demo/demo.ts'
import { getResidentProfile, listResidents } from '../residents/resident.service.ts'
import { demoPin } from './citizen.ts'
import { ensureActiveAccount } from './citizen.service.ts'

/** How many residents of each model village get a self-service account in the demo. */
const PER_VILLAGE = 4

export interface DemoResident { village: string; nik: string; pin: string; name: string }

/**
 * Demo step: the first adult residents of each model village (as the register lists them) get
 * an active account whose PIN is derived from the installation secret, so a second run gives the
 * same PINs and creates nothing. Adds `residents: [{village, nik, pin, name}]` to the demo JSON.
 * Runs after the residents' demo step; a village without residents is skipped.
 */
export async function citizenDemoStep(deps: Deps, result: DemoResult): Promise<void> {
  const out: DemoResident[] = []
  for (const v of result.villages) {
    const account = result.accounts.find((a) => a.role === 'village_admin' && a.scope === v.code)
    const row = account ? await findStaffByUsername(deps.db, account.username) : undefined
    const admin = row ? await getStaffActor(deps, row.id) : undefined
    if (!admin) continue
    const { rows } = await listResidents(deps, admin, v.code, { status: 'aktif', ageMin: '17' })
    for (const r of rows.slice(0, PER_VILLAGE)) {
      const profile = await getResidentProfile(deps, v.code, r.id)
      if (!profile) continue
      const pin = demoPin(deps.config.secret, profile.nik, profile.birthDate)
      await ensureActiveAccount(deps, { kind: 'system', name: 'demo' }, SYSTEM_META, profile, pin)
      out.push({ village: v.code, nik: profile.nik, pin, name: profile.name })
    }
  }
  result.residents = out
}
