import type { Deps } from '../deps.ts'
import type { Executor } from '../db/database.ts'
import type { Actor, CitizenActor, RequestMeta, StaffActor } from '../auth/actor.ts'
import { authorizeVillage, staffCan } from '../auth/policy.ts'
import { recordAudit } from '../audit/audit.service.ts'
import { AppError, invalidTransition, isUniqueViolation, notFound, type FieldErrors } from '../lib/errors.ts'
import { newId, newToken } from '../lib/ids.ts'
import { nowIso } from '../lib/time.ts'
import { maskNik } from '../lib/mask.ts'
import { getLiveVillage } from '../tenancy/village.service.ts'
import { findResidentByNik, getResidentProfile, listFamilyMembers, type ResidentProfile } from '../residents/resident.service.ts'
import { getOwnAccount } from '../citizens/citizen.service.ts'
import { queueNotification } from '../notify/notify.service.ts'
import { allVillageLetterTypes, getVillageLetterType, type VillageLetterType } from './catalogue.service.ts'
import { checkFieldValues, type FieldValues } from './request-fields.ts'
import { ACTION_LABEL, NOTE_REQUIRED, OPEN_STATES, STATE_LABEL, isRequestState, nextState, type RequestAction, type RequestState } from './request-state.ts'
import { addWorkingHours } from './working-hours.ts'
import { checkUploads, removeUploads, storeUpload, type UploadInput } from './uploads.ts'
import { issueLetter, prepareIssue } from './letter.service.ts'
import {
  findIdempotency, findRequest, findRequestByTracking, findRequestOfAccount, insertEvent, insertIdempotency, insertRequest, insertUpload,
  listEvents, listQueue, listRequestsOfAccount, listUploads, updateRequestState, findLetter, findRequestById,
} from './services.repository.ts'
import type { LetterRequestRow, LetterRow, RequestEventRow, RequestUploadRow } from './services.table.ts'
import { revokeLetterOfRequest } from '../signing/letter-status.service.ts'

export interface NewRequestInput {
  village: string
  letterType: string
  subjectNik: string
  fields: unknown
}

export interface CreatedRequest { id: string; trackingCode: string; state: RequestState }

const invalid = (fields: FieldErrors, message = 'Permohonan belum dapat dikirim. Periksa kembali isian yang ditandai.') =>
  new AppError('INVALID_INPUT', { userMessage: message, fields })

function readInput(input: unknown): NewRequestInput {
  const o = input && typeof input === 'object' ? (input as Record<string, unknown>) : {}
  const s = (k: string) => (typeof o[k] === 'string' ? (o[k] as string).trim() : '')
  const fields: FieldErrors = {}
  if (!s('village')) fields.village = 'Desa wajib dipilih.'
  if (!s('letterType')) fields.letterType = 'Jenis surat wajib dipilih.'
  if (!/^\d{16}$/.test(s('subjectNik'))) fields.subjectNik = 'NIK orang yang dimohonkan harus 16 angka.'
  if (Object.keys(fields).length) throw invalid(fields)

  return { village: s('village'), letterType: s('letterType'), subjectNik: s('subjectNik'), fields: o.fields }
}

/** Looks up the NIKs of `resident` fields in the village's register. */
async function resolvePeople(deps: Deps, villageCode: string, type: VillageLetterType, values: FieldValues): Promise<{ people: Record<string, ResidentProfile | null>; errors: FieldErrors }> {
  const people: Record<string, ResidentProfile | null> = {}
  const errors: FieldErrors = {}
  for (const f of type.fields) {
    if (f.type !== 'resident') continue
    const nik = values[f.name]
    if (typeof nik !== 'string' || !nik) { people[f.name] = null; continue }
    const p = await findResidentByNik(deps, villageCode, nik)
    if (!p) errors[`fields.${f.name}`] = `${f.label}: NIK ${maskNik(nik)} tidak terdaftar di data penduduk desa ini.`
    people[f.name] = p ?? null
  }

  return { people, errors }
}

const actorLabel = (a: Actor) => (a.kind === 'staff' ? a.name : a.name)

/**
 * A new letter request: by a resident online (for themself or a member of their KK) or by staff
 * at the counter for any resident of the village. Honours an idempotency key: the same key from
 * the same account answers with the first request and creates nothing.
 * @throws NOT_FOUND a village outside the actor's reach
 * @throws INVALID_INPUT per field: type switched off or not online, person outside the family,
 *   missing/invalid fields, uploads too big or of the wrong type
 */
