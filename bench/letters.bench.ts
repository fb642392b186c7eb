/**
 * Letter issuing (issue 4): letters issued per second — number allocation, the letter row, the
 * render job, and the PDF with its QR code — and p95 from approval to PDF ready, on SQLite (a
 * file, WAL) and, when BENCH_DATABASE_URL is set, on PostgreSQL; with the render pool on one
 * and on two threads; and p95 approval→PDF when approvals arrive one at a time. Floor, measured in the same run: approvals alone (number + row + job, no
 * rendering), and the bare renderLetterPdf rate of the same letters on one core.
 *
 *   npm run bench -- letters          BENCH_LETTERS=400 npm run bench -- letters
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { loadConfig } from '../src/config.ts'
import { connectDatabase } from '../src/db/connect.ts'
import { prepareDatabase } from '../src/main.ts'
import type { Deps } from '../src/deps.ts'
import { SYSTEM_META } from '../src/auth/actor.ts'
import { runDueJobs } from '../src/jobs/jobs.service.ts'
import { JOB_HANDLERS } from '../src/jobs/handlers.ts'
import { createRenderPool, useRenderPool } from '../src/letters/render-pool.ts'
import { actOnRequest, createRequest } from '../src/services/request.service.ts'
import { renderIssuedLetter } from '../src/services/letter.service.ts'
import { getLiveVillage } from '../src/tenancy/village.service.ts'
import { makeFamily, makeStaff, makeVillage } from '../test/support/factories.ts'
import pino from 'pino'

const N = Number(process.env.BENCH_LETTERS ?? 300)

async function runtime(engine: 'sqlite' | 'postgres'): Promise<Deps & { close(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'balai-bench-letters-'))
  const config = loadConfig({ BALAI_DATA_DIR: dataDir, BALAI_SECRET: 'bench-secret-'.padEnd(40, 'x'), LOG_LEVEL: 'silent' })
  const logger = pino({ level: 'silent' })
  if (engine === 'sqlite') {
    const h = await connectDatabase({ dataDir })
    const deps = { db: h.db, dialect: h.dialect, config, logger }
    await prepareDatabase(deps)

    return { ...deps, close: () => h.destroy() }
  }
  const url = process.env.BENCH_DATABASE_URL!
  const schema = `bench_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create schema ${schema}`)
  const h = await connectDatabase({ databaseUrl: url, searchPath: schema, poolSize: 10 })
  const deps = { db: h.db, dialect: h.dialect, config, logger }
  await prepareDatabase(deps)

  return { ...deps, close: async () => { await h.destroy(); await admin.query(`drop schema ${schema} cascade`); await admin.end() } }
}

async function setup(deps: Deps, n: number) {
  const village = await makeVillage(deps, '63.07.06.2014')
  const family = await makeFamily(deps, village.code, 3)
  const head = (await makeStaff(deps, { role: 'head', scope: village.code })).actor
  const ids: string[] = []
  for (let i = 0; i < n; i++) {
    ids.push((await createRequest(deps, head, SYSTEM_META, { village: village.code, letterType: 'domisili', subjectNik: family[i % 3].nik, fields: { keperluan: `Keperluan ${i}` } })).id)
  }

  return { village, head, ids }
}

async function pool<T>(items: T[], concurrency: number, fn: (t: T) => Promise<unknown>): Promise<void> {
  let next = 0
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await fn(items[next++])
  }))
}

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]

async function bench(engine: 'sqlite' | 'postgres') {
  // Floor: approvals without rendering (the render jobs stay queued).
  {
    const deps = await runtime(engine)
    const { head, ids } = await setup(deps, N)
    const t = performance.now()
    await pool(ids, 16, (id) => actOnRequest(deps, head, SYSTEM_META, id, { action: 'approve', signature: 'hand' }))
    const s = (performance.now() - t) / 1000
    console.log(`${engine.padEnd(8)} floor: approvals only (number+row+job)   ${(N / s).toFixed(1).padStart(7)} /s   (n=${N})`)
    const letters = await deps.db.selectFrom('letters').selectAll().limit(50).execute()
    const village = await getLiveVillage(deps, letters[0].village_code)
    const r0 = performance.now()
    for (const l of letters) await renderIssuedLetter(deps, l, village)
    console.log(`${engine.padEnd(8)} floor: renderLetterPdf in-process, 1 core ${(letters.length / ((performance.now() - r0) / 1000)).toFixed(1).padStart(7)} /s   (n=${letters.length})`)
    await deps.close()
  }
  for (const threads of [1, 2]) {
    const deps = await runtime(engine)
    const { head, ids } = await setup(deps, N)
    const renderPool = createRenderPool(threads)
    useRenderPool(renderPool)
    let approvalsDone = false
    const t = performance.now()
    // Workers: as many job loops as the pool has threads ×2, so every thread stays busy.
    const workers = Array.from({ length: threads * 2 }, async () => {
      for (;;) {
        const s = await runDueJobs(deps, JOB_HANDLERS, { types: ['letter.render'], limit: 5 })
        if (s.done + s.skipped + s.retried + s.failed === 0) {
          if (approvalsDone) return
          await new Promise((r) => setTimeout(r, 5))
        }
      }
    })
    await pool(ids, 16, (id) => actOnRequest(deps, head, SYSTEM_META, id, { action: 'approve', signature: 'hand' }))
    approvalsDone = true
    await Promise.all(workers)
    const s = (performance.now() - t) / 1000
    const rows = await deps.db.selectFrom('letters').select(['issued_at', 'pdf_ready_at']).execute()
    const ready = rows.filter((r) => r.pdf_ready_at)
    const lat = ready.map((r) => new Date(r.pdf_ready_at!).getTime() - new Date(r.issued_at).getTime())
    console.log(`${engine.padEnd(8)} issued with PDF, render pool ${threads} thread(s) ${(ready.length / s).toFixed(1).padStart(7)} /s   p95 approval→PDF ${p95(lat)} ms   (n=${ready.length}/${N})`)
    useRenderPool(null)
    await renderPool.close()
    await deps.close()
  }
}

/** p95 approval→PDF when approvals come one at a time (no backlog), render pool of 2 threads. */
async function latency(engine: 'sqlite' | 'postgres', n = 40) {
  const deps = await runtime(engine)
  const { head, ids } = await setup(deps, n)
  const renderPool = createRenderPool(2)
  useRenderPool(renderPool)
  const lat: number[] = []
  for (const id of ids) {
    const t = performance.now()
    await actOnRequest(deps, head, SYSTEM_META, id, { action: 'approve', signature: 'hand' })
    await runDueJobs(deps, JOB_HANDLERS, { types: ['letter.render'], limit: 5 })
    lat.push(performance.now() - t)
  }
  console.log(`${engine.padEnd(8)} one approval at a time: p95 approval→PDF ready ${p95(lat).toFixed(0)} ms   (n=${n})`)
  useRenderPool(null)
  await renderPool.close()
  await deps.close()
}

await bench('sqlite')
await latency('sqlite')
if (process.env.BENCH_DATABASE_URL) {
  await bench('postgres')
  await latency('postgres')
}
console.log('target: 100 letters/s on SQLite on this 2-core machine')
