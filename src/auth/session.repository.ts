import type { Executor } from '../db/database.ts'
import type { SessionRow, SessionTable } from './auth.table.ts'

export async function insertSession(db: Executor, row: SessionTable): Promise<void> {
  await db.insertInto('sessions').values(row).execute()
}

export async function findSession(db: Executor, id: string, now: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).where('expires_at', '>', now).executeTakeFirst()
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute()
}

/** Ends every session of a subject (after a password change, or deactivation). */
export async function deleteSessionsOf(db: Executor, kind: 'staff' | 'citizen', subjectId: string, except?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('kind', '=', kind).where('subject_id', '=', subjectId)
  if (except) q = q.where('id', '!=', except)
  await q.execute()
}

export async function deleteExpiredSessions(db: Executor, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute()
}
