import type { Transaction } from 'kysely'
import type { Database } from '../db/database.ts'
import type { Deps } from '../deps.ts'
import type { Actor, RequestMeta } from '../auth/actor.ts'
import { authorizeVillage } from '../auth/policy.ts'
import { recordAudit } from '../audit/audit.service.ts'
import { notFound } from '../lib/errors.ts'
import { newId } from '../lib/ids.ts'
import { nowIso, todayWita } from '../lib/time.ts'
import { parseInput } from '../lib/validation.ts'
import { deletePhoto, storePhoto } from './image.ts'
import { invalidatePortalPages } from './page-cache.ts'
import * as repo from './portal.repository.ts'
import { ZAgenda, ZOfficial, ZPost, ZProfile, type ProfileInput } from './portal.schema.ts'
import type { PortalAgendaRow, PortalOfficialRow, PortalPostRow, PostKind } from './portal.table.ts'

/*
 * The village portal's content: profile, officials, news and announcements, agenda. Public
 * reads take only the village code (the caller has checked the village is live); changes are
 * for staff with 'portal.edit' of that village, each with its audit event in one transaction.
 */

/** One transaction for a change and its audit event; cached public pages of the village go stale at once. */
async function change(deps: Deps, villageCode: string, fn: (trx: Transaction<Database>) => Promise<void>): Promise<void> {
  await deps.db.transaction().execute(fn)
  invalidatePortalPages(deps, villageCode)
}

export const EMPTY_PROFILE: ProfileInput = { history: '', geography: '', vision: '', mission: '' }

export async function getProfile(deps: Deps, villageCode: string): Promise<ProfileInput & { updatedAt: string | null }> {
  const row = await repo.findProfile(deps.db, villageCode)

  return row ? { history: row.history, geography: row.geography, vision: row.vision, mission: row.mission, updatedAt: row.updated_at } : { ...EMPTY_PROFILE, updatedAt: null }
}

export async function updateProfile(deps: Deps, actor: Actor | null, meta: RequestMeta, villageCode: string, input: unknown): Promise<void> {
  const staff = authorizeVillage(actor, villageCode, 'portal.edit')
  const p = parseInput(ZProfile, input)
  await change(deps, villageCode, async (trx) => {
    await repo.saveProfile(trx, { village_code: villageCode, ...p, updated_at: nowIso() })
    await recordAudit(trx, staff, meta, { villageCode, action: 'portal.profile', entityType: 'portal_profile', entityId: villageCode, summary: 'Mengubah profil desa di portal' })
  })
}

export async function listOfficials(deps: Deps, villageCode: string): Promise<PortalOfficialRow[]> {
  return repo.listOfficials(deps.db, villageCode)
}

export async function addOfficial(deps: Deps, actor: Actor | null, meta: RequestMeta, villageCode: string, input: unknown): Promise<string> {
  const staff = authorizeVillage(actor, villageCode, 'portal.edit')
  const o = parseInput(ZOfficial, input)
  const id = newId()
  const now = nowIso()
  await change(deps, villageCode, async (trx) => {
    await repo.insertOfficial(trx, { id, village_code: villageCode, name: o.name, position: o.position, sort_order: o.sortOrder, created_at: now, updated_at: now })
    await recordAudit(trx, staff, meta, { villageCode, action: 'portal.official_add', entityType: 'portal_official', entityId: id, summary: `Menambah perangkat desa ${o.name} (${o.position})` })
  })

  return id
}

export async function updateOfficial(deps: Deps, actor: Actor | null, meta: RequestMeta, villageCode: string, id: string, input: unknown): Promise<void> {
  const staff = authorizeVillage(actor, villageCode, 'portal.edit')
  if (!(await repo.findOfficial(deps.db, villageCode, id))) throw notFound()
  const o = parseInput(ZOfficial, input)
  await change(deps, villageCode, async (trx) => {
    await repo.updateOfficial(trx, villageCode, id, { name: o.name, position: o.position, sort_order: o.sortOrder, updated_at: nowIso() })
    await recordAudit(trx, staff, meta, { villageCode, action: 'portal.official_edit', entityType: 'portal_official', entityId: id, summary: `Mengubah data perangkat desa ${o.name} (${o.position})` })
  })
}

