import nodemailer from 'nodemailer'
import { z } from 'zod'
import type { Executor } from '../db/database.ts'
import type { Deps } from '../deps.ts'
import { newId } from '../lib/ids.ts'
import { nowIso } from '../lib/time.ts'
import { AppError } from '../lib/errors.ts'
import { enqueueJob } from '../jobs/jobs.service.ts'
import { JobFailed, JobSkipped, type JobHandlers } from '../jobs/jobs.ts'
import { countUnreadOfAccount, insertNotification, listNotificationsOfAccount, markRead } from './notify.repository.ts'
import type { NotificationRow } from './notify.table.ts'

export const EMAIL_JOB = 'notify.email'
export const MESSAGE_JOB = 'notify.message'

export interface NewNotification {
  villageCode: string
  citizenAccountId?: string | null
  /** a verified address; mail goes out through the outbox */
  email?: string | null
  /** a phone number for the message gateway (WhatsApp/SMS webhook) */
  phone?: string | null
  subject: string
  body: string
  /** a path inside Balai ('/warga/permohonan/…') or an absolute address */
  link?: string | null
}

/**
 * Records a notification and queues its deliveries in the caller's transaction: the dashboard
 * entry, an e-mail when an address is given, and a gateway message when a phone is given. Nothing
 * is sent here; the outbox worker sends after the commit, so a rollback sends nothing.
 */
export async function queueNotification(trx: Executor, n: NewNotification): Promise<void> {
  const id = newId()
  const link = n.link?.trim() || null
  await insertNotification(trx, {
    id,
    village_code: n.villageCode,
    citizen_account_id: n.citizenAccountId ?? null,
    subject: n.subject,
    body: n.body,
    link,
    read_at: null,
    created_at: nowIso(),
  })
  const email = n.email?.trim()
  if (email) {
    await enqueueJob(trx, {
      type: EMAIL_JOB,
      villageCode: n.villageCode,
      payload: { key: id, to: email, subject: n.subject, text: n.body, link } satisfies EmailPayload,
    })
  }
  const phone = n.phone?.trim()
  if (phone) {
    // Whether the gateway is configured is decided when sending, so a webhook set up later
    // still delivers what was queued before a restart.
    await enqueueJob(trx, {
      type: MESSAGE_JOB,
      villageCode: n.villageCode,
      payload: { key: id, to: phone, subject: n.subject, text: n.body, link, village: n.villageCode } satisfies MessagePayload,
    })
  }
}

/** Queues one e-mail through the outbox without a dashboard entry (e.g. a PIN reset link). */
export async function queueEmail(trx: Executor, m: { villageCode?: string | null; to: string; subject: string; text: string; link?: string | null }): Promise<void> {
  await enqueueJob(trx, {
    type: EMAIL_JOB,
    villageCode: m.villageCode ?? null,
    payload: { key: newId(), to: m.to, subject: m.subject, text: m.text, link: m.link ?? null } satisfies EmailPayload,
  })
}

export async function listNotifications(deps: Deps, citizenAccountId: string, limit = 20): Promise<NotificationRow[]> {
  return listNotificationsOfAccount(deps.db, citizenAccountId, Math.max(1, Math.min(limit, 200)))
}

export async function countUnreadNotifications(deps: Deps, citizenAccountId: string): Promise<number> {
  return countUnreadOfAccount(deps.db, citizenAccountId)
}

/**
 * Marks notifications read for the signed-in resident. Ids of other accounts are ignored (the
 * account id is part of the WHERE), so changing an id in a form touches nothing of anyone else.
 */
export async function markNotificationsRead(deps: Deps, citizenAccountId: string, ids?: readonly string[]): Promise<number> {
  return markRead(deps.db, citizenAccountId, nowIso(), ids)
}

// ---- delivery (job handlers) -------------------------------------------------------------

const ZEmailPayload = z.object({
  key: z.string(),
  to: z.string().min(3),
  subject: z.string(),
  text: z.string(),
  link: z.string().nullable().optional(),
})
type EmailPayload = z.infer<typeof ZEmailPayload>

