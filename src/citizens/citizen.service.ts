import { createHash } from 'node:crypto'
import type { Deps } from '../deps.ts'
import type { Executor } from '../db/database.ts'
import type { CitizenActor, RequestMeta, Actor, StaffActor } from '../auth/actor.ts'
import type { AuditActor } from '../audit/audit.ts'
import { recordAudit } from '../audit/audit.service.ts'
import { authorizeVillage } from '../auth/policy.ts'
import { dummySecretHash, hashSecret, verifySecret } from '../auth/password.ts'
import type { ActorLoader } from '../auth/session.middleware.ts'
import { deleteSessionsOf } from '../auth/session.repository.ts'
import { assertNotLocked, clearFailures, consumeRate, recordFailure } from '../auth/throttle.service.ts'
import { AppError, invalidInput, isAppError, isUniqueViolation, notFound } from '../lib/errors.ts'
import { newId, newToken } from '../lib/ids.ts'
import { maskNik } from '../lib/mask.ts'
import { nowIso } from '../lib/time.ts'
import { parseInput } from '../lib/validation.ts'
import { queueEmail } from '../notify/notify.service.ts'
import {
  findResidentByNik,
  findResidentByNikAnywhere,
  getResidentProfile,
  listFamilyMembers,
  type ResidentProfile,
} from '../residents/resident.service.ts'
import { getLiveVillage } from '../tenancy/village.service.ts'
import {
  CITIZEN_FORM_RULE,
  CITIZEN_LOGIN_RULE,
  EMAIL_VERIFY_TTL_MS,
  PIN_RESET_TTL_MS,
  PIN_SETUP_TTL_MS,
  STATUS_LABEL,
  generatePin,
  isNik,
  normalizeEmail,
  pinProblem,
} from './citizen.ts'
import {
  consumeToken,
  countAccountsByStatus,
  deleteAccount,
  findAccount,
  findAccountById,
  findAccountByNik,
  findAccountByResident,
  findToken,
  insertAccount,
  insertToken,
  listAccounts,
  retireTokens,
  updateAccount,
} from './citizen.repository.ts'
import type { CitizenAccountRow, CitizenStatus, CitizenTokenPurpose, CitizenTokenRow } from './citizen.table.ts'
import { ZActivation, ZCitizenLogin, ZEmail, ZForgotPin, ZNikLookup, ZPinChange, ZPinSet, ZRegistration } from './citizen.schema.ts'

/**
 * Citizen accounts (layanan mandiri): a resident signs in with their NIK and a 6-digit PIN.
 * PINs are issued at the office (printed on a slip) or after a self-registration that matches
 * the register and is activated by an operator. Staff functions authorize first; every change
 * and its audit event share one transaction; PINs and tokens never reach the audit trail.
 */

const SAME_ANSWER = 'NIK atau PIN salah, atau akun belum aktif.'
const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex')

/** Only residents still living in the village may use the self-service. */
const residentMayUse = (r: ResidentProfile | undefined): r is ResidentProfile => r?.status === 'aktif'

function toActor(account: CitizenAccountRow, resident: ResidentProfile): CitizenActor {
  return { kind: 'citizen', id: account.id, residentId: resident.id, nik: resident.nik, name: resident.name, villageCode: account.village_code }
}

async function activeActor(deps: Deps, account: CitizenAccountRow | undefined): Promise<CitizenActor | undefined> {
  if (!account || account.status !== 'active' || !account.pin_hash) return undefined
  const resident = await getResidentProfile(deps, account.village_code, account.resident_id)

  return residentMayUse(resident) ? toActor(account, resident) : undefined
}

/** The ActorLoader for citizen sessions (web cookie and API bearer). */
export const loadCitizenActor: ActorLoader = async (deps, session) =>
  session.kind === 'citizen' ? activeActor(deps, await findAccountById(deps.db, session.subject_id)) : undefined

const loginKeys = (nik: string, ip: string) => [`citizen-login:nik:${nik}`, `citizen-login:ip:${ip}`]

const LOCKED_MESSAGE = 'Terlalu banyak percobaan yang gagal. Masuk dengan NIK ini atau dari perangkat ini dikunci sementara selama 15 menit. Jika lupa PIN, gunakan menu Lupa PIN atau datang ke kantor desa.'

