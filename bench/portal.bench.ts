/**
 * Public portal throughput (issue 6). A child process serves Balai (SQLite file, demo data plus
 * synthetic residents) and, beside it, a bare node:http hello-world server: the floor, measured
 * in the same run on the same machine. This process is the load generator: a fixed number of
 * keep-alive connections, each sending the next request when the previous answer has been read
 * in full, bounded by a request count and a time limit. Then the page weight of every public
 * page (HTML + CSS + scripts + fonts, gzip as served; photos not counted).
 *
 *   npm run bench -- portal          BENCH_RESIDENTS=20000 npm run bench -- portal
 *   BENCH_DATABASE_URL=postgres://… npm run bench -- portal   (SQLite, then PostgreSQL)
 *
 * For scale (issue 6): OpenSID serves its home page at 27 req/s with 97 residents and 3.7 req/s
 * with 270,000; its age statistics page takes 7.5 s at that size; its home page's HTML is 69 KB.
 */
import { fork } from 'node:child_process'
import { createServer, request as httpRequest, Agent } from 'node:http'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6)
const MAX_REQUESTS = Number(process.env.BENCH_MAX_REQUESTS ?? 50_000)
const RESIDENTS = Number(process.env.BENCH_RESIDENTS ?? 3_000)
const VILLAGE = '63.07.06.2014'

interface Ports { balai: number; floor: number; residents: number; postPath: string }

async function serveChild(): Promise<void> {
  const { loadConfig } = await import('../src/config.ts')
  const { prepareDatabase } = await import('../src/main.ts')
  const { connectDatabase } = await import('../src/db/connect.ts')
  const pino = (await import('pino')).default
  const { createApp } = await import('../src/app.tsx')
  const { runDemo } = await import('../src/demo/demo.ts')
  const { countResidents } = await import('../src/residents/resident.service.ts')
  const { importResidents } = await import('../src/residents/import.service.ts')
  const { syntheticRows } = await import('../src/residents/synthetic.ts')
  const { listPublishedPosts } = await import('../src/portal/portal.service.ts')
  const { SYSTEM_META } = await import('../src/auth/actor.ts')
  const { todayWita } = await import('../src/lib/time.ts')
  const { serve } = await import('@hono/node-server')

  const dataDir = mkdtempSync(join(tmpdir(), 'balai-bench-portal-'))
  const url = process.env.PORTAL_BENCH_PG
  const config = loadConfig({ BALAI_DATA_DIR: dataDir, BALAI_SECRET: 'bench-secret-'.padEnd(40, 'x'), LOG_LEVEL: 'silent', DATABASE_URL: url ?? '' })
  // PostgreSQL: a throwaway schema, so the bench never touches data already in that database.
  const schema = url ? `bench_portal_${process.pid}` : undefined
  if (url) {
    const pg = (await import('pg')).default
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`create schema ${schema}`)
    await admin.end()
    process.on('SIGTERM', async () => {
      const c = new pg.Client({ connectionString: url })
      await c.connect()
      await c.query(`drop schema if exists ${schema} cascade`)
      await c.end()
      process.exit(0)
    })
  }
  const handle = await connectDatabase({ databaseUrl: url, dataDir, searchPath: schema, poolSize: 16 })
  const rt = { db: handle.db, dialect: handle.dialect, config, logger: pino({ level: 'silent' }) }
  await prepareDatabase(rt)
  await runDemo(rt)
  const missing = RESIDENTS - (await countResidents(rt, VILLAGE))
  if (missing > 0) {
    const rows = syntheticRows({ villageCode: VILLAGE, count: missing, seed: 6, today: todayWita() })
    const headers = Object.keys(rows[0])
    const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)
    const csv = [headers.join(','), ...rows.map((r) => headers.map((h) => cell(r[h] ?? '')).join(','))].join('\n')
    await importResidents(rt, { kind: 'system', name: 'bench' }, SYSTEM_META, VILLAGE, new TextEncoder().encode(csv), { dryRun: false })
  }
  const post = (await listPublishedPosts(rt, VILLAGE, { limit: 1 })).posts[0]
  const app = createApp(rt)
  const balai = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((r) => balai.once('listening', r))
  const floor = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' })
    res.end('Halo dunia')
  }).listen(0, '127.0.0.1')
  await new Promise((r) => floor.once('listening', r))
  const ports: Ports = {
    balai: (balai.address() as AddressInfo).port,
    floor: (floor.address() as AddressInfo).port,
    residents: await countResidents(rt, VILLAGE),
    postPath: post ? `/desa/${VILLAGE}/berita/${post.id}` : `/desa/${VILLAGE}/berita`,
  }
  process.send?.(ports)
}

interface Result { label: string; rps: number; p50: number; p95: number; n: number; errors: number; bytes: number }

