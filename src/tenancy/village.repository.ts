import type { Executor } from '../db/database.ts'
import type { NewVillageRow, VillageRow, VillageUpdate } from './tenancy.table.ts'
import { toVillage, type Village } from './village.ts'

function selectVillages(db: Executor) {
  return db
    .selectFrom('villages as v')
    .innerJoin('regions as r', 'r.code', 'v.code')
    .innerJoin('regions as d', 'd.code', 'r.parent_code')
    .selectAll('v')
    .select(['r.name as name', 'd.code as district_code', 'd.name as district_name'])
}

type JoinedRow = VillageRow & { name: string; district_code: string; district_name: string }

const fromJoined = (row: JoinedRow): Village =>
  toVillage(row, { name: row.name, districtCode: row.district_code, districtName: row.district_name })

/** A live village by code, or undefined (also for codes that exist only as regions). */
export async function findVillage(db: Executor, code: string): Promise<Village | undefined> {
  const row = await selectVillages(db).where('v.code', '=', code).executeTakeFirst()

  return row ? fromJoined(row) : undefined
}

/** Live villages inside a scope code (regency, district or one village). */
export async function listVillages(db: Executor, scope: string): Promise<Village[]> {
  const rows = await selectVillages(db)
    .where((eb) => eb.or([eb('v.code', '=', scope), eb('v.code', 'like', `${scope}.%`)]))
    .orderBy('v.code')
    .execute()

  return rows.map(fromJoined)
}

export async function insertVillage(db: Executor, row: NewVillageRow): Promise<void> {
  await db.insertInto('villages').values(row).execute()
}

export async function updateVillage(db: Executor, code: string, patch: VillageUpdate): Promise<void> {
  await db.updateTable('villages').set(patch).where('code', '=', code).execute()
}