async function assertLoginOpen(deps: Deps, keys: string[]): Promise<void> {
  try {
    await assertNotLocked(deps.db, keys)
  } catch (e) {
    throw isAppError(e) && e.code === 'LOCKED' ? new AppError('LOCKED', { userMessage: LOCKED_MESSAGE }) : e
  }
}

/**
 * Checks a NIK and PIN. Unknown NIK, wrong PIN and an inactive account give the same answer
 * and take the same time. Five failures lock the NIK and, separately, the client address; a
 * locked key refuses even the right PIN until the lock ends.
 * @throws INVALID_INPUT empty fields  @throws UNAUTHENTICATED  @throws LOCKED
 */
export async function authenticateCitizen(deps: Deps, meta: RequestMeta, input: unknown): Promise<CitizenActor> {
  const s = parseInput(ZCitizenLogin, input)
  const nik = s.nik.replace(/\s+/g, '')
  const keys = loginKeys(nik, meta.ip)
  await assertLoginOpen(deps, keys)
  const account = isNik(nik) ? await findAccountByNik(deps.db, nik) : undefined
  const ok = await verifySecret(s.pin, account?.pin_hash ?? (await dummySecretHash()))
  const actor = ok ? await activeActor(deps, account) : undefined
  if (!actor || !account) {
    await deps.db.transaction().execute(async (trx) => {
      await recordFailure(trx, keys.map((key) => ({ key, rule: CITIZEN_LOGIN_RULE })))
      await recordAudit(trx, { kind: 'public' }, meta, {
        villageCode: account?.village_code ?? null,
        action: 'citizen.login_failed',
        entityType: 'citizen_account',
        entityId: account?.id ?? null,
        summary: `Percobaan masuk warga gagal untuk NIK ${maskNik(nik.slice(0, 16))}`,
      })
    })
    throw new AppError('UNAUTHENTICATED', { userMessage: SAME_ANSWER })
  }
  await deps.db.transaction().execute(async (trx) => {
    await clearFailures(trx, [keys[0]])
    await updateAccount(trx, account.village_code, account.id, { last_login_at: nowIso() })
  })

  return actor
}

// ---------------------------------------------------------------------------------------------
// Staff: accounts of a village

export interface CitizenAccountView {
  id: string
  residentId: string
  name: string
  maskedNik: string
  status: CitizenStatus
  statusLabel: string
  origin: 'office' | 'self'
  email: string | null
  emailVerified: boolean
  lastLoginAt: string | null
  createdAt: string
  activatedAt: string | null
}

async function viewOf(deps: Deps, row: CitizenAccountRow): Promise<CitizenAccountView> {
  const resident = await getResidentProfile(deps, row.village_code, row.resident_id)

  return {
    id: row.id,
    residentId: row.resident_id,
    name: resident?.name ?? '(tidak ada di register)',
    maskedNik: maskNik(row.nik),
    status: row.status,
    statusLabel: STATUS_LABEL[row.status],
    origin: row.origin,
    email: row.email,
    emailVerified: row.email_verified_at !== null,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
    activatedAt: row.activated_at,
  }
}

export const ACCOUNTS_PAGE_SIZE = 50

export async function listCitizenAccounts(
  deps: Deps,
  actor: Actor | null,
  villageCode: string,
  q: { status?: CitizenStatus; page?: number } = {},
): Promise<{ accounts: CitizenAccountView[]; counts: Record<CitizenStatus, number>; hasNext: boolean }> {
  authorizeVillage(actor, villageCode, 'citizen.manage')
  const page = Math.max(1, q.page ?? 1)
  const rows = await listAccounts(deps.db, villageCode, { status: q.status, limit: ACCOUNTS_PAGE_SIZE + 1, offset: (page - 1) * ACCOUNTS_PAGE_SIZE })
  const accounts = await Promise.all(rows.slice(0, ACCOUNTS_PAGE_SIZE).map((r) => viewOf(deps, r)))

  return { accounts, counts: await countAccountsByStatus(deps.db, villageCode), hasNext: rows.length > ACCOUNTS_PAGE_SIZE }
}

/** Figures for the village's staff home: active accounts and registrations waiting for an operator. */
export async function citizenTiles(deps: Deps, villageCode: string): Promise<{ label: string; value: number; href?: string }[]> {
  const counts = await countAccountsByStatus(deps.db, villageCode)

  return [
    { label: 'Akun layanan mandiri aktif', value: counts.active, href: `/staf/desa/${villageCode}/warga?status=active` },
    { label: 'Pendaftaran warga menunggu aktivasi', value: counts.pending, href: `/staf/desa/${villageCode}/warga?status=pending` },
  ]
}

