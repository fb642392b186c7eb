import type { Insertable } from 'kysely'
import type { Executor } from '../db/database.ts'
import { newId } from '../lib/ids.ts'
import { nowIso, todayWita } from '../lib/time.ts'
import { SHDK_HEAD } from './codes.ts'
import { COLUMNS, LOCKED_ON_UPDATE, parseRow, REQUIRED_FOR_NEW, type Cell, type ParsedRow } from './columns.ts'
import { temporaryNik } from './nik.ts'
import { statusToCode } from './resident.ts'
import {
  ensureAreas, findFamiliesByKks, findResidentsByNiks, insertEvents, insertFamilies, insertResidents, updateFamilyRow, updateResidentRow,
} from './resident.repository.ts'
import type { FamilyRow, FamilyTable, NewResidentRow, ResidentEventTable, ResidentRow, ResidentUpdate } from './residents.table.ts'

/**
 * Turning rows (of a file, or of the "add resident" form) into register changes. Planning reads
 * and decides without writing; applying writes a plan inside the caller's transaction. Both the
 * importer and the form use this, so they refuse exactly the same things.
 */

export interface RowError { row: number; column: string; message: string }
export interface InputRow { row: number; cells: Record<string, Cell> }

export interface Plan {
  rows: number
  creates: { row: number; resident: NewResidentRow }[]
  updates: { row: number; id: string; nik: string; patch: ResidentUpdate }[]
  families: Insertable<FamilyTable>[]
  /** family id → head resident id, for families that get their head now */
  heads: Map<string, string>
  errors: RowError[]
  failedRows: number
  duplicates: number
}

const LABEL = new Map(COLUMNS.map((c) => [c.header, c.label]))

