import type { Kysely } from 'kysely'

// Frozen: never import application code here. Portable types only; times are ISO-8601 UTC text.

export async function up(db: Kysely<any>): Promise<void> {
  // The durable outbox: work that must happen after a transaction commits (mail, messages,
  // signing) is written here inside that transaction, so it exists exactly when the change does.
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('village_code', 'text')
    // pending → running → done | skipped | failed (running → pending again on a retry)
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('run_at', 'text', (c) => c.notNull())
    .addColumn('locked_by', 'text')
    // A claim expires so that a job whose worker died is picked up again.
    .addColumn('locked_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute()
  await db.schema.createIndex('jobs_due_idx').on('jobs').columns(['state', 'run_at']).execute()
  await db.schema.createIndex('jobs_village_idx').on('jobs').columns(['village_code', 'created_at']).execute()

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('citizen_account_id', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('read_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('notifications_account_idx')
    .on('notifications')
    .columns(['citizen_account_id', 'created_at'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notifications').execute()
  await db.schema.dropTable('jobs').execute()
}
