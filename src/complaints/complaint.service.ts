import type { Deps } from '../deps.ts'
import type { Actor, RequestMeta } from '../auth/actor.ts'
import { authorizeVillage } from '../auth/policy.ts'
import { consumeRate } from '../auth/throttle.service.ts'
import type { ThrottleRule } from '../auth/throttle.ts'
import { recordAudit } from '../audit/audit.service.ts'
import { queueNotification } from '../notify/notify.service.ts'
import { AppError, invalidInput, invalidTransition, notFound } from '../lib/errors.ts'
import { newId, newToken } from '../lib/ids.ts'
import { nowIso } from '../lib/time.ts'
import { fieldErrors, parseInput } from '../lib/validation.ts'
import { getLiveVillage } from '../tenancy/village.service.ts'
import { readPhoto, storePhoto } from '../portal/image.ts'
import { canReply, COMPLAINT_CATEGORIES, deadlinesFor, STATUS_LABEL, type ComplaintCategory } from './complaint.ts'
import { NAME_REQUIRED, ZComplaint, ZInboxQuery, ZPublish, ZReply, type InboxQuery } from './complaint.schema.ts'
import * as repo from './complaint.repository.ts'
import type { ComplaintRow, ComplaintStatus } from './complaint.table.ts'

/** At most 5 complaints an hour from one address: enough for a family sharing a phone, not for a flood. */
export const COMPLAINT_RATE: ThrottleRule = { max: 5, windowMs: 3600_000, lockMs: 3600_000 }
/** Look-ups by tracking code: generous for people, useless for guessing 60-bit codes. */
export const TRACK_RATE: ThrottleRule = { max: 60, windowMs: 15 * 60_000, lockMs: 15 * 60_000 }

export const TRACKING_CODE_LENGTH = 12
export const HONEYPOT_FIELD = 'situs_web'

/**
 * Files a complaint. Anyone may, named or anonymous; a signed-in resident's account is linked
 * so replies also reach their dashboard. An anonymous complaint keeps neither name nor contact.
 * @throws INVALID_INPUT bad fields, a filled honeypot, or a photo that is not a picture/too big
 * @throws RATE_LIMITED too many complaints from this address
 */
export async function submitComplaint(
  deps: Deps,
  actor: Actor | null,
  meta: RequestMeta,
  villageCode: string,
  input: Record<string, unknown>,
  photo: Uint8Array | null,
): Promise<{ trackingCode: string }> {
  const village = await getLiveVillage(deps, villageCode)
  if (typeof input[HONEYPOT_FIELD] === 'string' && input[HONEYPOT_FIELD] !== '') {
    // Only automated senders fill a field people cannot see.
    throw invalidInput('Formulir tidak dapat diproses. Muat ulang halaman lalu kirim kembali tanpa alat pengisi otomatis.')
  }
  const parsed = ZComplaint.safeParse(input)
  const errors = parsed.success ? {} : fieldErrors(parsed.error)
  const anonymous = input.anonymous === '1' || input.anonymous === 'on'
  if (!anonymous && String(input.name ?? '').trim().length < 2) errors.name ??= NAME_REQUIRED
  if (!parsed.success || Object.keys(errors).length) throw new AppError('INVALID_INPUT', { fields: errors })
  const c = parsed.data
  try {
    await consumeRate(deps.db, `complaint:${meta.ip}`, COMPLAINT_RATE)
  } catch (e) {
    if (e instanceof AppError && e.code === 'RATE_LIMITED') {
      throw new AppError('RATE_LIMITED', { userMessage: 'Terlalu banyak pengaduan dari alamat ini dalam satu jam. Coba lagi nanti atau datang langsung ke kantor desa.' })
    }
    throw e
  }
  const stored = photo ? await storePhoto(deps.config.dataDir, 'complaints', photo, { field: 'photo', maxSide: 1600 }) : null
  const citizen = actor?.kind === 'citizen' && actor.villageCode === village.code && !c.anonymous ? actor : null
  const id = newId()
  const trackingCode = newToken(TRACKING_CODE_LENGTH)
  const now = nowIso()
  const due = deadlinesFor(now)
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertComplaint(trx, {
      id, village_code: village.code, tracking_code: trackingCode, category: c.category, anonymous: c.anonymous ? 1 : 0,
      complainant_name: c.anonymous ? '' : c.name, contact: c.anonymous ? '' : c.contact, citizen_account_id: citizen?.id ?? null,
      body: c.body, photo_file: stored?.file ?? null, status: 'menunggu', reply: '', replied_at: null, replied_by: '', resolved_at: null,
      reply_due: due.replyDue, resolve_due: due.resolveDue, published: 0, public_text: '', created_at: now, updated_at: now,
    })
    await recordAudit(trx, citizen ?? { kind: 'public' }, meta, {
      villageCode: village.code, action: 'complaint.submit', entityType: 'complaint', entityId: id,
      summary: `Pengaduan baru (${COMPLAINT_CATEGORIES[c.category]})${c.anonymous ? ' tanpa nama' : ''}`,
    })
  })

  return { trackingCode }
}

