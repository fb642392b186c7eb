/**
 * Population register at regency scale (issue 3): fills a fresh database with Hulu Sungai
 * Tengah's 271,505 residents over its 169 villages, then measures
 *  - import rows/s from CSV and from XLSX (20,000 rows each, into a loaded database), next to
 *    the floor: a plain bulk insert of the same, already-validated rows in one transaction;
 *  - NIK lookup, name search (prefix + substring) and a filtered list page: p50/p95 server time
 *    (service call), plus the list page through the whole HTTP stack.
 * SQLite (a file, WAL) always; PostgreSQL too when BENCH_DATABASE_URL is set (a fresh schema,
 * dropped afterwards). Run: `npm run bench -- residents`.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import pino from 'pino'
import { loadConfig } from '../src/config.ts'
import { connectDatabase } from '../src/db/connect.ts'
import type { Deps } from '../src/deps.ts'
import { prepareDatabase } from '../src/main.ts'
import { SYSTEM_META } from '../src/auth/actor.ts'
import { createApp } from '../src/app.tsx'
import { newId } from '../src/lib/ids.ts'
import { todayWita } from '../src/lib/time.ts'
import { enableVillage } from '../src/tenancy/village.service.ts'
import { findVillage } from '../src/tenancy/village.repository.ts'
import { createStaffUser } from '../src/auth/staff.service.ts'
import { findResidentByNikAnywhere, listResidents } from '../src/residents/resident.service.ts'
import { importResidents } from '../src/residents/import.service.ts'
import { planRows } from '../src/residents/register.ts'
import { insertResidents } from '../src/residents/resident.repository.ts'
import { generateResidents, HST_POPULATION, regencyShares } from '../src/residents/generate.service.ts'
import { syntheticRows, rng } from '../src/residents/synthetic.ts'
import { writeCsv, writeXlsx } from '../src/residents/spreadsheet.ts'
import { populationStatistics } from '../src/residents/statistics.service.ts'

const SYSTEM = { kind: 'system' as const, name: 'bench' }
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 20_000)
const SAMPLES = 300
// BENCH_TOTAL shrinks the register for a quick smoke run; the figures to report use the default.
const POPULATION = Number(process.env.BENCH_TOTAL ?? HST_POPULATION)

function pct(times: number[], p: number): number {
  const s = [...times].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(s.length * p))]
}

async function timed(label: string, n: number, once: (i: number) => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < Math.min(20, n); i++) await once(n + i)
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    await once(i)
    times.push(performance.now() - t)
  }
  const r = { p50: pct(times, 0.5), p95: pct(times, 0.95) }
  console.log(`  ${label.padEnd(46)} p50 ${r.p50.toFixed(2).padStart(7)} ms   p95 ${r.p95.toFixed(2).padStart(7)} ms   (n=${n})`)

  return r
}

async function run(engine: 'sqlite' | 'postgres') {
  const dataDir = mkdtempSync(join(tmpdir(), 'balai-bench-residents-'))
  const config = loadConfig({ BALAI_DATA_DIR: dataDir, BALAI_SECRET: 'bench-secret-'.padEnd(40, 'x'), LOG_LEVEL: 'silent' })
  let schema = ''
  const url = process.env.BENCH_DATABASE_URL
  if (engine === 'postgres') {
    schema = `bench_res_${randomBytes(4).toString('hex')}`
    const c = new pg.Client({ connectionString: url })
    await c.connect()
    await c.query(`create schema ${schema}`)
    await c.end()
  }
  const handle = await connectDatabase(engine === 'postgres' ? { databaseUrl: url, searchPath: schema, poolSize: 4 } : { dataDir })
  const deps: Deps = { db: handle.db, dialect: handle.dialect, config, logger: pino({ level: 'silent' }) }
  console.log(`\n--- ${engine} --- (load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')} on ${(await import('node:os')).cpus().length} CPUs)`)
  try {
    await prepareDatabase(deps)
    const shares = regencyShares(config.regency, POPULATION)
    // Two villages receive their residents by import (CSV and XLSX); the rest are generated.
    const [csvVillage, xlsxVillage] = [shares[0].code, shares[1].code]
    const rest = shares.slice(2)
    const target = POPULATION - 2 * IMPORT_ROWS
    const scaled = regencyShares(config.regency, target).slice(2)
    let t = performance.now()
    let made = 0
    for (const s of scaled) made += (await generateResidents(deps, s.code, s.count, 1)).created
    // regencyShares over 169 villages, two taken out: top up the last village to the target
    const missing = target - made
    if (missing > 0) made += (await generateResidents(deps, rest[rest.length - 1].code, missing, 99)).created
    const genSecs = (performance.now() - t) / 1000
    console.log(`  generated ${made.toLocaleString('en')} residents in ${rest.length} villages: ${genSecs.toFixed(1)} s (${Math.round(made / genSecs).toLocaleString('en')} rows/s incl. validation)`)

    for (const code of [csvVillage, xlsxVillage]) if (!(await findVillage(deps.db, code))) await enableVillage(deps, SYSTEM, SYSTEM_META, code)
    const today = todayWita()
    const csvRows = syntheticRows({ villageCode: csvVillage, count: IMPORT_ROWS, seed: 5, today })
    const xlsxRows = syntheticRows({ villageCode: xlsxVillage, count: IMPORT_ROWS, seed: 6, today })
    const csvBytes = new TextEncoder().encode(writeCsv(csvRows))
    const xlsxBytes = await writeXlsx(xlsxRows)

    // Floor: the same rows, validated beforehand, inserted in one transaction (then rolled back).
    const plan = await planRows(deps.db, csvVillage, csvRows.map((cells, i) => ({ row: i + 2, cells })), { allowUpdate: false })
    const rows = plan.creates.map((c) => ({ ...c.resident, id: newId() }))
    t = performance.now()
    const f0 = process.cpuUsage()
    let floorMs = 0
    await deps.db.transaction().execute(async (trx) => {
      await insertResidents(trx, rows)
      floorMs = performance.now() - t
      throw new Error('rollback')
    }).catch((e) => {
      if ((e as Error).message !== 'rollback') throw e
    })
    const fc = process.cpuUsage(f0)
    console.log(`  floor: bulk insert of ${rows.length.toLocaleString('en')} validated rows       ${Math.round(rows.length / (floorMs / 1000)).toLocaleString('en').padStart(8)} rows/s  (${(floorMs / 1000).toFixed(2)} s wall, ${((fc.user + fc.system) / 1e6).toFixed(2)} s CPU)`)

    const cpu = () => {
      const u = process.cpuUsage()
      return (u.user + u.system) / 1e6
    }
    t = performance.now()
    let c0 = cpu()
    const c = await importResidents(deps, SYSTEM, SYSTEM_META, csvVillage, csvBytes, { dryRun: false })
    const csvSecs = (performance.now() - t) / 1000
    console.log(`  import CSV  (${(csvBytes.byteLength / 1e6).toFixed(1)} MB, ${c.created.toLocaleString('en')} created)           ${Math.round(c.rows / csvSecs).toLocaleString('en').padStart(8)} rows/s  (${csvSecs.toFixed(2)} s wall, ${(cpu() - c0).toFixed(2)} s CPU of this process → ${Math.round(c.rows / (cpu() - c0)).toLocaleString('en')} rows per CPU-second)`)
    t = performance.now()
    c0 = cpu()
    const x = await importResidents(deps, SYSTEM, SYSTEM_META, xlsxVillage, xlsxBytes, { dryRun: false })
    const xlsxSecs = (performance.now() - t) / 1000
    console.log(`  import XLSX (${(xlsxBytes.byteLength / 1e6).toFixed(1)} MB, ${x.created.toLocaleString('en')} created)           ${Math.round(x.rows / xlsxSecs).toLocaleString('en').padStart(8)} rows/s  (${xlsxSecs.toFixed(2)} s wall, ${(cpu() - c0).toFixed(2)} s CPU of this process → ${Math.round(x.rows / (cpu() - c0)).toLocaleString('en')} rows per CPU-second)`)
    const total = Number((await deps.db.selectFrom('residents').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
    console.log(`  residents in the database: ${total.toLocaleString('en')}`)
    // Steady state as autovacuum leaves it: statistics current and the visibility map set, so
    // PostgreSQL may answer the name scan from the (village_code, name_folded) index alone.
    if (engine === 'postgres') await (await import('kysely')).sql`vacuum analyze`.execute(deps.db)

    // Lookups at full size. Samples come from the register itself.
    const sample = await deps.db.selectFrom('residents').select(['nik', 'village_code', 'name_folded']).where('shdk_code', '=', 1).limit(2000).execute()
    const r = rng(3)
    const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)]
    const staff = (await createStaffUser(deps, SYSTEM, SYSTEM_META, { username: 'bench.admin', displayName: 'Bench', role: 'regency_admin', scope: config.regency, password: 'bench-password-123' })).user
    const villages = [...new Set(sample.map((s) => s.village_code))]
    await timed('NIK lookup (installation-wide)', SAMPLES, () => findResidentByNikAnywhere(deps, pick(sample).nik))
    await timed('name search, prefix of a word (typical village)', SAMPLES, () => {
      const s = pick(sample)
      return listResidents(deps, staff, s.village_code, { q: s.name_folded.split(' ')[0].slice(0, 3) })
    })
    await timed('name search, substring (typical village)', SAMPLES, () => {
      const s = pick(sample)
      const w = s.name_folded.split(' ').pop()!
      return listResidents(deps, staff, s.village_code, { q: w.slice(1, 4) })
    })
    await timed(`name search, substring (${IMPORT_ROWS.toLocaleString('en')}+ village)`, SAMPLES, () => listResidents(deps, staff, csvVillage, { q: pick(['ahm', 'rahm', 'siti n', 'ani', 'fau', 'sya']) }))
    await timed('filtered list page (sex, age, religion, p.3)', SAMPLES, () =>
      listResidents(deps, staff, pick(villages), { sex: pick(['1', '2']), ageMin: '17', ageMax: '60', religion: '1', page: '3' }))
    await timed(`filtered list page (${IMPORT_ROWS.toLocaleString('en')}+ village, p.40)`, SAMPLES, () =>
      listResidents(deps, staff, csvVillage, { sex: pick(['1', '2']), ageMin: '17', ageMax: '60', page: '40' }))
    const app = createApp(deps)
    const login = await app.request('/staf/masuk')
    const cookie = (login.headers.getSetCookie() ?? []).map((h) => h.split(';')[0]).join('; ')
    const token = /name="_csrf" value="([^"]+)"/.exec(await login.text())?.[1] ?? ''
    const signed = await app.request('/staf/masuk', { method: 'POST', body: new URLSearchParams({ username: 'bench.admin', password: 'bench-password-123', _csrf: token }), headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '198.51.100.1' } })
    const session = [cookie, ...signed.headers.getSetCookie().map((h) => h.split(';')[0])].join('; ')
    await timed('HTTP GET list page with search (whole stack)', 100, async () => {
      const res = await app.request(`/staf/desa/${pick(villages)}/penduduk?q=rahm&sex=1`, { headers: { cookie: session } })
      if (res.status !== 200) throw new Error(`list page ${res.status}`)
      await res.text()
    })
    await timed('statistics, one village', 30, () => populationStatistics(deps, pick(villages)))
    // District and regency figures are cached for a minute; a different day is a cold run.
    const day = (i: number) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10)
    await timed(`statistics, whole regency (${POPULATION.toLocaleString('en')}), cold`, 5, (i) => populationStatistics(deps, config.regency, day(i)))
  } finally {
    await handle.destroy()
    if (schema) {
      const c = new pg.Client({ connectionString: url })
      await c.connect()
      await c.query(`drop schema if exists ${schema} cascade`)
      await c.end()
    }
  }
}

const engines = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',')
if (engines.includes('sqlite')) await run('sqlite')
if (process.env.BENCH_DATABASE_URL && engines.includes('postgres')) await run('postgres')
