import type { Executor } from '../db/database.ts'
import type {
  LetterSignatureRow,
  LetterSignatureTable,
  SigningCaRow,
  SigningCaTable,
  SigningCertificateRow,
  SigningCertificateTable,
  SigningDelegationRow,
  SigningDelegationTable,
} from './signing.table.ts'

export async function findActiveCa(db: Executor): Promise<SigningCaRow | undefined> {
  return db.selectFrom('signing_cas').selectAll().where('active', '=', 1).executeTakeFirst()
}

export async function listCas(db: Executor): Promise<SigningCaRow[]> {
  return db.selectFrom('signing_cas').selectAll().orderBy('created_at', 'desc').execute()
}

export async function insertCa(db: Executor, row: SigningCaTable): Promise<void> {
  await db.insertInto('signing_cas').values(row).execute()
}

export async function retireCas(db: Executor): Promise<void> {
  await db.updateTable('signing_cas').set({ active: 0 }).where('active', '=', 1).execute()
}

export async function saveCrl(db: Executor, caId: string, crlBase64: string, at: string): Promise<void> {
  await db.updateTable('signing_cas').set({ crl_der: crlBase64, crl_updated_at: at }).where('id', '=', caId).execute()
}

export async function insertCertificate(db: Executor, row: SigningCertificateTable): Promise<void> {
  await db.insertInto('signing_certificates').values(row).execute()
}

export async function updateCertificate(db: Executor, id: string, patch: Partial<SigningCertificateTable>): Promise<void> {
  await db.updateTable('signing_certificates').set(patch).where('id', '=', id).execute()
}

/** Certificates of villages within a scope (regency, district or village code). */
export async function listCertificatesInScope(db: Executor, scope: string): Promise<SigningCertificateRow[]> {
  return db
    .selectFrom('signing_certificates')
    .selectAll()
    .where((eb) => eb.or([eb('village_code', '=', scope), eb('village_code', 'like', `${scope}.%`)]))
    .orderBy('issued_at', 'desc')
    .execute()
}

export async function findCertificate(db: Executor, id: string): Promise<SigningCertificateRow | undefined> {
  return db.selectFrom('signing_certificates').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function findCertificateBySerial(db: Executor, serial: string): Promise<SigningCertificateRow | undefined> {
  return db.selectFrom('signing_certificates').selectAll().where('serial', '=', serial.toLowerCase()).executeTakeFirst()
}

export async function listHolderCertificates(db: Executor, villageCode: string, staffUserId: string): Promise<SigningCertificateRow[]> {
  return db
    .selectFrom('signing_certificates')
    .selectAll()
    .where('village_code', '=', villageCode)
    .where('staff_user_id', '=', staffUserId)
    .orderBy('issued_at', 'desc')
    .execute()
}

export async function listRevokedCertificates(db: Executor, caId: string): Promise<SigningCertificateRow[]> {
  return db.selectFrom('signing_certificates').selectAll().where('ca_id', '=', caId).where('revoked_at', 'is not', null).execute()
}

export async function insertDelegation(db: Executor, row: SigningDelegationTable): Promise<void> {
  await db.insertInto('signing_delegations').values(row).execute()
}

export async function listDelegations(db: Executor, villageCode: string): Promise<SigningDelegationRow[]> {
  return db.selectFrom('signing_delegations').selectAll().where('village_code', '=', villageCode).orderBy('created_at', 'desc').execute()
}

export async function findDelegation(db: Executor, villageCode: string, id: string): Promise<SigningDelegationRow | undefined> {
  return db.selectFrom('signing_delegations').selectAll().where('village_code', '=', villageCode).where('id', '=', id).executeTakeFirst()
}

/** The delegation in force for a delegate on a WITA day, if any. */
export async function findDelegationInForce(db: Executor, villageCode: string, delegateUserId: string, day: string): Promise<SigningDelegationRow | undefined> {
  return db
    .selectFrom('signing_delegations')
    .selectAll()
    .where('village_code', '=', villageCode)
    .where('delegate_user_id', '=', delegateUserId)
    .where('ended_at', 'is', null)
    .where('valid_from', '<=', day)
    .where('valid_until', '>=', day)
    .orderBy('created_at', 'desc')
    .executeTakeFirst()
}

export async function endDelegation(db: Executor, villageCode: string, id: string, at: string): Promise<void> {
  await db.updateTable('signing_delegations').set({ ended_at: at }).where('village_code', '=', villageCode).where('id', '=', id).execute()
}

export async function insertSignature(db: Executor, row: LetterSignatureTable): Promise<void> {
  await db.insertInto('letter_signatures').values(row).execute()
}

export async function findSignature(db: Executor, id: string): Promise<LetterSignatureRow | undefined> {
  return db.selectFrom('letter_signatures').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function updateSignature(db: Executor, id: string, patch: Partial<LetterSignatureTable>): Promise<void> {
  await db.updateTable('letter_signatures').set(patch).where('id', '=', id).execute()
}

export async function listBatchSignatures(db: Executor, batchId: string): Promise<LetterSignatureRow[]> {
  return db.selectFrom('letter_signatures').selectAll().where('batch_id', '=', batchId).execute()
}


export async function findCa(db: Executor, id: string): Promise<SigningCaRow | undefined> {
  return db.selectFrom('signing_cas').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function insertReplacement(db: Executor, row: { replaced_letter_id: string; village_code: string; replacement_letter_id: string; linked_at: string; linked_by: string }): Promise<void> {
  await db.insertInto('letter_replacements').values(row).execute()
}

/** The replacement of a revoked letter, and what a letter itself replaces. */
export async function findReplacementLinks(db: Executor, letterId: string): Promise<{ replacedBy?: string; replaces?: string }> {
  const rows = await db
    .selectFrom('letter_replacements')
    .selectAll()
    .where((eb) => eb.or([eb('replaced_letter_id', '=', letterId), eb('replacement_letter_id', '=', letterId)]))
    .execute()

  return {
    replacedBy: rows.find((r) => r.replaced_letter_id === letterId)?.replacement_letter_id,
    replaces: rows.find((r) => r.replacement_letter_id === letterId)?.replaced_letter_id,
  }
}
