import { SYSTEM_META, type StaffActor } from '../../src/auth/actor.ts'
import type { Role } from '../../src/auth/role.ts'
import { createStaffUser } from '../../src/auth/staff.service.ts'
import type { Deps } from '../../src/deps.ts'
import { shippedRegions } from '../../src/tenancy/region.service.ts'
import { enableVillage } from '../../src/tenancy/village.service.ts'
import { findVillage } from '../../src/tenancy/village.repository.ts'
import type { Village } from '../../src/tenancy/village.ts'
import { createResident, findResidentByNikAnywhere, getResidentProfile, type ResidentProfile } from '../../src/residents/resident.service.ts'

const SYSTEM = { kind: 'system' as const, name: 'test' }

/** Switches on a village of the regency: the given code, or the next one not yet live. */
export async function makeVillage(deps: Deps, code?: string): Promise<Village> {
  if (code) return (await findVillage(deps.db, code)) ?? enableVillage(deps, SYSTEM, SYSTEM_META, code)
  for (const r of shippedRegions()) {
    if (r.level !== 'desa' || !r.code.startsWith(deps.config.regency + '.')) continue
    if (!(await findVillage(deps.db, r.code))) return enableVillage(deps, SYSTEM, SYSTEM_META, r.code)
  }
  throw new Error('no village left to enable')
}

let counter = 0

/** A staff account with a known password. */
export async function makeStaff(deps: Deps, opts: { role: Role; scope: string; username?: string; password?: string }): Promise<{ actor: StaffActor; username: string; password: string }> {
  counter += 1
  const username = opts.username ?? `${opts.role.replace('_', '')}${counter}${Math.random().toString(36).slice(2, 6)}`
  const password = opts.password ?? 'rahasia-uji-123'
  const { user } = await createStaffUser(deps, SYSTEM, SYSTEM_META, { username, displayName: `Uji ${username}`, role: opts.role, scope: opts.scope, password })

  return { actor: user, username, password }
}

// ---- Residents (RESIDENTS area) ----

let residentSerial = 0
const pad2 = (n: number) => String(n).padStart(2, '0')

/** A NIK with a valid structure for the given birth date and sex, not yet used in the database. */
export async function freshNik(deps: Deps, birthDate: string, sex: 'L' | 'P', prefix = '630706'): Promise<string> {
  const [y, m, d] = birthDate.split('-')
  for (;;) {
    residentSerial += 1
    const nik = `${prefix}${pad2(Number(d) + (sex === 'P' ? 40 : 0))}${m}${y.slice(2)}${String(1 + ((residentSerial * 7919) % 9998)).padStart(4, '0')}`
    if (!(await findResidentByNikAnywhere(deps, nik))) return nik
  }
}

/** A KK number with a valid structure (issued in the past), not yet used in the database. */
export async function freshKk(deps: Deps, prefix = '630706'): Promise<string> {
  for (;;) {
    residentSerial += 1
    const kk = `${prefix}${pad2(1 + (residentSerial % 28))}${pad2(1 + (residentSerial % 12))}${pad2(10 + (residentSerial % 14))}${String(1 + ((residentSerial * 104729) % 9998)).padStart(4, '0')}`
    if (!(await deps.db.selectFrom('families').select('id').where('kk_number', '=', kk).executeTakeFirst())) return kk
  }
}

export type ResidentOverrides = Partial<Omit<ResidentProfile, 'sexLabel' | 'isFamilyHead' | 'villageCode' | 'id' | 'familyId'>> & {
  /** SHDK code (1 = kepala keluarga, 3 = istri, 4 = anak …); default 1 for a new KK, 4 when joining one */
  shdk?: number
}

/**
 * A registered resident with a valid unique NIK. Without `kkNumber` a new family is made with
 * this resident as its head; with the KK of an existing family the resident joins it.
 */
export async function makeResident(deps: Deps, villageCode: string, overrides: ResidentOverrides = {}): Promise<ResidentProfile> {
  const sex = overrides.sex ?? (residentSerial % 2 === 0 ? 'L' : 'P')
  const birthDate = overrides.birthDate ?? `19${70 + (residentSerial % 25)}-${pad2(1 + (residentSerial % 12))}-${pad2(1 + (residentSerial % 28))}`
  const nik = overrides.nik ?? (await freshNik(deps, birthDate, sex))
  const joining = overrides.kkNumber ? await deps.db.selectFrom('families').select('id').where('kk_number', '=', overrides.kkNumber).executeTakeFirst() : undefined
  const kk = overrides.kkNumber ?? (await freshKk(deps))
  const shdk = overrides.shdk ?? (joining ? 4 : 1)
  const cells: Record<string, string> = {
    nik, no_kk: kk, nama: overrides.name ?? `${sex === 'L' ? 'Ahmad' : 'Siti'} Uji ${residentSerial}`, sex: sex === 'L' ? '1' : '2',
    tempatlahir: overrides.birthPlace ?? 'Barabai', tanggallahir: birthDate, agama_id: overrides.religion ?? '1', pendidikan_kk_id: '5', pekerjaan_id: '9',
    status_kawin: '2', kk_level: String(shdk), warganegara_id: '1', nama_ayah: overrides.fatherName ?? 'Ayah Uji', nama_ibu: overrides.motherName ?? 'Ibu Uji',
    alamat: overrides.address ?? 'Jl. Uji RT 1', dusun: overrides.dusun ?? 'DUSUN I', rw: overrides.rw ?? '001', rt: overrides.rt ?? '001',
  }
  const created = await createResident(deps, { kind: 'system', name: 'test' }, SYSTEM_META, villageCode, cells)
  const patch: Record<string, unknown> = {}
  if (overrides.email !== undefined) patch.email = overrides.email
  if (overrides.phone !== undefined) patch.phone = overrides.phone
  if (overrides.status && overrides.status !== 'aktif') patch.status = overrides.status
  if (Object.keys(patch).length) await deps.db.updateTable('residents').set(patch).where('id', '=', created.id).execute()

  return (await getResidentProfile(deps, villageCode, created.id))!
}

/** A family of `size` (head, spouse, then children), head first. */
export async function makeFamily(deps: Deps, villageCode: string, size: number): Promise<ResidentProfile[]> {
  const head = await makeResident(deps, villageCode, { sex: 'L', birthDate: '1975-03-14', shdk: 1 })
  const out = [head]
  for (let i = 1; i < size; i++) {
    const spouse = i === 1
    out.push(await makeResident(deps, villageCode, {
      kkNumber: head.kkNumber!, shdk: spouse ? 3 : 4, sex: spouse ? 'P' : i % 2 ? 'L' : 'P',
      birthDate: spouse ? '1978-07-21' : `20${pad2(2 + i)}-0${1 + (i % 9)}-1${i % 10}`, dusun: head.dusun, rw: head.rw, rt: head.rt,
    }))
  }

  return out
}
