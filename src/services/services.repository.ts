import { sql } from 'kysely'
import type { Executor } from '../db/database.ts'
import type { LetterRequestUpdate, LetterRow, NewLetterRequestRow, RequestEventRow, RequestUploadRow } from './services.table.ts'
import type { LetterTable, LetterTypeTable, RequestEventTable, RequestUploadTable, VillageLetterTypeTable } from './services.table.ts'

// Catalogue ---------------------------------------------------------------------------------

export const listLetterTypeRows = (db: Executor) => db.selectFrom('letter_types').selectAll().execute()

export const findLetterTypeRow = (db: Executor, code: string) =>
  db.selectFrom('letter_types').selectAll().where('code', '=', code).executeTakeFirst()

export async function upsertLetterTypeRow(db: Executor, row: LetterTypeTable): Promise<void> {
  const { code, ...rest } = row
  await db.insertInto('letter_types').values(row).onConflict((oc) => oc.column('code').doUpdateSet(rest)).execute()
}

export const listVillageTypeRows = (db: Executor, villageCode: string) =>
  db.selectFrom('village_letter_types').selectAll().where('village_code', '=', villageCode).execute()

export async function upsertVillageTypeRow(db: Executor, row: VillageLetterTypeTable): Promise<void> {
  const { village_code, type_code, ...rest } = row
  await db.insertInto('village_letter_types').values(row).onConflict((oc) => oc.columns(['village_code', 'type_code']).doUpdateSet(rest)).execute()
}

// Requests ----------------------------------------------------------------------------------

export async function insertRequest(db: Executor, row: NewLetterRequestRow): Promise<void> {
  await db.insertInto('letter_requests').values(row).execute()
}

export const findRequest = (db: Executor, villageCode: string, id: string) =>
  db.selectFrom('letter_requests').selectAll().where('village_code', '=', villageCode).where('id', '=', id).executeTakeFirst()

/** A request of one citizen account, by id: another resident's id is simply not found. */
export const findRequestOfAccount = (db: Executor, accountId: string, id: string) =>
  db.selectFrom('letter_requests').selectAll().where('applicant_account_id', '=', accountId).where('id', '=', id).executeTakeFirst()

export const findRequestById = (db: Executor, id: string) =>
  db.selectFrom('letter_requests').selectAll().where('id', '=', id).executeTakeFirst()

export const findRequestByTracking = (db: Executor, code: string) =>
  db.selectFrom('letter_requests').selectAll().where('tracking_code', '=', code).executeTakeFirst()

/**
 * Moves a request from one state to another only if it is still in `from`: two people acting
 * at once cannot both succeed. Returns whether the row changed.
 */
export async function updateRequestState(db: Executor, villageCode: string, id: string, from: string, patch: LetterRequestUpdate): Promise<boolean> {
  const r = await db.updateTable('letter_requests').set(patch).where('village_code', '=', villageCode).where('id', '=', id).where('state', '=', from).executeTakeFirst()

  return Number(r.numUpdatedRows) === 1
}

export interface QueueQuery {
  villageCode: string
  states: readonly string[]
  typeCode?: string
  /** submitted before this instant (age filter) */
  submittedBefore?: string
  limit: number
  offset: number
}

export const listQueue = (db: Executor, q: QueueQuery) => {
  let query = db.selectFrom('letter_requests').selectAll().where('village_code', '=', q.villageCode)
  if (q.states.length) query = query.where('state', 'in', q.states)
  if (q.typeCode) query = query.where('type_code', '=', q.typeCode)
  if (q.submittedBefore) query = query.where('submitted_at', '<', q.submittedBefore)

  return query.orderBy('submitted_at', 'asc').orderBy('id', 'asc').limit(q.limit).offset(q.offset).execute()
}

export const listRequestsOfAccount = (db: Executor, accountId: string, limit: number) =>
  db.selectFrom('letter_requests').selectAll().where('applicant_account_id', '=', accountId).orderBy('submitted_at', 'desc').limit(limit).execute()

export async function countOpenRequests(db: Executor, villageCode: string, states: readonly string[]): Promise<number> {
  const r = await db.selectFrom('letter_requests').select((eb) => eb.fn.countAll().as('n')).where('village_code', '=', villageCode).where('state', 'in', states).executeTakeFirstOrThrow()

  return Number(r.n)
}

export async function insertEvent(db: Executor, row: RequestEventTable): Promise<void> {
  await db.insertInto('request_events').values(row).execute()
}

