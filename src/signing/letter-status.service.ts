import type { Deps } from '../deps.ts'
import type { Actor, RequestMeta } from '../auth/actor.ts'
import { authorizeVillage } from '../auth/policy.ts'
import { assertNotLocked, consumeRate, recordFailure } from '../auth/throttle.service.ts'
import type { ThrottleRule } from '../auth/throttle.ts'
import { recordAudit } from '../audit/audit.service.ts'
import { AppError, invalidInput, isUniqueViolation } from '../lib/errors.ts'
import { nowIso } from '../lib/time.ts'
import { getLiveVillage } from '../tenancy/village.service.ts'
import { getIssuedLetterByToken, getIssuedLetterRow, listOutgoingRegister, markLetterRevoked, toIssuedLetter, type IssuedLetter } from '../services/letter.service.ts'
import { getRequest } from '../services/request.service.ts'
import { findReplacementLinks, insertReplacement } from './signing.repository.ts'
import { verifySignedPdf, type PdfVerdict } from './verify.service.ts'

/**
 * What a letter's QR code leads to (public), revocation of a letter by the head or the
 * regency, and the link from a revoked letter to the letter that replaces it.
 */

export type LetterStatus = 'sah' | 'dicabut' | 'digantikan' | 'menunggu_tanda_tangan'

export interface PublicLetterView {
  token: string
  number: string
  title: string
  issuedDate: string
  validUntil: string
  village: { code: string; name: string; kind: string }
  signer: { onBehalf: string; title: string; name: string }
  holder: { name: string; nikMasked: string }
  signatureMode: 'electronic' | 'hand'
  signedAt: string | null
  status: LetterStatus
  revokedAt: string | null
  revokedReason: string | null
  replacedBy: { number: string; token: string } | null
  replaces: { number: string; token: string } | null
}

/** Misses per address: 20 unknown tokens in 10 minutes lock look-ups for 15 minutes. */
export const VERIFY_MISS_RULE: ThrottleRule = { max: 20, windowMs: 10 * 60_000, lockMs: 15 * 60_000 }
/** File checks per address: 30 in 10 minutes. */
export const VERIFY_UPLOAD_RULE: ThrottleRule = { max: 30, windowMs: 10 * 60_000, lockMs: 10 * 60_000 }
const missKey = (ip: string) => `verify-miss:ip:${ip || 'tanpa-alamat'}`

/**
 * A letter by its public token. Every unknown token — malformed, guessed or expired — answers
 * the same NOT_FOUND, and counts against the asker's address so tokens cannot be enumerated.
 */
export async function lookupLetter(deps: Deps, meta: RequestMeta, token: string): Promise<PublicLetterView> {
  await assertNotLocked(deps.db, [missKey(meta.ip)]).catch((e: unknown) => {
    throw e instanceof AppError && e.code === 'LOCKED' ? new AppError('RATE_LIMITED') : e
  })
  const letter = await getIssuedLetterByToken(deps, token.trim().toUpperCase())
  if (!letter) {
    await recordFailure(deps.db, [{ key: missKey(meta.ip), rule: VERIFY_MISS_RULE }])
    throw new AppError('NOT_FOUND', { userMessage: 'Surat dengan kode tersebut tidak ditemukan. Pastikan Anda memindai kode QR pada surat asli.' })
  }

  return viewOf(deps, letter)
}

async function viewOf(deps: Deps, letter: IssuedLetter): Promise<PublicLetterView> {
  const village = await getLiveVillage(deps, letter.villageCode)
  const links = await findReplacementLinks(deps.db, letter.id)
  const ref = async (id: string | undefined) => {
    const row = id ? await getIssuedLetterRow(deps, letter.villageCode, id) : undefined

    return row ? { number: row.number, token: row.verify_token } : null
  }
  const replacedBy = await ref(links.replacedBy)
  const status: LetterStatus = letter.revokedAt ? (replacedBy ? 'digantikan' : 'dicabut') : letter.signatureMode === 'electronic' && !letter.signedAt ? 'menunggu_tanda_tangan' : 'sah'

  return {
    token: letter.verifyToken,
    number: letter.number,
    title: letter.title,
    issuedDate: letter.issuedDate,
    validUntil: letter.validUntil,
    village: { code: village.code, name: village.name, kind: village.kind },
    signer: { onBehalf: letter.signer.onBehalf, title: letter.signer.title, name: letter.signer.name },
    holder: { name: letter.subjectName, nikMasked: letter.subjectNikMasked },
    signatureMode: letter.signatureMode,
    signedAt: letter.signedAt,
    status,
    revokedAt: letter.revokedAt,
    revokedReason: letter.revokedReason,
    replacedBy,
    replaces: await ref(links.replaces),
  }
}

