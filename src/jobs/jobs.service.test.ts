import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import pino from 'pino'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { connectDatabase, connectSqlite, type DbHandle } from '../db/connect.ts'
import type { Deps } from '../deps.ts'
import { prepareDatabase } from '../main.ts'
import { createTestRuntime, TEST_DIALECT, testConfig, type TestRuntime } from '../../test/support/db.ts'
import { JobFailed, JobSkipped, backoffMs, type JobHandlers } from './jobs.ts'
import { enqueueJob, jobCounts, purgeFinishedJobs, retryFailedJob, runDueJobs, startJobWorker } from './jobs.service.ts'
import { getJob } from './jobs.repository.ts'
import { JOB_HANDLERS } from './handlers.ts'
import { queueNotification } from '../notify/notify.service.ts'
import { SYSTEM_META } from '../auth/actor.ts'

const CLI = { actor: { kind: 'system' as const, name: 'cli' }, meta: SYSTEM_META }

describe(`${TEST_DIALECT}: durable jobs`, () => {
  let rt: TestRuntime
  beforeAll(async () => {
    rt = await createTestRuntime()
  })
  afterAll(() => rt.close())
  beforeEach(async () => {
    await rt.db.deleteFrom('jobs').execute()
  })

  const later = (ms: number) => new Date(Date.now() + ms)

  it('runs a job enqueued in a committed transaction, once', async () => {
    const seen: unknown[] = []
    const handlers: JobHandlers = { 'test.echo': async (_d, p) => void seen.push(p) }
    const id = await rt.db.transaction().execute((trx) => enqueueJob(trx, { type: 'test.echo', payload: { n: 1 }, villageCode: '63.07.06.2014' }))
    expect(await runDueJobs(rt, handlers)).toEqual({ done: 1, skipped: 0, retried: 0, failed: 0 })
    expect(await runDueJobs(rt, handlers)).toEqual({ done: 0, skipped: 0, retried: 0, failed: 0 })
    expect(seen).toEqual([{ n: 1 }])
    const job = await getJob(rt.db, id)
    expect(job).toMatchObject({ state: 'done', attempts: 1, village_code: '63.07.06.2014', locked_by: null, last_error: null })
    expect(job?.finished_at).toBeTruthy()
  })

  it('has no job when the enqueuing transaction rolls back', async () => {
    await expect(
      rt.db.transaction().execute(async (trx) => {
        await enqueueJob(trx, { type: 'test.echo', payload: {} })
        throw new Error('batal')
      }),
    ).rejects.toThrow('batal')
    expect(await jobCounts(rt)).toEqual({})
  })

  it('does not run a job before its time', async () => {
    let runs = 0
    await enqueueJob(rt.db, { type: 'test.count', payload: null, runAt: later(60_000).toISOString() })
    const handlers: JobHandlers = { 'test.count': async () => void runs++ }
    expect((await runDueJobs(rt, handlers)).done).toBe(0)
    expect((await runDueJobs(rt, handlers, { now: later(61_000) })).done).toBe(1)
    expect(runs).toBe(1)
  })

  it('retries a failing job with exponential backoff, then marks it failed keeping the error', async () => {
    let calls = 0
    const handlers: JobHandlers = {
      'test.flaky': async () => {
        calls++
        throw new Error(`gagal ke-${calls}`)
      },
    }
    const id = await enqueueJob(rt.db, { type: 'test.flaky', payload: null, maxAttempts: 3 })
    expect(await runDueJobs(rt, handlers)).toMatchObject({ retried: 1 })
    let job = (await getJob(rt.db, id))!
    expect(job).toMatchObject({ state: 'pending', attempts: 1, last_error: 'Error: gagal ke-1' })
    const firstDelay = Date.parse(job.run_at) - Date.parse(job.updated_at)
    expect(firstDelay).toBe(backoffMs(1))
    // Not due yet: nothing happens.
    expect(await runDueJobs(rt, handlers)).toMatchObject({ retried: 0, failed: 0 })

    expect(await runDueJobs(rt, handlers, { now: later(backoffMs(1) + 1000) })).toMatchObject({ retried: 1 })
    job = (await getJob(rt.db, id))!
    expect(Date.parse(job.run_at) - Date.parse(job.updated_at)).toBe(backoffMs(2))
    expect(backoffMs(2)).toBe(2 * backoffMs(1))

    expect(await runDueJobs(rt, handlers, { now: later(backoffMs(1) + backoffMs(2) + 2000) })).toMatchObject({ failed: 1 })
    job = (await getJob(rt.db, id))!
    expect(job).toMatchObject({ state: 'failed', attempts: 3, last_error: 'Error: gagal ke-3' })
    expect(calls).toBe(3)
    expect(await runDueJobs(rt, handlers, { now: later(24 * 3600_000) })).toMatchObject({ failed: 0, retried: 0 })

    // After the cause is fixed, an operator gives it another round.
    await retryFailedJob(rt, CLI, id)
    expect(await runDueJobs(rt, { 'test.flaky': async () => {} })).toMatchObject({ done: 1 })
  })

  it('refuses to retry a job that has not failed, and an unknown job, with clear messages', async () => {
    const id = await enqueueJob(rt.db, { type: 'test.echo', payload: null })
    await expect(retryFailedJob(rt, CLI, id)).rejects.toMatchObject({ code: 'INVALID_TRANSITION', userMessage: 'Hanya tugas yang berstatus gagal yang dapat dicoba ulang.' })
    await expect(retryFailedJob(rt, CLI, 'tidak-ada')).rejects.toMatchObject({ code: 'NOT_FOUND', userMessage: 'Tugas tidak ditemukan.' })
  })

  it('keeps a job of an unknown type for a later release, then fails it', async () => {
    const id = await enqueueJob(rt.db, { type: 'test.unknown', payload: null, maxAttempts: 1 })
    expect(await runDueJobs(rt, {})).toMatchObject({ failed: 1 })
    expect((await getJob(rt.db, id))?.last_error).toBe('Tidak ada penangan untuk jenis tugas "test.unknown"')
  })

  it('ends a job as skipped when its handler says there is nothing to do', async () => {
    const id = await enqueueJob(rt.db, { type: 'test.skip', payload: null })
    expect(await runDueJobs(rt, { 'test.skip': async () => { throw new JobSkipped('saluran belum diatur') } })).toMatchObject({ skipped: 1 })
    expect(await getJob(rt.db, id)).toMatchObject({ state: 'skipped', last_error: 'saluran belum diatur' })
  })

  it('fails a job at once when its handler says retrying cannot help', async () => {
    const id = await enqueueJob(rt.db, { type: 'test.broken', payload: null })
    expect(await runDueJobs(rt, { 'test.broken': async () => { throw new JobFailed('Muatan tugas tidak sah: to') } })).toMatchObject({ failed: 1, retried: 0 })
    expect(await getJob(rt.db, id)).toMatchObject({ state: 'failed', attempts: 1, last_error: 'Muatan tugas tidak sah: to' })
  })

  it('takes a job whose worker died once its claim has lapsed', async () => {
    let runs = 0
    const id = await enqueueJob(rt.db, { type: 'test.count', payload: null })
    // A worker claims it and dies before finishing.
    await rt.db.updateTable('jobs').set({ state: 'running', attempts: 1, locked_by: 'mati', locked_until: later(60_000).toISOString() }).where('id', '=', id).execute()
    const handlers: JobHandlers = { 'test.count': async () => void runs++ }
    expect((await runDueJobs(rt, handlers)).done).toBe(0)
    expect((await runDueJobs(rt, handlers, { now: later(61_000) })).done).toBe(1)
    expect(await getJob(rt.db, id)).toMatchObject({ state: 'done', attempts: 2 })
    expect(runs).toBe(1)
  })

  it('never gives one job to two concurrent workers', async () => {
    const count = 40
    for (let i = 0; i < count; i++) await enqueueJob(rt.db, { type: 'test.tally', payload: i })
    const tally = new Map<number, number>()
    const handlers: JobHandlers = {
      'test.tally': async (_d, p) => {
        tally.set(p as number, (tally.get(p as number) ?? 0) + 1)
        await new Promise((r) => setTimeout(r, 1))
      },
    }
    const runs = await Promise.all(Array.from({ length: 4 }, (_, k) => runDueJobs(rt, handlers, { limit: count, workerId: `w${k}`, concurrency: 3 })))
    expect(runs.reduce((n, s) => n + s.done, 0)).toBe(count)
    expect(tally.size).toBe(count)
    expect([...tally.values()].every((n) => n === 1)).toBe(true)
  })

  it('handles jobs side by side when asked, so slow deliveries do not queue behind each other', async () => {
    for (let i = 0; i < 3; i++) await enqueueJob(rt.db, { type: 'test.wait', payload: i })
    let inFlight = 0
    let most = 0
    const handlers: JobHandlers = {
      'test.wait': async () => {
        most = Math.max(most, ++inFlight)
        await new Promise((r) => setTimeout(r, 30))
        inFlight--
      },
    }
    expect(await runDueJobs(rt, handlers, { concurrency: 3 })).toMatchObject({ done: 3 })
    expect(most).toBe(3)
  })

  it('deletes finished jobs after their keeping time, failed ones later, pending ones never', async () => {
    const day = 24 * 3600_000
    const ids: Record<string, string> = {}
    for (const [name, state, age] of [['doneOld', 'done', 31], ['doneNew', 'done', 29], ['skippedOld', 'skipped', 31], ['failedOld', 'failed', 91], ['failedMid', 'failed', 31], ['pending', 'pending', 400]] as const) {
      ids[name] = await enqueueJob(rt.db, { type: 'test.x', payload: null })
      const at = new Date(Date.now() - age * day).toISOString()
      await rt.db.updateTable('jobs').set({ state, finished_at: state === 'pending' ? null : at, created_at: at }).where('id', '=', ids[name]).execute()
    }
    expect(await purgeFinishedJobs(rt)).toBe(3)
    const left = (await rt.db.selectFrom('jobs').select('id').execute()).map((r) => r.id).sort()
    expect(left).toEqual([ids.doneNew, ids.failedMid, ids.pending].sort())
  })

  it('polls with a worker that stops gracefully, finishing the job in hand', async () => {
    const done: number[] = []
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const handlers: JobHandlers = {
      'test.slow': async (_d, p) => {
        await gate
        done.push(p as number)
      },
    }
    await enqueueJob(rt.db, { type: 'test.slow', payload: 1 })
    const worker = startJobWorker(rt, handlers, { intervalMs: 20 })
    await waitUntil(async () => (await getJobStates(rt)).includes('running'))
    const stopping = worker.stop()
    release()
    await stopping
    expect(done).toEqual([1])
    expect(await getJobStates(rt)).toEqual(['done'])
    // Stopped means stopped: a new job stays pending.
    await enqueueJob(rt.db, { type: 'test.slow', payload: 2 })
    await new Promise((r) => setTimeout(r, 80))
    expect((await getJobStates(rt)).sort()).toEqual(['done', 'pending'])
  })
})

