import { sql } from 'kysely'
import { isVillageCode } from '../tenancy/region.ts'
import type { Deps } from '../deps.ts'
import type { Executor } from '../db/database.ts'
import type { Actor } from '../auth/actor.ts'
import { authorizeScope } from '../auth/policy.ts'
import { todayWita } from '../lib/time.ts'
import { codeLabel, type CodeListName } from './codes.ts'
import { STATUS_LABEL } from './resident.ts'
import { scopeFilter } from './resident.repository.ts'
import type { ResidentStatus } from './residents.table.ts'

/**
 * Aggregates of a village, district or regency: counts only, never names or NIKs, so the
 * same figures serve the staff area and the public statistics page.
 */
export interface Bar { label: string; value: number }
export interface PyramidRow { group: string; male: number; female: number }
export interface PopulationStatistics {
  scopeCode: string
  total: number
  families: number
  bySex: Bar[]
  pyramid: PyramidRow[]
  religion: Bar[]
  education: Bar[]
  occupation: Bar[]
  marital: Bar[]
  /** dusun of a village, villages of a district, districts of the regency */
  area: Bar[]
  status: Bar[]
}

const AGE_GROUPS = ['0–4', '5–9', '10–14', '15–19', '20–24', '25–29', '30–34', '35–39', '40–44', '45–49', '50–54', '55–59', '60–64', '65–69', '70–74', '75+']

function scoped(db: Executor, scopeCode: string) {
  const f = scopeFilter(scopeCode)
  const q = db.selectFrom('residents')

  return f.exact !== undefined ? q.where('village_code', '=', f.exact) : q.where('village_code', 'like', f.prefix)
}

async function grouped(db: Executor, scopeCode: string, column: 'religion_code' | 'education_code' | 'occupation_code' | 'marital_code' | 'sex', list: CodeListName, top?: number): Promise<Bar[]> {
  const rows = await scoped(db, scopeCode).where('status', '=', 'aktif').select([column, (e) => e.fn.countAll().as('n')]).groupBy(column).execute()
  const bars = rows.map((r) => ({ label: codeLabel(list, Number(r[column as keyof typeof r])) || 'Tidak diketahui', value: Number(r.n) })).sort((a, b) => b.value - a.value)
  if (!top || bars.length <= top) return bars
  const rest = bars.slice(top).reduce((n, b) => n + b.value, 0)

  return [...bars.slice(0, top), { label: 'Lainnya', value: rest }]
}

// District and regency figures scan the whole scope; a minute-old answer is good enough for
// them (a village's own figures are always live).
const CACHE_MS = 60_000
const caches = new WeakMap<object, Map<string, { at: number; value: PopulationStatistics }>>()

export async function populationStatistics(deps: Deps, scopeCode: string, today = todayWita()): Promise<PopulationStatistics> {
  if (isVillageCode(scopeCode)) return computeStatistics(deps, scopeCode, today)
  let cache = caches.get(deps.db)
  if (!cache) caches.set(deps.db, (cache = new Map()))
  const key = `${scopeCode}|${today}`
  const hit = cache.get(key)
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value
  const value = await computeStatistics(deps, scopeCode, today)
  cache.set(key, { at: Date.now(), value })

  return value
}

