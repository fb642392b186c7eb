import type { Deps } from '../deps.ts'
import type { Actor, RequestMeta } from '../auth/actor.ts'
import { authorizeVillage } from '../auth/policy.ts'
import { recordAudit } from '../audit/audit.service.ts'
import { invalidInput, notFound } from '../lib/errors.ts'
import { maskNik } from '../lib/mask.ts'
import { newId } from '../lib/ids.ts'
import { nowIso, todayWita } from '../lib/time.ts'
import { regionName } from '../tenancy/region.service.ts'
import { codeLabel, isCode, SHDK_HEAD } from './codes.ts'
import { normalizeDusun } from './columns.ts'
import { dateError, kkError, normalizeDate } from './nik.ts'
import { createResident, logEvent, type ResidentProfile } from './resident.service.ts'
import { toProfile } from './resident.ts'
import { ensureAreas, findFamily, findFamilyByKkAny, findResident, findResidentByNikAny, insertFamilies, listFamilyRows, updateFamilyRow, updateResidentRow } from './resident.repository.ts'
import type { ResidentEventKind, ResidentEventRow, ResidentStatus } from './residents.table.ts'

/**
 * Peristiwa: each event is dated, changes the register and writes its Buku Mutasi line and its
 * audit event in one transaction.
 */

export const EVENT_LABEL: Record<ResidentEventKind, string> = {
  data_awal: 'Pencatatan data awal',
  lahir: 'Kelahiran',
  meninggal: 'Kematian',
  pindah_keluar: 'Pindah keluar',
  pindah_masuk: 'Pindah masuk',
  hilang: 'Hilang',
  kk_baru: 'KK baru',
  pisah_kk: 'Pisah KK',
  ubah_data: 'Perubahan data',
}

function eventDate(raw: string | undefined, fields: Record<string, string>): string {
  const d = normalizeDate(raw ?? '')
  const e = dateError(d, 'Tanggal peristiwa', todayWita())
  if (e) fields.date = e

  return d
}

const fail = (fields: Record<string, string>) => {
  if (Object.keys(fields).length) throw invalidInput('Data peristiwa belum benar. Periksa kembali isian yang ditandai.', fields)
}

/** A baby born into a family of the village; a NIK may follow later (0 → temporary NIK). */
export async function recordBirth(deps: Deps, actor: Actor | null, meta: RequestMeta, villageCode: string, familyId: string, f: Record<string, string>): Promise<ResidentProfile> {
  authorizeVillage(actor, villageCode, 'resident.write')
  const family = await findFamily(deps.db, villageCode, familyId)
  if (!family) throw notFound()
  const members = await listFamilyRows(deps.db, villageCode, familyId)
  const head = members.find((m) => m.shdk_code === SHDK_HEAD)

  return createResident(deps, actor, meta, villageCode, {
    nik: f.nik?.trim() || '0', no_kk: family.kk_number, nama: f.nama, sex: f.sex, tempatlahir: f.tempatlahir, tanggallahir: f.tanggallahir,
    agama_id: f.agama_id || String(head?.religion_code ?? ''), kk_level: f.kk_level || '4', nama_ayah: f.nama_ayah, nama_ibu: f.nama_ibu,
    pendidikan_kk_id: '1', pekerjaan_id: '1', status_kawin: '1', alamat: family.address, dusun: family.dusun || '-', rw: family.rw || '-', rt: family.rt || '-',
  }, { eventKind: 'lahir', eventSummary: 'Kelahiran', eventDate: normalizeDate(f.tanggallahir ?? '') })
}

const STATUS_OF: Record<'meninggal' | 'pindah_keluar' | 'hilang', ResidentStatus> = { meninggal: 'meninggal', pindah_keluar: 'pindah', hilang: 'hilang' }

/**
 * Death, moving out, going missing: the resident leaves the active register. A family head
 * who leaves leaves the family without a head until a new one is set (a KK change at Dukcapil).
 */
