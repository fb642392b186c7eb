import { createHash } from 'node:crypto'
import type { Deps } from '../deps.ts'
import type { Actor, RequestMeta, StaffActor } from '../auth/actor.ts'
import { authorizeVillage } from '../auth/policy.ts'
import { assertNotLocked, clearFailures, recordFailure } from '../auth/throttle.service.ts'
import type { ThrottleRule } from '../auth/throttle.ts'
import { getStaffActor } from '../auth/staff.service.ts'
import { recordAudit } from '../audit/audit.service.ts'
import { enqueueJob, runDueJobs } from '../jobs/jobs.service.ts'
import { JobSkipped } from '../jobs/jobs.ts'
import { AppError, invalidInput, isAppError } from '../lib/errors.ts'
import { newId } from '../lib/ids.ts'
import { nowIso, todayWita } from '../lib/time.ts'
import { getLiveVillage } from '../tenancy/village.service.ts'
import { attachSignedPdf, getIssuedLetterRow, readLetterPdf } from '../services/letter.service.ts'
import { getRequest } from '../services/request.service.ts'
import type { LetterRow } from '../services/services.table.ts'
import { certificateState } from './certificate.service.ts'
import { checkPdfSignature } from './pades.ts'
import { certSerial, openPrivateKey, wrongPassphrase } from './pki.ts'
import { SignerError, signerFor } from './signer.ts'
import {
  findCertificate,
  findDelegationInForce,
  findSignature,
  insertSignature,
  listBatchSignatures,
  listHolderCertificates,
  updateSignature,
} from './signing.repository.ts'
import type { SigningCertificateRow } from './signing.table.ts'

/**
 * Signing approved letters. The request checks who signs, which letters may be signed and the
 * passphrase; each letter is then signed by a durable job (`signing.sign-letter`) outside any
 * request transaction. The passphrase stays in this process's memory for the few seconds the
 * batch takes (never in the job row or anywhere on disk); a job that finds it gone — after a
 * restart — fails cleanly and the letter stays approved and unsigned.
 */
export const SIGN_JOB = 'signing.sign-letter'

/** Wrong passphrases per signer: five in 15 minutes lock signing for 15 minutes. */
export const SIGN_PASSPHRASE_RULE: ThrottleRule = { max: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 }
const MAX_BATCH = 100
const VAULT_TTL_MS = 10 * 60_000
const OWN_WORKER_GRACE_MS = 60_000

const vault = new Map<string, { passphrase: string; expires: number }>()

function keep(batchId: string, passphrase: string): void {
  const now = Date.now()
  for (const [k, v] of vault) if (v.expires < now) vault.delete(k)
  vault.set(batchId, { passphrase, expires: now + VAULT_TTL_MS })
}

export interface SignOutcome {
  requestId: string
  status: 'ditandatangani' | 'gagal'
  letterId?: string
  number?: string
  /** why it failed, in Indonesian */
  reason?: string
}

const lockKey = (staffId: string) => `letter-sign:user:${staffId}`

/** The holder's usable certificate, or a clear reason why there is none. */
export async function usableCertificate(deps: Deps, staff: StaffActor, villageCode: string): Promise<SigningCertificateRow> {
  const certs = await listHolderCertificates(deps.db, villageCode, staff.id)
  const usable = certs.find((c) => certificateState(c) === 'aktif')
  if (usable) return usable
  const states = certs.map((c) => certificateState(c))
  const message = states.includes('menunggu_aktivasi')
    ? 'Sertifikat Anda belum diaktifkan. Aktifkan dengan kode aktivasi dan frasa sandi Anda terlebih dahulu.'
    : states.includes('dicabut')
      ? 'Sertifikat tanda tangan Anda telah dicabut. Hubungi admin kabupaten.'
      : states.includes('kedaluwarsa')
        ? 'Sertifikat tanda tangan Anda telah kedaluwarsa. Hubungi admin kabupaten.'
        : 'Anda belum memiliki sertifikat tanda tangan elektronik. Hubungi admin kabupaten.'
  throw new AppError('INVALID_TRANSITION', { userMessage: message })
}