/** What the office hands over on a PIN slip. The PIN exists only here, never in storage. */
export interface PinSlip {
  accountId: string
  villageCode: string
  name: string
  maskedNik: string
  pin: string
  issuedAt: string
  reason: 'new' | 'reset' | 'activation'
}

type AuditWho = AuditActor

async function setPin(
  trx: Executor,
  account: Pick<CitizenAccountRow, 'id' | 'village_code' | 'nik'>,
  pinHash: string,
  now: string,
  extra: Partial<CitizenAccountRow> = {},
  keepSession?: string,
): Promise<void> {
  await updateAccount(trx, account.village_code, account.id, { pin_hash: pinHash, pin_changed_at: now, updated_at: now, ...extra })
  await deleteSessionsOf(trx, 'citizen', account.id, keepSession)
  // A fresh PIN lifts the lock on the NIK: the office has just checked who this is.
  await clearFailures(trx, [`citizen-login:nik:${account.nik}`])
}

/**
 * Issues a PIN at the office for a resident of the village found by NIK: creates the account
 * when there is none, otherwise replaces the PIN (also activating a pending registration or
 * re-enabling a disabled account). Ends the account's sessions. Returns the slip to print.
 * @throws INVALID_INPUT bad NIK, NIK not in this village's register, resident no longer living here
 */
export async function issuePinAtOffice(deps: Deps, actor: Actor | null, meta: RequestMeta, villageCode: string, input: unknown): Promise<PinSlip> {
  const staff = authorizeVillage(actor, villageCode, 'citizen.manage')
  const { nik } = parseInput(ZNikLookup, input)
  const resident = await findResidentByNik(deps, villageCode, nik)
  if (!resident) {
    throw invalidInput('NIK tersebut tidak terdaftar sebagai penduduk desa ini.', { nik: 'NIK tidak ditemukan di register penduduk desa ini.' })
  }
  if (!residentMayUse(resident)) {
    throw invalidInput('Penduduk ini tidak berstatus aktif di register, sehingga tidak dapat diberi akun layanan mandiri.', { nik: 'Status penduduk bukan aktif.' })
  }
  const pin = generatePin(resident.birthDate)
  const pinHash = await hashSecret(pin)
  const now = nowIso()
  const existing = await findAccountByResident(deps.db, villageCode, resident.id)
  const accountId = existing?.id ?? newId()
  const reason: PinSlip['reason'] = !existing ? 'new' : existing.status === 'pending' ? 'activation' : 'reset'
  try {
    await deps.db.transaction().execute(async (trx) => {
      if (existing) {
        await setPin(trx, existing, pinHash, now, { status: 'active', activated_at: existing.activated_at ?? now })
      } else {
        await insertAccount(trx, {
          id: accountId, village_code: villageCode, resident_id: resident.id, nik: resident.nik, pin_hash: pinHash,
          status: 'active', origin: 'office', email: resident.email, email_verified_at: null, pin_changed_at: now,
          last_login_at: null, activated_at: now, created_at: now, updated_at: now,
        })
        await clearFailures(trx, [`citizen-login:nik:${resident.nik}`])
      }
      await recordAudit(trx, staff, meta, {
        villageCode,
        action: reason === 'reset' ? 'citizen.pin_reset' : 'citizen.pin_issue',
        entityType: 'citizen_account',
        entityId: accountId,
        summary: `${reason === 'reset' ? 'Mengatur ulang' : 'Menerbitkan'} PIN layanan mandiri untuk ${resident.name} (${maskNik(resident.nik)}) di kantor`,
        data: { residentId: resident.id, reason },
      })
    })
  } catch (e) {
    if (isUniqueViolation(e)) throw invalidInput('NIK ini sudah memiliki akun di desa lain.', { nik: 'NIK sudah memiliki akun.' })
    throw e
  }

  return { accountId, villageCode, name: resident.name, maskedNik: maskNik(resident.nik), pin, issuedAt: now, reason }
}

/**
 * Activates a self-registration. With `delivery: 'slip'` a PIN is generated and returned for
 * printing; with `delivery: 'email'` (only when the address is verified) the resident receives
 * a single-use link to choose their own PIN, so no PIN ever travels by email.
 * @throws NOT_FOUND account not in this village  @throws INVALID_TRANSITION not pending
 * @throws INVALID_INPUT email delivery without a verified address
 */