export async function createRequest(
  deps: Deps,
  actor: Actor | null,
  meta: RequestMeta,
  rawInput: unknown,
  opts: { idempotencyKey?: string; uploads?: UploadInput[]; contactPhone?: string } = {},
): Promise<CreatedRequest> {
  if (!actor) throw new AppError('UNAUTHENTICATED')
  const input = readInput(rawInput)
  let staff: StaffActor | null = null
  if (actor.kind === 'staff') staff = authorizeVillage(actor, input.village, 'request.process')
  else if (actor.villageCode !== input.village) throw notFound()
  const village = await getLiveVillage(deps, input.village)
  const owner = `${actor.kind}:${actor.id}`
  const key = opts.idempotencyKey?.trim()
  if (key !== undefined && (key.length < 1 || key.length > 200)) {
    throw invalid({ 'Idempotency-Key': 'Idempotency-Key harus 1–200 karakter.' })
  }
  if (key) {
    const seen = await findIdempotency(deps.db, owner, key)
    if (seen) return existingResult(deps, village.code, seen.request_id)
  }

  const type = await getVillageLetterType(deps, village.code, input.letterType)
  if (!type) throw invalid({ letterType: 'Jenis surat ini tidak tersedia atau sedang tidak dilayani oleh desa.' })
  if (actor.kind === 'citizen' && !type.online) throw invalid({ letterType: 'Jenis surat ini hanya dapat diajukan langsung di kantor desa.' })

  let subject: ResidentProfile | undefined
  let applicant: ResidentProfile | undefined
  if (actor.kind === 'citizen') {
    const family = await listFamilyMembers(deps, village.code, actor.residentId)
    applicant = family.find((m) => m.id === actor.residentId) ?? (await getResidentProfile(deps, village.code, actor.residentId))
    subject = family.find((m) => m.nik === input.subjectNik)
    if (!subject) throw invalid({ subjectNik: 'Surat hanya dapat dimohonkan untuk diri sendiri atau anggota Kartu Keluarga Anda.' })
  } else {
    subject = await findResidentByNik(deps, village.code, input.subjectNik)
    if (!subject) throw invalid({ subjectNik: 'NIK tidak terdaftar di data penduduk desa ini.' })
  }
  if (subject.status !== 'aktif') throw invalid({ subjectNik: `Penduduk ini berstatus ${subject.status}; surat tidak dapat dimohonkan atas namanya.` })

  const { values, errors } = checkFieldValues(type.fields, input.fields)
  const people = await resolvePeople(deps, village.code, type, values)
  Object.assign(errors, people.errors)
  if (Object.keys(errors).length) throw invalid(errors)
  const checked = await checkUploads(opts.uploads ?? [], type.requirements)

  let contactEmail: string | null = null
  if (actor.kind === 'citizen') {
    const account = await getOwnAccount(deps, actor).catch(() => undefined)
    if (account?.email && account.emailVerified) contactEmail = account.email
  }
  const contactPhone = opts.contactPhone?.trim() || applicant?.phone || subject.phone || null

  const now = nowIso()
  const id = newId()
  const trackingCode = newToken(10)
  const stored: string[] = []
  try {
    for (const u of checked) stored.push(await storeUpload(deps.config.dataDir, village.code, u))
    await deps.db.transaction().execute(async (trx) => {
      if (key) await insertIdempotency(trx, { owner, key, request_id: id, created_at: now })
      await insertRequest(trx, {
        id, village_code: village.code, tracking_code: trackingCode, type_code: type.code, channel: actor.kind === 'citizen' ? 'online' : 'loket',
        applicant_account_id: actor.kind === 'citizen' ? actor.id : null, applicant_resident_id: actor.kind === 'citizen' ? actor.residentId : null,
        subject_resident_id: subject.id, subject_name: subject.name, subject_nik: subject.nik, fields: JSON.stringify(values),
        contact_email: contactEmail, contact_phone: contactPhone, state: 'diajukan', state_note: '', sla_hours: type.slaHours,
        submitted_at: now, due_at: addWorkingHours(now, type.slaHours, deps.config.holidays), decided_at: null, finished_at: null,
        collected_by: null, letter_id: null, updated_at: now,
      })
      for (const [i, u] of checked.entries()) {
        await insertUpload(trx, {
          id: newId(), request_id: id, village_code: village.code, requirement: u.requirement, stored_name: stored[i], original_name: u.name,
          mime: u.mime, size: u.bytes.byteLength, sha256: u.sha256, created_at: now,
        })
      }
      await insertEvent(trx, { id: newId(), request_id: id, village_code: village.code, at: now, actor_kind: actor.kind, actor_name: actorLabel(actor), from_state: null, to_state: 'diajukan', note: staff ? 'Diajukan di loket pelayanan.' : '' })
      await notifyResident(trx, { village_code: village.code, applicant_account_id: actor.kind === 'citizen' ? actor.id : null, contact_email: contactEmail, contact_phone: contactPhone, id, tracking_code: trackingCode }, {
        subject: `Permohonan ${type.name} diterima`,
        body: `Permohonan ${type.name} atas nama ${subject.name} telah diterima dengan kode lacak ${trackingCode}. Perkiraan selesai: ${type.slaHours} jam kerja.`,
      })
      await recordAudit(trx, actor, meta, {
        villageCode: village.code, action: 'request.create', entityType: 'letter_request', entityId: id,
        summary: `Mengajukan ${type.name} untuk ${subject.name} (${maskNik(subject.nik)})`, data: { type: type.code, channel: staff ? 'loket' : 'online', documents: checked.length },
      })
    })
  } catch (e) {
    await removeUploads(deps.config.dataDir, village.code, stored)
    // Two submissions with one key raced: the loser answers with the winner's request.
    if (key && isUniqueViolation(e)) {
      const seen = await findIdempotency(deps.db, owner, key)
      if (seen) return existingResult(deps, village.code, seen.request_id)
    }
    throw e
  }

  return { id, trackingCode, state: 'diajukan' }
}

