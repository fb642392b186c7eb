import type { Kysely } from 'kysely'

// Frozen: never import application code here. Letter service (issue 4): catalogue overrides,
// requests with their timeline and uploads, number counters and the issued letters.

export async function up(db: Kysely<any>): Promise<void> {
  // The shipped catalogue lives in code; a row here is the regency's edit of one type.
  await db.schema
    .createTable('letter_types')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('classification_code', 'text', (c) => c.notNull())
    .addColumn('online', 'integer', (c) => c.notNull())
    .addColumn('requirements', 'text', (c) => c.notNull())
    .addColumn('sla_hours', 'integer', (c) => c.notNull())
    .addColumn('validity_days', 'integer', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute()

  // Per-village switch and overrides; null columns inherit the regency's value.
  await db.schema
    .createTable('village_letter_types')
    .addColumn('village_code', 'text', (c) => c.notNull().references('villages.code'))
    .addColumn('type_code', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('online', 'integer')
    .addColumn('sla_hours', 'integer')
    .addColumn('template', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('village_letter_types_pk', ['village_code', 'type_code'])
    .execute()

  await db.schema
    .createTable('letter_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_code', 'text', (c) => c.notNull().references('villages.code'))
    .addColumn('tracking_code', 'text', (c) => c.notNull().unique())
    .addColumn('type_code', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('applicant_account_id', 'text')
    .addColumn('applicant_resident_id', 'text')
    .addColumn('subject_resident_id', 'text', (c) => c.notNull())
    .addColumn('subject_name', 'text', (c) => c.notNull())
    .addColumn('subject_nik', 'text', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('contact_email', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('state_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sla_hours', 'integer', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('collected_by', 'text')
    .addColumn('letter_id', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('letter_requests_queue_idx').on('letter_requests').columns(['village_code', 'state', 'submitted_at']).execute()
  await db.schema.createIndex('letter_requests_account_idx').on('letter_requests').columns(['applicant_account_id', 'submitted_at']).execute()

  await db.schema
    .createTable('request_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('letter_requests.id'))
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .execute()
  await db.schema.createIndex('request_events_request_idx').on('request_events').columns(['request_id', 'at']).execute()

  await db.schema
    .createTable('request_uploads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('letter_requests.id'))
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('requirement', 'text', (c) => c.notNull())
    .addColumn('stored_name', 'text', (c) => c.notNull())
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('request_uploads_request_idx').on('request_uploads').column('request_id').execute()

  // A repeated POST with the same Idempotency-Key answers with the first request.
  await db.schema
    .createTable('request_idempotency')
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('request_idempotency_pk', ['owner', 'key'])
    .execute()

  // One row per (village, counter, year): the row lock of the upsert serialises allocation,
  // and a rolled-back approval rolls its number back too, so numbers never skip or repeat.
  await db.schema
    .createTable('letter_counters')
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('counter_key', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('letter_counters_pk', ['village_code', 'counter_key', 'year'])
    .execute()

  await db.schema
    .createTable('letters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_code', 'text', (c) => c.notNull().references('villages.code'))
    .addColumn('request_id', 'text', (c) => c.notNull().unique())
    .addColumn('type_code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('classification_code', 'text', (c) => c.notNull())
    .addColumn('counter_key', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('verify_token', 'text', (c) => c.notNull().unique())
    .addColumn('subject_name', 'text', (c) => c.notNull())
    .addColumn('subject_nik', 'text', (c) => c.notNull())
    .addColumn('issued_date', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text', (c) => c.notNull())
    .addColumn('signature_mode', 'text', (c) => c.notNull())
    .addColumn('signer_on_behalf', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('signer_title', 'text', (c) => c.notNull())
    .addColumn('signer_name', 'text', (c) => c.notNull())
    .addColumn('signer_nip', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('approved_by', 'text', (c) => c.notNull())
    .addColumn('body_markup', 'text', (c) => c.notNull())
    .addColumn('pdf_file', 'text')
    .addColumn('pdf_sha256', 'text')
    .addColumn('pdf_ready_at', 'text')
    .addColumn('signed_pdf_file', 'text')
    .addColumn('signed_sha256', 'text')
    .addColumn('signed_at', 'text')
    .addColumn('signed_by', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_reason', 'text')
    .addColumn('revoked_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('letters_number_uq').on('letters').columns(['village_code', 'number']).unique().execute()
  await db.schema.createIndex('letters_register_idx').on('letters').columns(['village_code', 'issued_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['letters', 'letter_counters', 'request_idempotency', 'request_uploads', 'request_events', 'letter_requests', 'village_letter_types', 'letter_types']) {
    await db.schema.dropTable(t).ifExists().execute()
  }
}