/** Why this signer may not sign this letter now; null when they may. */
async function refusal(deps: Deps, staff: StaffActor, letter: LetterRow | undefined, state: string): Promise<string | null> {
  if (!letter) return 'Permohonan ini belum disetujui; belum ada surat yang dapat ditandatangani.'
  if (letter.revoked_at) return 'Surat ini telah dicabut.'
  if (letter.signed_at) return 'Surat ini sudah ditandatangani.'
  if (letter.signature_mode !== 'electronic') return 'Surat ini ditandatangani secara manual (basah), bukan elektronik.'
  if (state !== 'disetujui') return 'Permohonan tidak berstatus Disetujui / Menunggu Tanda Tangan.'
  if (!letter.pdf_file) return 'PDF surat masih disiapkan. Coba lagi sebentar.'
  // The certificate's name must be the name printed in the visible signature block.
  const samePerson = letter.signer_name.trim().toLowerCase() === staff.name.trim().toLowerCase()
  if (!letter.signer_on_behalf) {
    if (staff.role !== 'head') return 'Surat ini harus ditandatangani oleh Kepala Desa sendiri (blok tanda tangan tanpa a.n./u.b.).'

    return samePerson ? null : 'Blok tanda tangan surat ini atas nama pejabat lain.'
  }
  const delegation = await findDelegationInForce(deps.db, letter.village_code, staff.id, todayWita())
  if (!delegation) return 'Anda tidak memiliki pelimpahan wewenang (a.n./u.b.) yang berlaku hari ini.'
  const prefix = delegation.kind === 'an' ? 'a.n.' : 'u.b.'
  if (!letter.signer_on_behalf.toLowerCase().startsWith(prefix)) return `Pelimpahan Anda berbentuk ${prefix}, tidak sesuai dengan blok tanda tangan surat ini.`
  if (!samePerson) return 'Blok tanda tangan surat ini atas nama pejabat lain.'

  return null
}

function parseInput(input: { requests?: unknown; passphrase?: unknown }): { requests: string[]; passphrase: string } {
  const requests = Array.isArray(input.requests) ? [...new Set(input.requests.filter((r): r is string => typeof r === 'string' && r.length > 0 && r.length <= 64))] : []
  const fields: Record<string, string> = {}
  if (requests.length === 0) fields.requests = 'Pilih sedikitnya satu permohonan untuk ditandatangani.'
  if (requests.length > MAX_BATCH) fields.requests = `Paling banyak ${MAX_BATCH} surat sekali tanda tangan.`
  const passphrase = typeof input.passphrase === 'string' ? input.passphrase : ''
  if (!passphrase) fields.passphrase = 'Frasa sandi wajib diisi.'
  if (Object.keys(fields).length) throw invalidInput('Periksa kembali isian tanda tangan.', fields)

  return { requests, passphrase }
}

/**
 * Signs a batch of approved letters, identified by their requests.
 * @throws INVALID_INPUT nothing chosen, no passphrase, or a wrong passphrase (audited, counted)
 * @throws LOCKED too many wrong passphrases
 * @throws INVALID_TRANSITION the signer has no usable certificate (revoked, expired, not activated)
 */