export async function recordDeparture(
  deps: Deps, actor: Actor | null, meta: RequestMeta, villageCode: string, residentId: string,
  kind: 'meninggal' | 'pindah_keluar' | 'hilang', f: Record<string, string>,
): Promise<void> {
  const staff = authorizeVillage(actor, villageCode, 'resident.write')
  const r = await findResident(deps.db, villageCode, residentId)
  if (!r) throw notFound()
  const fields: Record<string, string> = {}
  const date = eventDate(f.date, fields)
  if (r.status !== 'aktif') fields._ = `${r.name} sudah tidak berstatus aktif (${r.status}).`
  if (date && r.birth_date > date) fields.date = 'Tanggal peristiwa tidak boleh sebelum tanggal lahir.'
  const details: Record<string, unknown> = {}
  if (kind === 'pindah_keluar') {
    if (!f.destination?.trim()) fields.destination = 'Alamat tujuan pindah wajib diisi.'
    const moveType = Number(f.moveType || 1)
    if (!isCode('jenis_pindah_keluar', moveType)) fields.moveType = 'Jenis kepindahan tidak dikenal.'
    details.destination = f.destination?.trim()
    details.reason = f.reason?.trim() ?? ''
    details.moveType = moveType
  }
  if (kind === 'meninggal') {
    details.cause = f.cause?.trim() ?? ''
    details.place = f.place?.trim() ?? ''
  }
  if (f.note?.trim()) details.note = f.note.trim()
  if (Object.keys(fields).length) throw invalidInput(fields._ ?? 'Data peristiwa belum benar. Periksa kembali isian yang ditandai.', fields)
  const summary = kind === 'pindah_keluar'
    ? `Pindah keluar ke ${details.destination}${details.reason ? ` (${details.reason})` : ''}`
    : kind === 'meninggal' ? `Meninggal dunia${details.cause ? ` (${details.cause})` : ''}` : 'Dinyatakan hilang'
  await deps.db.transaction().execute(async (trx) => {
    await updateResidentRow(trx, villageCode, residentId, { status: STATUS_OF[kind], updated_at: nowIso() })
    if (r.shdk_code === SHDK_HEAD && r.family_id) await updateFamilyRow(trx, villageCode, r.family_id, { head_resident_id: null, updated_at: nowIso() })
    await logEvent(trx, villageCode, { residentId, familyId: r.family_id, kind, date, summary, details, actorName: staff.username })
    await recordAudit(trx, staff, meta, { villageCode, action: `resident.${kind}`, entityType: 'resident', entityId: residentId, summary: `${EVENT_LABEL[kind]}: ${r.name} (${maskNik(r.nik)})`, data: { date } })
  })
}

/** Where a new family lives and who it is, as typed on the KK form. */
function familyFields(f: Record<string, string>, fields: Record<string, string>) {
  const kk = (f.no_kk ?? '').replace(/\D/g, '')
  const e = kkError(kk)
  if (e) fields.no_kk = e
  const dusun = normalizeDusun(f.dusun ?? '')
  if (!dusun) fields.dusun = 'Dusun wajib diisi.'
  const part = (s: string) => (/^\d+$/.test(s.trim()) ? s.trim().padStart(3, '0') : s.trim().toUpperCase())
  const rw = part(f.rw ?? '')
  const rt = part(f.rt ?? '')
  if (!rw) fields.rw = 'RW wajib diisi.'
  if (!rt) fields.rt = 'RT wajib diisi.'

  return { kk, dusun, rw, rt, address: (f.alamat ?? '').trim() }
}

/**
 * Moving in from another village of this installation: the same record (and its history)
 * moves; the old village's Buku Mutasi shows a move out, this one a move in.
 */