export async function activateRegistration(
  deps: Deps,
  actor: Actor | null,
  meta: RequestMeta,
  villageCode: string,
  accountId: string,
  input: unknown,
): Promise<{ slip: PinSlip | null; emailedTo: string | null }> {
  const { staff, account } = await accountForStaff(deps, actor, villageCode, accountId)
  const { delivery } = parseInput(ZActivation, input)
  if (account.status !== 'pending') throw new AppError('INVALID_TRANSITION', { userMessage: 'Akun ini tidak sedang menunggu aktivasi.' })
  const resident = await getResidentProfile(deps, villageCode, account.resident_id)
  if (!residentMayUse(resident)) {
    throw invalidInput('Penduduk ini tidak berstatus aktif di register, sehingga akun tidak dapat diaktifkan.')
  }
  const now = nowIso()
  const summary = `Mengaktifkan pendaftaran layanan mandiri ${resident.name} (${maskNik(resident.nik)})`
  if (delivery === 'slip') {
    const pin = generatePin(resident.birthDate)
    const pinHash = await hashSecret(pin)
    await deps.db.transaction().execute(async (trx) => {
      await setPin(trx, account, pinHash, now, { status: 'active', activated_at: now })
      await recordAudit(trx, staff, meta, { villageCode, action: 'citizen.activate', entityType: 'citizen_account', entityId: account.id, summary: `${summary}; PIN diserahkan lewat slip`, data: { delivery } })
    })

    return { slip: { accountId, villageCode, name: resident.name, maskedNik: maskNik(resident.nik), pin, issuedAt: now, reason: 'activation' }, emailedTo: null }
  }
  const verifiedEmail = account.email_verified_at ? account.email : null
  if (!verifiedEmail) {
    throw invalidInput('Alamat surel warga belum terverifikasi. Serahkan PIN melalui slip di kantor.', { delivery: 'Surel belum terverifikasi.' })
  }
  await deps.db.transaction().execute(async (trx) => {
    await updateAccount(trx, villageCode, account.id, { status: 'active', activated_at: now, updated_at: now })
    const token = await createToken(trx, account, 'reset_pin', PIN_SETUP_TTL_MS, null)
    await queueLinkEmail(deps, trx, {
      villageCode,
      to: verifiedEmail,
      subject: 'Akun layanan mandiri Anda telah diaktifkan',
      name: resident.name,
      intro: 'Pendaftaran akun layanan mandiri Anda telah diperiksa dan diaktifkan oleh petugas desa. Buat PIN Anda (6 angka) melalui tautan berikut; tautan hanya dapat dipakai sekali dan berlaku 72 jam.',
      path: `/warga/atur-pin?token=${token}`,
      outro: 'Jika Anda tidak merasa mendaftar, abaikan surel ini dan hubungi kantor desa.',
    })
    await recordAudit(trx, staff, meta, { villageCode, action: 'citizen.activate', entityType: 'citizen_account', entityId: account.id, summary: `${summary}; tautan pembuatan PIN dikirim ke surel`, data: { delivery } })
  })

  return { slip: null, emailedTo: verifiedEmail }
}

/** Authorizes staff on the village, then finds the account there (another village's answers 404). */
async function accountForStaff(deps: Deps, actor: Actor | null, villageCode: string, accountId: string): Promise<{ staff: StaffActor; account: CitizenAccountRow }> {
  const staff = authorizeVillage(actor, villageCode, 'citizen.manage')
  const account = await findAccount(deps.db, villageCode, accountId)
  if (!account) throw notFound()

  return { staff, account }
}

/** Refuses a self-registration (for example when the person at the counter is not the resident). */
export async function rejectRegistration(deps: Deps, actor: Actor | null, meta: RequestMeta, villageCode: string, accountId: string): Promise<void> {
  const { staff, account } = await accountForStaff(deps, actor, villageCode, accountId)
  if (account.status !== 'pending') throw new AppError('INVALID_TRANSITION', { userMessage: 'Hanya pendaftaran yang menunggu aktivasi yang dapat ditolak.' })
  await deps.db.transaction().execute(async (trx) => {
    await deleteAccount(trx, villageCode, account.id)
    await recordAudit(trx, staff, meta, { villageCode, action: 'citizen.reject', entityType: 'citizen_account', entityId: account.id, summary: `Menolak pendaftaran layanan mandiri NIK ${maskNik(account.nik)}`, data: { residentId: account.resident_id } })
  })
}

