import type { Executor } from '../db/database.ts'
import type { StaffUserRow, StaffUserTable } from './auth.table.ts'

export async function findStaffByUsername(db: Executor, username: string): Promise<StaffUserRow | undefined> {
  return db.selectFrom('staff_users').selectAll().where('username', '=', username).executeTakeFirst()
}

export async function findStaffById(db: Executor, id: string): Promise<StaffUserRow | undefined> {
  return db.selectFrom('staff_users').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function insertStaff(db: Executor, row: StaffUserTable): Promise<void> {
  await db.insertInto('staff_users').values(row).execute()
}

export async function updateStaff(db: Executor, id: string, patch: Partial<StaffUserTable>): Promise<void> {
  await db.updateTable('staff_users').set(patch).where('id', '=', id).execute()
}

/** Staff whose grant lies inside a scope (a village admin sees their village's staff). */
export async function listStaffInScope(db: Executor, scope: string): Promise<StaffUserRow[]> {
  return db
    .selectFrom('staff_users')
    .selectAll()
    .where((eb) => eb.or([eb('scope_code', '=', scope), eb('scope_code', 'like', `${scope}.%`)]))
    .orderBy('scope_code')
    .orderBy('username')
    .execute()
}
