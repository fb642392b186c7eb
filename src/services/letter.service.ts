/**
 * Issued letters: numbering, the letter row, rendering and the outgoing-letter register.
 *
 * For SIGNING (issue 5), which owns verification and electronic signatures:
 * - `getIssuedLetterByToken(deps, token)` → `IssuedLetter | undefined`: everything the public
 *   verification page may show (number, type, date, masked NIK, signer, validity, hashes,
 *   revocation) plus the file names; unknown tokens give undefined.
 * - `listLettersAwaitingSignature(deps, actor, villageCode)` → letters approved for an
 *   electronic signature whose PDF is ready and which are not yet signed (letter.sign).
 * - `readLetterPdf(deps, letter)` → the bytes to sign (the rendered, unsigned PDF).
 * - `attachSignedPdf(deps, actor, meta, villageCode, letterId, { pdf, signedBy })` stores the
 *   signed PDF, records its SHA-256, moves the request to Siap Diambil and notifies the resident,
 *   all in one transaction (letter.sign).
 * - `markLetterRevoked(trx, villageCode, letterId, { reason, by, at })` sets the revocation
 *   columns inside SIGNING's own transaction (SIGNING audits it).
 * The verification address printed as the QR code is `${config.publicUrl}/v/${verify_token}`.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync } from 'node:fs'
import { readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Deps } from '../deps.ts'
import type { Executor } from '../db/database.ts'
import type { Actor, RequestMeta, StaffActor } from '../auth/actor.ts'
import { authorizeVillage } from '../auth/policy.ts'
import { recordAudit } from '../audit/audit.service.ts'
import { invalidTransition, notFound } from '../lib/errors.ts'
import { newId, newToken } from '../lib/ids.ts'
import { formatDateId, nowIso, todayWita, witaParts } from '../lib/time.ts'
import { maskNik } from '../lib/mask.ts'
import { enqueueJob } from '../jobs/jobs.service.ts'
import { JobSkipped } from '../jobs/jobs.ts'
import { queueNotification } from '../notify/notify.service.ts'
import { renderLetterPdf } from '../letters/letter-pdf.ts'
import { getLiveVillage } from '../tenancy/village.service.ts'
import { regionName } from '../tenancy/region.service.ts'
import { logoPath } from '../tenancy/logo.ts'
import type { Village } from '../tenancy/village.ts'
import { findResidentByNik, getResidentProfile, listFamilyMembers, type ResidentProfile } from '../residents/resident.service.ts'
import { allVillageLetterTypes, type VillageLetterType } from './catalogue.service.ts'
import { letterContext } from './letter-context.ts'
import { renderTemplate } from './letter-template.ts'
import { counterKey, formatLetterNumber } from './numbering.ts'
import type { FieldValues } from './request-fields.ts'
import {
  findLetter, findLetterByToken, insertEvent, insertLetter, listAwaitingSignature, listLetters, nextCounterValue,
  updateRequestState, type RegisterQuery,
} from './services.repository.ts'
import type { LetterRequestRow, LetterRow } from './services.table.ts'

export const RENDER_JOB = 'letter.render'

/** Everything approval needs that lives outside the transaction (register reads). */
export interface PreparedIssue {
  request: LetterRequestRow
  village: Village
  regencyName: string
  type: VillageLetterType
  subject: ResidentProfile
  applicant: ResidentProfile | null
  family: ResidentProfile[]
  people: Record<string, ResidentProfile | null>
  values: FieldValues
  signature: 'electronic' | 'hand'
  signer: { onBehalf: string; title: string; name: string; nip: string }
  approvedBy: string
}