/** Tracking codes are typed from paper: tolerate case and spaces. */
export const normalizeTrackingCode = (raw: string): string => raw.toUpperCase().replace(/[\s-]/g, '').slice(0, 40)

export interface TrackedComplaint {
  trackingCode: string; villageCode: string; villageName: string; category: string; body: string; status: ComplaintStatus; statusLabel: string
  createdAt: string; reply: string; repliedAt: string | null; resolvedAt: string | null; replyDue: string; resolveDue: string
}

/**
 * What the complainant sees by tracking code. Unknown, malformed and any other missing code
 * all answer the same NOT_FOUND, so the answer says nothing about which codes exist.
 */
export async function trackComplaint(deps: Deps, meta: RequestMeta, rawCode: string): Promise<TrackedComplaint> {
  await consumeRate(deps.db, `complaint-track:${meta.ip}`, TRACK_RATE)
  const code = normalizeTrackingCode(rawCode)
  const row = /^[A-Z2-9]{12}$/.test(code) ? await repo.findComplaintByCode(deps.db, code) : undefined
  if (!row) throw new AppError('NOT_FOUND', { userMessage: 'Kode pelacakan tidak ditemukan. Periksa kembali kode yang Anda terima saat mengirim pengaduan.' })
  const village = await getLiveVillage(deps, row.village_code)

  return {
    trackingCode: row.tracking_code, villageCode: village.code, villageName: `${village.kind === 'kelurahan' ? 'Kelurahan' : 'Desa'} ${village.name}`,
    category: COMPLAINT_CATEGORIES[row.category as ComplaintCategory] ?? row.category, body: row.body, status: row.status, statusLabel: STATUS_LABEL[row.status],
    createdAt: row.created_at, reply: row.reply, repliedAt: row.replied_at, resolvedAt: row.resolved_at, replyDue: row.reply_due, resolveDue: row.resolve_due,
  }
}

/** The id behind a tracking code (for tools such as the demo; pages use trackComplaint). */
export async function findComplaintIdByTrackingCode(deps: Deps, code: string): Promise<string> {
  const row = await repo.findComplaintByCode(deps.db, normalizeTrackingCode(code))
  if (!row) throw notFound()

  return row.id
}

export const INBOX_PAGE = 25

export async function listComplaintInbox(deps: Deps, actor: Actor | null, villageCode: string, rawQuery: Record<string, string | undefined>): Promise<{ rows: ComplaintRow[]; hasNext: boolean; query: InboxQuery; counts: { waiting: number; overdue: number } }> {
  authorizeVillage(actor, villageCode, 'complaint.handle')
  const query = ZInboxQuery.parse(rawQuery)
  const rows = await repo.listInbox(deps.db, villageCode, query, INBOX_PAGE)

  return { rows: rows.slice(0, INBOX_PAGE), hasNext: rows.length > INBOX_PAGE, query, counts: await repo.countOpen(deps.db, villageCode) }
}

export async function getComplaintForStaff(deps: Deps, actor: Actor | null, villageCode: string, id: string): Promise<ComplaintRow> {
  authorizeVillage(actor, villageCode, 'complaint.handle')
  const row = await repo.findComplaint(deps.db, villageCode, id)
  if (!row) throw notFound()

  return row
}

