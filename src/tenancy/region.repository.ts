import type { Executor } from '../db/database.ts'
import type { RegionRow } from './tenancy.table.ts'
import type { Region } from './region.ts'

/** Inserts or renames regions; codes are never deleted (a retired code is never reused). */
export async function upsertRegions(db: Executor, regions: Region[]): Promise<void> {
  for (let i = 0; i < regions.length; i += 500) {
    const chunk = regions.slice(i, i + 500).map((r) => ({
      code: r.code,
      name: r.name,
      level: r.level,
      parent_code: r.parentCode,
    }))
    await db
      .insertInto('regions')
      .values(chunk)
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          level: eb.ref('excluded.level'),
          parent_code: eb.ref('excluded.parent_code'),
        })),
      )
      .execute()
  }
}

export async function findRegion(db: Executor, code: string): Promise<RegionRow | undefined> {
  return db.selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirst()
}

export async function countRegions(db: Executor): Promise<number> {
  const r = await db.selectFrom('regions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()

  return Number(r.n)
}

/** Districts and villages below a regency, with each village's live flag. */
export async function listRegencyTree(
  db: Executor,
  regency: string,
): Promise<{ code: string; name: string; level: string; parent_code: string | null; live: number }[]> {
  const rows = await db
    .selectFrom('regions as r')
    .leftJoin('villages as v', 'v.code', 'r.code')
    .select(['r.code', 'r.name', 'r.level', 'r.parent_code'])
    .select((eb) => eb.case().when('v.code', 'is not', null).then(1).else(0).end().as('live'))
    .where('r.code', 'like', `${regency}.%`)
    .orderBy('r.code')
    .execute()

  return rows.map((r) => ({ ...r, live: Number(r.live) }))
}