const ZMessagePayload = ZEmailPayload.extend({ village: z.string() })
type MessagePayload = z.infer<typeof ZMessagePayload>

/** A malformed payload will not improve with retries: fail at once, naming the bad fields. */
function payloadOf<T>(schema: z.ZodType<T>, payload: unknown): T {
  const parsed = schema.safeParse(payload)
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(muatan)'))].join(', ')
    throw new JobFailed(`Muatan tugas tidak sah: ${fields}`)
  }

  return parsed.data
}

/** A link stored as a path becomes an address under BALAI_PUBLIC_URL when sent. */
function absoluteLink(deps: Deps, link: string | null | undefined): string | null {
  if (!link) return null

  return /^https?:\/\//.test(link) ? link : `${deps.config.publicUrl}${link.startsWith('/') ? '' : '/'}${link}`
}

function mailText(deps: Deps, text: string, link: string | null | undefined): string {
  const url = absoluteLink(deps, link)
  const footer = 'Pesan ini dikirim otomatis oleh Balai. Mohon tidak membalas surel ini.'

  return url ? `${text}\n\nBuka: ${url}\n\n${footer}\n` : `${text}\n\n${footer}\n`
}

async function deliverMail(deps: Deps, mail: { to: string; subject: string; text: string; messageId?: string }): Promise<void> {
  if (!deps.config.smtpUrl) throw new Error('SMTP_URL belum diatur')
  const transport = nodemailer.createTransport({
    url: deps.config.smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  })
  try {
    await transport.sendMail({
      from: deps.config.smtpFrom,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      // A retry after a lost acknowledgement carries the same Message-ID, so mail systems
      // that deduplicate show it once.
      ...(mail.messageId ? { messageId: mail.messageId } : {}),
    })
  } finally {
    transport.close()
  }
}

/**
 * Sends one e-mail immediately, outside any transaction. Prefer `queueEmail` (retries, survives
 * restarts); this is for a person waiting on the screen for the result.
 */
export async function sendEmailNow(deps: Deps, mail: { to: string; subject: string; text: string }): Promise<void> {
  if (!deps.config.smtpUrl) {
    throw new AppError('INTERNAL', {
      message: 'SMTP_URL not configured',
      userMessage: 'Pengiriman surel belum diatur di server ini. Silakan hubungi kantor desa.',
    })
  }
  await deliverMail(deps, { to: mail.to, subject: mail.subject, text: mailText(deps, mail.text, null) })
}

async function emailHandler(deps: Deps, payload: unknown): Promise<void> {
  const p = payloadOf(ZEmailPayload, payload)
  if (!deps.config.smtpUrl) throw new JobSkipped('SMTP_URL belum diatur; surel tidak dikirim')
  const domain = new URL(deps.config.publicUrl).hostname || 'balai.local'
  await deliverMail(deps, { to: p.to, subject: p.subject, text: mailText(deps, p.text, p.link), messageId: `<${p.key}@${domain}>` })
}

async function messageHandler(deps: Deps, payload: unknown): Promise<void> {
  const p = payloadOf(ZMessagePayload, payload)
  const url = deps.config.messageWebhookUrl
  if (!url) throw new JobSkipped('BALAI_MESSAGE_WEBHOOK_URL belum diatur; pesan tidak dikirim')
  const link = absoluteLink(deps, p.link)
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': p.key },
    body: JSON.stringify({
      id: p.key,
      to: p.to,
      village: p.village,
      subject: p.subject,
      text: link ? `${p.subject}\n\n${p.text}\n\n${link}` : `${p.subject}\n\n${p.text}`,
      link,
    }),
    signal: AbortSignal.timeout(15_000),
    redirect: 'error',
  })
  // Drain the body so the connection is released either way.
  const answer = await res.text().catch(() => '')
  if (!res.ok) throw new Error(`Gerbang pesan menjawab ${res.status}: ${answer.slice(0, 200)}`)
}

export const NOTIFY_JOB_HANDLERS: JobHandlers = {
  [EMAIL_JOB]: emailHandler,
  [MESSAGE_JOB]: messageHandler,
}