async function existingResult(deps: Deps, villageCode: string, id: string): Promise<CreatedRequest> {
  const r = await findRequest(deps.db, villageCode, id)
  if (!r) throw notFound()

  return { id: r.id, trackingCode: r.tracking_code, state: r.state as RequestState }
}

async function notifyResident(trx: Executor, r: Pick<LetterRequestRow, 'village_code' | 'applicant_account_id' | 'contact_email' | 'contact_phone' | 'id' | 'tracking_code'>, msg: { subject: string; body: string }): Promise<void> {
  // Walk-in requests of residents without an account still reach them by e-mail/phone if known.
  if (!r.applicant_account_id && !r.contact_email && !r.contact_phone) return
  await queueNotification(trx, {
    villageCode: r.village_code, citizenAccountId: r.applicant_account_id, email: r.contact_email, phone: r.contact_phone,
    subject: msg.subject, body: msg.body, link: r.applicant_account_id ? `/warga/surat/${r.id}` : `/lacak?kode=${r.tracking_code}`,
  })
}

// Reading -----------------------------------------------------------------------------------

export interface RequestDetail {
  request: LetterRequestRow
  type: VillageLetterType | undefined
  typeName: string
  values: FieldValues
  events: RequestEventRow[]
  uploads: RequestUploadRow[]
  letter: LetterRow | undefined
}

async function detailOf(deps: Deps, r: LetterRequestRow): Promise<RequestDetail> {
  const type = (await allVillageLetterTypes(deps, r.village_code)).find((t) => t.code === r.type_code)
  const [events, uploads, letter] = await Promise.all([
    listEvents(deps.db, r.village_code, r.id),
    listUploads(deps.db, r.village_code, r.id),
    r.letter_id ? findLetter(deps.db, r.village_code, r.letter_id) : Promise.resolve(undefined),
  ])

  return { request: r, type, typeName: type?.name ?? r.type_code, values: JSON.parse(r.fields) as FieldValues, events, uploads, letter }
}

/**
 * A request as whoever asks may see it: staff of its village (404 elsewhere), or the resident
 * who submitted it (404 for anyone else's id).
 */
