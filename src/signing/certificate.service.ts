import type { Deps } from '../deps.ts'
import { isVillageCode } from '../tenancy/region.ts'
import type { Actor, RequestMeta } from '../auth/actor.ts'
import type { AuditActor } from '../audit/audit.ts'
import { authorizeScope, authorizeVillage } from '../auth/policy.ts'
import { roleAllows } from '../auth/role.ts'
import { findStaffByUsername } from '../auth/staff.repository.ts'
import { recordAudit } from '../audit/audit.service.ts'
import { regionName } from '../tenancy/region.service.ts'
import { getLiveVillage } from '../tenancy/village.service.ts'
import { AppError, invalidInput, notFound } from '../lib/errors.ts'
import { newId, newToken } from '../lib/ids.ts'
import { nowIso } from '../lib/time.ts'
import { checkNewPassphrase, createCa, createCrl, issueHolderCertificate, openPrivateKey, reencryptKey } from './pki.ts'
import {
  findActiveCa,
  findCertificate,
  insertCa,
  insertCertificate,
  listCertificatesInScope,
  listHolderCertificates,
  listRevokedCertificates,
  retireCas,
  saveCrl,
  updateCertificate,
} from './signing.repository.ts'
import type { SigningCaRow, SigningCertificateRow } from './signing.table.ts'

/**
 * The regency CA and the signing certificates of village heads and their delegates. The CA's
 * passphrase is asked for each time the CA key is needed (issuing, revoking, publishing the
 * CRL); holders' passphrases are set by the holders themselves. Neither is ever stored.
 */
export type SystemActor = { kind: 'system'; name: string }

/** The CLI acts as the system; on the web only the regency admin manages certificates. */
function authorizeCa(deps: Deps, actor: Actor | SystemActor | null): AuditActor {
  if (actor?.kind === 'system') return actor

  return authorizeScope(actor, deps.config.regency, 'certificate.manage')
}

const field = (name: string, message: string) => invalidInput(message, { [name]: message })

export async function getActiveCa(deps: Deps): Promise<SigningCaRow | undefined> {
  return findActiveCa(deps.db)
}

async function requireCa(deps: Deps): Promise<SigningCaRow> {
  const ca = await findActiveCa(deps.db)
  if (!ca) {
    throw new AppError('CONFLICT', { userMessage: 'Otoritas sertifikat kabupaten belum dibuat. Jalankan `npx balai ca init` terlebih dahulu.' })
  }

  return ca
}

async function regencyName(deps: Deps): Promise<string> {
  const name = await regionName(deps.db, deps.config.regency)

  return /^(kabupaten|kota)\b/i.test(name) ? name : `Kabupaten ${name}`
}

/** Creates the regency CA. Refuses when one exists, unless `force` (the old one is kept, retired). */
export async function initCa(deps: Deps, actor: Actor | SystemActor | null, meta: RequestMeta, input: { passphrase: string; force?: boolean; validityYears?: number }): Promise<SigningCaRow> {
  const who = authorizeCa(deps, actor)
  checkNewPassphrase(input.passphrase)
  const existing = await findActiveCa(deps.db)
  if (existing && !input.force) throw new AppError('ALREADY_EXISTS', { userMessage: 'Otoritas sertifikat kabupaten sudah ada. Gunakan --force untuk menggantinya.' })
  const material = await createCa({ regencyName: await regencyName(deps), passphrase: input.passphrase, validityYears: input.validityYears })
  const now = nowIso()
  const row = {
    id: newId(),
    subject: `Otoritas Sertifikat Balai ${await regencyName(deps)}`,
    serial: material.serial,
    cert_pem: material.certPem,
    key_pem: material.keyPem,
    not_before: material.notBefore,
    not_after: material.notAfter,
    active: 1,
    crl_der: Buffer.from(await createCrl({ ca: material, caPassphrase: input.passphrase, entries: [] })).toString('base64'),
    crl_updated_at: now,
    created_at: now,
    created_by: who.kind === 'staff' ? who.username : who.kind === 'system' ? who.name : 'publik',
  }
  await deps.db.transaction().execute(async (trx) => {
    await retireCas(trx)
    await insertCa(trx, row)
    await recordAudit(trx, who, meta, { villageCode: null, action: 'signing.ca_init', entityType: 'signing_ca', entityId: row.id, summary: 'Membuat otoritas sertifikat kabupaten', data: { serial: row.serial, replaced: existing?.id ?? null } })
  })

  return row
}