export async function complaintPhoto(deps: Deps, actor: Actor | null, villageCode: string, id: string): Promise<Buffer> {
  const row = await getComplaintForStaff(deps, actor, villageCode, id)
  if (!row.photo_file) throw notFound()

  return readPhoto(deps.config.dataDir, 'complaints', row.photo_file)
}

/**
 * Answers a complaint (or updates the answer) and sets it to Diproses or Selesai. The first
 * answer fixes `replied_at` (the 14-day deadline); Selesai fixes `resolved_at` (the 60-day one).
 * The complainant is told through the outbox when they left a contact or were signed in.
 */
export async function replyToComplaint(deps: Deps, actor: Actor | null, meta: RequestMeta, villageCode: string, id: string, input: unknown): Promise<void> {
  const staff = authorizeVillage(actor, villageCode, 'complaint.handle')
  const row = await repo.findComplaint(deps.db, villageCode, id)
  if (!row) throw notFound()
  if (!canReply(row.status)) throw invalidTransition('Pengaduan ini sudah selesai dan tidak dapat ditanggapi lagi.')
  const r = parseInput(ZReply, input)
  const now = nowIso()
  const contact = row.contact
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateComplaint(trx, villageCode, id, {
      reply: r.reply, replied_at: row.replied_at ?? now, replied_by: staff.name, status: r.status,
      resolved_at: r.status === 'selesai' ? now : null, updated_at: now,
    })
    await recordAudit(trx, staff, meta, {
      villageCode, action: 'complaint.reply', entityType: 'complaint', entityId: id,
      summary: `Menanggapi pengaduan (${STATUS_LABEL[r.status]})`, data: { status: r.status },
    })
    if (row.citizen_account_id || contact) {
      await queueNotification(trx, {
        villageCode,
        citizenAccountId: row.citizen_account_id,
        email: contact.includes('@') ? contact : null,
        phone: contact && !contact.includes('@') ? contact : null,
        subject: `Tanggapan atas pengaduan Anda (${STATUS_LABEL[r.status]})`,
        body: `Pengaduan Anda dengan kode ${row.tracking_code} telah ditanggapi:\n\n${r.reply}`,
        link: `/pengaduan/lacak?kode=${row.tracking_code}`,
      })
    }
  })
}

/** Publishes an answered complaint with a text written free of personal data, or withdraws it. */
export async function setComplaintPublished(deps: Deps, actor: Actor | null, meta: RequestMeta, villageCode: string, id: string, input: unknown): Promise<void> {
  const staff = authorizeVillage(actor, villageCode, 'complaint.handle')
  const row = await repo.findComplaint(deps.db, villageCode, id)
  if (!row) throw notFound()
  const p = parseInput(ZPublish, input)
  if (p.publish && !row.reply) throw invalidTransition('Hanya pengaduan yang sudah ditanggapi yang dapat dipublikasikan.')
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateComplaint(trx, villageCode, id, { published: p.publish ? 1 : 0, public_text: p.publish ? p.publicText : row.public_text, updated_at: nowIso() })
    await recordAudit(trx, staff, meta, {
      villageCode, action: p.publish ? 'complaint.publish' : 'complaint.unpublish', entityType: 'complaint', entityId: id,
      summary: p.publish ? 'Mempublikasikan pengaduan yang sudah ditanggapi' : 'Menarik publikasi pengaduan',
    })
  })
}

export interface PublicComplaint { category: string; text: string; reply: string; status: string; repliedAt: string | null; createdAt: string }

/** Answered complaints the village chose to publish: only the edited text and the answer. */
export async function listPublishedComplaints(deps: Deps, villageCode: string, limit = 10): Promise<PublicComplaint[]> {
  const rows = await repo.listPublished(deps.db, villageCode, limit)

  return rows.map((r) => ({
    category: COMPLAINT_CATEGORIES[r.category as ComplaintCategory] ?? r.category, text: r.public_text, reply: r.reply,
    status: STATUS_LABEL[r.status], repliedAt: r.replied_at, createdAt: r.created_at,
  }))
}

export async function complaintCounts(deps: Deps, villageCode: string): Promise<{ waiting: number; overdue: number }> {
  return repo.countOpen(deps.db, villageCode)
}