export async function getRequest(deps: Deps, actor: Actor | null, id: string, villageCode?: string): Promise<RequestDetail> {
  if (!actor) throw new AppError('UNAUTHENTICATED')
  let r: LetterRequestRow | undefined
  if (actor.kind === 'citizen') {
    r = await findRequestOfAccount(deps.db, actor.id, id)
  } else {
    const any = villageCode ? await findRequest(deps.db, villageCode, id) : await findRequestById(deps.db, id)
    if (any && staffCan(actor, any.village_code, 'request.read')) r = any
    else if (any) authorizeVillage(actor, any.village_code, 'request.read')
  }
  if (!r) throw notFound()

  return detailOf(deps, r)
}

export interface QueueFilters { state?: string; type?: string; ageDays?: number; page?: number }
export const QUEUE_PAGE_SIZE = 50

/** The village's queue, oldest first; by default everything the office still has to act on. */
export async function listRequestQueue(deps: Deps, actor: Actor | null, villageCode: string, f: QueueFilters): Promise<{ rows: LetterRequestRow[]; page: number; hasNext: boolean }> {
  authorizeVillage(actor, villageCode, 'request.read')
  const page = Math.max(1, Math.min(10_000, Math.trunc(f.page ?? 1) || 1))
  const states = f.state === 'semua' ? [] : f.state && isRequestState(f.state) ? [f.state] : [...OPEN_STATES, 'disetujui', 'siap_diambil']
  const submittedBefore = f.ageDays && f.ageDays > 0 ? new Date(Date.now() - f.ageDays * 86_400_000).toISOString() : undefined
  const rows = await listQueue(deps.db, { villageCode, states, typeCode: f.type || undefined, submittedBefore, limit: QUEUE_PAGE_SIZE + 1, offset: (page - 1) * QUEUE_PAGE_SIZE })

  return { rows: rows.slice(0, QUEUE_PAGE_SIZE), page, hasNext: rows.length > QUEUE_PAGE_SIZE }
}

/** The signed-in resident's own requests, newest first. */
export async function listOwnRequests(deps: Deps, actor: CitizenActor, limit = 50): Promise<LetterRequestRow[]> {
  return listRequestsOfAccount(deps.db, actor.id, limit)
}

/** Public tracking: the state and dates only, never who or what for. */
export interface TrackingView { trackingCode: string; typeName: string; villageName: string; state: string; stateLabel: string; submittedAt: string; updatedAt: string; dueAt: string; finishedAt: string | null }

export async function trackRequest(deps: Deps, code: string): Promise<TrackingView | undefined> {
  const clean = code.trim().toUpperCase().replace(/[^A-Z0-9]/g, '')
  if (clean.length !== 10) return undefined
  const r = await findRequestByTracking(deps.db, clean)
  if (!r) return undefined
  const type = (await allVillageLetterTypes(deps, r.village_code)).find((t) => t.code === r.type_code)
  const village = await getLiveVillage(deps, r.village_code)

  return {
    trackingCode: r.tracking_code, typeName: type?.name ?? r.type_code, villageName: `${village.kind === 'kelurahan' ? 'Kelurahan' : 'Desa'} ${village.name}`,
    state: r.state, stateLabel: STATE_LABEL[r.state as RequestState] ?? r.state, submittedAt: r.submitted_at, updatedAt: r.updated_at, dueAt: r.due_at, finishedAt: r.finished_at,
  }
}

// Acting --------------------------------------------------------------------------------------

export interface ActionInput { action: string; note?: string; signature?: string; collectedBy?: string; fields?: unknown }

const STAFF_ONLY = new Set<RequestAction>(['review', 'ask-correction', 'reject', 'approve', 'hand-over'])
const CITIZEN_ONLY = new Set<RequestAction>(['cancel', 'resubmit'])

/**
 * Applies an action to a request. Staff: review, ask-correction, reject, approve (issues the
 * letter), hand-over. The resident: cancel, resubmit (after a correction, with new fields).
 * @throws NOT_FOUND the request is not the actor's to see
 * @throws INVALID_INPUT missing note or collector, unknown action, invalid fields
 * @throws INVALID_TRANSITION the state machine does not allow it now
 */