export async function removeOfficial(deps: Deps, actor: Actor | null, meta: RequestMeta, villageCode: string, id: string): Promise<void> {
  const staff = authorizeVillage(actor, villageCode, 'portal.edit')
  const row = await repo.findOfficial(deps.db, villageCode, id)
  if (!row) throw notFound()
  await change(deps, villageCode, async (trx) => {
    await repo.deleteOfficial(trx, villageCode, id)
    await recordAudit(trx, staff, meta, { villageCode, action: 'portal.official_remove', entityType: 'portal_official', entityId: id, summary: `Menghapus perangkat desa ${row.name} (${row.position})` })
  })
}

export const POSTS_PER_PAGE = 10

/** Published news or announcements, newest first; one extra row tells whether a next page exists. */
export async function listPublishedPosts(deps: Deps, villageCode: string, opts: { kind?: PostKind; page?: number; limit?: number }): Promise<{ posts: PortalPostRow[]; hasNext: boolean }> {
  const limit = opts.limit ?? POSTS_PER_PAGE
  const page = Math.max(1, opts.page ?? 1)
  const rows = await repo.listPublishedPosts(deps.db, villageCode, { kind: opts.kind, limit: limit + 1, offset: (page - 1) * limit })

  return { posts: rows.slice(0, limit), hasNext: rows.length > limit }
}

/** A published post of this village; a draft, another village's post or nothing answer 404 alike. */
export async function getPublishedPost(deps: Deps, villageCode: string, id: string): Promise<PortalPostRow> {
  const row = await repo.findPost(deps.db, villageCode, id)
  if (!row || row.status !== 'published') throw notFound()

  return row
}

export async function listPostsForStaff(deps: Deps, actor: Actor | null, villageCode: string, page: number): Promise<{ posts: PortalPostRow[]; hasNext: boolean }> {
  authorizeVillage(actor, villageCode, 'portal.edit')
  const rows = await repo.listAllPosts(deps.db, villageCode, POSTS_PER_PAGE + 1, (Math.max(1, page) - 1) * POSTS_PER_PAGE)

  return { posts: rows.slice(0, POSTS_PER_PAGE), hasNext: rows.length > POSTS_PER_PAGE }
}

export async function getPostForStaff(deps: Deps, actor: Actor | null, villageCode: string, id: string): Promise<PortalPostRow> {
  authorizeVillage(actor, villageCode, 'portal.edit')
  const row = await repo.findPost(deps.db, villageCode, id)
  if (!row) throw notFound()

  return row
}

const POST_IMAGE_SIDE = 1200

/**
 * Saves a new post as a draft, or publishes it at once when `publish` is set. The picture is
 * checked and resized before the transaction, so a bad picture changes nothing.
 */
export async function createPost(deps: Deps, actor: Actor | null, meta: RequestMeta, villageCode: string, input: unknown, image: Uint8Array | null, publish: boolean): Promise<string> {
  const staff = authorizeVillage(actor, villageCode, 'portal.edit')
  const p = parseInput(ZPost, input)
  const stored = image ? await storePhoto(deps.config.dataDir, 'posts', image, { field: 'image', maxSide: POST_IMAGE_SIDE }) : null
  const id = newId()
  const now = nowIso()
  await change(deps, villageCode, async (trx) => {
    await repo.insertPost(trx, {
      id, village_code: villageCode, kind: p.kind, title: p.title, body: p.body,
      image_file: stored?.file ?? null, image_width: stored?.width ?? null, image_height: stored?.height ?? null,
      status: publish ? 'published' : 'draft', published_at: publish ? now : null, author_name: staff.name, created_at: now, updated_at: now,
    })
    await recordAudit(trx, staff, meta, { villageCode, action: publish ? 'portal.post_publish' : 'portal.post_create', entityType: 'portal_post', entityId: id, summary: `${publish ? 'Menerbitkan' : 'Menyimpan draf'} ${p.kind} "${p.title}"` })
  })

  return id
}

