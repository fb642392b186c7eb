import type { ExpressionBuilder } from 'kysely'
import type { Database, Executor } from '../db/database.ts'
import type { JobRow, JobState, JobTable } from './jobs.table.ts'

/** Due and pending, or claimed by a worker whose claim has lapsed (it died mid-job). */
function isTakeable(eb: ExpressionBuilder<Database, 'jobs'>, now: string) {
  return eb.or([
    eb.and([eb('state', '=', 'pending'), eb('run_at', '<=', now)]),
    eb.and([eb('state', '=', 'running'), eb('locked_until', '<', now)]),
  ])
}

export async function insertJob(db: Executor, row: JobTable): Promise<void> {
  await db.insertInto('jobs').values(row).execute()
}

/** Ids of jobs that may be taken now, oldest due first. */
export async function findDueJobIds(db: Executor, now: string, limit: number, types?: readonly string[]): Promise<string[]> {
  let q = db
    .selectFrom('jobs')
    .select('id')
    .where((eb) => isTakeable(eb, now))
  if (types && types.length > 0) q = q.where('type', 'in', types)
  const rows = await q.orderBy('run_at').orderBy('id').limit(limit).execute()

  return rows.map((r) => r.id)
}

/**
 * Takes one job for a worker. The conditional UPDATE is the lock: on both engines only one of
 * several concurrent workers sees its WHERE still true (PostgreSQL re-checks it after the
 * competing row lock is released; SQLite serialises writers), so a job is never taken twice.
 */
export async function claimJob(db: Executor, id: string, workerId: string, now: string, lockedUntil: string): Promise<JobRow | undefined> {
  const res = await db
    .updateTable('jobs')
    .set((eb) => ({
      state: 'running',
      locked_by: workerId,
      locked_until: lockedUntil,
      attempts: eb('attempts', '+', 1),
      updated_at: now,
    }))
    .where('id', '=', id)
    .where((eb) => isTakeable(eb, now))
    .executeTakeFirst()
  if (Number(res.numUpdatedRows) !== 1) return undefined

  return db.selectFrom('jobs').selectAll().where('id', '=', id).where('locked_by', '=', workerId).executeTakeFirst()
}

/** Records the outcome of a claimed job; a worker that lost its claim changes nothing. */
export async function finishJob(
  db: Executor,
  id: string,
  workerId: string,
  change: { state: JobState; runAt?: string; lastError: string | null; now: string },
): Promise<boolean> {
  const finished = change.state === 'done' || change.state === 'skipped' || change.state === 'failed'
  const res = await db
    .updateTable('jobs')
    .set({
      state: change.state,
      ...(change.runAt ? { run_at: change.runAt } : {}),
      last_error: change.lastError,
      locked_by: null,
      locked_until: null,
      updated_at: change.now,
      finished_at: finished ? change.now : null,
    })
    .where('id', '=', id)
    .where('state', '=', 'running')
    .where('locked_by', '=', workerId)
    .executeTakeFirst()

  return Number(res.numUpdatedRows) === 1
}

export async function getJob(db: Executor, id: string): Promise<JobRow | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst()
}

export interface JobQuery {
  villageCode?: string
  state?: JobState
  type?: string
  limit: number
  offset?: number
}

export async function listJobs(db: Executor, q: JobQuery): Promise<JobRow[]> {
  let query = db.selectFrom('jobs').selectAll()
  if (q.villageCode) query = query.where('village_code', '=', q.villageCode)
  if (q.state) query = query.where('state', '=', q.state)
  if (q.type) query = query.where('type', '=', q.type)

  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.limit).offset(q.offset ?? 0).execute()
}

export async function countJobsByState(db: Executor): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('jobs')
    .select((eb) => ['state', eb.fn.countAll().as('n')])
    .groupBy('state')
    .execute()
  const out: Record<string, number> = {}
  // PostgreSQL returns count(*) as a string.
  for (const r of rows) out[r.state] = Number(r.n)

  return out
}

/** Puts a failed job back in the queue with a fresh set of attempts. */
export async function requeueJob(db: Executor, id: string, now: string): Promise<boolean> {
  const res = await db
    .updateTable('jobs')
    .set({ state: 'pending', attempts: 0, run_at: now, updated_at: now, finished_at: null })
    .where('id', '=', id)
    .where('state', '=', 'failed')
    .executeTakeFirst()

  return Number(res.numUpdatedRows) === 1
}

/** Deletes finished jobs (done/skipped before `doneBefore`, failed before `failedBefore`). */
export async function deleteFinishedJobs(db: Executor, doneBefore: string, failedBefore: string): Promise<number> {
  const res = await db
    .deleteFrom('jobs')
    .where((eb) =>
      eb.or([
        eb.and([eb('state', 'in', ['done', 'skipped']), eb('finished_at', '<', doneBefore)]),
        eb.and([eb('state', '=', 'failed'), eb('finished_at', '<', failedBefore)]),
      ]),
    )
    .executeTakeFirst()

  return Number(res.numDeletedRows)
}