export async function planRows(db: Executor, villageCode: string, inputs: InputRow[], opts: { allowUpdate: boolean; today?: string }): Promise<Plan> {
  const today = opts.today ?? todayWita()
  const errors: RowError[] = []
  const failed = new Set<number>()
  let duplicates = 0
  const fail = (row: number, column: string, message: string) => {
    errors.push({ row, column, message })
    failed.add(row)
  }

  const parsed: { row: number; p: ParsedRow }[] = []
  const seen = new Map<string, number>()
  for (const input of inputs) {
    const p = parseRow(input.cells, today)
    for (const e of p.errors) fail(input.row, e.column, e.message)
    if (!p.nik && !p.wantsTemporaryNik && !p.errors.some((e) => e.column === 'nik')) fail(input.row, 'nik', 'NIK wajib diisi (isi 0 bila belum memiliki NIK).')
    if (p.nik) {
      const first = seen.get(p.nik)
      if (first !== undefined) {
        duplicates += 1
        errors.push({ row: input.row, column: 'nik', message: `NIK ${p.nik} ganda dalam berkas (sama dengan baris ${first}).` })
        failed.add(input.row)
        continue
      }
      seen.set(p.nik, input.row)
    }
    parsed.push({ row: input.row, p })
  }

  const existing = new Map((await findResidentsByNiks(db, [...seen.keys()])).map((r) => [r.nik, r]))

  const creates: { row: number; p: ParsedRow }[] = []
  const updates: Plan['updates'] = []
  const now = nowIso()
  for (const { row, p } of parsed) {
    if (failed.has(row)) continue
    const ex = p.nik ? existing.get(p.nik) : undefined
    if (ex && ex.village_code !== villageCode) {
      // Which village holds the person is that village's data: say only that it is another one.
      fail(row, 'nik', `NIK ${p.nik} sudah terdaftar di desa lain dalam kabupaten ini. Bila penduduk ini pindah ke desa ini, desa asal mencatat Pindah Keluar, lalu catat di sini melalui peristiwa Pindah Masuk.`)
      continue
    }
    if (ex) {
      if (!opts.allowUpdate) {
        fail(row, 'nik', `NIK ${p.nik} sudah terdaftar di desa ini (${ex.name}).`)
        continue
      }
      const locked = lockedChanges(p, ex)
      for (const h of locked) fail(row, h, `Kolom ${h} tidak dapat diubah melalui impor untuk NIK yang sudah terdaftar; gunakan peristiwa atau ubah data penduduk.`)
      if (locked.length) continue
      const patch: ResidentUpdate = { ...(p.resident as ResidentUpdate), updated_at: now }
      updates.push({ row, id: ex.id, nik: ex.nik, patch })
      continue
    }
    const missing = REQUIRED_FOR_NEW.filter((h) => !p.present.has(h) && !(h === 'no_kk' && p.kkNumber))
    for (const h of missing) fail(row, h, `Kolom ${h} (${LABEL.get(h)}) wajib diisi untuk penduduk baru.`)
    if (missing.length) continue
    creates.push({ row, p })
  }

  // Families: every new person joins the family of their KK number; a new KK needs its head.
  const kks = [...new Set(creates.map((c) => c.p.kkNumber!))]
  const families = new Map((await findFamiliesByKks(db, kks)).map((f) => [f.kk_number, f]))
  const byKk = new Map<string, { row: number; p: ParsedRow }[]>()
  for (const c of creates) byKk.set(c.p.kkNumber!, [...(byKk.get(c.p.kkNumber!) ?? []), c])
  const newFamilies: Insertable<FamilyTable>[] = []
  const heads = new Map<string, string>()
  const ok: { row: number; p: ParsedRow; family: { id: string; address: string; dusun: string; rw: string; rt: string } }[] = []
  for (const [kk, members] of byKk) {
    const fam: FamilyRow | undefined = families.get(kk)
    if (fam && fam.village_code !== villageCode) {
      for (const m of members) fail(m.row, 'no_kk', `Nomor KK ${kk} sudah terdaftar di desa lain dalam kabupaten ini.`)
      continue
    }
    const headRows = members.filter((m) => m.p.resident.shdk_code === SHDK_HEAD)
    if (fam?.head_resident_id && headRows.length) {
      for (const m of headRows) fail(m.row, 'kk_level', `Keluarga dengan Nomor KK ${kk} sudah memiliki kepala keluarga.`)
    } else if (headRows.length > 1) {
      for (const m of headRows.slice(1)) fail(m.row, 'kk_level', `Kepala keluarga kedua untuk Nomor KK ${kk} (kepala keluarga sudah ada di baris ${headRows[0].row}).`)
    }
    if (!fam && headRows.length === 0) {
      for (const m of members) fail(m.row, 'kk_level', `Keluarga dengan Nomor KK ${kk} tidak memiliki kepala keluarga (kk_level 1).`)
      continue
    }
    const head = headRows[0]
    let family: { id: string; address: string; dusun: string; rw: string; rt: string }
    if (fam) family = fam
    else {
      const f = head.p.family
      family = { id: newId(), address: f.address ?? '', dusun: f.dusun ?? '', rw: f.rw ?? '', rt: f.rt ?? '' }
      newFamilies.push({ ...family, village_code: villageCode, kk_number: kk, head_resident_id: null, created_at: now, updated_at: now })
    }
    for (const m of members) if (!failed.has(m.row)) ok.push({ ...m, family })
  }

  let tempSerial = ok.some((o) => o.p.wantsTemporaryNik) ? await lastTemporarySerial(db, villageCode) : 0
  const planCreates: Plan['creates'] = []
  for (const { row, p, family } of ok) {
    const id = newId()
    const nik = p.nik ?? temporaryNik(villageCode, ++tempSerial)
    const r = p.resident
    // Every column spelled out: one object shape for all rows (fast to build and to bind),
    // and absent optional cells become NULL rather than missing keys.
    const resident: NewResidentRow = {
      id, village_code: villageCode, nik, nik_temporary: p.nik ? (r.nik_temporary ?? 0) : 1,
      family_id: family.id, kk_number: p.kkNumber, shdk_code: r.shdk_code!, name: r.name!, name_folded: r.name_folded!,
      sex: r.sex!, birth_place: r.birth_place ?? '', birth_date: r.birth_date!, religion_code: r.religion_code!,
      education_code: r.education_code ?? 1, education_current_code: r.education_current_code ?? null,
      occupation_code: r.occupation_code ?? 1, marital_code: r.marital_code ?? 1, citizenship_code: r.citizenship_code ?? 1,
      father_nik: r.father_nik ?? null, father_name: r.father_name ?? '', mother_nik: r.mother_nik ?? null, mother_name: r.mother_name ?? '',
      blood_type_code: r.blood_type_code ?? null, birth_certificate: r.birth_certificate ?? null,
      passport_number: r.passport_number ?? null, passport_expiry: r.passport_expiry ?? null, kitas_number: r.kitas_number ?? null,
      marriage_certificate: r.marriage_certificate ?? null, marriage_date: r.marriage_date ?? null,
      divorce_certificate: r.divorce_certificate ?? null, divorce_date: r.divorce_date ?? null,
      disability_code: r.disability_code ?? null, kb_code: r.kb_code ?? null, pregnant: r.pregnant ?? null,
      ektp_code: r.ektp_code ?? null, ektp_record_code: r.ektp_record_code ?? null, current_address: r.current_address ?? null,
      ethnicity: r.ethnicity ?? null, ektp_tag: r.ektp_tag ?? null, insurance_code: r.insurance_code ?? null,
      insurance_number: r.insurance_number ?? null, lat: r.lat ?? null, lng: r.lng ?? null, email: null, phone: null,
      address: p.family.address ?? family.address, dusun: p.family.dusun ?? family.dusun, rw: p.family.rw ?? family.rw, rt: p.family.rt ?? family.rt,
      status: p.status ?? 'aktif', created_at: now, updated_at: now,
    }
    if (r.shdk_code === SHDK_HEAD) heads.set(family.id, id)
    planCreates.push({ row, resident })
  }

  return {
    rows: inputs.length,
    creates: planCreates,
    updates,
    families: newFamilies,
    heads,
    errors: errors.sort((a, b) => a.row - b.row),
    failedRows: [...failed].length - duplicates,
    duplicates,
  }
}

