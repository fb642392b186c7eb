import type { Executor } from '../db/database.ts'
import type { NewPortalPostRow, PortalAgendaRow, PortalOfficialRow, PortalPostRow, PortalPostUpdate, PortalProfileRow, PostKind } from './portal.table.ts'

export async function findProfile(db: Executor, villageCode: string): Promise<PortalProfileRow | undefined> {
  return db.selectFrom('portal_profiles').selectAll().where('village_code', '=', villageCode).executeTakeFirst()
}

export async function saveProfile(db: Executor, row: PortalProfileRow): Promise<void> {
  const exists = await findProfile(db, row.village_code)
  if (exists) {
    await db.updateTable('portal_profiles').set(row).where('village_code', '=', row.village_code).execute()
  } else {
    await db.insertInto('portal_profiles').values(row).execute()
  }
}

export async function listOfficials(db: Executor, villageCode: string): Promise<PortalOfficialRow[]> {
  return db.selectFrom('portal_officials').selectAll().where('village_code', '=', villageCode).orderBy('sort_order').orderBy('created_at').execute()
}

export async function findOfficial(db: Executor, villageCode: string, id: string): Promise<PortalOfficialRow | undefined> {
  return db.selectFrom('portal_officials').selectAll().where('village_code', '=', villageCode).where('id', '=', id).executeTakeFirst()
}

export async function insertOfficial(db: Executor, row: PortalOfficialRow): Promise<void> {
  await db.insertInto('portal_officials').values(row).execute()
}

export async function updateOfficial(db: Executor, villageCode: string, id: string, patch: Partial<PortalOfficialRow>): Promise<void> {
  await db.updateTable('portal_officials').set(patch).where('village_code', '=', villageCode).where('id', '=', id).execute()
}

export async function deleteOfficial(db: Executor, villageCode: string, id: string): Promise<void> {
  await db.deleteFrom('portal_officials').where('village_code', '=', villageCode).where('id', '=', id).execute()
}

export async function listPublishedPosts(db: Executor, villageCode: string, opts: { kind?: PostKind; limit: number; offset?: number }): Promise<PortalPostRow[]> {
  let q = db.selectFrom('portal_posts').selectAll().where('village_code', '=', villageCode).where('status', '=', 'published')
  if (opts.kind) q = q.where('kind', '=', opts.kind)

  return q.orderBy('published_at', 'desc').orderBy('id', 'desc').limit(opts.limit).offset(opts.offset ?? 0).execute()
}

/** Every post of a village for staff, drafts first, newest first. */
export async function listAllPosts(db: Executor, villageCode: string, limit: number, offset: number): Promise<PortalPostRow[]> {
  return db.selectFrom('portal_posts').selectAll().where('village_code', '=', villageCode)
    .orderBy('status').orderBy('updated_at', 'desc').limit(limit).offset(offset).execute()
}

export async function findPost(db: Executor, villageCode: string, id: string): Promise<PortalPostRow | undefined> {
  return db.selectFrom('portal_posts').selectAll().where('village_code', '=', villageCode).where('id', '=', id).executeTakeFirst()
}

export async function insertPost(db: Executor, row: NewPortalPostRow): Promise<void> {
  await db.insertInto('portal_posts').values(row).execute()
}

export async function updatePost(db: Executor, villageCode: string, id: string, patch: PortalPostUpdate): Promise<void> {
  await db.updateTable('portal_posts').set(patch).where('village_code', '=', villageCode).where('id', '=', id).execute()
}

export async function deletePost(db: Executor, villageCode: string, id: string): Promise<void> {
  await db.deleteFrom('portal_posts').where('village_code', '=', villageCode).where('id', '=', id).execute()
}

export async function listAgenda(db: Executor, villageCode: string, opts: { from?: string; limit: number }): Promise<PortalAgendaRow[]> {
  let q = db.selectFrom('portal_agenda').selectAll().where('village_code', '=', villageCode)
  if (opts.from) q = q.where('event_date', '>=', opts.from)

  return q.orderBy('event_date').orderBy('event_time').limit(opts.limit).execute()
}

export async function findAgenda(db: Executor, villageCode: string, id: string): Promise<PortalAgendaRow | undefined> {
  return db.selectFrom('portal_agenda').selectAll().where('village_code', '=', villageCode).where('id', '=', id).executeTakeFirst()
}

export async function insertAgenda(db: Executor, row: PortalAgendaRow): Promise<void> {
  await db.insertInto('portal_agenda').values(row).execute()
}

export async function deleteAgenda(db: Executor, villageCode: string, id: string): Promise<void> {
  await db.deleteFrom('portal_agenda').where('village_code', '=', villageCode).where('id', '=', id).execute()
}

/** Latest change of a village's public content, for Last-Modified and the sitemap. */
export async function latestPostTimes(db: Executor, villageCodes: string[]): Promise<Map<string, string>> {
  if (villageCodes.length === 0) return new Map()
  const rows = await db.selectFrom('portal_posts').select(['village_code', (eb) => eb.fn.max('published_at').as('at')])
    .where('status', '=', 'published').where('village_code', 'in', villageCodes).groupBy('village_code').execute()

  return new Map(rows.filter((r) => r.at).map((r) => [r.village_code, String(r.at)]))
}

export async function listPublishedPostIds(db: Executor, villageCode: string, limit: number): Promise<{ id: string; updated_at: string }[]> {
  return db.selectFrom('portal_posts').select(['id', 'updated_at']).where('village_code', '=', villageCode).where('status', '=', 'published')
    .orderBy('published_at', 'desc').limit(limit).execute()
}