/** Switches an account off and ends its sessions; issuing a new PIN switches it on again. */
export async function disableAccount(deps: Deps, actor: Actor | null, meta: RequestMeta, villageCode: string, accountId: string): Promise<void> {
  const { staff, account } = await accountForStaff(deps, actor, villageCode, accountId)
  if (account.status !== 'active') throw new AppError('INVALID_TRANSITION', { userMessage: 'Hanya akun aktif yang dapat dinonaktifkan.' })
  await deps.db.transaction().execute(async (trx) => {
    await updateAccount(trx, villageCode, account.id, { status: 'disabled', updated_at: nowIso() })
    await deleteSessionsOf(trx, 'citizen', account.id)
    await recordAudit(trx, staff, meta, { villageCode, action: 'citizen.disable', entityType: 'citizen_account', entityId: account.id, summary: `Menonaktifkan akun layanan mandiri NIK ${maskNik(account.nik)}` })
  })
}

// ---------------------------------------------------------------------------------------------
// Public: self-registration, email links

const linkTo = (deps: Deps, path: string) => deps.config.publicUrl.replace(/\/$/, '') + path

async function createToken(trx: Executor, account: CitizenAccountRow, purpose: CitizenTokenPurpose, ttlMs: number, email: string | null): Promise<string> {
  const now = Date.now()
  const token = newToken(32)
  await retireTokens(trx, account.id, purpose, new Date(now).toISOString())
  await insertToken(trx, {
    id: hashToken(token),
    account_id: account.id,
    village_code: account.village_code,
    purpose,
    email,
    created_at: new Date(now).toISOString(),
    expires_at: new Date(now + ttlMs).toISOString(),
    used_at: null,
  })

  return token
}

/** One email carrying a single-use link; only the outbox and the recipient ever see the token. */
async function queueLinkEmail(
  deps: Deps,
  trx: Executor,
  m: { villageCode: string; to: string; subject: string; name: string; intro: string; path: string; outro: string },
): Promise<void> {
  await queueEmail(trx, {
    villageCode: m.villageCode,
    to: m.to,
    subject: m.subject,
    text: [`Yth. ${m.name},`, '', m.intro, '', linkTo(deps, m.path), '', m.outro].join('\n'),
  })
}

async function queueEmailVerification(deps: Deps, trx: Executor, account: CitizenAccountRow, email: string, name: string): Promise<void> {
  const token = await createToken(trx, account, 'verify_email', EMAIL_VERIFY_TTL_MS, email)
  // Mail only, never the dashboard: whoever holds the link must prove they read this mailbox.
  await queueLinkEmail(deps, trx, {
    villageCode: account.village_code,
    to: email,
    subject: 'Verifikasi alamat surel layanan mandiri',
    name,
    intro: 'Alamat surel ini didaftarkan pada akun layanan mandiri desa. Untuk memastikan surel ini milik Anda, buka tautan berikut (berlaku 48 jam):',
    path: `/warga/verifikasi-surel?token=${token}`,
    outro: 'Jika Anda tidak merasa mendaftarkan alamat ini, abaikan surel ini.',
  })
}

const REGISTER_MISMATCH = 'Data tidak cocok dengan register penduduk. Periksa kembali NIK, nomor KK dan tanggal lahir sesuai Kartu Keluarga, atau datang ke kantor desa.'

/**
 * A resident registers online. NIK, KK number and birth date must all match the register;
 * the account then waits, without a PIN, until an operator activates it. An optional email
 * gets a verification link at once, so the PIN link can go there on activation.
 * @throws INVALID_INPUT bad fields or data that do not match (nothing is created)
 * @throws ALREADY_EXISTS the resident already has an account  @throws RATE_LIMITED
 */
