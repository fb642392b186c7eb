import { sql } from 'kysely'
import type { Executor } from '../db/database.ts'
import type { CitizenAccountRow, CitizenAccountTable, CitizenStatus, CitizenTokenRow, CitizenTokenTable } from './citizen.table.ts'

export async function insertAccount(db: Executor, row: CitizenAccountTable): Promise<void> {
  await db.insertInto('citizen_accounts').values(row).execute()
}

export async function updateAccount(db: Executor, villageCode: string, id: string, patch: Partial<CitizenAccountTable>): Promise<void> {
  await db.updateTable('citizen_accounts').set(patch).where('village_code', '=', villageCode).where('id', '=', id).execute()
}

export async function deleteAccount(db: Executor, villageCode: string, id: string): Promise<void> {
  await db.deleteFrom('citizen_accounts').where('village_code', '=', villageCode).where('id', '=', id).execute()
}

export async function findAccount(db: Executor, villageCode: string, id: string): Promise<CitizenAccountRow | undefined> {
  return db.selectFrom('citizen_accounts').selectAll().where('village_code', '=', villageCode).where('id', '=', id).executeTakeFirst()
}

/** By account id alone: only for resolving a session, whose row already names the account. */
export async function findAccountById(db: Executor, id: string): Promise<CitizenAccountRow | undefined> {
  return db.selectFrom('citizen_accounts').selectAll().where('id', '=', id).executeTakeFirst()
}

/** NIK is unique installation-wide, so sign-in needs no village. */
export async function findAccountByNik(db: Executor, nik: string): Promise<CitizenAccountRow | undefined> {
  return db.selectFrom('citizen_accounts').selectAll().where('nik', '=', nik).executeTakeFirst()
}

export async function findAccountByResident(db: Executor, villageCode: string, residentId: string): Promise<CitizenAccountRow | undefined> {
  return db
    .selectFrom('citizen_accounts')
    .selectAll()
    .where('village_code', '=', villageCode)
    .where('resident_id', '=', residentId)
    .executeTakeFirst()
}

export async function listAccounts(
  db: Executor,
  villageCode: string,
  q: { status?: CitizenStatus; limit: number; offset: number },
): Promise<CitizenAccountRow[]> {
  let query = db.selectFrom('citizen_accounts').selectAll().where('village_code', '=', villageCode)
  if (q.status) query = query.where('status', '=', q.status)

  // Registrations waiting for activation first: they are the operator's to-do list.
  return query.orderBy(sql`case when status = 'pending' then 0 else 1 end`).orderBy('created_at', 'desc').limit(q.limit).offset(q.offset).execute()
}

export async function countAccountsByStatus(db: Executor, villageCode: string): Promise<Record<CitizenStatus, number>> {
  const rows = await db
    .selectFrom('citizen_accounts')
    .select(['status', (eb) => eb.fn.countAll().as('n')])
    .where('village_code', '=', villageCode)
    .groupBy('status')
    .execute()
  const out: Record<CitizenStatus, number> = { pending: 0, active: 0, disabled: 0 }
  for (const r of rows) out[r.status] = Number(r.n)

  return out
}

export async function insertToken(db: Executor, row: CitizenTokenTable): Promise<void> {
  await db.insertInto('citizen_tokens').values(row).execute()
}

export async function findToken(db: Executor, id: string): Promise<CitizenTokenRow | undefined> {
  return db.selectFrom('citizen_tokens').selectAll().where('id', '=', id).executeTakeFirst()
}

/**
 * Marks a token used, only if it is still unused: two clicks racing on the same link cannot
 * both succeed. Returns whether this call consumed it.
 */
export async function consumeToken(db: Executor, id: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('citizen_tokens')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst()

  return Number(r.numUpdatedRows) === 1
}

/** A new link replaces the old ones of the same purpose. */
export async function retireTokens(db: Executor, accountId: string, purpose: CitizenTokenTable['purpose'], now: string): Promise<void> {
  await db
    .updateTable('citizen_tokens')
    .set({ used_at: now })
    .where('account_id', '=', accountId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute()
}