/** Reads the register and settings an approval needs, before its short transaction. */
export async function prepareIssue(deps: Deps, r: LetterRequestRow, signature: 'electronic' | 'hand', approver: StaffActor, known?: VillageLetterType): Promise<PreparedIssue> {
  const village = await getLiveVillage(deps, r.village_code)
  const type = known ?? (await allVillageLetterTypes(deps, r.village_code)).find((t) => t.code === r.type_code)
  if (!type) throw invalidTransition('Jenis surat ini sudah tidak ada dalam katalog.')
  const subject = await getResidentProfile(deps, r.village_code, r.subject_resident_id)
  if (!subject) throw invalidTransition('Data penduduk yang dimohonkan sudah tidak ada di data penduduk.')
  const applicant = r.applicant_resident_id ? ((await getResidentProfile(deps, r.village_code, r.applicant_resident_id)) ?? null) : null
  const values = JSON.parse(r.fields) as FieldValues
  const people: Record<string, ResidentProfile | null> = {}
  for (const f of type.fields) {
    if (f.type !== 'resident') continue
    const nik = values[f.name]
    people[f.name] = typeof nik === 'string' && nik ? ((await findResidentByNik(deps, r.village_code, nik)) ?? null) : null
  }
  const unit = village.kind === 'kelurahan' ? 'Kelurahan' : 'Desa'
  // The head signs; a secretary approving signs on the head's behalf (a.n.).
  const signer = approver.role === 'secretary'
    ? { onBehalf: `a.n. ${village.headTitle} ${village.name}`, title: `Sekretaris ${unit}`, name: approver.name, nip: '' }
    : { onBehalf: '', title: `${village.headTitle} ${village.name}`, name: village.headName || approver.name, nip: village.headNip }

  return {
    request: r, village, regencyName: await regionName(deps.db, deps.config.regency), type, subject, applicant,
    family: await listFamilyMembers(deps, r.village_code, r.subject_resident_id), people, values, signature, signer, approvedBy: approver.username,
  }
}

/**
 * Inside the approval's transaction: takes the next number, writes the letter with its body and
 * an unguessable verification token, links it to the request and queues the PDF rendering.
 */
export async function issueLetter(trx: Executor, deps: Deps, p: PreparedIssue, now: string): Promise<LetterRow> {
  const year = witaParts(now).year
  const key = counterKey(p.village.counterScope, p.village.numberFormat, p.type.classificationCode)
  const seq = await nextCounterValue(trx, p.village.code, key, year)
  const number = formatLetterNumber(p.village.numberFormat, { classificationCode: p.type.classificationCode, seq, villageCode: p.village.code, issuedAt: now })
  const issuedDate = todayWita(new Date(now))
  const validUntil = addDays(issuedDate, p.type.validityDays)
  const body = renderTemplate(p.type.template, letterContext({
    village: p.village, regencyName: p.regencyName, subject: p.subject, applicant: p.applicant, family: p.family, fields: p.type.fields,
    values: p.values, people: p.people,
    letter: { number, title: p.type.title, issuedDate, validUntil, classificationCode: p.type.classificationCode, trackingCode: p.request.tracking_code },
  }))
  const row = {
    id: newId(), village_code: p.village.code, request_id: p.request.id, type_code: p.type.code, title: p.type.title,
    classification_code: p.type.classificationCode, counter_key: key, year, seq, number, verify_token: newToken(24),
    subject_name: p.subject.name, subject_nik: p.subject.nik, issued_date: issuedDate, issued_at: now, valid_until: validUntil,
    signature_mode: p.signature, signer_on_behalf: p.signer.onBehalf, signer_title: p.signer.title, signer_name: p.signer.name,
    signer_nip: p.signer.nip, approved_by: p.approvedBy, body_markup: body, pdf_file: null, pdf_sha256: null, pdf_ready_at: null,
    signed_pdf_file: null, signed_sha256: null, signed_at: null, signed_by: null, revoked_at: null, revoked_reason: null, revoked_by: null,
    created_at: now,
  } satisfies LetterRow
  await insertLetter(trx, row)
  await trx.updateTable('letter_requests').set({ letter_id: row.id }).where('village_code', '=', p.village.code).where('id', '=', p.request.id).execute()
  await enqueueJob(trx, { type: RENDER_JOB, villageCode: p.village.code, payload: { villageCode: p.village.code, letterId: row.id } })

  return row
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)

  return d.toISOString().slice(0, 10)
}

const letterDir = (dataDir: string, villageCode: string) => join(dataDir, 'files', 'letters', villageCode.replace(/[^0-9.]/g, ''))

/** The PDF of an issued letter as its inputs describe it (pure function of the row and village). */
export async function renderIssuedLetter(deps: Deps, letter: LetterRow, village: Village): Promise<Uint8Array> {
  const logo = village.logoFile && existsSync(logoPath(deps.config.dataDir, village.logoFile)) ? await readFile(logoPath(deps.config.dataDir, village.logoFile)) : null
  const address = [village.address, village.postalCode ? `Kode Pos ${village.postalCode}` : '', village.phone ? `Telp. ${village.phone}` : '', village.email].filter(Boolean).join(' · ')

  return renderLetterPdf({
    paperSize: village.paperSize,
    letterhead: { lines: village.letterheadLines, address, logoPng: logo },
    title: letter.title,
    number: letter.number,
    bodyMarkup: letter.body_markup,
    place: village.name,
    date: formatDateId(letter.issued_date),
    signature: { onBehalf: letter.signer_on_behalf || undefined, title: letter.signer_title, name: letter.signer_name, nip: letter.signer_nip || undefined, mode: letter.signature_mode },
    qr: { url: `${deps.config.publicUrl}/v/${letter.verify_token}`, caption: 'Pindai untuk memeriksa keaslian surat ini' },
    createdAt: new Date(letter.issued_at),
  })
}