export async function updatePost(deps: Deps, actor: Actor | null, meta: RequestMeta, villageCode: string, id: string, input: unknown, image: Uint8Array | null, opts: { removeImage?: boolean } = {}): Promise<void> {
  const staff = authorizeVillage(actor, villageCode, 'portal.edit')
  const before = await repo.findPost(deps.db, villageCode, id)
  if (!before) throw notFound()
  const p = parseInput(ZPost, input)
  const stored = image ? await storePhoto(deps.config.dataDir, 'posts', image, { field: 'image', maxSide: POST_IMAGE_SIDE }) : null
  const imagePatch = stored
    ? { image_file: stored.file, image_width: stored.width, image_height: stored.height }
    : opts.removeImage ? { image_file: null, image_width: null, image_height: null } : {}
  await change(deps, villageCode, async (trx) => {
    await repo.updatePost(trx, villageCode, id, { kind: p.kind, title: p.title, body: p.body, ...imagePatch, updated_at: nowIso() })
    await recordAudit(trx, staff, meta, { villageCode, action: 'portal.post_edit', entityType: 'portal_post', entityId: id, summary: `Mengubah ${p.kind} "${p.title}"` })
  })
  if (stored || opts.removeImage) await deletePhoto(deps.config.dataDir, 'posts', before.image_file)
}

/** Publishes a draft (or takes a published post back to draft). */
export async function setPostPublished(deps: Deps, actor: Actor | null, meta: RequestMeta, villageCode: string, id: string, publish: boolean): Promise<void> {
  const staff = authorizeVillage(actor, villageCode, 'portal.edit')
  const row = await repo.findPost(deps.db, villageCode, id)
  if (!row) throw notFound()
  const now = nowIso()
  await change(deps, villageCode, async (trx) => {
    await repo.updatePost(trx, villageCode, id, publish
      ? { status: 'published', published_at: row.published_at ?? now, updated_at: now }
      : { status: 'draft', updated_at: now })
    await recordAudit(trx, staff, meta, { villageCode, action: publish ? 'portal.post_publish' : 'portal.post_unpublish', entityType: 'portal_post', entityId: id, summary: `${publish ? 'Menerbitkan' : 'Menarik kembali'} ${row.kind} "${row.title}"` })
  })
}

export async function removePost(deps: Deps, actor: Actor | null, meta: RequestMeta, villageCode: string, id: string): Promise<void> {
  const staff = authorizeVillage(actor, villageCode, 'portal.edit')
  const row = await repo.findPost(deps.db, villageCode, id)
  if (!row) throw notFound()
  await change(deps, villageCode, async (trx) => {
    await repo.deletePost(trx, villageCode, id)
    await recordAudit(trx, staff, meta, { villageCode, action: 'portal.post_remove', entityType: 'portal_post', entityId: id, summary: `Menghapus ${row.kind} "${row.title}"` })
  })
  await deletePhoto(deps.config.dataDir, 'posts', row.image_file)
}

/** Coming events (from today in WITA), soonest first. */
export async function upcomingAgenda(deps: Deps, villageCode: string, limit = 20): Promise<PortalAgendaRow[]> {
  return repo.listAgenda(deps.db, villageCode, { from: todayWita(), limit })
}

export async function listAgendaForStaff(deps: Deps, actor: Actor | null, villageCode: string): Promise<PortalAgendaRow[]> {
  authorizeVillage(actor, villageCode, 'portal.edit')

  return repo.listAgenda(deps.db, villageCode, { limit: 200 })
}

export async function addAgenda(deps: Deps, actor: Actor | null, meta: RequestMeta, villageCode: string, input: unknown): Promise<string> {
  const staff = authorizeVillage(actor, villageCode, 'portal.edit')
  const a = parseInput(ZAgenda, input)
  const id = newId()
  const now = nowIso()
  await change(deps, villageCode, async (trx) => {
    await repo.insertAgenda(trx, { id, village_code: villageCode, title: a.title, event_date: a.eventDate, event_time: a.eventTime, place: a.place, description: a.description, created_at: now, updated_at: now })
    await recordAudit(trx, staff, meta, { villageCode, action: 'portal.agenda_add', entityType: 'portal_agenda', entityId: id, summary: `Menambah agenda "${a.title}" (${a.eventDate})` })
  })

  return id
}

export async function removeAgenda(deps: Deps, actor: Actor | null, meta: RequestMeta, villageCode: string, id: string): Promise<void> {
  const staff = authorizeVillage(actor, villageCode, 'portal.edit')
  const row = await repo.findAgenda(deps.db, villageCode, id)
  if (!row) throw notFound()
  await change(deps, villageCode, async (trx) => {
    await repo.deleteAgenda(trx, villageCode, id)
    await recordAudit(trx, staff, meta, { villageCode, action: 'portal.agenda_remove', entityType: 'portal_agenda', entityId: id, summary: `Menghapus agenda "${row.title}"` })
  })
}
