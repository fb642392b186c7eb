import type { Deps } from '../deps.ts'
import type { Actor, RequestMeta, StaffActor } from '../auth/actor.ts'
import { authorizeVillage } from '../auth/policy.ts'
import { recordAudit } from '../audit/audit.service.ts'
import type { AuditActor } from '../audit/audit.ts'
import { AppError, invalidInput, notFound } from '../lib/errors.ts'
import { maskNik } from '../lib/mask.ts'
import { newId } from '../lib/ids.ts'
import { nowIso, todayWita } from '../lib/time.ts'
import { parseRow, type Cell } from './columns.ts'
import { SHDK_HEAD } from './codes.ts'
import { foldName, toProfile, type ResidentProfile } from './resident.ts'
import { applyPlan, planRows } from './register.ts'
import {
  countInScope, findFamily, findResident, findResidentByNikAny, findResidentByNikIn, insertEvents, listFamilyRows, queryResidents,
  updateFamilyRow, updateResidentRow, type ResidentQuery,
} from './resident.repository.ts'
import type { FamilyRow, ResidentEventKind, ResidentRow, ResidentUpdate } from './residents.table.ts'

export type { ResidentProfile } from './resident.ts'

// ---- Cross-module reads (contract): no actor, the caller has authorized. ----

export async function getResidentProfile(deps: Deps, villageCode: string, residentId: string): Promise<ResidentProfile | undefined> {
  const r = await findResident(deps.db, villageCode, residentId)

  return r ? toProfile(r) : undefined
}

export async function findResidentByNik(deps: Deps, villageCode: string, nik: string): Promise<ResidentProfile | undefined> {
  const r = await findResidentByNikIn(deps.db, villageCode, nik.replace(/\D/g, ''))

  return r ? toProfile(r) : undefined
}

/** NIK is unique across the installation, so this finds the one village that holds it. */
export async function findResidentByNikAnywhere(deps: Deps, nik: string): Promise<ResidentProfile | undefined> {
  const r = await findResidentByNikAny(deps.db, nik.replace(/\D/g, ''))

  return r ? toProfile(r) : undefined
}

/** Everyone on the same KK as the resident, the resident included (head first). */
export async function listFamilyMembers(deps: Deps, villageCode: string, residentId: string): Promise<ResidentProfile[]> {
  const r = await findResident(deps.db, villageCode, residentId)
  if (!r) return []
  if (!r.family_id) return [toProfile(r)]

  return (await listFamilyRows(deps.db, villageCode, r.family_id)).map(toProfile)
}

/** Active residents of a village, district or regency. */
export async function countResidents(deps: Deps, scopeCode: string): Promise<number> {
  return countInScope(deps.db, scopeCode)
}

// ---- Staff use cases ----

type Author = StaffActor | { kind: 'system'; name: string }
const authorName = (a: Author) => (a.kind === 'staff' ? a.username : a.name)

function authorize(actor: Actor | null | { kind: 'system'; name: string }, villageCode: string, permission: 'resident.read' | 'resident.write' | 'resident.reveal_nik' | 'resident.import'): Author {
  if (actor && actor.kind === 'system') return actor

  return authorizeVillage(actor as Actor | null, villageCode, permission)
}

/**
 * Registers one resident typed in by staff: the same checks as an import row (plus: the NIK
 * may not exist yet anywhere), one transaction with the Buku Mutasi entry and the audit event.
 * @throws INVALID_INPUT with a message per column name
 */
export async function createResident(
  deps: Deps,
  actor: Actor | null | { kind: 'system'; name: string },
  meta: RequestMeta,
  villageCode: string,
  cells: Record<string, Cell>,
  how: { eventKind?: 'data_awal' | 'pindah_masuk' | 'lahir'; eventSummary?: string; eventDate?: string; eventDetails?: Record<string, unknown> } = {},
): Promise<ResidentProfile> {
  const who = authorize(actor, villageCode, 'resident.write')
  const result = await deps.db.transaction().execute(async (trx) => {
    const plan = await planRows(trx, villageCode, [{ row: 1, cells }], { allowUpdate: false })
    if (plan.errors.length || plan.creates.length !== 1) {
      const fields: Record<string, string> = {}
      for (const e of plan.errors) fields[e.column] ??= e.message
      throw invalidInput('Data penduduk belum benar. Periksa kembali isian yang ditandai.', fields)
    }
    await applyPlan(trx, villageCode, plan, {
      actorName: authorName(who), eventSummary: how.eventSummary ?? 'Pencatatan penduduk oleh petugas', eventKind: how.eventKind, eventDate: how.eventDate, eventDetails: how.eventDetails,
    })
    const created = plan.creates[0].resident
    await recordAudit(trx, who as AuditActor, meta, {
      villageCode, action: how.eventKind === 'lahir' ? 'resident.birth' : how.eventKind === 'pindah_masuk' ? 'resident.move_in' : 'resident.create', entityType: 'resident', entityId: created.id,
      summary: `${how.eventSummary ?? 'Mencatat penduduk'}: ${created.name} (${maskNik(created.nik)})`,
    })

    return created.id
  })

  return (await getResidentProfile(deps, villageCode, result))!
}

