import { sql } from 'kysely'
import { isVillageCode } from '../tenancy/region.ts'
import type { Executor } from '../db/database.ts'
import type { FamilyRow, FamilyTable, NewResidentRow, ResidentEventTable, ResidentRow, ResidentStatus, ResidentUpdate } from './residents.table.ts'
import type { Insertable } from 'kysely'

/** `village_code` of a scope: the village itself, or every village under a district/regency. */
export function scopeFilter(scopeCode: string): { exact: string; prefix?: undefined } | { prefix: string; exact?: undefined } {
  return isVillageCode(scopeCode) ? { exact: scopeCode } : { prefix: `${scopeCode}.%` }
}

export async function findResident(db: Executor, villageCode: string, id: string): Promise<ResidentRow | undefined> {
  return db.selectFrom('residents').selectAll().where('village_code', '=', villageCode).where('id', '=', id).executeTakeFirst()
}

export async function findResidentByNikIn(db: Executor, villageCode: string, nik: string): Promise<ResidentRow | undefined> {
  return db.selectFrom('residents').selectAll().where('nik', '=', nik).where('village_code', '=', villageCode).executeTakeFirst()
}

export async function findResidentByNikAny(db: Executor, nik: string): Promise<ResidentRow | undefined> {
  return db.selectFrom('residents').selectAll().where('nik', '=', nik).executeTakeFirst()
}

/** Runs an `in (…)` lookup in chunks that stay under both engines' parameter limits. */
async function inChunks<T>(keys: string[], query: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = []
  for (let i = 0; i < keys.length; i += 500) out.push(...(await query(keys.slice(i, i + 500))))

  return out
}

export async function findResidentsByNiks(db: Executor, niks: string[]): Promise<ResidentRow[]> {
  return inChunks(niks, (chunk) => db.selectFrom('residents').selectAll().where('nik', 'in', chunk).execute())
}

export async function listFamilyRows(db: Executor, villageCode: string, familyId: string): Promise<ResidentRow[]> {
  return db
    .selectFrom('residents')
    .selectAll()
    .where('village_code', '=', villageCode)
    .where('family_id', '=', familyId)
    .orderBy('shdk_code')
    .orderBy('birth_date')
    .execute()
}

export async function findFamily(db: Executor, villageCode: string, id: string): Promise<FamilyRow | undefined> {
  return db.selectFrom('families').selectAll().where('village_code', '=', villageCode).where('id', '=', id).executeTakeFirst()
}

export async function findFamilyByKkAny(db: Executor, kk: string): Promise<FamilyRow | undefined> {
  return db.selectFrom('families').selectAll().where('kk_number', '=', kk).executeTakeFirst()
}

export async function findFamiliesByKks(db: Executor, kks: string[]): Promise<FamilyRow[]> {
  return inChunks(kks, (chunk) => db.selectFrom('families').selectAll().where('kk_number', 'in', chunk).execute())
}

export async function insertResidents(db: Executor, rows: NewResidentRow[]): Promise<void> {
  // ~60 columns a row: 400 rows stay under both engines' bound-parameter limits.
  for (let i = 0; i < rows.length; i += 400) await db.insertInto('residents').values(rows.slice(i, i + 400)).execute()
}

export async function insertFamilies(db: Executor, rows: Insertable<FamilyTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) await db.insertInto('families').values(rows.slice(i, i + 2000)).execute()
}

export async function insertEvents(db: Executor, rows: Insertable<ResidentEventTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) await db.insertInto('resident_events').values(rows.slice(i, i + 2000)).execute()
}

export async function updateResidentRow(db: Executor, villageCode: string, id: string, patch: ResidentUpdate): Promise<void> {
  await db.updateTable('residents').set(patch).where('village_code', '=', villageCode).where('id', '=', id).execute()
}

export async function updateFamilyRow(db: Executor, villageCode: string, id: string, patch: Partial<FamilyRow>): Promise<void> {
  await db.updateTable('families').set(patch).where('village_code', '=', villageCode).where('id', '=', id).execute()
}