/**
 * Job handler: renders an issued letter's PDF and records it. Idempotent: a retried job for a
 * letter that already has its PDF does nothing; the file is written under a temporary name and
 * renamed, so a crash never leaves a half-written PDF on record.
 */
export async function renderLetterJob(deps: Deps, payload: unknown): Promise<void> {
  const p = payload as { villageCode?: string; letterId?: string }
  if (!p?.villageCode || !p.letterId) throw new JobSkipped('payload tanpa villageCode/letterId')
  const letter = await findLetter(deps.db, p.villageCode, p.letterId)
  if (!letter) throw new JobSkipped('surat tidak ditemukan')
  if (letter.pdf_file) return
  const village = await getLiveVillage(deps, letter.village_code)
  const pdf = await renderIssuedLetter(deps, letter, village)
  const dir = letterDir(deps.config.dataDir, letter.village_code)
  mkdirSync(dir, { recursive: true })
  const name = `${newToken(24)}.pdf`
  await writeFile(join(dir, `${name}.tmp`), pdf)
  await rename(join(dir, `${name}.tmp`), join(dir, name))
  await deps.db.updateTable('letters')
    .set({ pdf_file: name, pdf_sha256: createHash('sha256').update(pdf).digest('hex'), pdf_ready_at: nowIso() })
    .where('village_code', '=', letter.village_code).where('id', '=', letter.id).where('pdf_file', 'is', null)
    .execute()
}

export const LETTER_JOB_HANDLERS = { [RENDER_JOB]: renderLetterJob }

/** The bytes to hand out: the signed PDF when there is one, else the rendered one. */
export async function readLetterPdf(deps: Deps, letter: LetterRow, which: 'best' | 'unsigned' = 'best'): Promise<Uint8Array | undefined> {
  const file = which === 'best' ? (letter.signed_pdf_file ?? letter.pdf_file) : letter.pdf_file
  if (!file) return undefined

  return readFile(join(letterDir(deps.config.dataDir, letter.village_code), file.replace(/[^A-Za-z0-9.]/g, '')))
}

// For SIGNING ---------------------------------------------------------------------------------

export interface IssuedLetter {
  id: string; villageCode: string; requestId: string; typeCode: string; title: string; number: string; verifyToken: string
  subjectName: string; subjectNikMasked: string; issuedDate: string; issuedAt: string; validUntil: string
  signatureMode: 'electronic' | 'hand'; signer: { onBehalf: string; title: string; name: string; nip: string }
  pdfReady: boolean; pdfSha256: string | null; signedAt: string | null; signedBy: string | null; signedSha256: string | null
  revokedAt: string | null; revokedReason: string | null
}

export const toIssuedLetter = (l: LetterRow): IssuedLetter => ({
  id: l.id, villageCode: l.village_code, requestId: l.request_id, typeCode: l.type_code, title: l.title, number: l.number, verifyToken: l.verify_token,
  subjectName: l.subject_name, subjectNikMasked: maskNik(l.subject_nik), issuedDate: l.issued_date, issuedAt: l.issued_at, validUntil: l.valid_until,
  signatureMode: l.signature_mode, signer: { onBehalf: l.signer_on_behalf, title: l.signer_title, name: l.signer_name, nip: l.signer_nip },
  pdfReady: l.pdf_file !== null, pdfSha256: l.pdf_sha256, signedAt: l.signed_at, signedBy: l.signed_by, signedSha256: l.signed_sha256,
  revokedAt: l.revoked_at, revokedReason: l.revoked_reason,
})

/** Public lookup by the QR token; undefined for any unknown token. */
export async function getIssuedLetterByToken(deps: Deps, token: string): Promise<IssuedLetter | undefined> {
  if (!/^[A-Z2-9]{24}$/.test(token)) return undefined
  const l = await findLetterByToken(deps.db, token)

  return l ? toIssuedLetter(l) : undefined
}