export const LETTER_STATUS_LABEL: Record<LetterStatus, string> = {
  sah: 'Sah',
  dicabut: 'Dicabut',
  digantikan: 'Dicabut dan digantikan',
  menunggu_tanda_tangan: 'Belum ditandatangani',
}

export interface UploadVerdict extends PdfVerdict {
  /** for a letter signed by hand: the upload is the archived PDF (no signature to check) */
  handSigned: boolean
}

/** Checks an uploaded PDF against the letter behind a token. */
export async function checkUploadedLetter(deps: Deps, meta: RequestMeta, token: string, pdf: Uint8Array): Promise<{ letter: PublicLetterView; verdict: UploadVerdict }> {
  const view = await lookupLetter(deps, meta, token)
  // Each check hashes and parses up to 30 MB: bounded per address like any public form.
  await consumeRate(deps.db, `verify-upload:ip:${meta.ip || 'tanpa-alamat'}`, VERIFY_UPLOAD_RULE)
  const letter = (await getIssuedLetterByToken(deps, view.token))!
  if (letter.signatureMode === 'hand') {
    const v = await verifySignedPdf(deps, pdf, letter.pdfSha256)
    const same = v.matchesIssued === true
    const reasons = same ? [] : v.problem === 'not_pdf' ? ['Berkas yang diunggah bukan PDF.'] : ['Berkas tidak sama dengan arsip surat yang diterbitkan.']

    return { letter: view, verdict: { ...v, handSigned: true, valid: same && view.status === 'sah', reasons: view.status === 'sah' ? reasons : [...reasons, `Status surat: ${LETTER_STATUS_LABEL[view.status]}.`] } }
  }
  const v = await verifySignedPdf(deps, pdf, letter.signedSha256 ?? '-')
  if (view.status !== 'sah') v.reasons.push(`Status surat: ${LETTER_STATUS_LABEL[view.status]}.`)

  return { letter: view, verdict: { ...v, handSigned: false, valid: v.valid && view.status === 'sah' } }
}

function reasonOf(note: unknown): string {
  const reason = typeof note === 'string' ? note.trim() : ''
  if (reason.length < 5 || reason.length > 500) throw invalidInput('Alasan pencabutan wajib diisi.', { note: 'Tuliskan alasan pencabutan (5–500 karakter).' })

  return reason
}

/**
 * Revokes the letter of a request (head of the village or the regency), with a reason.
 * @throws NOT_FOUND request of another village · INVALID_TRANSITION no letter yet or already revoked
 */
export async function revokeLetterOfRequest(deps: Deps, actor: Actor | null, meta: RequestMeta, requestId: string, input: { note?: unknown }, villageCode?: string): Promise<IssuedLetter> {
  const detail = await getRequest(deps, actor, requestId, villageCode)
  const code = detail.request.village_code
  const staff = authorizeVillage(actor, code, 'letter.revoke')
  const reason = reasonOf(input.note)
  const letter = detail.letter
  if (!letter) throw new AppError('INVALID_TRANSITION', { userMessage: 'Permohonan ini belum memiliki surat yang terbit.' })
  if (letter.revoked_at) throw new AppError('INVALID_TRANSITION', { userMessage: 'Surat ini sudah dicabut.' })
  const at = nowIso()
  await deps.db.transaction().execute(async (trx) => {
    if (!(await markLetterRevoked(trx, code, letter.id, { reason, by: staff.username, at }))) {
      throw new AppError('INVALID_TRANSITION', { userMessage: 'Surat ini sudah dicabut.' })
    }
    await recordAudit(trx, staff, meta, { villageCode: code, action: 'letter.revoke', entityType: 'letter', entityId: letter.id, summary: `Mencabut surat ${letter.number}: ${reason}`, data: { number: letter.number, reason } })
  })

  return toIssuedLetter((await getIssuedLetterRow(deps, code, letter.id))!)
}

