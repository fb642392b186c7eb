import type { Kysely } from 'kysely'

// Frozen: never import application code here. Portable types only; times ISO-8601 UTC text.
// Private keys are stored only as encrypted PKCS#8 PEM; passphrases are never stored.

export async function up(db: Kysely<any>): Promise<void> {
  // The regency CA. One active row; a new `ca init --force` retires the old one (kept, so
  // letters signed under it still verify).
  await db.schema
    .createTable('signing_cas')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('serial', 'text', (c) => c.notNull())
    .addColumn('cert_pem', 'text', (c) => c.notNull())
    .addColumn('key_pem', 'text', (c) => c.notNull())
    .addColumn('not_before', 'text', (c) => c.notNull())
    .addColumn('not_after', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('crl_der', 'text')
    .addColumn('crl_updated_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('signing_certificates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ca_id', 'text', (c) => c.notNull().references('signing_cas.id'))
    .addColumn('village_code', 'text', (c) => c.notNull().references('villages.code'))
    .addColumn('staff_user_id', 'text', (c) => c.notNull().references('staff_users.id'))
    .addColumn('holder_name', 'text', (c) => c.notNull())
    .addColumn('holder_title', 'text', (c) => c.notNull())
    .addColumn('serial', 'text', (c) => c.notNull().unique())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('cert_pem', 'text', (c) => c.notNull())
    .addColumn('key_pem', 'text', (c) => c.notNull())
    // 'menunggu_aktivasi' until the holder replaces the one-time activation code by a passphrase.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('not_before', 'text', (c) => c.notNull())
    .addColumn('not_after', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull())
    .addColumn('activated_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_reason', 'text')
    .addColumn('revoked_by', 'text')
    .execute()
  await db.schema.createIndex('signing_certificates_holder_idx').on('signing_certificates').columns(['village_code', 'staff_user_id']).execute()

  // A head's delegation of signing to another official: a.n. (atas nama) or u.b. (untuk beliau).
  await db.schema
    .createTable('signing_delegations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_code', 'text', (c) => c.notNull().references('villages.code'))
    .addColumn('delegate_user_id', 'text', (c) => c.notNull().references('staff_users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute()
  await db.schema.createIndex('signing_delegations_delegate_idx').on('signing_delegations').columns(['village_code', 'delegate_user_id']).execute()

  // One row per signing of one letter: queued → signed | failed. The job works from this row.
  await db.schema
    .createTable('letter_signatures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_code', 'text', (c) => c.notNull().references('villages.code'))
    .addColumn('letter_id', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('certificate_id', 'text', (c) => c.notNull().references('signing_certificates.id'))
    .addColumn('signer_user_id', 'text', (c) => c.notNull())
    .addColumn('on_behalf', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('signed_sha256', 'text')
    .addColumn('signing_time', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute()
  await db.schema.createIndex('letter_signatures_letter_idx').on('letter_signatures').columns(['village_code', 'letter_id']).execute()

  // A revoked letter replaced by a later one (its own request, its own new number).
  await db.schema
    .createTable('letter_replacements')
    .addColumn('replaced_letter_id', 'text', (c) => c.primaryKey())
    .addColumn('village_code', 'text', (c) => c.notNull().references('villages.code'))
    .addColumn('replacement_letter_id', 'text', (c) => c.notNull().unique())
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addColumn('linked_by', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['letter_replacements', 'letter_signatures', 'signing_delegations', 'signing_certificates', 'signing_cas']) {
    await db.schema.dropTable(t).execute()
  }
}