export async function recordMoveInFromVillage(deps: Deps, actor: Actor | null, meta: RequestMeta, villageCode: string, f: Record<string, string>): Promise<ResidentProfile> {
  const staff = authorizeVillage(actor, villageCode, 'resident.write')
  const fields: Record<string, string> = {}
  const date = eventDate(f.date, fields)
  const nik = (f.nik ?? '').replace(/\D/g, '')
  const r = nik ? await findResidentByNikAny(deps.db, nik) : undefined
  if (!r) fields.nik = 'NIK tidak ditemukan di desa lain instalasi ini; gunakan pindah masuk dari luar.'
  else if (r.village_code === villageCode) fields.nik = `${r.name} sudah terdaftar di desa ini.`
  // The other village keeps control of its register: only a person it has already recorded as
  // moved out (Pindah Keluar) may be taken over. Active, dead or missing people are refused
  // with one message, so nothing else about them is revealed.
  else if (r.status !== 'pindah') fields.nik = 'Desa asal belum mencatat kepindahan penduduk ini. Minta desa asal mencatat Pindah Keluar lebih dahulu.'
  const joinKk = (f.join_kk ?? '').replace(/\D/g, '')
  let target: { id: string; kk: string; isNew: boolean; area: { dusun: string; rw: string; rt: string; address: string } } | undefined
  const shdk = Number(f.kk_level || (joinKk ? 4 : 1))
  if (!isCode('hubungan_dalam_keluarga_shdk', shdk)) fields.kk_level = 'Hubungan dalam keluarga tidak dikenal.'
  if (joinKk) {
    const fam = await findFamilyByKkAny(deps.db, joinKk)
    if (!fam || fam.village_code !== villageCode) fields.join_kk = 'Nomor KK tujuan tidak ditemukan di desa ini.'
    else if (shdk === SHDK_HEAD && fam.head_resident_id) fields.kk_level = 'Keluarga tujuan sudah memiliki kepala keluarga.'
    else target = { id: fam.id, kk: fam.kk_number, isNew: false, area: fam }
  } else {
    const ff = familyFields(f, fields)
    if (!fields.no_kk && (await findFamilyByKkAny(deps.db, ff.kk))) fields.no_kk = 'Nomor KK ini sudah terdaftar; isi pada kolom "gabung ke KK".'
    if (shdk !== SHDK_HEAD) fields.kk_level = 'Penduduk yang membentuk KK baru harus menjadi kepala keluarga.'
    target = { id: newId(), kk: ff.kk, isNew: true, area: ff }
  }
  if (Object.keys(fields).length || !r || !target) {
    fail(fields)
    throw notFound()
  }
  const from = r.village_code
  const fromName = await regionName(deps.db, from)
  const now = nowIso()
  await deps.db.transaction().execute(async (trx) => {
    if (target.isNew) {
      await insertFamilies(trx, [{ id: target.id, village_code: villageCode, kk_number: target.kk, head_resident_id: r.id, address: target.area.address, dusun: target.area.dusun, rw: target.area.rw, rt: target.area.rt, created_at: now, updated_at: now }])
      await logEvent(trx, villageCode, { residentId: null, familyId: target.id, kind: 'kk_baru', date, summary: `KK baru ${target.kk} (pindah datang)`, actorName: staff.username })
    } else if (shdk === SHDK_HEAD) {
      await updateFamilyRow(trx, villageCode, target.id, { head_resident_id: r.id, updated_at: now })
    }
    await ensureAreas(trx, villageCode, [target.area], newId, now)
    await updateResidentRow(trx, from, r.id, {
      village_code: villageCode, family_id: target.id, kk_number: target.kk, shdk_code: shdk, status: 'aktif',
      dusun: target.area.dusun, rw: target.area.rw, rt: target.area.rt, address: target.area.address, updated_at: now,
    })
    await logEvent(trx, villageCode, { residentId: r.id, familyId: target.id, kind: 'pindah_masuk', date, summary: `Pindah masuk dari ${fromName} (${from})`, details: { from }, actorName: staff.username })
    await recordAudit(trx, staff, meta, { villageCode, action: 'resident.move_in', entityType: 'resident', entityId: r.id, summary: `Pindah masuk dari ${fromName}: ${r.name} (${maskNik(r.nik)})`, data: { from, date } })
  })

  return toProfile((await findResident(deps.db, villageCode, r.id))!)
}

/** Moving in from outside the installation: a new record, logged as a move in. */
export async function recordMoveInFromOutside(deps: Deps, actor: Actor | null, meta: RequestMeta, villageCode: string, cells: Record<string, string>, f: { date?: string; origin?: string }): Promise<ResidentProfile> {
  authorizeVillage(actor, villageCode, 'resident.write')
  const fields: Record<string, string> = {}
  const date = eventDate(f.date, fields)
  if (!f.origin?.trim()) fields.origin = 'Alamat asal wajib diisi.'
  fail(fields)

  return createResident(deps, actor, meta, villageCode, cells, { eventKind: 'pindah_masuk', eventSummary: `Pindah masuk dari ${f.origin!.trim()}`, eventDate: date, eventDetails: { origin: f.origin!.trim() } })
}

/**
 * Pisah KK: some members of a family form a new family with a new KK number. The new head
 * becomes Kepala Keluarga; the old family keeps its head (who may not leave unless all do).
 */
