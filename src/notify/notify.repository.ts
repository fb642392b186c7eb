import type { Executor } from '../db/database.ts'
import type { NotificationRow, NotificationTable } from './notify.table.ts'

export async function insertNotification(db: Executor, row: NotificationTable): Promise<void> {
  await db.insertInto('notifications').values(row).execute()
}

export async function listNotificationsOfAccount(db: Executor, citizenAccountId: string, limit: number): Promise<NotificationRow[]> {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('citizen_account_id', '=', citizenAccountId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
}

export async function countUnreadOfAccount(db: Executor, citizenAccountId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('citizen_account_id', '=', citizenAccountId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow()

  return Number(row.n)
}

/** Marks unread notifications of one account as read: the given ones, or all when ids is omitted. */
export async function markRead(db: Executor, citizenAccountId: string, at: string, ids?: readonly string[]): Promise<number> {
  if (ids && ids.length === 0) return 0
  let q = db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('citizen_account_id', '=', citizenAccountId)
    .where('read_at', 'is', null)
  if (ids) q = q.where('id', 'in', ids)
  const res = await q.executeTakeFirst()

  return Number(res.numUpdatedRows)
}