/** Edit fields a form may change without an event (identity, documents, contact). */
const EDIT_LOCKED = new Set(['nik', 'no_kk', 'kk_level', 'status_dasar'])

/**
 * Changes a resident's data with a reason (logged as "ubah data" in the Buku Mutasi).
 * The KK, relationship and status change through events, never here.
 * @throws INVALID_INPUT per column; NOT_FOUND for another village's resident
 */
export async function updateResident(deps: Deps, actor: Actor | null, meta: RequestMeta, villageCode: string, residentId: string, cells: Record<string, Cell>, reason: string): Promise<ResidentProfile> {
  const staff = authorizeVillage(actor, villageCode, 'resident.write')
  const before = await findResident(deps.db, villageCode, residentId)
  if (!before) throw notFound()
  const input = Object.fromEntries(Object.entries(cells).filter(([k]) => !EDIT_LOCKED.has(k)))
  const p = parseRow(input)
  const fields: Record<string, string> = {}
  for (const e of p.errors) fields[e.column] ??= e.message
  for (const h of ['nama', 'sex', 'tanggallahir', 'agama_id']) if (!p.present.has(h)) fields[h] ??= 'Wajib diisi.'
  if (!reason.trim()) fields.reason = 'Alasan perubahan wajib diisi.'
  if (Object.keys(fields).length) throw invalidInput('Data penduduk belum benar. Periksa kembali isian yang ditandai.', fields)
  const patch: ResidentUpdate = { ...(p.resident as ResidentUpdate), updated_at: nowIso() }
  if (p.family.address !== undefined) patch.address = p.family.address
  if (p.family.dusun) patch.dusun = p.family.dusun
  if (p.family.rw) patch.rw = p.family.rw
  if (p.family.rt) patch.rt = p.family.rt
  const changed = Object.keys(patch).filter((k) => k !== 'updated_at' && k !== 'name_folded' && String((before as Record<string, unknown>)[k] ?? '') !== String((patch as Record<string, unknown>)[k] ?? ''))
  await deps.db.transaction().execute(async (trx) => {
    await updateResidentRow(trx, villageCode, residentId, patch)
    // The head's area and address are the family's.
    if (before.shdk_code === SHDK_HEAD && before.family_id && (patch.address !== undefined || patch.dusun || patch.rw || patch.rt)) {
      await updateFamilyRow(trx, villageCode, before.family_id, { address: patch.address ?? before.address, dusun: patch.dusun ?? before.dusun, rw: patch.rw ?? before.rw, rt: patch.rt ?? before.rt, updated_at: nowIso() })
    }
    await logEvent(trx, villageCode, { residentId, familyId: before.family_id, kind: 'ubah_data', date: todayWita(), summary: `Perubahan data: ${reason.trim()}`, details: { fields: changed, reason: reason.trim() }, actorName: staff.username })
    await recordAudit(trx, staff, meta, {
      villageCode, action: 'resident.update', entityType: 'resident', entityId: residentId,
      summary: `Mengubah data penduduk ${before.name} (${maskNik(before.nik)})`, data: { fields: changed, reason: reason.trim() },
    })
  })

  return (await getResidentProfile(deps, villageCode, residentId))!
}

export async function logEvent(
  trx: Deps['db'] | Parameters<typeof insertEvents>[0],
  villageCode: string,
  e: { residentId: string | null; familyId: string | null; kind: ResidentEventKind; date: string; summary: string; details?: Record<string, unknown>; actorName: string },
): Promise<void> {
  await insertEvents(trx, [{
    id: newId(), village_code: villageCode, resident_id: e.residentId, family_id: e.familyId, kind: e.kind, event_date: e.date,
    summary: e.summary, details: JSON.stringify(e.details ?? {}), actor_name: e.actorName, created_at: nowIso(),
  }])
}