export interface IssueInput {
  username: string
  title?: string
  validityDays?: number | string
  caPassphrase: string
  /** the holder's own passphrase (CLI, demo); when absent a one-time activation code is made */
  holderPassphrase?: string
}

/** Default signature title: the head's title with the village, e.g. "Pembakal Banua Jingah". */
function defaultTitle(role: string, village: { kind: string; name: string; headTitle: string }): string {
  return role === 'head' ? `${village.headTitle} ${village.name}` : `Sekretaris ${village.kind === 'kelurahan' ? 'Kelurahan' : 'Desa'} ${village.name}`
}

export async function issueCertificate(deps: Deps, actor: Actor | SystemActor | null, meta: RequestMeta, input: IssueInput): Promise<{ certificate: SigningCertificateRow; activationCode: string | null }> {
  const who = authorizeCa(deps, actor)
  const ca = await requireCa(deps)
  const user = input.username ? await findStaffByUsername(deps.db, input.username.trim()) : undefined
  if (!user || !user.active) throw field('username', 'Akun staf tidak ditemukan atau tidak aktif.')
  if (!isVillageCode(user.scope_code) || !roleAllows(user.role as never, 'letter.sign')) {
    throw field('username', 'Sertifikat hanya untuk Kepala Desa atau Sekretaris Desa yang menandatangani surat.')
  }
  const days = input.validityDays === undefined || input.validityDays === '' ? 730 : Number(input.validityDays)
  if (!Number.isInteger(days) || days < 1 || days > 1826) throw field('validityDays', 'Masa berlaku harus 1 sampai 1826 hari.')
  const village = await getLiveVillage(deps, user.scope_code)
  const title = (input.title ?? '').trim() || defaultTitle(user.role, village)
  if (title.length > 120) throw field('title', 'Jabatan paling banyak 120 karakter.')
  if (input.holderPassphrase !== undefined) checkNewPassphrase(input.holderPassphrase, 'holderPassphrase')
  openPrivateKey(ca.key_pem, input.caPassphrase) // wrong CA passphrase → clear message before any work
  const activationCode = input.holderPassphrase === undefined ? newToken(16) : null
  const issued = await issueHolderCertificate({
    ca: { certPem: ca.cert_pem, keyPem: ca.key_pem },
    caPassphrase: input.caPassphrase,
    regencyName: await regencyName(deps),
    subject: { name: user.display_name, title, villageName: village.name, villageCode: village.code },
    holderPassphrase: input.holderPassphrase ?? activationCode!,
    validityDays: days,
  })
  const now = nowIso()
  const row: SigningCertificateRow = {
    id: newId(),
    ca_id: ca.id,
    village_code: village.code,
    staff_user_id: user.id,
    holder_name: user.display_name,
    holder_title: title,
    serial: issued.serial,
    subject: issued.subject,
    cert_pem: issued.certPem,
    key_pem: issued.keyPem,
    status: activationCode ? 'menunggu_aktivasi' : 'aktif',
    not_before: issued.notBefore,
    not_after: issued.notAfter,
    issued_at: now,
    issued_by: who.kind === 'staff' ? who.username : who.kind === 'system' ? who.name : 'publik',
    activated_at: activationCode ? null : now,
    revoked_at: null,
    revoked_reason: null,
    revoked_by: null,
  }
  await deps.db.transaction().execute(async (trx) => {
    await insertCertificate(trx, row)
    await recordAudit(trx, who, meta, { villageCode: village.code, action: 'signing.cert_issue', entityType: 'signing_certificate', entityId: row.id, summary: `Menerbitkan sertifikat tanda tangan untuk ${user.display_name} (${title})`, data: { serial: row.serial, username: user.username, notAfter: row.not_after } })
  })

  return { certificate: row, activationCode }
}