export async function registerSelf(deps: Deps, meta: RequestMeta, input: unknown): Promise<{ villageCode: string; villageName: string; emailQueued: boolean }> {
  const s = parseInput(ZRegistration, input)
  await consumeRate(deps.db, `citizen-register:ip:${meta.ip}`, CITIZEN_FORM_RULE)
  const resident = await findResidentByNikAnywhere(deps, s.nik)
  if (!resident || resident.kkNumber !== s.kkNumber || resident.birthDate !== s.birthDate) {
    throw invalidInput(REGISTER_MISMATCH, { nik: 'Periksa NIK.', kkNumber: 'Periksa nomor KK.', birthDate: 'Periksa tanggal lahir.' })
  }
  if (!residentMayUse(resident)) {
    throw invalidInput('Status Anda di register penduduk bukan penduduk aktif. Silakan datang ke kantor desa.')
  }
  const village = await getLiveVillage(deps, resident.villageCode)
  if (await findAccountByNik(deps.db, resident.nik)) {
    throw new AppError('ALREADY_EXISTS', { userMessage: 'NIK ini sudah memiliki akun layanan mandiri. Jika lupa PIN, gunakan menu Lupa PIN atau datang ke kantor desa.' })
  }
  const now = nowIso()
  const email = s.email ? normalizeEmail(s.email) : null
  const row: CitizenAccountRow = {
    id: newId(), village_code: resident.villageCode, resident_id: resident.id, nik: resident.nik, pin_hash: null,
    status: 'pending', origin: 'self', email, email_verified_at: null, pin_changed_at: null, last_login_at: null,
    activated_at: null, created_at: now, updated_at: now,
  }
  try {
    await deps.db.transaction().execute(async (trx) => {
      await insertAccount(trx, row)
      if (email) await queueEmailVerification(deps, trx, row, email, resident.name)
      await recordAudit(trx, { kind: 'public' }, meta, {
        villageCode: row.village_code,
        action: 'citizen.register',
        entityType: 'citizen_account',
        entityId: row.id,
        summary: `Pendaftaran mandiri layanan warga NIK ${maskNik(resident.nik)}`,
        data: { residentId: resident.id, withEmail: email !== null },
      })
    })
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('ALREADY_EXISTS', { userMessage: 'NIK ini sudah memiliki akun layanan mandiri.' })
    throw e
  }

  return { villageCode: village.code, villageName: village.name, emailQueued: email !== null }
}

const LINK_INVALID = 'Tautan tidak sah, sudah dipakai, atau sudah kedaluwarsa. Minta tautan baru.'

/** Looks at a link's token without using it (the page shows a form; only POST consumes it). */
export async function checkToken(deps: Deps, token: string, purpose: CitizenTokenPurpose): Promise<boolean> {
  return (await liveToken(deps.db, token, purpose)) !== undefined
}

async function liveToken(db: Executor, token: string, purpose: CitizenTokenPurpose): Promise<CitizenTokenRow | undefined> {
  const row = token && token.length <= 100 ? await findToken(db, hashToken(token)) : undefined

  return row && row.purpose === purpose && row.used_at === null && row.expires_at > nowIso() ? row : undefined
}

async function takeToken(trx: Executor, token: string, purpose: CitizenTokenPurpose): Promise<{ account: CitizenAccountRow; email: string | null }> {
  const row = token && token.length <= 100 ? await findToken(trx, hashToken(token)) : undefined
  if (!row || row.purpose !== purpose || !(await consumeToken(trx, row.id, nowIso()))) {
    throw invalidInput(LINK_INVALID, { token: LINK_INVALID })
  }
  const account = await findAccount(trx, row.village_code, row.account_id)
  if (!account) throw invalidInput(LINK_INVALID, { token: LINK_INVALID })

  return { account, email: row.email }
}

/**
 * Confirms an email address from the link sent to it. The address must still be the one on
 * the account (a later change makes older links useless).
 * @throws INVALID_INPUT unknown, used or expired link
 */
export async function verifyEmail(deps: Deps, meta: RequestMeta, token: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const { account, email } = await takeToken(trx, token, 'verify_email')
    if (!email || account.email !== email) throw invalidInput(LINK_INVALID, { token: LINK_INVALID })
    await updateAccount(trx, account.village_code, account.id, { email_verified_at: nowIso(), updated_at: nowIso() })
    await recordAudit(trx, { kind: 'public' }, meta, {
      villageCode: account.village_code, action: 'citizen.email_verified', entityType: 'citizen_account', entityId: account.id,
      summary: `Alamat surel akun layanan mandiri NIK ${maskNik(account.nik)} terverifikasi`,
    })
  })
}

/**
 * "Forgot PIN": when the NIK has an active account whose verified email is the one given, a
 * single-use reset link (1 hour) goes to that address. The answer is the same either way, so
 * the form cannot be used to learn who has an account.
 * @throws INVALID_INPUT malformed fields  @throws RATE_LIMITED
 */