export const listEvents = (db: Executor, villageCode: string, requestId: string): Promise<RequestEventRow[]> =>
  db.selectFrom('request_events').selectAll().where('village_code', '=', villageCode).where('request_id', '=', requestId).orderBy('at', 'asc').orderBy('id', 'asc').execute()

export async function insertUpload(db: Executor, row: RequestUploadTable): Promise<void> {
  await db.insertInto('request_uploads').values(row).execute()
}

export const listUploads = (db: Executor, villageCode: string, requestId: string): Promise<RequestUploadRow[]> =>
  db.selectFrom('request_uploads').selectAll().where('village_code', '=', villageCode).where('request_id', '=', requestId).orderBy('created_at', 'asc').execute()

export const findUpload = (db: Executor, villageCode: string, requestId: string, uploadId: string) =>
  db.selectFrom('request_uploads').selectAll().where('village_code', '=', villageCode).where('request_id', '=', requestId).where('id', '=', uploadId).executeTakeFirst()

export const findIdempotency = (db: Executor, owner: string, key: string) =>
  db.selectFrom('request_idempotency').selectAll().where('owner', '=', owner).where('key', '=', key).executeTakeFirst()

export async function insertIdempotency(db: Executor, row: { owner: string; key: string; request_id: string; created_at: string }): Promise<void> {
  await db.insertInto('request_idempotency').values(row).execute()
}

// Numbers and letters -----------------------------------------------------------------------

/**
 * The next number of a counter, atomically: the upsert takes the row lock on PostgreSQL and the
 * write lock on SQLite, so concurrent approvals queue here and each gets the next value.
 */
export async function nextCounterValue(db: Executor, villageCode: string, counterKey: string, year: number): Promise<number> {
  const r = await db
    .insertInto('letter_counters')
    .values({ village_code: villageCode, counter_key: counterKey, year, last_number: 1 })
    .onConflict((oc) => oc.columns(['village_code', 'counter_key', 'year']).doUpdateSet({ last_number: sql<number>`letter_counters.last_number + 1` }))
    .returning('last_number')
    .executeTakeFirstOrThrow()

  return Number(r.last_number)
}

export async function insertLetter(db: Executor, row: LetterTable): Promise<void> {
  await db.insertInto('letters').values(row).execute()
}

export const findLetter = (db: Executor, villageCode: string, id: string): Promise<LetterRow | undefined> =>
  db.selectFrom('letters').selectAll().where('village_code', '=', villageCode).where('id', '=', id).executeTakeFirst()

export const findLetterById = (db: Executor, id: string): Promise<LetterRow | undefined> =>
  db.selectFrom('letters').selectAll().where('id', '=', id).executeTakeFirst()

export const findLetterByToken = (db: Executor, token: string): Promise<LetterRow | undefined> =>
  db.selectFrom('letters').selectAll().where('verify_token', '=', token).executeTakeFirst()

export async function updateLetter(db: Executor, villageCode: string, id: string, patch: Partial<LetterTable>): Promise<number> {
  const r = await db.updateTable('letters').set(patch).where('village_code', '=', villageCode).where('id', '=', id).executeTakeFirst()

  return Number(r.numUpdatedRows)
}

export interface RegisterQuery { villageCode: string; year?: number; typeCode?: string; limit: number; offset: number }

export const listLetters = (db: Executor, q: RegisterQuery): Promise<LetterRow[]> => {
  let query = db.selectFrom('letters').selectAll().where('village_code', '=', q.villageCode)
  if (q.year) query = query.where('year', '=', q.year)
  if (q.typeCode) query = query.where('type_code', '=', q.typeCode)

  return query.orderBy('issued_at', 'desc').orderBy('seq', 'desc').limit(q.limit).offset(q.offset).execute()
}

export const listAwaitingSignature = (db: Executor, villageCode: string): Promise<LetterRow[]> =>
  db.selectFrom('letters').selectAll().where('village_code', '=', villageCode).where('signature_mode', '=', 'electronic')
    .where('signed_at', 'is', null).where('revoked_at', 'is', null).orderBy('issued_at', 'asc').execute()

/** Submission and issue times of letters issued in [from, to) inside a scope (village, district or regency code). */
export const listIssueDurations = (db: Executor, scope: string, from: string, to: string) =>
  db
    .selectFrom('letters as l')
    .innerJoin('letter_requests as r', 'r.id', 'l.request_id')
    .select(['r.submitted_at', 'l.issued_at'])
    .where((eb) => eb.or([eb('l.village_code', '=', scope), eb('l.village_code', 'like', `${scope}.%`)]))
    .where('l.issued_at', '>=', from)
    .where('l.issued_at', '<', to)
    .execute()