export async function signLetters(deps: Deps, actor: Actor | null, meta: RequestMeta, villageCode: string, input: { requests?: unknown; passphrase?: unknown }): Promise<SignOutcome[]> {
  const staff = authorizeVillage(actor, villageCode, 'letter.sign')
  const { requests, passphrase } = parseInput(input)
  await assertNotLocked(deps.db, [lockKey(staff.id)])
  const cert = await usableCertificate(deps, staff, villageCode)
  // The local key can be checked before anything is queued; a remote service checks it itself.
  if (deps.config.signer === 'local') {
    try {
      openPrivateKey(cert.key_pem, passphrase)
    } catch {
      await failedPassphrase(deps, staff, meta, villageCode, cert)
    }
  }

  const outcomes: SignOutcome[] = []
  const eligible: { requestId: string; letter: LetterRow }[] = []
  for (const requestId of requests) {
    let letter: LetterRow | undefined
    let state = ''
    try {
      const detail = await getRequest(deps, staff, requestId, villageCode)
      letter = detail.letter
      state = detail.request.state
    } catch (e) {
      if (isAppError(e) && (e.code === 'NOT_FOUND' || e.code === 'FORBIDDEN')) {
        outcomes.push({ requestId, status: 'gagal', reason: 'Permohonan tidak ditemukan.' })
        continue
      }
      throw e
    }
    const why = await refusal(deps, staff, letter, state)
    if (why) outcomes.push({ requestId, status: 'gagal', letterId: letter?.id, number: letter?.number, reason: why })
    else eligible.push({ requestId, letter: letter! })
  }
  if (eligible.length === 0) return outcomes

  const batchId = newId()
  const now = nowIso()
  // The jobs become due for other workers only after a grace period: this process, which holds
  // the passphrase, runs them at once (with its clock set to that moment); a worker elsewhere
  // would not have the passphrase. Jobs still pending after a crash then fail cleanly there.
  const dueAt = new Date(Date.now() + OWN_WORKER_GRACE_MS)
  keep(batchId, passphrase)
  await deps.db.transaction().execute(async (trx) => {
    for (const e of eligible) {
      const id = newId()
      await insertSignature(trx, {
        id, village_code: villageCode, letter_id: e.letter.id, request_id: e.requestId, certificate_id: cert.id, signer_user_id: staff.id,
        on_behalf: e.letter.signer_on_behalf, batch_id: batchId, state: 'antri', error: null, signed_sha256: null, signing_time: null, created_at: now, finished_at: null,
      })
      await enqueueJob(trx, { type: SIGN_JOB, villageCode, payload: { signatureId: id }, maxAttempts: 3, runAt: dueAt.toISOString() })
    }
    await recordAudit(trx, staff, meta, { villageCode, action: 'letter.sign_requested', entityType: 'letter_signature_batch', entityId: batchId, summary: `Meminta tanda tangan elektronik untuk ${eligible.length} surat`, data: { letters: eligible.map((e) => e.letter.number), certificate: cert.serial } })
  })
  try {
    let rows = await runBatch(deps, batchId, eligible.length, dueAt)
    // Whatever could not be done now (the remote service unreachable) is given up, not left to
    // a retry that would no longer have the passphrase; the letters stay approved and unsigned.
    for (const r of rows.filter((x) => x.state === 'antri')) await updateSignature(deps.db, r.id, { state: 'gagal', error: 'unavailable', finished_at: nowIso() })
    rows = await listBatchSignatures(deps.db, batchId)
    const wrong = rows.some((r) => r.error === 'wrong_passphrase')
    if (wrong) await failedPassphrase(deps, staff, meta, villageCode, cert, false)
    else await clearFailures(deps.db, [lockKey(staff.id)])
    for (const e of eligible) {
      const row = rows.find((r) => r.letter_id === e.letter.id)
      const status = row?.state === 'ditandatangani' ? 'ditandatangani' : 'gagal'
      outcomes.push({ requestId: e.requestId, status, letterId: e.letter.id, number: e.letter.number, ...(status === 'gagal' ? { reason: failureText(row?.error ?? null) } : {}) })
    }
  } finally {
    vault.delete(batchId)
  }

  return requests.map((id) => outcomes.find((o) => o.requestId === id)!).filter(Boolean)
}

/** Runs this batch's jobs here and now; older leftovers that come first are simply run too. */
async function runBatch(deps: Deps, batchId: string, size: number, dueAt: Date) {
  let rows = await listBatchSignatures(deps.db, batchId)
  for (let pass = 0; pass < 10 && rows.some((r) => r.state === 'antri'); pass++) {
    const s = await runDueJobs(deps, { [SIGN_JOB]: signLetterJob }, { types: [SIGN_JOB], limit: size + 10, now: dueAt })
    rows = await listBatchSignatures(deps.db, batchId)
    if (s.done + s.skipped + s.retried + s.failed === 0) break
  }

  return rows
}

/** Audits and counts a wrong passphrase; throws unless told the batch already answered. */
async function failedPassphrase(deps: Deps, staff: StaffActor, meta: RequestMeta, villageCode: string, cert: SigningCertificateRow, rethrow = true): Promise<void> {
  let locked = false
  await deps.db.transaction().execute(async (trx) => {
    locked = await recordFailure(trx, [{ key: lockKey(staff.id), rule: SIGN_PASSPHRASE_RULE }])
    await recordAudit(trx, staff, meta, { villageCode, action: 'letter.sign_failed', entityType: 'signing_certificate', entityId: cert.id, summary: 'Percobaan tanda tangan elektronik dengan frasa sandi salah', data: { serial: cert.serial, locked } })
  })
  if (!rethrow) return
  if (locked) throw new AppError('LOCKED', { userMessage: 'Frasa sandi salah terlalu sering. Penandatanganan dikunci selama 15 menit.' })
  throw wrongPassphrase()
}

