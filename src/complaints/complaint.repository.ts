import type { Executor } from '../db/database.ts'
import type { ComplaintRow, ComplaintUpdate, NewComplaintRow } from './complaint.table.ts'
import type { InboxQuery } from './complaint.schema.ts'

export async function insertComplaint(db: Executor, row: NewComplaintRow): Promise<void> {
  await db.insertInto('complaints').values(row).execute()
}

export async function findComplaint(db: Executor, villageCode: string, id: string): Promise<ComplaintRow | undefined> {
  return db.selectFrom('complaints').selectAll().where('village_code', '=', villageCode).where('id', '=', id).executeTakeFirst()
}

/** By tracking code, installation-wide (the code is unique everywhere). */
export async function findComplaintByCode(db: Executor, code: string): Promise<ComplaintRow | undefined> {
  return db.selectFrom('complaints').selectAll().where('tracking_code', '=', code).executeTakeFirst()
}

export async function updateComplaint(db: Executor, villageCode: string, id: string, patch: ComplaintUpdate): Promise<void> {
  await db.updateTable('complaints').set(patch).where('village_code', '=', villageCode).where('id', '=', id).execute()
}

/**
 * The inbox: open complaints first by the chosen deadline (the reply deadline stops mattering
 * once answered, so answered ones sort by their resolution deadline), settled ones last.
 */
export async function listInbox(db: Executor, villageCode: string, q: InboxQuery, pageSize: number): Promise<ComplaintRow[]> {
  let s = db.selectFrom('complaints').selectAll().where('village_code', '=', villageCode)
  if (q.status) s = s.where('status', '=', q.status)
  if (q.sort === 'newest') s = s.orderBy('created_at', 'desc')
  else {
    s = s.orderBy((eb) => eb.case().when('status', '=', 'selesai').then(1).else(0).end())
    s = q.sort === 'reply_due'
      ? s.orderBy((eb) => eb.case().when('replied_at', 'is', null).then(0).else(1).end()).orderBy('reply_due').orderBy('resolve_due')
      : s.orderBy('resolve_due')
  }

  // one row more than a page tells the pager whether a next page exists
  return s.orderBy('id').limit(pageSize + 1).offset((q.page - 1) * pageSize).execute()
}

export async function countOpen(db: Executor, villageCode: string): Promise<{ waiting: number; overdue: number }> {
  const now = new Date().toISOString()
  const row = await db.selectFrom('complaints')
    .select((eb) => [
      eb.fn.sum<number>(eb.case().when('status', '=', 'menunggu').then(1).else(0).end()).as('waiting'),
      eb.fn.sum<number>(eb.case().when(eb.and([eb('status', '!=', 'selesai'), eb.or([eb.and([eb('replied_at', 'is', null), eb('reply_due', '<', now)]), eb('resolve_due', '<', now)])])).then(1).else(0).end()).as('overdue'),
    ])
    .where('village_code', '=', villageCode)
    .executeTakeFirst()

  return { waiting: Number(row?.waiting ?? 0), overdue: Number(row?.overdue ?? 0) }
}

export async function listPublished(db: Executor, villageCode: string, limit: number): Promise<ComplaintRow[]> {
  return db.selectFrom('complaints').selectAll().where('village_code', '=', villageCode).where('published', '=', 1)
    .orderBy('replied_at', 'desc').limit(limit).execute()
}