function lockedChanges(p: ParsedRow, ex: ResidentRow): string[] {
  const out: string[] = []
  const differs = (h: string, now: string | number | null | undefined, was: string | number | null) => {
    if (p.present.has(h) && now !== undefined && now !== null && String(now) !== String(was ?? '')) out.push(h)
  }
  differs('status_dasar', p.status ? statusToCode(p.status) : undefined, statusToCode(ex.status))
  differs('kk_level', p.resident.shdk_code, ex.shdk_code)
  differs('no_kk', p.kkNumber, ex.kk_number)
  differs('alamat', p.family.address, ex.address)
  differs('dusun', p.family.dusun, ex.dusun)
  differs('rw', p.family.rw, ex.rw)
  differs('rt', p.family.rt, ex.rt)

  return out.filter((h) => LOCKED_ON_UPDATE.includes(h))
}

async function lastTemporarySerial(db: Executor, villageCode: string): Promise<number> {
  const prefix = '0' + villageCode.replace(/\D/g, '')
  const r = await db
    .selectFrom('residents')
    .select('nik')
    .where('village_code', '=', villageCode)
    .where('nik', 'like', `${prefix}%`)
    .orderBy('nik', 'desc')
    .limit(1)
    .executeTakeFirst()

  return r ? Number(r.nik.slice(11)) : 0
}

/** Writes a plan in the caller's transaction; `eventKind` names the Buku Mutasi entry of new people. */
export async function applyPlan(
  trx: Executor,
  villageCode: string,
  plan: Plan,
  opts: {
    actorName: string; eventSummary: string; eventKind?: 'data_awal' | 'pindah_masuk' | 'lahir'; eventDetails?: Record<string, unknown>; eventDate?: string
    /** bulk loads (imports, generated data) log one Buku Mutasi line for the whole load */
    bulk?: boolean
    onProgress?: (done: number, total: number) => void
  },
): Promise<void> {
  const now = nowIso()
  const total = plan.creates.length + plan.updates.length
  const areas = [...plan.families, ...plan.creates.map((c) => c.resident)].map((a) => ({ dusun: a.dusun ?? '', rw: a.rw ?? '', rt: a.rt ?? '' }))
  await ensureAreas(trx, villageCode, areas, newId, now)
  await insertFamilies(trx, plan.families.map((f) => ({ ...f, head_resident_id: plan.heads.get(f.id!) ?? null })))
  const step = 2000
  for (let i = 0; i < plan.creates.length; i += step) {
    await insertResidents(trx, plan.creates.slice(i, i + step).map((c) => c.resident))
    opts.onProgress?.(Math.min(i + step, plan.creates.length), total)
  }
  const newFamilyIds = new Set(plan.families.map((f) => f.id))
  const existingHeads = [...plan.heads].filter(([famId]) => !newFamilyIds.has(famId))
  for (const [famId, headId] of existingHeads) await updateFamilyRow(trx, villageCode, famId, { head_resident_id: headId, updated_at: now })
  let done = plan.creates.length
  for (const u of plan.updates) {
    await updateResidentRow(trx, villageCode, u.id, u.patch)
    done += 1
    if (done % 500 === 0) opts.onProgress?.(done, total)
  }
  const date = opts.eventDate ?? todayWita()
  // An import is initial data, not a change of anyone's status: one line records the load
  // (each resident's own record still carries its created_at); one line per person would
  // double the rows an import writes.
  if (opts.bulk) {
    if (plan.creates.length) {
      await insertEvents(trx, [{
        id: newId(), village_code: villageCode, resident_id: null, family_id: null, kind: 'data_awal', event_date: date,
        summary: `${opts.eventSummary}: ${plan.creates.length} penduduk, ${plan.families.length} KK baru`,
        details: JSON.stringify({ residents: plan.creates.length, families: plan.families.length, updated: plan.updates.length }), actor_name: opts.actorName, created_at: now,
      }])
    }
    opts.onProgress?.(total, total)
    return
  }
  const events: Insertable<ResidentEventTable>[] = plan.creates.map((c) => ({
    id: newId(),
    village_code: villageCode,
    resident_id: c.resident.id,
    family_id: c.resident.family_id ?? null,
    kind: opts.eventKind ?? 'data_awal',
    event_date: date,
    summary: opts.eventSummary,
    details: JSON.stringify(opts.eventDetails ?? {}),
    actor_name: opts.actorName,
    created_at: now,
  }))
  await insertEvents(trx, events)
  opts.onProgress?.(total, total)
}
