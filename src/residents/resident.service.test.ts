import { beforeAll, describe, expect, it } from 'vitest'
import type { TestRuntime } from '../../test/support/db.ts'
import { residentWorld } from './test-world.ts'
import { makeFamily, makeResident, makeStaff, makeVillage, freshKk, freshNik } from '../../test/support/factories.ts'
import { SYSTEM_META, type StaffActor } from '../auth/actor.ts'
import {
  countResidents, createResident, findResidentByNik, findResidentByNikAnywhere, getResidentProfile, listFamilyMembers, listResidents, revealNik, updateResident,
} from './resident.service.ts'

const w = residentWorld()
let rt: TestRuntime, A: string, B: string, op: StaffActor
beforeAll(() => void ({ rt, A, B, op } = w))

const snapshot = async () => ({
  residents: Number((await rt.db.selectFrom('residents').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  families: Number((await rt.db.selectFrom('families').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  events: Number((await rt.db.selectFrom('resident_events').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  audit: Number((await rt.db.selectFrom('audit_events').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
})

async function validCells(over: Record<string, string> = {}) {
  return {
    nik: await freshNik(rt, '1990-01-01', 'L'), no_kk: await freshKk(rt), nama: 'Rahmat Hidayat', sex: '1', tempatlahir: 'Barabai', tanggallahir: '1990-01-01',
    agama_id: '1', pendidikan_kk_id: '5', pekerjaan_id: '9', status_kawin: '2', kk_level: '1', dusun: 'Dusun I', rw: '1', rt: '2', alamat: 'Jl. Keramat',
    ...over,
  }
}

describe('contract reads', () => {
  it('makeFamily gives a head first and the family reads back whole', async () => {
    const fam = await makeFamily(rt, A, 4)
    expect(fam[0].isFamilyHead).toBe(true)
    expect(fam[0].familyRelationship).toBe('Kepala Keluarga')
    expect(fam[1].familyRelationship).toBe('Istri')
    expect(new Set(fam.map((f) => f.kkNumber)).size).toBe(1)
    const members = await listFamilyMembers(rt, A, fam[2].id)
    expect(members.map((m) => m.id)).toEqual(expect.arrayContaining(fam.map((f) => f.id)))
    expect(members[0].id).toBe(fam[0].id)
  })
  it('finds by NIK only in the right village, and anywhere by NIK', async () => {
    const r = await makeResident(rt, A, { name: 'Siti Aisyah', sex: 'P', email: 'siti@example.id' })
    expect(r).toMatchObject({ villageCode: A, sex: 'P', sexLabel: 'Perempuan', religion: 'Islam', citizenship: 'WNI', status: 'aktif', email: 'siti@example.id' })
    expect((await findResidentByNik(rt, A, r.nik))?.id).toBe(r.id)
    expect(await findResidentByNik(rt, B, r.nik)).toBeUndefined()
    expect((await findResidentByNikAnywhere(rt, r.nik))?.villageCode).toBe(A)
    expect(await getResidentProfile(rt, B, r.id)).toBeUndefined()
  })
  it('counts active residents of a village, district and regency', async () => {
    await makeResident(rt, B)
    await makeResident(rt, B, { status: 'meninggal' })
    const a = await countResidents(rt, A)
    const b = await countResidents(rt, B)
    expect(b).toBe(1)
    expect(await countResidents(rt, '63.07.06')).toBe(a + b)
    expect(await countResidents(rt, '63.07')).toBe(a + b)
    expect(await countResidents(rt, '63.07.01')).toBe(0)
  })
})

describe('creating a resident: bad input is named and changes nothing', () => {
  const refused = async (over: Record<string, string>, field: string, message: RegExp, village = A) => {
    const before = await snapshot()
    const err = await createResident(rt, op, SYSTEM_META, village, await validCells(over)).catch((e) => e)
    expect(err.code).toBe('INVALID_INPUT')
    expect(err.fields[field]).toMatch(message)
    expect(await snapshot()).toEqual(before)
  }
  it('an invalid NIK', () => refused({ nik: '12345' }, 'nik', /16 angka/))
  it('an impossible birth date', () => refused({ tanggallahir: '31-02-1990' }, 'tanggallahir', /tidak mungkin/))
  it('a code out of range', () => refused({ agama_id: '12' }, 'agama_id', /di luar rentang/))
  it('a missing required column', () => refused({ nama: '' }, 'nama', /wajib diisi/))
  it('a NIK already registered here', async () => {
    const r = await makeResident(rt, A)
    await refused({ nik: r.nik }, 'nik', /sudah terdaftar di desa ini/)
  })
  it('a NIK registered in another village points to the move-in event', async () => {
    const r = await makeResident(rt, B)
    await refused({ nik: r.nik }, 'nik', /sudah terdaftar di desa lain.*Pindah Masuk/)
  })
  it('a new family without a head', () => refused({ kk_level: '4' }, 'kk_level', /tidak memiliki kepala keluarga/))
  it('a second head in one family', async () => {
    const h = await makeResident(rt, A)
    await refused({ no_kk: h.kkNumber!, kk_level: '1' }, 'kk_level', /sudah memiliki kepala keluarga/)
  })
  it('a staff member of another village gets 404', async () => {
    const err = await createResident(rt, op, SYSTEM_META, B, await validCells()).catch((e) => e)
    expect(err.code).toBe('NOT_FOUND')
  })
  it('a valid record is created with its Buku Mutasi entry and audit event, and warnings do not block', async () => {
    const before = await snapshot()
    // NIK says 1 January 1990, the record says 2 January: a warning, not a refusal.
    const r = await createResident(rt, op, SYSTEM_META, A, await validCells({ tanggallahir: '1990-01-02', nama: 'Zoë Ándres' }))
    expect(r.birthDate).toBe('1990-01-02')
    expect(r.dusun).toBe('I')
    expect(r.rw).toBe('001')
    expect(await snapshot()).toEqual({ residents: before.residents + 1, families: before.families + 1, events: before.events + 1, audit: before.audit + 1 })
  })
})

describe('list, search, edit and reveal', () => {
  it('searches by name prefix and substring, case- and accent-insensitive, and by NIK and KK', async () => {
    const v = (await makeVillage(rt, '63.07.06.2017')).code
    const s = (await makeStaff(rt, { role: 'operator', scope: v })).actor
    const a = await makeResident(rt, v, { name: 'Muhammad Ánwar', sex: 'L' })
    const b = await makeResident(rt, v, { name: 'Anwar Hasan', sex: 'L' })
    await makeResident(rt, v, { name: 'Rina Fitriani', sex: 'P', birthDate: '2015-05-05' })
    const found = await listResidents(rt, s, v, { q: 'ANWAR' })
    expect(found.rows.map((r) => r.id)).toEqual([b.id, a.id]) // the prefix match first
    expect((await listResidents(rt, s, v, { q: 'nwa' })).total).toBe(2)
    expect((await listResidents(rt, s, v, { q: a.nik })).rows.map((r) => r.id)).toEqual([a.id])
    expect((await listResidents(rt, s, v, { q: b.kkNumber! })).rows.map((r) => r.id)).toEqual([b.id])
    expect((await listResidents(rt, s, v, { sex: '2' })).total).toBe(1)
    expect((await listResidents(rt, s, v, { ageMax: '17' })).total).toBe(1)
    expect((await listResidents(rt, s, v, { ageMin: '18' })).total).toBe(2)
  })
  it('edits with a reason, logged; refuses without one', async () => {
    const r = await makeResident(rt, A)
    const before = await snapshot()
    const err = await updateResident(rt, op, SYSTEM_META, A, r.id, { nama: 'Nama Baru', sex: '1', tanggallahir: '1980-01-01', agama_id: '1' }, ' ').catch((e) => e)
    expect(err.fields.reason).toMatch(/Alasan/)
    expect(await snapshot()).toEqual(before)
    const after = await updateResident(rt, op, SYSTEM_META, A, r.id, { nama: 'Nama Baru', sex: '1', tanggallahir: '1980-01-01', agama_id: '1', pekerjaan_id: '5' }, 'Sesuai KTP')
    expect(after.name).toBe('Nama Baru')
    expect(after.occupation).toBe('Pegawai Negeri Sipil (PNS)')
    expect(await snapshot()).toEqual({ ...before, events: before.events + 1, audit: before.audit + 1 })
  })
  it('reveals a full NIK only with an audit event', async () => {
    const r = await makeResident(rt, A)
    expect(await revealNik(rt, op, SYSTEM_META, A, r.id)).toBe(r.nik)
    const ev = await rt.db.selectFrom('audit_events').selectAll().where('action', '=', 'resident.reveal_nik').where('entity_id', '=', r.id).execute()
    expect(ev).toHaveLength(1)
    expect(ev[0].summary).not.toContain(r.nik)
    await expect(revealNik(rt, op, SYSTEM_META, B, r.id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})
