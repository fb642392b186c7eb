import { hostname } from 'node:os'
import type { Executor } from '../db/database.ts'
import type { Deps } from '../deps.ts'
import { newId } from '../lib/ids.ts'
import { nowIso } from '../lib/time.ts'
import { AppError } from '../lib/errors.ts'
import type { Actor, RequestMeta } from '../auth/actor.ts'
import { authorizeScope } from '../auth/policy.ts'
import { recordAudit } from '../audit/audit.service.ts'
import { listLiveVillages } from '../tenancy/village.service.ts'
import { CLAIM_MS, DEFAULT_MAX_ATTEMPTS, JobFailed, JobSkipped, backoffMs, describeError, jobTypeLabel, type JobHandlers } from './jobs.ts'
import { claimJob, countJobsByState, deleteFinishedJobs, findDueJobIds, finishJob, getJob, insertJob, listJobs, requeueJob, type JobQuery } from './jobs.repository.ts'
import type { JobRow, JobState } from './jobs.table.ts'

export { JobFailed, JobSkipped, type JobHandler, type JobHandlers } from './jobs.ts'

type SystemActor = { kind: 'system'; name: string }

export interface NewJob {
  type: string
  payload: unknown
  villageCode?: string | null
  /** ISO-8601 UTC; default now */
  runAt?: string
  maxAttempts?: number
}

/**
 * Adds a job to the outbox. Pass the caller's transaction: the job then exists if and only if
 * the change that asked for it commits, and no worker can see it before that.
 */
export async function enqueueJob(trx: Executor, job: NewJob): Promise<string> {
  const id = newId()
  const now = nowIso()
  const maxAttempts = job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError(`maxAttempts ${maxAttempts}`)
  await insertJob(trx, {
    id,
    type: job.type,
    payload: JSON.stringify(job.payload ?? null),
    village_code: job.villageCode ?? null,
    state: 'pending',
    attempts: 0,
    max_attempts: maxAttempts,
    run_at: job.runAt ?? now,
    locked_by: null,
    locked_until: null,
    last_error: null,
    created_at: now,
    updated_at: now,
    finished_at: null,
  })

  return id
}

export interface RunOptions {
  /** the clock, for tests that step past a backoff; default the real time */
  now?: Date
  /** most jobs taken in this pass (default 20) */
  limit?: number
  /** only these job types */
  types?: readonly string[]
  workerId?: string
  /** jobs handled at the same time (default 1); helps when handlers wait on mail or HTTP */
  concurrency?: number
}

export interface RunSummary {
  done: number
  skipped: number
  /** failed this time and scheduled again */
  retried: number
  /** failed for the last time */
  failed: number
}

const defaultWorkerId = `${hostname()}:${process.pid}`

/**
 * One pass over the due jobs: each is claimed, handed to its handler outside any transaction and
 * marked done, or rescheduled with exponential backoff, or failed after its last attempt.
 */
export async function runDueJobs(deps: Deps, handlers: JobHandlers, opts: RunOptions = {}): Promise<RunSummary> {
  const summary: RunSummary = { done: 0, skipped: 0, retried: 0, failed: 0 }
  const clock = () => (opts.now ? opts.now : new Date())
  const workerId = `${opts.workerId ?? defaultWorkerId}:${newId()}`
  const ids = await findDueJobIds(deps.db, clock().toISOString(), opts.limit ?? 20, opts.types)
  let next = 0
  const lane = async () => {
    while (next < ids.length) await takeAndRun(ids[next++])
  }
  const takeAndRun = async (id: string) => {
    const at = clock()
    const job = await claimJob(deps.db, id, workerId, at.toISOString(), new Date(at.getTime() + CLAIM_MS).toISOString())
    if (!job) return // another worker took it first
    const outcome = await runOne(deps, handlers, job)
    const now = clock()
    if (outcome.ok) {
      await finishJob(deps.db, job.id, workerId, { state: outcome.skipped ? 'skipped' : 'done', lastError: outcome.note, now: now.toISOString() })
      summary[outcome.skipped ? 'skipped' : 'done'] += 1
    } else if (outcome.final || job.attempts >= job.max_attempts) {
      await finishJob(deps.db, job.id, workerId, { state: 'failed', lastError: outcome.error, now: now.toISOString() })
      summary.failed += 1
      deps.logger.error({ job: job.id, type: job.type, attempts: job.attempts, error: outcome.error }, 'Tugas gagal permanen')
    } else {
      const runAt = new Date(now.getTime() + backoffMs(job.attempts)).toISOString()
      await finishJob(deps.db, job.id, workerId, { state: 'pending', runAt, lastError: outcome.error, now: now.toISOString() })
      summary.retried += 1
      deps.logger.warn({ job: job.id, type: job.type, attempts: job.attempts, runAt, error: outcome.error }, 'Tugas gagal, dicoba lagi')
    }
  }
  const lanes = Math.max(1, Math.min(opts.concurrency ?? 1, ids.length))
  await Promise.all(Array.from({ length: lanes }, lane))

  return summary
}

type Outcome = { ok: true; skipped: boolean; note: string | null } | { ok: false; error: string; final?: boolean }