export async function getIssuedLetterRow(deps: Deps, villageCode: string, letterId: string): Promise<LetterRow | undefined> {
  return findLetter(deps.db, villageCode, letterId)
}

export async function listLettersAwaitingSignature(deps: Deps, actor: Actor | null, villageCode: string): Promise<IssuedLetter[]> {
  authorizeVillage(actor, villageCode, 'letter.sign')

  return (await listAwaitingSignature(deps.db, villageCode)).map(toIssuedLetter)
}

/**
 * Stores the signed PDF of a letter and moves its request to Siap Diambil.
 * @throws NOT_FOUND letter of another village; INVALID_TRANSITION already signed, revoked, hand path or PDF not ready
 */
export async function attachSignedPdf(deps: Deps, actor: Actor | null, meta: RequestMeta, villageCode: string, letterId: string, input: { pdf: Uint8Array; signedBy: string }): Promise<IssuedLetter> {
  const staff = authorizeVillage(actor, villageCode, 'letter.sign')
  const letter = await findLetter(deps.db, villageCode, letterId)
  if (!letter) throw notFound()
  if (letter.signature_mode !== 'electronic' || letter.signed_at || letter.revoked_at || !letter.pdf_file) {
    throw invalidTransition('Surat ini tidak sedang menunggu tanda tangan elektronik.')
  }
  const dir = letterDir(deps.config.dataDir, villageCode)
  mkdirSync(dir, { recursive: true })
  const name = `${newToken(24)}.pdf`
  await writeFile(join(dir, name), input.pdf, { flag: 'wx' })
  const now = nowIso()
  await deps.db.transaction().execute(async (trx) => {
    const n = await trx.updateTable('letters')
      .set({ signed_pdf_file: name, signed_sha256: createHash('sha256').update(input.pdf).digest('hex'), signed_at: now, signed_by: input.signedBy })
      .where('village_code', '=', villageCode).where('id', '=', letterId).where('signed_at', 'is', null).executeTakeFirst()
    if (Number(n.numUpdatedRows) !== 1) throw invalidTransition('Surat ini sudah ditandatangani.')
    const req = await trx.selectFrom('letter_requests').selectAll().where('village_code', '=', villageCode).where('id', '=', letter.request_id).executeTakeFirst()
    if (req && (await updateRequestState(trx, villageCode, req.id, 'disetujui', { state: 'siap_diambil', updated_at: now }))) {
      await insertEvent(trx, { id: newId(), request_id: req.id, village_code: villageCode, at: now, actor_kind: 'staff', actor_name: staff.name, from_state: 'disetujui', to_state: 'siap_diambil', note: 'Surat telah ditandatangani secara elektronik.' })
      if (req.applicant_account_id || req.contact_email || req.contact_phone) {
        await queueNotification(trx, {
          villageCode, citizenAccountId: req.applicant_account_id, email: req.contact_email, phone: req.contact_phone,
          subject: `Surat ${letter.title} telah terbit`,
          body: `Surat nomor ${letter.number} telah ditandatangani secara elektronik dan dapat diunduh atau diambil di kantor desa (kode lacak ${req.tracking_code}).`,
          link: req.applicant_account_id ? `/warga/surat/${req.id}` : `/lacak?kode=${req.tracking_code}`,
        })
      }
    }
    await recordAudit(trx, staff, meta, { villageCode, action: 'letter.sign', entityType: 'letter', entityId: letterId, summary: `Menandatangani surat ${letter.number}` })
  })

  return toIssuedLetter((await findLetter(deps.db, villageCode, letterId)) as LetterRow)
}

/** Sets the revocation columns inside SIGNING's transaction; false when already revoked. */
export async function markLetterRevoked(trx: Executor, villageCode: string, letterId: string, r: { reason: string; by: string; at: string }): Promise<boolean> {
  const n = await trx.updateTable('letters').set({ revoked_at: r.at, revoked_reason: r.reason, revoked_by: r.by })
    .where('village_code', '=', villageCode).where('id', '=', letterId).where('revoked_at', 'is', null).executeTakeFirst()

  return Number(n.numUpdatedRows) === 1
}

/** The outgoing-letter register (Buku Agenda Surat Keluar), newest first. */
export async function listOutgoingRegister(deps: Deps, actor: Actor | null, q: RegisterQuery): Promise<LetterRow[]> {
  authorizeVillage(actor, q.villageCode, 'request.read')

  return listLetters(deps.db, q)
}