/**
 * Records that a later letter (its own request, its own new number) replaces a revoked one; the
 * revoked letter's page then points to it. Both letters must belong to the village.
 */
export async function linkReplacement(deps: Deps, actor: Actor | null, meta: RequestMeta, villageCode: string, input: { revokedNumber?: unknown; number?: unknown }): Promise<void> {
  const staff = authorizeVillage(actor, villageCode, 'letter.revoke')
  const revokedNumber = typeof input.revokedNumber === 'string' ? input.revokedNumber.trim() : ''
  const number = typeof input.number === 'string' ? input.number.trim() : ''
  const fields: Record<string, string> = {}
  if (!revokedNumber) fields.revokedNumber = 'Tuliskan nomor surat yang dicabut.'
  if (!number) fields.number = 'Tuliskan nomor surat pengganti.'
  if (Object.keys(fields).length) throw invalidInput('Nomor surat wajib diisi.', fields)
  const register = await listOutgoingRegister(deps, staff, { villageCode, limit: 5000, offset: 0 })
  const revoked = register.find((l) => l.number === revokedNumber)
  const found = register.find((l) => l.number === number)
  if (!revoked) throw invalidInput('Surat yang dicabut tidak ditemukan.', { revokedNumber: 'Tidak ada surat dengan nomor tersebut di desa ini.' })
  if (!revoked.revoked_at) throw invalidInput('Surat tersebut belum dicabut.', { revokedNumber: 'Hanya surat yang sudah dicabut yang dapat diberi surat pengganti.' })
  if (!found) throw invalidInput('Surat pengganti tidak ditemukan.', { number: 'Tidak ada surat dengan nomor tersebut di desa ini.' })
  if (found.id === revoked.id || found.revoked_at || found.issued_at < revoked.issued_at) {
    throw invalidInput('Surat pengganti tidak sah.', { number: 'Surat pengganti harus surat lain yang terbit kemudian dan tidak dicabut.' })
  }
  try {
    await deps.db.transaction().execute(async (trx) => {
      await insertReplacement(trx, { replaced_letter_id: revoked.id, village_code: villageCode, replacement_letter_id: found.id, linked_at: nowIso(), linked_by: staff.username })
      await recordAudit(trx, staff, meta, { villageCode, action: 'letter.replace', entityType: 'letter', entityId: revoked.id, summary: `Surat ${revoked.number} digantikan oleh surat ${found.number}`, data: { replaced: revoked.number, replacement: found.number } })
    })
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('ALREADY_EXISTS', { userMessage: 'Surat ini atau surat pengganti tersebut sudah tertaut.' })
    throw e
  }
}


/** Revocation from the signing page, by the letter's number (form fields letterNumber, reason). */
export async function revokeLetterByNumber(deps: Deps, actor: Actor | null, meta: RequestMeta, villageCode: string, input: { letterNumber?: unknown; reason?: unknown }): Promise<IssuedLetter> {
  const staff = authorizeVillage(actor, villageCode, 'letter.revoke')
  const number = typeof input.letterNumber === 'string' ? input.letterNumber.trim() : ''
  const letter = number ? (await listOutgoingRegister(deps, staff, { villageCode, limit: 5000, offset: 0 })).find((l) => l.number === number) : undefined
  if (!letter) throw invalidInput('Surat tidak ditemukan.', { letterNumber: number ? 'Tidak ada surat dengan nomor tersebut di desa ini.' : 'Tuliskan nomor surat yang akan dicabut.' })
  try {
    return await revokeLetterOfRequest(deps, staff, meta, letter.request_id, { note: input.reason }, villageCode)
  } catch (e) {
    if (e instanceof AppError && e.code === 'INVALID_INPUT') throw invalidInput(e.userMessage, { reason: e.fields?.note ?? e.userMessage })
    if (e instanceof AppError && e.code === 'INVALID_TRANSITION') throw invalidInput(e.userMessage, { letterNumber: e.userMessage })
    throw e
  }
}