/** The holder replaces the one-time activation code by a passphrase only they know. */
export async function activateCertificate(deps: Deps, actor: Actor | null, meta: RequestMeta, villageCode: string, certificateId: string, input: { activationCode?: string; passphrase?: string; passphraseConfirm?: string }): Promise<void> {
  const staff = authorizeVillage(actor, villageCode, 'letter.sign')
  const cert = await findCertificate(deps.db, certificateId)
  if (!cert || cert.village_code !== villageCode || cert.staff_user_id !== staff.id) throw notFound()
  if (cert.status !== 'menunggu_aktivasi' || cert.revoked_at) throw new AppError('INVALID_TRANSITION', { userMessage: 'Sertifikat ini tidak menunggu aktivasi.' })
  const passphrase = input.passphrase ?? ''
  checkNewPassphrase(passphrase)
  if (passphrase !== (input.passphraseConfirm ?? '')) throw field('passphraseConfirm', 'Konfirmasi frasa sandi tidak sama.')
  let keyPem: string
  try {
    keyPem = reencryptKey(cert.key_pem, (input.activationCode ?? '').trim().toUpperCase(), passphrase)
  } catch {
    throw field('activationCode', 'Kode aktivasi salah.')
  }
  await deps.db.transaction().execute(async (trx) => {
    await updateCertificate(trx, cert.id, { key_pem: keyPem, status: 'aktif', activated_at: nowIso() })
    await recordAudit(trx, staff, meta, { villageCode, action: 'signing.cert_activate', entityType: 'signing_certificate', entityId: cert.id, summary: 'Mengaktifkan sertifikat tanda tangan dengan frasa sandi sendiri', data: { serial: cert.serial } })
  })
}

/** Re-signs the CRL over every revoked certificate of the active CA. */
export async function publishCrl(deps: Deps, caPassphrase: string): Promise<void> {
  const ca = await requireCa(deps)
  const revoked = await listRevokedCertificates(deps.db, ca.id)
  const der = await createCrl({ ca: { certPem: ca.cert_pem, keyPem: ca.key_pem }, caPassphrase, entries: revoked.map((r) => ({ serial: r.serial, revokedAt: r.revoked_at! })) })
  await saveCrl(deps.db, ca.id, Buffer.from(der).toString('base64'), nowIso())
}

export async function revokeCertificate(deps: Deps, actor: Actor | SystemActor | null, meta: RequestMeta, certificateId: string, input: { reason?: string; caPassphrase?: string }): Promise<void> {
  const who = authorizeCa(deps, actor)
  const cert = await findCertificate(deps.db, certificateId)
  if (!cert) throw notFound()
  if (who.kind === 'staff') authorizeScope(who, cert.village_code, 'certificate.manage')
  if (cert.revoked_at) throw new AppError('INVALID_TRANSITION', { userMessage: 'Sertifikat ini sudah dicabut.' })
  const reason = (input.reason ?? '').trim()
  if (reason.length < 5 || reason.length > 300) throw field('reason', 'Alasan pencabutan wajib diisi (5–300 karakter).')
  const ca = await requireCa(deps)
  openPrivateKey(ca.key_pem, input.caPassphrase ?? '')
  const at = nowIso()
  await deps.db.transaction().execute(async (trx) => {
    await updateCertificate(trx, cert.id, { revoked_at: at, revoked_reason: reason, revoked_by: who.kind === 'staff' ? who.username : who.kind === 'system' ? who.name : 'publik' })
    await recordAudit(trx, who, meta, { villageCode: cert.village_code, action: 'signing.cert_revoke', entityType: 'signing_certificate', entityId: cert.id, summary: `Mencabut sertifikat ${cert.holder_name}: ${reason}`, data: { serial: cert.serial, reason } })
  })
  await publishCrl(deps, input.caPassphrase ?? '')
}

export async function listCertificates(deps: Deps, actor: Actor | null, scope: string): Promise<SigningCertificateRow[]> {
  authorizeScope(actor, scope, 'certificate.manage')

  return listCertificatesInScope(deps.db, scope)
}

/** The signed-in holder's own certificates in a village. */
export async function myCertificates(deps: Deps, actor: Actor | null, villageCode: string): Promise<SigningCertificateRow[]> {
  const staff = authorizeVillage(actor, villageCode, 'letter.sign')

  return listHolderCertificates(deps.db, villageCode, staff.id)
}

export type CertificateState = 'menunggu_aktivasi' | 'aktif' | 'dicabut' | 'kedaluwarsa' | 'belum_berlaku'

export function certificateState(c: Pick<SigningCertificateRow, 'status' | 'revoked_at' | 'not_before' | 'not_after'>, at = nowIso()): CertificateState {
  if (c.revoked_at && c.revoked_at <= at) return 'dicabut'
  if (c.not_after < at) return 'kedaluwarsa'
  if (c.not_before > at) return 'belum_berlaku'

  return c.status
}

export const CERTIFICATE_STATE_LABEL: Record<CertificateState, string> = {
  menunggu_aktivasi: 'Menunggu aktivasi',
  aktif: 'Aktif',
  dicabut: 'Dicabut',
  kedaluwarsa: 'Kedaluwarsa',
  belum_berlaku: 'Belum berlaku',
}
