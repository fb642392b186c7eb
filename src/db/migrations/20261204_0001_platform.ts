import type { Kysely } from 'kysely'

// Frozen: never import application code here. Columns use portable types only (text, integer)
// so SQLite and PostgreSQL hold identical values; times are ISO-8601 UTC text.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('regions')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text')
    .execute()
  await db.schema.createIndex('regions_parent_idx').on('regions').column('parent_code').execute()

  // A village becomes a tenant when the regency switches it on: one row here, keyed by its
  // Kemendagri code, which every tenant-owned row elsewhere carries as village_code.
  await db.schema
    .createTable('villages')
    .addColumn('code', 'text', (c) => c.primaryKey().references('regions.code'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('head_title', 'text', (c) => c.notNull())
    .addColumn('head_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('head_nip', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('postal_code', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('office_hours', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('letterhead_lines', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('logo_file', 'text')
    .addColumn('paper_size', 'text', (c) => c.notNull().defaultTo('F4'))
    .addColumn('number_format', 'text', (c) => c.notNull())
    .addColumn('counter_scope', 'text', (c) => c.notNull().defaultTo('per_type'))
    .addColumn('enabled_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('staff_users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    // A regency ('63.07'), district ('63.07.06') or village ('63.07.06.2014') code.
    .addColumn('scope_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('password_changed_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('staff_users_scope_idx').on('staff_users').column('scope_code').execute()

  // Sessions are server-side; the cookie or bearer token holds a random secret and only its
  // SHA-256 lands here, so a leaked table cannot be replayed.
  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('village_code', 'text')
    .addColumn('via', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('user_agent', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('sessions_subject_idx').on('sessions').columns(['kind', 'subject_id']).execute()

  // Failure counters for lockout and rate limits, keyed e.g. 'staff-login:user:budi'.
  await db.schema
    .createTable('throttles')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .execute()

  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_code', 'text')
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('ip', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('user_agent', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('audit_events_village_idx')
    .on('audit_events')
    .columns(['village_code', 'created_at'])
    .execute()
  await db.schema.createIndex('audit_events_created_idx').on('audit_events').column('created_at').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['audit_events', 'throttles', 'sessions', 'staff_users', 'villages', 'regions']) {
    await db.schema.dropTable(t).execute()
  }
}