export async function actOnRequest(deps: Deps, actor: Actor | null, meta: RequestMeta, id: string, input: ActionInput, villageCode?: string): Promise<RequestDetail> {
  if (!actor) throw new AppError('UNAUTHENTICATED')
  // Revoking the issued letter belongs to SIGNING (head or regency, with a reason).
  if (String(input.action ?? '').trim() === 'revoke') {
    await revokeLetterOfRequest(deps, actor, meta, id, { note: input.note }, villageCode)

    return getRequest(deps, actor, id, villageCode)
  }
  const action = String(input.action ?? '').trim() as RequestAction
  const allowedSet = actor.kind === 'staff' ? STAFF_ONLY : CITIZEN_ONLY
  const current = await getRequest(deps, actor, id, villageCode)
  const r = current.request
  if (!allowedSet.has(action)) {
    throw new AppError('INVALID_INPUT', { userMessage: 'Tindakan tidak dikenal.', fields: { action: `Tindakan harus salah satu dari: ${[...allowedSet].join(', ')}.` } })
  }
  const staff = actor.kind === 'staff' ? authorizeVillage(actor, r.village_code, action === 'approve' ? 'request.approve' : 'request.process') : null
  const note = String(input.note ?? '').trim().slice(0, 1000)
  const signature: 'electronic' | 'hand' = input.signature === 'electronic' ? 'electronic' : 'hand'
  if (input.signature !== undefined && input.signature !== '' && input.signature !== 'electronic' && input.signature !== 'hand') {
    throw new AppError('INVALID_INPUT', { fields: { signature: 'Cara tanda tangan harus "electronic" atau "hand".' } })
  }
  const from = r.state as RequestState
  const to = nextState(from, action, { signature })
  if (!to) {
    throw invalidTransition(`Tindakan "${ACTION_LABEL[action]}" tidak dapat dilakukan pada permohonan berstatus ${STATE_LABEL[from]}.`)
  }
  if (NOTE_REQUIRED.includes(action) && !note) {
    throw new AppError('INVALID_INPUT', { userMessage: 'Keterangan wajib diisi.', fields: { note: action === 'reject' ? 'Tuliskan alasan penolakan.' : 'Tuliskan apa yang perlu diperbaiki.' } })
  }
  const collectedBy = String(input.collectedBy ?? '').trim().slice(0, 120)
  if (action === 'hand-over' && !collectedBy) {
    throw new AppError('INVALID_INPUT', { userMessage: 'Nama pengambil surat wajib diisi.', fields: { collectedBy: 'Tuliskan nama orang yang mengambil surat.' } })
  }
  let newFields: FieldValues | null = null
  if (action === 'resubmit' && input.fields !== undefined) {
    if (!current.type) throw invalid({ letterType: 'Jenis surat ini sudah tidak dilayani.' })
    const { values, errors } = checkFieldValues(current.type.fields, input.fields)
    Object.assign(errors, (await resolvePeople(deps, r.village_code, current.type, values)).errors)
    if (Object.keys(errors).length) throw invalid(errors)
    newFields = values
  }
  const prepared = action === 'approve' ? await prepareIssue(deps, r, signature, staff as StaffActor, current.type) : null

  const now = nowIso()
  await deps.db.transaction().execute(async (trx) => {
    const patch = {
      state: to, updated_at: now, state_note: NOTE_REQUIRED.includes(action) ? note : '',
      ...(action === 'approve' || action === 'reject' ? { decided_at: now } : {}),
      ...(to === 'selesai' || to === 'ditolak' || to === 'dibatalkan' ? { finished_at: now } : {}),
      ...(action === 'hand-over' ? { collected_by: collectedBy } : {}),
      ...(action === 'resubmit' ? { due_at: addWorkingHours(now, r.sla_hours, deps.config.holidays), ...(newFields ? { fields: JSON.stringify(newFields) } : {}) } : {}),
    }
    if (!(await updateRequestState(trx, r.village_code, r.id, from, patch))) {
      throw invalidTransition('Permohonan ini baru saja diubah oleh orang lain. Muat ulang halaman.')
    }
    if (prepared) await issueLetter(trx, deps, prepared, now)
    const eventNote = action === 'hand-over' ? `Diambil oleh ${collectedBy}.${note ? ` ${note}` : ''}` : note
    await insertEvent(trx, { id: newId(), request_id: r.id, village_code: r.village_code, at: now, actor_kind: actor.kind, actor_name: actorLabel(actor), from_state: from, to_state: to, note: eventNote })
    await notifyResident(trx, r, {
      subject: `Permohonan ${current.typeName}: ${STATE_LABEL[to]}`,
      body: stateMessage(to, current.typeName, r.tracking_code, note),
    })
    await recordAudit(trx, actor, meta, {
      villageCode: r.village_code, action: `request.${action}`, entityType: 'letter_request', entityId: r.id,
      summary: `${ACTION_LABEL[action]}: ${current.typeName} untuk ${r.subject_name} (${STATE_LABEL[from]} → ${STATE_LABEL[to]})`,
      data: { from, to, ...(action === 'approve' ? { signature } : {}) },
    })
  })

  return getRequest(deps, actor, id, r.village_code)
}

