import { SYSTEM_META, type CitizenActor } from '../../src/auth/actor.ts'
import { ensureActiveAccount, loadCitizenActor } from '../../src/citizens/citizen.service.ts'
import { generatePin } from '../../src/citizens/citizen.ts'
import type { Deps } from '../../src/deps.ts'
import type { ResidentProfile } from '../../src/residents/resident.service.ts'
import { makeResident } from './factories.ts'
import type { TestBrowser } from './http.ts'

/**
 * A resident with an active self-service account and a known PIN. Without `resident`, a new
 * resident of the village is created first.
 */
export async function makeCitizen(
  deps: Deps,
  opts: { villageCode: string; resident?: ResidentProfile; pin?: string },
): Promise<{ actor: CitizenActor; nik: string; pin: string; resident: ResidentProfile }> {
  const resident = opts.resident ?? (await makeResident(deps, opts.villageCode))
  const pin = opts.pin ?? generatePin(resident.birthDate)
  const id = await ensureActiveAccount(deps, { kind: 'system', name: 'test' }, SYSTEM_META, resident, pin)
  const actor = await loadCitizenActor(deps, { id: '', kind: 'citizen', subject_id: id, village_code: resident.villageCode, via: 'web', ip: '', user_agent: '', created_at: '', expires_at: '' })
  if (actor?.kind !== 'citizen') throw new Error(`makeCitizen: account of ${resident.nik} is not usable`)

  return { actor, nik: resident.nik, pin, resident }
}

/** Signs a test browser in as a citizen (expects the 303 of a successful sign-in). */
export async function loginCitizen(browser: TestBrowser, nik: string, pin: string): Promise<Response> {
  await browser.get('/warga/masuk')
  const res = await browser.post('/warga/masuk', { nik, pin })
  if (res.status !== 303) throw new Error(`citizen login failed for ${nik}: ${res.status}`)

  return res
}
