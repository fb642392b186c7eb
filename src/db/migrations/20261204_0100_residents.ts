import type { Kysely } from 'kysely'

// Frozen: never import application code here. Portable types only (text, integer, real).
// Coded columns hold OpenSID's integer codes so imports and exports stay compatible with it.

export async function up(db: Kysely<any>): Promise<void> {
  // A village's own areas (dusun / RW / RT); created on the fly by forms and imports.
  await db.schema
    .createTable('resident_areas')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_code', 'text', (c) => c.notNull().references('villages.code'))
    .addColumn('dusun', 'text', (c) => c.notNull())
    .addColumn('rw', 'text', (c) => c.notNull())
    .addColumn('rt', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('resident_areas_key').unique().on('resident_areas').columns(['village_code', 'dusun', 'rw', 'rt']).execute()

  await db.schema
    .createTable('families')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_code', 'text', (c) => c.notNull().references('villages.code'))
    // Unique across the installation, like the NIK: a KK belongs to one family wherever it lives.
    .addColumn('kk_number', 'text', (c) => c.notNull().unique())
    .addColumn('head_resident_id', 'text')
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('dusun', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('rw', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('rt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('families_village_idx').on('families').columns(['village_code', 'kk_number']).execute()

  await db.schema
    .createTable('residents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_code', 'text', (c) => c.notNull().references('villages.code'))
    .addColumn('nik', 'text', (c) => c.notNull().unique())
    .addColumn('nik_temporary', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('family_id', 'text')
    .addColumn('kk_number', 'text')
    .addColumn('shdk_code', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    // lower-case, accents and punctuation removed: the search key, identical on both engines
    .addColumn('name_folded', 'text', (c) => c.notNull())
    .addColumn('sex', 'integer', (c) => c.notNull())
    .addColumn('birth_place', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('religion_code', 'integer', (c) => c.notNull())
    .addColumn('education_code', 'integer', (c) => c.notNull())
    .addColumn('education_current_code', 'integer')
    .addColumn('occupation_code', 'integer', (c) => c.notNull())
    .addColumn('marital_code', 'integer', (c) => c.notNull())
    .addColumn('citizenship_code', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('father_nik', 'text')
    .addColumn('father_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('mother_nik', 'text')
    .addColumn('mother_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('blood_type_code', 'integer')
    .addColumn('birth_certificate', 'text')
    .addColumn('passport_number', 'text')
    .addColumn('passport_expiry', 'text')
    .addColumn('kitas_number', 'text')
    .addColumn('marriage_certificate', 'text')
    .addColumn('marriage_date', 'text')
    .addColumn('divorce_certificate', 'text')
    .addColumn('divorce_date', 'text')
    .addColumn('disability_code', 'integer')
    .addColumn('kb_code', 'integer')
    .addColumn('pregnant', 'integer')
    .addColumn('ektp_code', 'integer')
    .addColumn('ektp_record_code', 'integer')
    .addColumn('current_address', 'text')
    .addColumn('ethnicity', 'text')
    .addColumn('ektp_tag', 'text')
    .addColumn('insurance_code', 'integer')
    .addColumn('insurance_number', 'text')
    .addColumn('lat', 'text')
    .addColumn('lng', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('dusun', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('rw', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('rt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('aktif'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  // The list's default order (status, then name) and its search: one village's slice of the
  // index is read, never the whole regency.
  await db.schema.createIndex('residents_list_idx').on('residents').columns(['village_code', 'status', 'name_folded']).execute()
  await db.schema.createIndex('residents_name_idx').on('residents').columns(['village_code', 'name_folded']).execute()
  await db.schema.createIndex('residents_family_idx').on('residents').column('family_id').execute()
  await db.schema.createIndex('residents_kk_idx').on('residents').columns(['village_code', 'kk_number']).execute()
  await db.schema.createIndex('residents_birth_idx').on('residents').columns(['village_code', 'birth_date']).execute()

  // Buku Mutasi: every dated event of a resident or family.
  await db.schema
    .createTable('resident_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('resident_id', 'text')
    .addColumn('family_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('event_date', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('resident_events_village_idx').on('resident_events').columns(['village_code', 'event_date']).execute()
  await db.schema.createIndex('resident_events_resident_idx').on('resident_events').column('resident_id').execute()

  // Corrections asked for by residents themselves ("Data Saya"), queued for the operator.
  await db.schema
    .createTable('resident_corrections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('resident_id', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text')
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('baru'))
    .addColumn('response', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('handled_at', 'text')
    .addColumn('handled_by', 'text')
    .execute()
  await db.schema.createIndex('resident_corrections_village_idx').on('resident_corrections').columns(['village_code', 'status', 'created_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['resident_corrections', 'resident_events', 'residents', 'families', 'resident_areas']) {
    await db.schema.dropTable(t).execute()
  }
}