/** Makes sure the village's dusun/RW/RT exists (areas are created on the fly, as OpenSID does). */
export async function ensureAreas(db: Executor, villageCode: string, areas: { dusun: string; rw: string; rt: string }[], id: () => string, now: string): Promise<void> {
  if (!areas.length) return
  const existing = await db.selectFrom('resident_areas').select(['dusun', 'rw', 'rt']).where('village_code', '=', villageCode).execute()
  const have = new Set(existing.map((a) => `${a.dusun}|${a.rw}|${a.rt}`))
  const add = new Map<string, { dusun: string; rw: string; rt: string }>()
  for (const a of areas) {
    const k = `${a.dusun}|${a.rw}|${a.rt}`
    if (!have.has(k) && a.dusun) add.set(k, { dusun: a.dusun, rw: a.rw, rt: a.rt })
  }
  const rows = [...add.values()].map((a) => ({ id: id(), village_code: villageCode, ...a, created_at: now }))
  for (let i = 0; i < rows.length; i += 1000) await db.insertInto('resident_areas').values(rows.slice(i, i + 1000)).execute()
}

export async function listAreas(db: Executor, villageCode: string): Promise<{ dusun: string; rw: string; rt: string }[]> {
  return db.selectFrom('resident_areas').select(['dusun', 'rw', 'rt']).where('village_code', '=', villageCode).orderBy('dusun').orderBy('rw').orderBy('rt').execute()
}

export async function countInScope(db: Executor, scopeCode: string, status: ResidentStatus | null = 'aktif'): Promise<number> {
  const f = scopeFilter(scopeCode)
  let q = db.selectFrom('residents').select((eb) => eb.fn.countAll().as('n'))
  q = f.exact !== undefined ? q.where('village_code', '=', f.exact) : q.where('village_code', 'like', f.prefix)
  if (status) q = q.where('status', '=', status)
  const r = await q.executeTakeFirstOrThrow()

  return Number(r.n)
}

export interface ResidentQuery {
  villageCode: string
  q?: string
  status?: ResidentStatus | ''
  sex?: number
  religion?: number
  education?: number
  occupation?: number
  marital?: number
  dusun?: string
  rw?: string
  rt?: string
  /** birth dates bounding the age range (inclusive) */
  bornFrom?: string
  bornTo?: string
  page: number
  pageSize: number
}

/** One page of the resident list; the name search reads only the village's slice of the index. */
export async function queryResidents(db: Executor, q: ResidentQuery): Promise<{ rows: ResidentRow[]; total: number }> {
  let base = db.selectFrom('residents').where('village_code', '=', q.villageCode)
  if (q.status) base = base.where('status', '=', q.status)
  if (q.sex) base = base.where('sex', '=', q.sex)
  if (q.religion) base = base.where('religion_code', '=', q.religion)
  if (q.education) base = base.where('education_code', '=', q.education)
  if (q.occupation) base = base.where('occupation_code', '=', q.occupation)
  if (q.marital) base = base.where('marital_code', '=', q.marital)
  if (q.dusun) base = base.where('dusun', '=', q.dusun)
  if (q.rw) base = base.where('rw', '=', q.rw)
  if (q.rt) base = base.where('rt', '=', q.rt)
  if (q.bornFrom) base = base.where('birth_date', '>=', q.bornFrom)
  if (q.bornTo) base = base.where('birth_date', '<=', q.bornTo)
  let prefix: string | null = null
  if (q.q) {
    if (/^\d+$/.test(q.q)) {
      const digits = q.q
      base = digits.length === 16
        ? base.where((eb) => eb.or([eb('nik', '=', digits), eb('kk_number', '=', digits)]))
        : base.where((eb) => eb.or([eb('nik', 'like', `${digits}%`), eb('kk_number', 'like', `${digits}%`)]))
    } else {
      const term = q.q.replace(/[%_\\]/g, '')
      prefix = term
      base = base.where('name_folded', 'like', `%${term}%`)
    }
  }
  const totalRow = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
  let list = base.selectAll()
  // Names that start with the term come first, then names that merely contain it.
  if (prefix !== null) list = list.orderBy(sql`case when name_folded like ${prefix + '%'} then 0 else 1 end`)
  const rows = await list
    .orderBy('name_folded')
    .orderBy('id')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute()

  return { rows, total: Number(totalRow.n) }
}