/** Fixed-concurrency closed loop over keep-alive connections, bounded by count and time. */
async function load(label: string, url: string, extraHeaders: Record<string, string> = {}): Promise<Result> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })
  const one = () => new Promise<{ ok: boolean; bytes: number }>((resolve) => {
    const req = httpRequest(url, { agent, headers: { 'accept-encoding': 'gzip', ...extraHeaders } }, (res) => {
      let bytes = 0
      res.on('data', (c: Buffer) => { bytes += c.length })
      res.on('end', () => resolve({ ok: res.statusCode === 200, bytes }))
    })
    req.on('error', () => resolve({ ok: false, bytes: 0 }))
    req.end()
  })
  for (let i = 0; i < CONCURRENCY * 4; i++) await one() // warm-up: JIT, statement cache, sockets
  const times: number[] = []
  let errors = 0
  let bytes = 0
  let sent = 0
  const start = performance.now()
  const deadline = start + SECONDS * 1000
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (sent < MAX_REQUESTS && performance.now() < deadline) {
      sent += 1
      const t = performance.now()
      const r = await one()
      times.push(performance.now() - t)
      if (!r.ok) errors += 1
      bytes = r.bytes
    }
  }))
  const elapsed = (performance.now() - start) / 1000
  agent.destroy()
  times.sort((a, b) => a - b)

  return { label, rps: times.length / elapsed, p50: times[Math.floor(times.length / 2)] ?? 0, p95: times[Math.floor(times.length * 0.95)] ?? 0, n: times.length, errors, bytes }
}

function show(r: Result, floor?: Result): void {
  const ratio = floor ? `  ${((r.rps / floor.rps) * 100).toFixed(0).padStart(3)}% of floor` : ''
  console.log(`${r.label.padEnd(36)} ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p95 ${r.p95.toFixed(1).padStart(6)} ms   n=${r.n}${r.errors ? ` ERRORS=${r.errors}` : ''}${ratio}`)
}

async function main(engine: 'sqlite' | 'postgres'): Promise<void> {
  const env = { ...process.env, PORTAL_BENCH_PG: engine === 'postgres' ? process.env.BENCH_DATABASE_URL : '' }
  const child = fork(new URL(import.meta.url).pathname, ['serve'], { execArgv: ['--import', 'tsx'], stdio: 'inherit', env })
  const ports = await new Promise<Ports>((resolve, reject) => {
    child.once('message', (m) => resolve(m as Ports))
    child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)))
  })
  try {
    const base = `http://127.0.0.1:${ports.balai}`
    console.log(`\n[${engine}] portal bench: ${CONCURRENCY} connections, ≤${SECONDS} s or ≤${MAX_REQUESTS} requests per target, gzip; village ${VILLAGE} with ${ports.residents} residents`)
    const floor = await load('floor: node:http hello world', `http://127.0.0.1:${ports.floor}/`)
    show(floor)
    const home = await load('village home /desa/:code', `${base}/desa/${VILLAGE}`)
    show(home, floor)
    // A session cookie (here an unknown one) bypasses the page cache: the cost of rendering.
    show(await load('village home, rendered (no cache)', `${base}/desa/${VILLAGE}`, { cookie: 'balai_sid=bench' }), floor)
    const stats = await load('statistics /desa/:code/statistik', `${base}/desa/${VILLAGE}/statistik`)
    show(stats, floor)
    const regency = await load('regency home /', `${base}/`)
    show(regency, floor)
    console.log(`home page vs floor: ${((home.rps / floor.rps) * 100).toFixed(0)}% (target ≥ 30%) ${home.rps / floor.rps >= 0.3 ? 'MET' : 'NOT MET'}`)

    const { pageWeight } = await import('../test/e2e/support.ts')
    console.log('\npage weight (gzip as served: HTML + CSS/JS/fonts; budget 60 KB)')
    const pages = ['/', `/desa/${VILLAGE}`, `/desa/${VILLAGE}/profil`, `/desa/${VILLAGE}/berita`, ports.postPath, `/desa/${VILLAGE}/agenda`, `/desa/${VILLAGE}/layanan`, `/desa/${VILLAGE}/statistik`, `/desa/${VILLAGE}/pengaduan`, '/pengaduan/lacak']
    for (const p of pages) {
      const w = await pageWeight(base, p)
      console.log(`${p.padEnd(58)} HTML ${(w.html / 1024).toFixed(1).padStart(5)} KB + assets ${(w.assets / 1024).toFixed(1).padStart(4)} KB = ${(w.total / 1024).toFixed(1).padStart(5)} KB ${w.total <= 60 * 1024 ? '' : 'OVER BUDGET'}`)
    }
  } finally {
    const exited = new Promise((r) => child.once('exit', r))
    child.kill('SIGTERM')
    await exited
  }
}

if (process.argv[2] === 'serve') await serveChild()
else {
  await main('sqlite')
  if (process.env.BENCH_DATABASE_URL) await main('postgres')
}
