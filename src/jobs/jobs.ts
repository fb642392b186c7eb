import type { Deps } from '../deps.ts'

/**
 * A job handler does the work of one job type. It runs outside any request transaction, may be
 * called again for the same payload after a crash or a retry (so it must be idempotent), and
 * signals failure by throwing (retried with backoff); `JobSkipped` ends a job as having nothing
 * to do and `JobFailed` as failed, neither retried.
 */
export type JobHandler = (deps: Deps, payload: unknown) => Promise<void>

export type JobHandlers = Record<string, JobHandler>

/** Thrown by a handler when the job cannot and need not be done (e.g. a channel not set up). */
export class JobSkipped extends Error {
  override name = 'JobSkipped'
}

/** Thrown by a handler when retrying cannot help (e.g. a malformed payload): failed at once. */
export class JobFailed extends Error {
  override name = 'JobFailed'
}

export const DEFAULT_MAX_ATTEMPTS = 8
/** How long a claimed job stays claimed; past this a crashed worker's job is taken again. */
export const CLAIM_MS = 5 * 60_000
const BACKOFF_BASE_MS = 30_000
const BACKOFF_MAX_MS = 6 * 3600_000

/** Delay before the next try after `attempts` failed tries: 30 s, 1 min, 2 min, … capped at 6 h. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_MAX_MS)
}

/** Error text kept on the job row: enough to diagnose, bounded so a huge stack cannot bloat it. */
export function describeError(e: unknown): string {
  const text = e instanceof JobFailed ? e.message : e instanceof Error ? `${e.name}: ${e.message}` : String(e)

  // One line: the outbox page and `balai jobs` show it in a table row.
  return text.replace(/\s+/g, ' ').trim().slice(0, 2000)
}

/** How staff pages name job types; a type not listed shows its code. */
const JOB_TYPE_LABEL: Record<string, string> = {
  'notify.email': 'Surel pemberitahuan',
  'notify.message': 'Pesan gerbang (WhatsApp/SMS)',
  'letter.render': 'Pembuatan PDF surat',
  'signing.sign-letter': 'Penandatanganan elektronik',
}

export const jobTypeLabel = (type: string): string => JOB_TYPE_LABEL[type] ?? type

export const JOB_STATE_LABEL = {
  pending: 'Menunggu',
  running: 'Berjalan',
  done: 'Selesai',
  skipped: 'Dilewati',
  failed: 'Gagal',
} as const