async function computeStatistics(deps: Deps, scopeCode: string, today: string): Promise<PopulationStatistics> {
  const db = deps.db
  const depth = scopeCode.split('.').length
  // Age groups as birth-date cut-offs, so the database returns 16 × 2 counts instead of one
  // row per birth date (exact to the day, and the same SQL on both engines). Grouped by the
  // output name: PostgreSQL would not match a repeated expression whose parameters differ.
  const cutoff = (years: number) => `${String(Number(today.slice(0, 4)) - years).padStart(4, '0')}${today.slice(4)}`
  const bucket = sql<number>`case ${sql.join(AGE_GROUPS.slice(0, -1).map((_, i) => sql`when birth_date > ${cutoff(5 * (i + 1))} then ${i}`), sql` `)} else ${AGE_GROUPS.length - 1} end`
  const births = await scoped(db, scopeCode).where('status', '=', 'aktif').select([bucket.as('g'), 'sex', (e) => e.fn.countAll().as('n')]).groupBy([sql`g`, 'sex']).execute()
  const pyramid = AGE_GROUPS.map((group) => ({ group, male: 0, female: 0 }))
  for (const b of births) {
    const row = pyramid[Number(b.g)]
    if (Number(b.sex) === 2) row.female += Number(b.n)
    else row.male += Number(b.n)
  }
  const statusRows = await scoped(db, scopeCode).select(['status', (e) => e.fn.countAll().as('n')]).groupBy('status').execute()
  const status = (Object.keys(STATUS_LABEL) as ResidentStatus[]).map((s) => ({ label: STATUS_LABEL[s], value: Number(statusRows.find((r) => r.status === s)?.n ?? 0) }))
  let area: Bar[]
  if (depth >= 4) {
    const rows = await scoped(db, scopeCode).where('status', '=', 'aktif').select(['dusun', (e) => e.fn.countAll().as('n')]).groupBy('dusun').orderBy('dusun').execute()
    area = rows.map((r) => ({ label: r.dusun ? `Dusun ${r.dusun}` : 'Tanpa dusun', value: Number(r.n) }))
  } else {
    const rows = await scoped(db, scopeCode).where('status', '=', 'aktif').select(['village_code', (e) => e.fn.countAll().as('n')]).groupBy('village_code').execute()
    const codes = rows.map((r) => r.village_code)
    const names = new Map((codes.length ? await db.selectFrom('regions').select(['code', 'name', 'parent_code']).where('code', 'in', codes).execute() : []).map((r) => [r.code, r]))
    if (depth === 3) {
      area = rows.map((r) => ({ label: names.get(r.village_code)?.name ?? r.village_code, value: Number(r.n) })).sort((a, b) => a.label.localeCompare(b.label, 'id'))
    } else {
      const byDistrict = new Map<string, number>()
      for (const r of rows) {
        const d = names.get(r.village_code)?.parent_code ?? r.village_code.split('.').slice(0, 3).join('.')
        byDistrict.set(d, (byDistrict.get(d) ?? 0) + Number(r.n))
      }
      const dn = new Map((byDistrict.size ? await db.selectFrom('regions').select(['code', 'name']).where('code', 'in', [...byDistrict.keys()]).execute() : []).map((r) => [r.code, r.name]))
      area = [...byDistrict].map(([code, value]) => ({ label: dn.get(code) ?? code, value })).sort((a, b) => a.label.localeCompare(b.label, 'id'))
    }
  }
  const famQ = db.selectFrom('families').select((e) => e.fn.countAll().as('n'))
  const ff = scopeFilter(scopeCode)
  const families = Number((await (ff.exact !== undefined ? famQ.where('village_code', '=', ff.exact) : famQ.where('village_code', 'like', ff.prefix)).executeTakeFirstOrThrow()).n)

  return {
    scopeCode,
    total: status[0].value,
    families,
    bySex: await grouped(db, scopeCode, 'sex', 'jenis_kelamin'),
    pyramid,
    religion: await grouped(db, scopeCode, 'religion_code', 'agama'),
    education: await grouped(db, scopeCode, 'education_code', 'pendidikan_kk'),
    occupation: await grouped(db, scopeCode, 'occupation_code', 'pekerjaan', 12),
    marital: await grouped(db, scopeCode, 'marital_code', 'status_kawin'),
    area,
    status,
  }
}

/** The staff view of the same figures, for a scope the actor covers. */
export async function statisticsForStaff(deps: Deps, actor: Actor | null, scopeCode: string): Promise<PopulationStatistics> {
  authorizeScope(actor, scopeCode, 'statistics.read')

  return populationStatistics(deps, scopeCode)
}