export async function requestPinReset(deps: Deps, meta: RequestMeta, input: unknown): Promise<void> {
  const s = parseInput(ZForgotPin, input)
  await consumeRate(deps.db, `citizen-forgot:ip:${meta.ip}`, CITIZEN_FORM_RULE)
  const email = normalizeEmail(s.email)
  const account = await findAccountByNik(deps.db, s.nik)
  if (!account || account.status !== 'active' || account.email !== email || !account.email_verified_at) return
  const resident = await getResidentProfile(deps, account.village_code, account.resident_id)
  if (!residentMayUse(resident)) return
  await deps.db.transaction().execute(async (trx) => {
    const token = await createToken(trx, account, 'reset_pin', PIN_RESET_TTL_MS, null)
    await queueLinkEmail(deps, trx, {
      villageCode: account.village_code,
      to: email,
      subject: 'Atur ulang PIN layanan mandiri',
      name: resident.name,
      intro: 'Kami menerima permintaan untuk mengatur ulang PIN akun layanan mandiri Anda. Buka tautan berikut untuk membuat PIN baru (berlaku 1 jam, hanya sekali pakai):',
      path: `/warga/atur-pin?token=${token}`,
      outro: 'Jika Anda tidak meminta ini, abaikan surel ini; PIN Anda tidak berubah.',
    })
    await recordAudit(trx, { kind: 'public' }, meta, {
      villageCode: account.village_code, action: 'citizen.pin_reset_requested', entityType: 'citizen_account', entityId: account.id,
      summary: `Permintaan atur ulang PIN lewat surel untuk NIK ${maskNik(account.nik)}`,
    })
  })
}

/**
 * Sets a new PIN from a reset (or first-PIN) link: single use, expiring, ends all sessions.
 * @throws INVALID_INPUT bad or weak PIN, unknown/used/expired link (the link stays usable after a weak PIN)
 */
export async function setPinWithToken(deps: Deps, meta: RequestMeta, token: string, input: unknown): Promise<void> {
  const s = parseInput(ZPinSet, input)
  const row = await liveToken(deps.db, token, 'reset_pin')
  const account = row && (await findAccount(deps.db, row.village_code, row.account_id))
  if (!row || account?.status !== 'active') throw invalidInput(LINK_INVALID, { token: LINK_INVALID })
  // Strength is checked before the link is used, so a weak PIN does not burn it.
  const resident = await getResidentProfile(deps, account.village_code, account.resident_id)
  const problem = pinProblem(s.next, resident?.birthDate)
  if (problem) throw invalidInput(problem, { next: problem })
  const pinHash = await hashSecret(s.next)
  await deps.db.transaction().execute(async (trx) => {
    const taken = await takeToken(trx, token, 'reset_pin')
    if (taken.account.id !== account.id) throw invalidInput(LINK_INVALID, { token: LINK_INVALID })
    await setPin(trx, taken.account, pinHash, nowIso())
    await recordAudit(trx, { kind: 'public' }, meta, {
      villageCode: account.village_code, action: 'citizen.pin_set_by_link', entityType: 'citizen_account', entityId: account.id,
      summary: `PIN layanan mandiri NIK ${maskNik(account.nik)} diatur lewat tautan surel`,
    })
  })
}

// ---------------------------------------------------------------------------------------------
// The signed-in citizen

/**
 * Changes the citizen's own PIN and ends their other sessions.
 * @throws INVALID_INPUT wrong current PIN, weak or unconfirmed new PIN
 */
export async function changeOwnPin(deps: Deps, actor: CitizenActor, meta: RequestMeta, input: unknown, currentSessionId?: string): Promise<void> {
  const s = parseInput(ZPinChange, input)
  const keys = loginKeys(actor.nik, meta.ip)
  // Guessing the current PIN here counts like guessing at the sign-in form.
  await assertLoginOpen(deps, keys)
  const account = await findAccount(deps.db, actor.villageCode, actor.id)
  if (!account?.pin_hash || !(await verifySecret(s.current, account.pin_hash))) {
    await deps.db.transaction().execute((trx) => recordFailure(trx, keys.map((key) => ({ key, rule: CITIZEN_LOGIN_RULE }))))
    throw invalidInput('PIN lama salah.', { current: 'PIN lama salah.' })
  }
  const resident = await getResidentProfile(deps, actor.villageCode, actor.residentId)
  const problem = pinProblem(s.next, resident?.birthDate) ?? (s.next === s.current ? 'PIN baru harus berbeda dari PIN lama.' : null)
  if (problem) throw invalidInput(problem, { next: problem })
  const pinHash = await hashSecret(s.next)
  await deps.db.transaction().execute(async (trx) => {
    await setPin(trx, account, pinHash, nowIso(), {}, currentSessionId)
    await recordAudit(trx, actor, meta, { villageCode: actor.villageCode, action: 'citizen.pin_change', entityType: 'citizen_account', entityId: actor.id, summary: `${actor.name} mengganti PIN layanan mandiri` })
  })
}