async function getJobStates(deps: Deps): Promise<string[]> {
  return (await deps.db.selectFrom('jobs').select('state').execute()).map((r) => r.state)
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > until) throw new Error('waktu tunggu habis')
    await new Promise((r) => setTimeout(r, 10))
  }
}

describe(`${TEST_DIALECT}: a job survives a restart`, () => {
  const url = process.env.TEST_DATABASE_URL
  const schema = `t_${randomBytes(6).toString('hex')}`
  const file = join(mkdtempSync(join(tmpdir(), 'balai-jobs-')), 'balai.sqlite')

  // A real second connection to the same persistent database (a file, or one PostgreSQL schema).
  async function open(): Promise<Deps & { handle: DbHandle }> {
    const handle = url ? await connectDatabase({ databaseUrl: url, searchPath: schema, poolSize: 2 }) : connectSqlite(file)

    return { handle, db: handle.db, dialect: handle.dialect, config: testConfig(), logger: pino({ level: 'silent' }) }
  }

  beforeAll(async () => {
    if (!url) return
    const c = new pg.Client({ connectionString: url })
    await c.connect()
    await c.query(`create schema ${schema}`)
    await c.end()
  })
  afterAll(async () => {
    if (!url) return
    const c = new pg.Client({ connectionString: url })
    await c.connect()
    await c.query(`drop schema if exists ${schema} cascade`)
    await c.end()
  })

  it('is enqueued, the process stops before running it, and the next start runs it', async () => {
    const first = await open()
    await prepareDatabase(first)
    const id = await first.db.transaction().execute((trx) => enqueueJob(trx, { type: 'test.restart', payload: { pesan: 'halo' } }))
    await first.handle.destroy()

    const second = await open()
    const seen: unknown[] = []
    const worker = startJobWorker(second, { 'test.restart': async (_d, p) => void seen.push(p) }, { intervalMs: 20 })
    await waitUntil(async () => (await getJob(second.db, id))?.state === 'done')
    await worker.stop()
    expect(seen).toEqual([{ pesan: 'halo' }])
    await second.handle.destroy()
  })

  it('keeps a queued notification across a restart and delivers it from the next start', async () => {
    const received: unknown[] = []
    const hook = createServer((req, res) => {
      let body = ''
      req.on('data', (c: Buffer) => (body += c.toString('utf8')))
      req.on('end', () => {
        received.push(JSON.parse(body))
        res.writeHead(204).end()
      })
    })
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r))
    const messageWebhookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/`
    try {
      const first = await open()
      await prepareDatabase(first)
      await first.db.transaction().execute((trx) =>
        queueNotification(trx, { villageCode: '63.07.06.2014', phone: '081200000001', subject: 'Surat siap', body: 'Silakan unduh.' }),
      )
      await first.handle.destroy()
      expect(received).toEqual([])

      const second = await open()
      const deps = { ...second, config: { ...second.config, messageWebhookUrl } }
      const worker = startJobWorker(deps, JOB_HANDLERS, { intervalMs: 20 })
      await waitUntil(async () => received.length > 0)
      await worker.stop()
      expect(received).toMatchObject([{ to: '081200000001', subject: 'Surat siap' }])
      await second.handle.destroy()
    } finally {
      await new Promise<void>((r) => hook.close(() => r()))
    }
  })
})
