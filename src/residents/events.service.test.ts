import { beforeAll, describe, expect, it } from 'vitest'
import type { TestRuntime } from '../../test/support/db.ts'
import { residentWorld } from './test-world.ts'
import { freshKk, freshNik, makeFamily, makeResident, makeStaff } from '../../test/support/factories.ts'
import { SYSTEM_META, type StaffActor } from '../auth/actor.ts'
import { listEvents, recordBirth, recordDeparture, recordMoveInFromOutside, recordMoveInFromVillage } from './events.service.ts'

const w = residentWorld()
let rt: TestRuntime, A: string, B: string, op: StaffActor
beforeAll(() => void ({ rt, A, B, op } = w))

const count = async (t: 'residents' | 'resident_events' | 'audit_events' | 'families') => Number((await rt.db.selectFrom(t).select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
const state = async () => ({ r: await count('residents'), e: await count('resident_events'), a: await count('audit_events'), f: await count('families') })

describe('events', () => {
  it('a head who goes missing leaves the family without a head; the event is logged and audited', async () => {
    const fam = await makeFamily(rt, A, 2)
    const before = await state()
    await recordDeparture(rt, op, SYSTEM_META, A, fam[0].id, 'hilang', { date: '2026-11-30', note: 'Tidak kembali dari kebun' })
    const head = await rt.db.selectFrom('families').select('head_resident_id').where('id', '=', fam[0].familyId!).executeTakeFirstOrThrow()
    expect(head.head_resident_id).toBeNull()
    expect(await state()).toEqual({ ...before, e: before.e + 1, a: before.a + 1 })
    const book = await listEvents(rt, op, A, { kind: 'hilang' })
    expect(book.rows.map((r) => r.resident_name)).toEqual([fam[0].name])
  })
  it('refuses an event dated before the birth, or an unknown move kind, changing nothing', async () => {
    const r = await makeResident(rt, A, { birthDate: '2000-05-05' })
    const before = await state()
    await expect(recordDeparture(rt, op, SYSTEM_META, A, r.id, 'meninggal', { date: '1999-01-01' })).rejects.toMatchObject({ fields: { date: 'Tanggal peristiwa tidak boleh sebelum tanggal lahir.' } })
    await expect(recordDeparture(rt, op, SYSTEM_META, A, r.id, 'pindah_keluar', { date: '2026-01-01', destination: 'Banjarmasin', moveType: '9' })).rejects.toMatchObject({ fields: { moveType: 'Jenis kepindahan tidak dikenal.' } })
    expect(await state()).toEqual(before)
  })
  it('a birth with a NIK already issued, and a move in from outside, are logged as such', async () => {
    const fam = await makeFamily(rt, A, 2)
    const nik = await freshNik(rt, '2026-11-01', 'P')
    const baby = await recordBirth(rt, op, SYSTEM_META, A, fam[0].familyId!, { nama: 'Aisyah Kecil', sex: '2', tanggallahir: '2026-11-01', nik })
    expect(baby).toMatchObject({ nik, familyRelationship: 'Anak', kkNumber: fam[0].kkNumber })
    const kk = await freshKk(rt)
    const newcomer = await recordMoveInFromOutside(rt, op, SYSTEM_META, A, {
      nik: await freshNik(rt, '1985-02-02', 'L'), no_kk: kk, nama: 'Pendatang Baru', sex: '1', tanggallahir: '1985-02-02', agama_id: '1', kk_level: '1', dusun: 'I', rw: '1', rt: '1',
    }, { date: '2026-10-10', origin: 'Kota Banjarmasin' })
    const ev = await rt.db.selectFrom('resident_events').select(['kind', 'event_date', 'summary']).where('resident_id', 'in', [baby.id, newcomer.id]).orderBy('kind').execute()
    expect(ev).toEqual([
      { kind: 'lahir', event_date: '2026-11-01', summary: 'Kelahiran' },
      { kind: 'pindah_masuk', event_date: '2026-10-10', summary: 'Pindah masuk dari Kota Banjarmasin' },
    ])
  })
  it('moving in needs a NIK of another village and a head for a new KK', async () => {
    const here = await makeResident(rt, A)
    const there = await makeResident(rt, B)
    const before = await state()
    await expect(recordMoveInFromVillage(rt, op, SYSTEM_META, A, { nik: here.nik, date: '2026-01-01', no_kk: await freshKk(rt), dusun: 'I', rw: '1', rt: '1' })).rejects.toMatchObject({ fields: { nik: expect.stringMatching(/sudah terdaftar di desa ini/) } })
    await expect(recordMoveInFromVillage(rt, op, SYSTEM_META, A, { nik: there.nik, date: '2026-01-01', no_kk: await freshKk(rt), kk_level: '4', dusun: 'I', rw: '1', rt: '1' })).rejects.toMatchObject({ fields: { kk_level: expect.stringMatching(/harus menjadi kepala keluarga/) } })
    await expect(recordMoveInFromVillage(rt, op, SYSTEM_META, A, { nik: there.nik, date: '2026-01-01', join_kk: there.kkNumber! })).rejects.toMatchObject({ fields: { join_kk: expect.stringMatching(/tidak ditemukan di desa ini/) } })
    // an active person of the other village cannot be taken over before it records the move out
    await expect(recordMoveInFromVillage(rt, op, SYSTEM_META, A, { nik: there.nik, date: '2026-01-01', join_kk: here.kkNumber!, kk_level: '3' })).rejects.toMatchObject({ fields: { nik: expect.stringMatching(/belum mencatat kepindahan/) } })
    expect(await state()).toEqual(before)
    const opB = (await makeStaff(rt, { role: 'operator', scope: B })).actor
    await recordDeparture(rt, opB, SYSTEM_META, B, there.id, 'pindah_keluar', { date: '2025-12-31', destination: 'Desa tujuan dalam kabupaten' })
    const moved = await recordMoveInFromVillage(rt, op, SYSTEM_META, A, { nik: there.nik, date: '2026-01-01', join_kk: here.kkNumber!, kk_level: '3' })
    expect(moved).toMatchObject({ villageCode: A, kkNumber: here.kkNumber, familyRelationship: 'Istri' })
  })
})