/**
 * Sets (or replaces) the citizen's email; it stays unverified until the link sent to it is
 * opened, and only a verified address receives PIN links.
 */
export async function setOwnEmail(deps: Deps, actor: CitizenActor, meta: RequestMeta, input: unknown): Promise<string> {
  const email = normalizeEmail(parseInput(ZEmail, input).email)
  const account = await findAccount(deps.db, actor.villageCode, actor.id)
  if (!account) throw notFound()
  await consumeRate(deps.db, `citizen-email:${actor.id}`, CITIZEN_FORM_RULE)
  await deps.db.transaction().execute(async (trx) => {
    const verifiedAlready = account.email === email && account.email_verified_at !== null
    if (!verifiedAlready) {
      await updateAccount(trx, actor.villageCode, actor.id, { email, email_verified_at: null, updated_at: nowIso() })
      await queueEmailVerification(deps, trx, { ...account, email }, email, actor.name)
    }
    await recordAudit(trx, actor, meta, { villageCode: actor.villageCode, action: 'citizen.email_set', entityType: 'citizen_account', entityId: actor.id, summary: `${actor.name} mengubah alamat surel layanan mandiri` })
  })

  return email
}

export interface OwnData {
  profile: ResidentProfile
  family: ResidentProfile[]
  account: { email: string | null; emailVerified: boolean; pinChangedAt: string | null; lastLoginAt: string | null; origin: 'office' | 'self' }
}

/** What the register holds about the signed-in resident (UU 27/2022: the right to see one's data). */
export async function getOwnData(deps: Deps, actor: CitizenActor): Promise<OwnData> {
  const [profile, account] = await Promise.all([
    getResidentProfile(deps, actor.villageCode, actor.residentId),
    findAccount(deps.db, actor.villageCode, actor.id),
  ])
  if (!profile || !account) throw notFound()
  const family = await listFamilyMembers(deps, actor.villageCode, actor.residentId)

  return {
    profile,
    family,
    account: { email: account.email, emailVerified: account.email_verified_at !== null, pinChangedAt: account.pin_changed_at, lastLoginAt: account.last_login_at, origin: account.origin },
  }
}

/** The account as the citizen sees it on their pages. */
export async function getOwnAccount(deps: Deps, actor: CitizenActor): Promise<OwnData['account']> {
  const account = await findAccount(deps.db, actor.villageCode, actor.id)
  if (!account) throw notFound()

  return { email: account.email, emailVerified: account.email_verified_at !== null, pinChangedAt: account.pin_changed_at, lastLoginAt: account.last_login_at, origin: account.origin }
}

/**
 * Gives a resident an active account with a known PIN, without an actor: for the demo and
 * test factories only (the office path is issuePinAtOffice). Idempotent: an existing account
 * is left as it is.
 */
export async function ensureActiveAccount(deps: Deps, who: AuditWho, meta: RequestMeta, resident: ResidentProfile, pin: string): Promise<string> {
  const existing = await findAccountByResident(deps.db, resident.villageCode, resident.id)
  if (existing) return existing.id
  const problem = pinProblem(pin, resident.birthDate)
  if (problem) throw invalidInput(problem, { pin: problem })
  const pinHash = await hashSecret(pin)
  const now = nowIso()
  const id = newId()
  await deps.db.transaction().execute(async (trx) => {
    await insertAccount(trx, {
      id, village_code: resident.villageCode, resident_id: resident.id, nik: resident.nik, pin_hash: pinHash, status: 'active',
      origin: 'office', email: null, email_verified_at: null, pin_changed_at: now, last_login_at: null, activated_at: now,
      created_at: now, updated_at: now,
    })
    await recordAudit(trx, who, meta, {
      villageCode: resident.villageCode, action: 'citizen.pin_issue', entityType: 'citizen_account', entityId: id,
      summary: `Menerbitkan PIN layanan mandiri untuk ${resident.name} (${maskNik(resident.nik)})`,
      data: { residentId: resident.id, reason: 'new' },
    })
  })

  return id
}