export async function splitFamily(deps: Deps, actor: Actor | null, meta: RequestMeta, villageCode: string, familyId: string, f: Record<string, string>, memberIds: string[]): Promise<string> {
  const staff = authorizeVillage(actor, villageCode, 'resident.write')
  const family = await findFamily(deps.db, villageCode, familyId)
  if (!family) throw notFound()
  const members = await listFamilyRows(deps.db, villageCode, familyId)
  const fields: Record<string, string> = {}
  const date = eventDate(f.date, fields)
  const nf = familyFields(f, fields)
  if (!fields.no_kk && (await findFamilyByKkAny(deps.db, nf.kk))) fields.no_kk = 'Nomor KK ini sudah terdaftar.'
  const moving = members.filter((m) => memberIds.includes(m.id) && m.status === 'aktif')
  if (!moving.length) fields.members = 'Pilih anggota keluarga yang pindah ke KK baru.'
  const head = moving.find((m) => m.id === f.head)
  if (moving.length && !head) fields.head = 'Pilih kepala keluarga KK baru dari anggota yang dipilih.'
  const oldHead = members.find((m) => m.shdk_code === SHDK_HEAD)
  if (oldHead && moving.some((m) => m.id === oldHead.id) && moving.length < members.filter((m) => m.status === 'aktif').length) {
    fields.members = `${oldHead.name} adalah kepala keluarga lama; tetapkan dahulu kepala keluarga pengganti atau pindahkan seluruh anggota.`
  }
  fail(fields)
  const id = newId()
  const now = nowIso()
  await deps.db.transaction().execute(async (trx) => {
    await insertFamilies(trx, [{ id, village_code: villageCode, kk_number: nf.kk, head_resident_id: head!.id, address: nf.address, dusun: nf.dusun, rw: nf.rw, rt: nf.rt, created_at: now, updated_at: now }])
    await ensureAreas(trx, villageCode, [nf], newId, now)
    for (const m of moving) {
      await updateResidentRow(trx, villageCode, m.id, {
        family_id: id, kk_number: nf.kk, shdk_code: m.id === head!.id ? SHDK_HEAD : m.shdk_code === SHDK_HEAD ? 9 : m.shdk_code,
        dusun: nf.dusun, rw: nf.rw, rt: nf.rt, address: nf.address, updated_at: now,
      })
      await logEvent(trx, villageCode, { residentId: m.id, familyId: id, kind: 'pisah_kk', date, summary: `Pisah KK dari ${family.kk_number} ke ${nf.kk}`, details: { from: family.kk_number, to: nf.kk }, actorName: staff.username })
    }
    if (oldHead && moving.some((m) => m.id === oldHead.id)) await updateFamilyRow(trx, villageCode, familyId, { head_resident_id: null, updated_at: now })
    await logEvent(trx, villageCode, { residentId: head!.id, familyId: id, kind: 'kk_baru', date, summary: `KK baru ${nf.kk} (pisah dari ${family.kk_number})`, actorName: staff.username })
    await recordAudit(trx, staff, meta, { villageCode, action: 'family.split', entityType: 'family', entityId: id, summary: `Pisah KK: ${moving.length} anggota ke KK baru dengan kepala ${head!.name}`, data: { from: familyId, members: moving.map((m) => m.id) } })
  })

  return id
}

export interface EventFilters { kind?: string; from?: string; to?: string; page?: string }

/** The Buku Mutasi of a village, newest first, filterable by kind and period. */
export async function listEvents(deps: Deps, actor: Actor | null, villageCode: string, f: EventFilters): Promise<{ rows: (ResidentEventRow & { resident_name: string | null })[]; page: number; hasNext: boolean }> {
  authorizeVillage(actor, villageCode, 'resident.read')
  const page = Math.max(1, Number(/^\d+$/.test(f.page ?? '') ? f.page : 1))
  let q = deps.db
    .selectFrom('resident_events as e')
    .leftJoin('residents as r', 'r.id', 'e.resident_id')
    .selectAll('e')
    .select('r.name as resident_name')
    .where('e.village_code', '=', villageCode)
  if (f.kind && f.kind in EVENT_LABEL) q = q.where('e.kind', '=', f.kind as ResidentEventKind)
  if (f.from && /^\d{4}-\d{2}-\d{2}$/.test(f.from)) q = q.where('e.event_date', '>=', f.from)
  if (f.to && /^\d{4}-\d{2}-\d{2}$/.test(f.to)) q = q.where('e.event_date', '<=', f.to)
  const rows = await q.orderBy('e.event_date', 'desc').orderBy('e.created_at', 'desc').limit(51).offset((page - 1) * 50).execute()

  return { rows: rows.slice(0, 50), page, hasNext: rows.length > 50 }
}

/** A resident's own history, wherever it was recorded (it moves with them). */
export async function residentHistory(deps: Deps, residentId: string): Promise<ResidentEventRow[]> {
  return deps.db.selectFrom('resident_events').selectAll().where('resident_id', '=', residentId).orderBy('event_date', 'desc').orderBy('created_at', 'desc').execute()
}

export const moveTypeLabel = (code: number) => codeLabel('jenis_pindah_keluar', code)