const FAILURE_TEXT: Record<string, string> = {
  wrong_passphrase: 'Frasa sandi salah.',
  certificate_unusable: 'Sertifikat penanda tangan dicabut, kedaluwarsa, atau belum diaktifkan.',
  not_pdf: 'Berkas surat bukan PDF yang sah.',
  unavailable: 'Layanan tanda tangan elektronik sedang tidak dapat dihubungi; surat belum ditandatangani. Coba lagi nanti.',
  passphrase_gone: 'Frasa sandi tidak lagi tersedia (server dimulai ulang). Tanda tangani ulang.',
  bad_output: 'Hasil tanda tangan tidak lolos pemeriksaan; surat tidak diubah.',
  not_eligible: 'Surat ini tidak lagi menunggu tanda tangan.',
}

const failureText = (code: string | null) => (code && FAILURE_TEXT[code]) || 'Penandatanganan gagal karena kesalahan sistem; surat tetap belum ditandatangani.'

async function fail(deps: Deps, id: string, code: string): Promise<never> {
  await updateSignature(deps.db, id, { state: 'gagal', error: code, finished_at: nowIso() })
  throw new JobSkipped(FAILURE_TEXT[code] ?? code)
}

const JOB_META: RequestMeta = { ip: '', userAgent: 'balai-job' }

/**
 * Job handler: signs one letter. Idempotent (a letter already signed ends the job), and the
 * letter changes only through `attachSignedPdf`'s single transaction, after the signed bytes
 * were checked — so a failure at any point leaves it approved and unsigned.
 */
export async function signLetterJob(deps: Deps, payload: unknown): Promise<void> {
  const id = (payload as { signatureId?: string } | null)?.signatureId
  const sig = id ? await findSignature(deps.db, id) : undefined
  if (!sig) throw new JobSkipped('tanda tangan tidak ditemukan')
  if (sig.state !== 'antri') return
  const letter = await getIssuedLetterRow(deps, sig.village_code, sig.letter_id)
  if (letter?.signed_at) {
    await updateSignature(deps.db, sig.id, letter.signed_by ? { state: 'ditandatangani', signed_sha256: letter.signed_sha256, finished_at: nowIso() } : { state: 'gagal', error: 'not_eligible', finished_at: nowIso() })

    return
  }
  if (!letter || letter.revoked_at || !letter.pdf_file) return fail(deps, sig.id, 'not_eligible')
  const secret = vault.get(sig.batch_id)
  if (!secret) return fail(deps, sig.id, 'passphrase_gone')
  const cert = await findCertificate(deps.db, sig.certificate_id)
  const signer = await getStaffActor(deps, sig.signer_user_id)
  if (!cert || !signer) return fail(deps, sig.id, 'certificate_unusable')
  const pdf = await readLetterPdf(deps, letter, 'unsigned')
  if (!pdf) return fail(deps, sig.id, 'not_eligible')
  const village = await getLiveVillage(deps, sig.village_code)
  const signingTime = new Date()
  let signed: Uint8Array
  try {
    signed = await signerFor(deps).sign({ identity: cert.serial, passphrase: secret.passphrase, pdf, reason: `${letter.title} nomor ${letter.number}`, location: `${village.kind === 'kelurahan' ? 'Kelurahan' : 'Desa'} ${village.name}`, signingTime })
  } catch (e) {
    if (e instanceof SignerError) return fail(deps, sig.id, e.code)
    await updateSignature(deps.db, sig.id, { state: 'gagal', error: 'internal', finished_at: nowIso() })
    throw e // logged by the job runner; the retry finds the row failed and stops
  }
  const check = checkPdfSignature(signed)
  if (check.problem || !check.digestMatches || !check.signatureValid || !check.coversWholeFile || !check.signerCertDer || certSerial(check.signerCertDer) !== cert.serial) {
    return fail(deps, sig.id, 'bad_output')
  }
  try {
    await attachSignedPdf(deps, signer, JOB_META, sig.village_code, letter.id, { pdf: signed, signedBy: cert.holder_name })
  } catch (e) {
    if (isAppError(e) && (e.code === 'INVALID_TRANSITION' || e.code === 'NOT_FOUND' || e.code === 'FORBIDDEN')) return fail(deps, sig.id, 'not_eligible')
    throw e
  }
  await updateSignature(deps.db, sig.id, { state: 'ditandatangani', signed_sha256: createHash('sha256').update(signed).digest('hex'), signing_time: signingTime.toISOString(), finished_at: nowIso() })
}

export const SIGNING_JOB_HANDLERS = { [SIGN_JOB]: signLetterJob }
