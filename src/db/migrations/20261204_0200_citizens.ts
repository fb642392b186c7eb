import type { Kysely } from 'kysely'

// Frozen: never import application code here. Portable types only; times are ISO-8601 UTC text.

export async function up(db: Kysely<any>): Promise<void> {
  // One self-service account per resident (layanan mandiri). The PIN is stored only as a
  // scrypt hash; a pending self-registration has no PIN until an operator activates it.
  await db.schema
    .createTable('citizen_accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_code', 'text', (c) => c.notNull().references('villages.code'))
    .addColumn('resident_id', 'text', (c) => c.notNull().unique())
    .addColumn('nik', 'text', (c) => c.notNull().unique())
    .addColumn('pin_hash', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('email_verified_at', 'text')
    .addColumn('pin_changed_at', 'text')
    .addColumn('last_login_at', 'text')
    .addColumn('activated_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('citizen_accounts_village_idx')
    .on('citizen_accounts')
    .columns(['village_code', 'status', 'created_at'])
    .execute()

  // Single-use links sent by email (address verification, PIN reset). Only the SHA-256 of the
  // token is kept, so a copy of this table cannot be used to take over an account.
  await db.schema
    .createTable('citizen_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('citizen_accounts.id').onDelete('cascade'))
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute()
  await db.schema.createIndex('citizen_tokens_account_idx').on('citizen_tokens').columns(['account_id', 'purpose']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('citizen_tokens').execute()
  await db.schema.dropTable('citizen_accounts').execute()
}