async function runOne(deps: Deps, handlers: JobHandlers, job: JobRow): Promise<Outcome> {
  const handler = Object.hasOwn(handlers, job.type) ? handlers[job.type] : undefined
  if (!handler) return { ok: false, error: `Tidak ada penangan untuk jenis tugas "${job.type}"` }
  try {
    await handler(deps, JSON.parse(job.payload) as unknown)

    return { ok: true, skipped: false, note: null }
  } catch (e) {
    if (e instanceof JobSkipped) return { ok: true, skipped: true, note: e.message }

    return { ok: false, error: describeError(e), final: e instanceof JobFailed }
  }
}

/** Finished jobs are kept this long for the outbox page, then deleted (payloads hold addresses). */
export const KEEP_DONE_DAYS = 30
export const KEEP_FAILED_DAYS = 90

export async function purgeFinishedJobs(deps: Deps, now: Date = new Date()): Promise<number> {
  const day = 24 * 3600_000

  return deleteFinishedJobs(
    deps.db,
    new Date(now.getTime() - KEEP_DONE_DAYS * day).toISOString(),
    new Date(now.getTime() - KEEP_FAILED_DAYS * day).toISOString(),
  )
}

export interface JobWorker {
  /** Stops polling and waits for the pass in progress to finish. */
  stop(): Promise<void>
}

/**
 * Polls the outbox until stopped. Jobs are rows, so a restart loses nothing: whatever was
 * pending (or claimed by a worker that died) is picked up by the next worker.
 */
export function startJobWorker(deps: Deps, handlers: JobHandlers, opts: { intervalMs?: number; limit?: number; concurrency?: number } = {}): JobWorker {
  // Half a second keeps "approved → PDF ready" short; the due-jobs query is one index lookup.
  const intervalMs = opts.intervalMs ?? 500
  const limit = opts.limit ?? 20
  const concurrency = opts.concurrency ?? 4
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let current: Promise<void> | undefined
  let lastPurge = 0

  const schedule = (ms: number) => {
    if (stopped) return
    clearTimeout(timer)
    timer = setTimeout(tick, ms)
    // The worker alone must not keep a CLI process alive.
    timer.unref()
  }
  const tick = () => {
    if (current) return
    current = (async () => {
      let busy = false
      try {
        const s = await runDueJobs(deps, handlers, { limit, concurrency })
        busy = s.done + s.skipped + s.retried + s.failed >= limit
        if (Date.now() - lastPurge > 3600_000) {
          lastPurge = Date.now()
          await purgeFinishedJobs(deps)
        }
      } catch (e) {
        // A database hiccup must not kill the worker; the next pass tries again.
        deps.logger.error({ error: describeError(e) }, 'Pemroses tugas gagal membaca antrean')
      } finally {
        current = undefined
        schedule(busy ? 0 : intervalMs)
      }
    })()
  }
  schedule(0)

  return {
    stop: async () => {
      stopped = true
      clearTimeout(timer)
      await current
    },
  }
}

/** The outbox as operators see it (CLI). */
export async function listJobsForOps(deps: Deps, q: JobQuery): Promise<JobRow[]> {
  return listJobs(deps.db, q)
}

export async function jobCounts(deps: Deps): Promise<Record<string, number>> {
  return countJobsByState(deps.db)
}

/** The regency's outbox for its admins: counts by state and one page of jobs. */
export async function readOutbox(
  deps: Deps,
  actor: Actor | null,
  q: { state?: JobState; limit: number; offset: number },
): Promise<{ counts: Record<string, number>; jobs: JobRow[]; villageNames: Record<string, string> }> {
  authorizeScope(actor, deps.config.regency, 'jobs.manage')
  const villageNames = Object.fromEntries((await listLiveVillages(deps)).map((v) => [v.code, v.name]))

  return { counts: await countJobsByState(deps.db), jobs: await listJobs(deps.db, q), villageNames }
}

/**
 * Gives a failed job a fresh set of attempts (after the cause, e.g. a wrong SMTP_URL, is fixed),
 * audited in the same transaction. Staff need jobs.manage on the regency; the CLI acts as system.
 */
export async function retryFailedJob(deps: Deps, by: { actor: Actor | null | SystemActor; meta: RequestMeta }, id: string): Promise<void> {
  const actor = by.actor?.kind === 'system' ? by.actor : authorizeScope(by.actor, deps.config.regency, 'jobs.manage')
  await deps.db.transaction().execute(async (trx) => {
    const job = await getJob(trx, id)
    if (!job) throw new AppError('NOT_FOUND', { message: `job ${id}`, userMessage: 'Tugas tidak ditemukan.' })
    if (!(await requeueJob(trx, id, nowIso()))) {
      throw new AppError('INVALID_TRANSITION', {
        message: `job ${id} is ${job.state}`,
        userMessage: 'Hanya tugas yang berstatus gagal yang dapat dicoba ulang.',
      })
    }
    // The job's error text stays out of the audit trail: mail errors often quote addresses.
    await recordAudit(trx, actor, by.meta, {
      villageCode: job.village_code,
      action: 'job.retry',
      entityType: 'job',
      entityId: job.id,
      summary: `Mencoba ulang tugas latar ${jobTypeLabel(job.type)} yang gagal`,
      data: { type: job.type, attempts: job.attempts },
    })
  })
}
