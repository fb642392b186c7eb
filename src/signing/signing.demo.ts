import type { Deps } from '../deps.ts'
import { SYSTEM_META } from '../auth/actor.ts'
import { findStaffByUsername } from '../auth/staff.repository.ts'
import { demoPassword, MODEL_VILLAGES, type DemoResult, type DemoStep } from '../demo/demo.ts'
import { certificateState, getActiveCa, initCa, issueCertificate } from './certificate.service.ts'
import { listHolderCertificates } from './signing.repository.ts'

const SYSTEM = { kind: 'system' as const, name: 'demo' }

/** Demo passphrases come from the installation secret, like demo passwords: stable, unguessable. */
export const demoCaPassphrase = (secret: string) => demoPassword(secret, 'tte:ca')
export const demoHolderPassphrase = (secret: string, username: string) => demoPassword(secret, `tte:${username}`)

/**
 * The regency CA and an active signing certificate for each model village's head, so the path
 * request → approve → sign → download can be scripted. `--json` shows each head's "passphrase".
 */
export const signingDemoStep: DemoStep = async (deps: Deps, result: DemoResult) => {
  const caPassphrase = demoCaPassphrase(deps.config.secret)
  if (!(await getActiveCa(deps))) await initCa(deps, SYSTEM, SYSTEM_META, { passphrase: caPassphrase })
  for (const m of MODEL_VILLAGES) {
    const username = `pembakal.${m.slug}`
    const user = await findStaffByUsername(deps.db, username)
    if (!user) continue
    const passphrase = demoHolderPassphrase(deps.config.secret, username)
    const certs = await listHolderCertificates(deps.db, m.code, user.id)
    if (!certs.some((c) => certificateState(c) === 'aktif')) {
      await issueCertificate(deps, SYSTEM, SYSTEM_META, { username, caPassphrase, holderPassphrase: passphrase })
    }
    const account = result.accounts.find((a) => a.username === username) as (DemoResult['accounts'][number] & { passphrase?: string }) | undefined
    if (account) account.passphrase = passphrase
  }
  result.signing = { caPassphrase, caCertificate: '/pki/ca.crt', crl: '/pki/crl.der' }
}