function stateMessage(to: RequestState, typeName: string, code: string, note: string): string {
  const base = `Permohonan ${typeName} (kode lacak ${code}) kini berstatus ${STATE_LABEL[to]}.`
  switch (to) {
    case 'perbaikan':
      return `${base} Yang perlu diperbaiki: ${note}`
    case 'ditolak':
      return `${base} Alasan: ${note}`
    case 'siap_diambil':
      return `${base} Surat dapat diambil di kantor desa pada jam pelayanan.`
    case 'disetujui':
      return `${base} Surat sedang menunggu tanda tangan elektronik.`
    default:
      return note ? `${base} ${note}` : base
  }
}

/** Marks a request Selesai when its resident downloads the finished, signed letter. */
export async function completeOnDownload(deps: Deps, actor: CitizenActor, meta: RequestMeta, r: LetterRequestRow): Promise<void> {
  if (r.state !== 'siap_diambil') return
  const now = nowIso()
  await deps.db.transaction().execute(async (trx) => {
    if (!(await updateRequestState(trx, r.village_code, r.id, 'siap_diambil', { state: 'selesai', finished_at: now, updated_at: now, collected_by: 'Diunduh oleh pemohon' }))) return
    await insertEvent(trx, { id: newId(), request_id: r.id, village_code: r.village_code, at: now, actor_kind: 'citizen', actor_name: actor.name, from_state: 'siap_diambil', to_state: 'selesai', note: 'Surat diunduh oleh pemohon.' })
    await recordAudit(trx, actor, meta, { villageCode: r.village_code, action: 'request.download', entityType: 'letter_request', entityId: r.id, summary: 'Mengunduh surat yang telah terbit' })
  })
}

export { STATE_LABEL }

/**
 * Adds documents to an open request (the resident's own, or staff of its village), e.g. what
 * a correction asked for.
 * @throws NOT_FOUND not the actor's request; INVALID_TRANSITION request no longer open;
 *   INVALID_INPUT a file too big, of the wrong type, or for an unknown requirement
 */
export async function addDocuments(deps: Deps, actor: Actor | null, meta: RequestMeta, id: string, uploads: UploadInput[], villageCode?: string): Promise<RequestDetail> {
  const d = await getRequest(deps, actor, id, villageCode)
  const r = d.request
  if (actor?.kind === 'staff') authorizeVillage(actor, r.village_code, 'request.process')
  if (!(OPEN_STATES as readonly string[]).includes(r.state)) throw invalidTransition(`Dokumen tidak dapat ditambahkan pada permohonan berstatus ${STATE_LABEL[r.state as RequestState]}.`)
  if (uploads.length === 0) throw invalid({ documents: 'Pilih paling sedikit satu berkas.' }, 'Belum ada berkas yang dipilih.')
  const checked = await checkUploads(uploads, d.type?.requirements ?? [])
  const stored: string[] = []
  const now = nowIso()
  try {
    for (const u of checked) stored.push(await storeUpload(deps.config.dataDir, r.village_code, u))
    await deps.db.transaction().execute(async (trx) => {
      for (const [i, u] of checked.entries()) {
        await insertUpload(trx, { id: newId(), request_id: r.id, village_code: r.village_code, requirement: u.requirement, stored_name: stored[i], original_name: u.name, mime: u.mime, size: u.bytes.byteLength, sha256: u.sha256, created_at: now })
      }
      await recordAudit(trx, actor as Actor, meta, { villageCode: r.village_code, action: 'request.documents', entityType: 'letter_request', entityId: r.id, summary: `Menambahkan ${checked.length} dokumen pada permohonan ${d.typeName}` })
    })
  } catch (e) {
    await removeUploads(deps.config.dataDir, r.village_code, stored)
    throw e
  }

  return getRequest(deps, actor, id, r.village_code)
}