/** A resident for the staff detail page (404 outside the village). */
export async function getResidentForStaff(deps: Deps, actor: Actor | null, villageCode: string, id: string): Promise<{ row: ResidentRow; family: FamilyRow | undefined; members: ResidentRow[] }> {
  authorizeVillage(actor, villageCode, 'resident.read')
  const row = await findResident(deps.db, villageCode, id)
  if (!row) throw notFound()
  const family = row.family_id ? await findFamily(deps.db, villageCode, row.family_id) : undefined
  const members = family ? await listFamilyRows(deps.db, villageCode, family.id) : [row]

  return { row, family, members }
}

export async function getFamilyForStaff(deps: Deps, actor: Actor | null, villageCode: string, familyId: string): Promise<{ family: FamilyRow; members: ResidentRow[] }> {
  authorizeVillage(actor, villageCode, 'resident.read')
  const family = await findFamily(deps.db, villageCode, familyId)
  if (!family) throw notFound()

  return { family, members: await listFamilyRows(deps.db, villageCode, family.id) }
}

/** Showing a full NIK is deliberate and leaves a trace in the audit trail. */
export async function revealNik(deps: Deps, actor: Actor | null, meta: RequestMeta, villageCode: string, id: string): Promise<string> {
  const staff = authorizeVillage(actor, villageCode, 'resident.reveal_nik')
  const row = await findResident(deps.db, villageCode, id)
  if (!row) throw notFound()
  await deps.db.transaction().execute(async (trx) => {
    await recordAudit(trx, staff, meta, {
      villageCode, action: 'resident.reveal_nik', entityType: 'resident', entityId: id,
      summary: `Menampilkan NIK lengkap ${row.name} (${maskNik(row.nik)})`,
    })
  })

  return row.nik
}

export interface ListFilters {
  q?: string; status?: string; sex?: string; religion?: string; education?: string; occupation?: string; marital?: string
  dusun?: string; rw?: string; rt?: string; ageMin?: string; ageMax?: string; page?: string
}

export const PAGE_SIZE = 25

/** Converts the list's query string into a query; bad numbers are ignored rather than refused. */
export function toQuery(villageCode: string, f: ListFilters, today = todayWita()): ResidentQuery {
  const int = (s?: string) => (s && /^\d+$/.test(s) ? Number(s) : undefined)
  const status = ['aktif', 'meninggal', 'pindah', 'hilang'].includes(f.status ?? 'aktif') ? (f.status ?? 'aktif') : 'aktif'
  const q: ResidentQuery = {
    villageCode,
    status: status as ResidentQuery['status'],
    sex: int(f.sex), religion: int(f.religion), education: int(f.education), occupation: int(f.occupation), marital: int(f.marital),
    dusun: f.dusun || undefined, rw: f.rw || undefined, rt: f.rt || undefined,
    page: Math.max(1, Math.min(int(f.page) ?? 1, 100_000)),
    pageSize: PAGE_SIZE,
  }
  if (f.status === 'semua') q.status = ''
  const raw = (f.q ?? '').trim()
  if (raw) q.q = /^[\d\s.\-]+$/.test(raw) ? raw.replace(/\D/g, '') : foldName(raw)
  const [y, m, d] = today.split('-').map(Number)
  const shift = (years: number) => `${String(y - years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
  const min = int(f.ageMin)
  const max = int(f.ageMax)
  if (min !== undefined) q.bornTo = shift(min)
  if (max !== undefined) {
    // Born after today's date (max + 1) years ago: the day after.
    const from = new Date(`${shift(max + 1)}T00:00:00Z`)
    from.setUTCDate(from.getUTCDate() + 1)
    q.bornFrom = from.toISOString().slice(0, 10)
  }

  return q
}

export async function listResidents(deps: Deps, actor: Actor | null, villageCode: string, f: ListFilters): Promise<{ rows: ResidentRow[]; total: number; page: number; pageSize: number }> {
  authorizeVillage(actor, villageCode, 'resident.read')
  const q = toQuery(villageCode, f)
  const r = await queryResidents(deps.db, q)

  return { ...r, page: q.page, pageSize: q.pageSize }
}

export function assertSameVillage(row: { village_code: string } | undefined, villageCode: string): asserts row {
  if (!row || row.village_code !== villageCode) throw new AppError('NOT_FOUND')
}
