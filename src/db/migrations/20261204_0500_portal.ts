import type { Kysely } from 'kysely'

// Frozen: never import application code here. Portable types only (text, integer); times are
// ISO-8601 UTC text, dates YYYY-MM-DD, booleans 0/1.

export async function up(db: Kysely<any>): Promise<void> {
  // One row per village: the texts of its public profile page.
  await db.schema
    .createTable('portal_profiles')
    .addColumn('village_code', 'text', (c) => c.primaryKey().references('villages.code'))
    .addColumn('history', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('geography', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('vision', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('mission', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('portal_officials')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_code', 'text', (c) => c.notNull().references('villages.code'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('portal_officials_village_idx').on('portal_officials').columns(['village_code', 'sort_order']).execute()

  // News and announcements: Markdown as written by staff; rendered and sanitised when shown.
  await db.schema
    .createTable('portal_posts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_code', 'text', (c) => c.notNull().references('villages.code'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('image_file', 'text')
    .addColumn('image_width', 'integer')
    .addColumn('image_height', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('author_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('portal_posts_public_idx').on('portal_posts').columns(['village_code', 'status', 'published_at']).execute()

  await db.schema
    .createTable('portal_agenda')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_code', 'text', (c) => c.notNull().references('villages.code'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('event_date', 'text', (c) => c.notNull())
    .addColumn('event_time', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('portal_agenda_village_idx').on('portal_agenda').columns(['village_code', 'event_date']).execute()

  // Complaints and aspirations (UU 25/2009): the tracking code is the complainant's only key,
  // unique installation-wide; deadlines are stored so the inbox can sort by them.
  await db.schema
    .createTable('complaints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_code', 'text', (c) => c.notNull().references('villages.code'))
    .addColumn('tracking_code', 'text', (c) => c.notNull().unique())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('anonymous', 'integer', (c) => c.notNull())
    .addColumn('complainant_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('contact', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('citizen_account_id', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('photo_file', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reply', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('replied_at', 'text')
    .addColumn('replied_by', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('resolved_at', 'text')
    .addColumn('reply_due', 'text', (c) => c.notNull())
    .addColumn('resolve_due', 'text', (c) => c.notNull())
    .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('public_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('complaints_village_idx').on('complaints').columns(['village_code', 'status', 'created_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['complaints', 'portal_agenda', 'portal_posts', 'portal_officials', 'portal_profiles']) {
    await db.schema.dropTable(t).ifExists().execute()
  }
}
