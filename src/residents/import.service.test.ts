import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import type { TestRuntime } from '../../test/support/db.ts'
import { residentWorld } from './test-world.ts'
import { makeResident, makeVillage } from '../../test/support/factories.ts'
import { SYSTEM_META, type StaffActor } from '../auth/actor.ts'
import { HEADERS } from './columns.ts'
import { exportRows, exportResidentsXlsx, importResidents } from './import.service.ts'
import { MAX_IMPORT_BYTES, writeCsv, writeXlsx } from './spreadsheet.ts'
import { syntheticRows } from './synthetic.ts'

const w = residentWorld()
let rt: TestRuntime, A: string, B: string, op: StaffActor
beforeAll(() => void ({ rt, A, B, op } = w))

const count = async (t: 'residents' | 'families' | 'resident_events' | 'audit_events', village?: string) => {
  let q = rt.db.selectFrom(t).select((e) => e.fn.countAll().as('n'))
  if (village) q = q.where('village_code', '=', village)
  return Number((await q.executeTakeFirstOrThrow()).n)
}
const state = async () => ({ r: await count('residents'), f: await count('families'), e: await count('resident_events'), a: await count('audit_events') })

const rows = (n: number, seed: number, village = A) => syntheticRows({ villageCode: village, count: n, seed, today: '2026-12-04' })
const csv = (r: Record<string, string>[]) => new TextEncoder().encode(writeCsv(r))

/** Imports and expects a file-level refusal, with nothing changed. */
async function refusedFile(bytes: Uint8Array, message: RegExp) {
  const before = await state()
  const err = await importResidents(rt, op, SYSTEM_META, A, bytes, { dryRun: false }).catch((e) => e)
  expect(err.code).toBe('INVALID_INPUT')
  expect(err.userMessage).toMatch(message)
  expect(await state()).toEqual(before)
}

describe('file-level refusals change nothing', () => {
  it('a file that is not a spreadsheet', () => refusedFile(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]), /bukan lembar kerja/))
  it('an old .xls', () => refusedFile(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3, 4]), /\.xls lama/))
  it('a broken xlsx', () => refusedFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 9, 9, 9, 9, 9]), /rusak/))
  it('an empty file', () => refusedFile(new Uint8Array(), /Berkas kosong/))
  it('a file with headers only', () => refusedFile(new TextEncoder().encode(HEADERS.join(',') + '\n'), /tidak berisi baris data/))
  it('a file over the size limit', () => refusedFile(new Uint8Array(MAX_IMPORT_BYTES + 1).fill(65), /terlalu besar/))
  it('unknown headers', () => refusedFile(new TextEncoder().encode('nik,nama,hobi,warna_favorit\n6307060101900001,Ahmad,memancing,biru\n'), /Nama kolom tidak dikenal: hobi, warna_favorit/))
  it('a sheet without a nik column', () => refusedFile(new TextEncoder().encode('nama,no_kk\nAhmad,6307061203150004\n'), /Kolom nik wajib/))
})

describe('row-level refusals are reported with row, column and reason', () => {
  it('invalid, duplicate and foreign NIKs, impossible dates, codes out of range, heads', async () => {
    const foreign = await makeResident(rt, B)
    const good = rows(6, 11)
    // rows[0] is a head; make the file's troubles on copies of real rows
    const bad: Record<string, string>[] = [
      ...good,
      { ...good[1], nik: '12345', nama: 'NIK Pendek' },
      { ...good[2] }, // duplicate NIK of row 4 in the file
      { ...good[3], nik: foreign.nik, nama: 'Sudah Di Desa Lain' },
      { ...good[1], nik: '6307060101900011', tanggallahir: '31-02-1990' },
      { ...good[1], nik: '6307060101900012', agama_id: '42' },
      { ...good[1], nik: '6307060101900013', pekerjaan_id: 'astronot' },
      // a family of two with no head
      { ...good[1], nik: '6307060101900014', no_kk: '6307061203150004', kk_level: '4' },
      { ...good[1], nik: '6307060101900015', no_kk: '6307061203150004', kk_level: '3' },
      // a family with two heads: the second is refused
      { ...good[0], nik: '6307060101900016', no_kk: '6307061303150004', kk_level: '1' },
      { ...good[0], nik: '6307060101900017', no_kk: '6307061303150004', kk_level: '1' },
    ]
    const before = await state()
    const dry = await importResidents(rt, op, SYSTEM_META, A, csv(bad), { dryRun: true })
    expect(await state()).toEqual(before)
    const by = (row: number) => dry.errors.filter((e) => e.row === row)
    expect(by(8)).toEqual([{ row: 8, column: 'nik', message: 'NIK harus 16 angka.' }])
    expect(by(9)[0]).toMatchObject({ column: 'nik', message: expect.stringMatching(/ganda dalam berkas \(sama dengan baris 4\)/) })
    expect(by(10)[0]).toMatchObject({ column: 'nik', message: expect.stringMatching(/sudah terdaftar di desa lain.*Pindah Masuk/) })
    expect(by(11)[0]).toMatchObject({ column: 'tanggallahir', message: expect.stringMatching(/tidak mungkin/) })
    expect(by(12)[0]).toMatchObject({ column: 'agama_id', message: 'Kode agama "42" di luar rentang (1–7).' })
    expect(by(13)[0]).toMatchObject({ column: 'pekerjaan_id', message: expect.stringMatching(/"astronot" tidak dikenal/) })
    expect(by(14)[0]).toMatchObject({ column: 'kk_level', message: expect.stringMatching(/tidak memiliki kepala keluarga/) })
    expect(by(15)[0]).toMatchObject({ column: 'kk_level', message: expect.stringMatching(/tidak memiliki kepala keluarga/) })
    expect(by(16)).toEqual([])
    expect(by(17)[0]).toMatchObject({ column: 'kk_level', message: expect.stringMatching(/Kepala keluarga kedua.*baris 16/) })
    expect(dry).toMatchObject({ rows: 16, created: 7, updated: 0, duplicates: 1, failed: 8 })

    const done = await importResidents(rt, op, SYSTEM_META, A, csv(bad), { dryRun: false })
    expect({ ...done, errors: done.errors.length }).toEqual({ ...dry, errors: dry.errors.length })
    expect(await state()).toEqual({ r: before.r + 7, f: before.f + (new Set(good.map((g) => g.no_kk)).size) + 1, e: before.e + 1, a: before.a + 1 })
  })

  it('an interrupted import leaves the register as it was', async () => {
    const before = await state()
    const err = await importResidents(rt, op, SYSTEM_META, A, csv(rows(50, 21)), {
      dryRun: false,
      onProgress: (phase, done) => {
        if (phase === 'menyimpan' && done > 0) throw new Error('listrik padam')
      },
    }).catch((e) => e)
    expect(err.message).toBe('listrik padam')
    expect(await state()).toEqual(before)
  })

  it('updates known NIKs without overwriting from empty cells, and refuses KK or area changes', async () => {
    const r = await makeResident(rt, A, { name: 'Hasan Basri', phone: '0812' })
    const body = `nik,nama,pekerjaan_id,tempatlahir\n${r.nik},Hasan Basri,PETANI/PEKEBUN,\n`
    const rep = await importResidents(rt, op, SYSTEM_META, A, new TextEncoder().encode(body), { dryRun: false })
    expect(rep).toMatchObject({ rows: 1, updated: 1, created: 0, failed: 0 })
    const row = await rt.db.selectFrom('residents').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow()
    expect(row.occupation_code).toBe(9)
    expect(row.birth_place).toBe('Barabai')
    const moved = await importResidents(rt, op, SYSTEM_META, A, new TextEncoder().encode(`nik,no_kk,dusun\n${r.nik},6307061403150004,MANGSIT\n`), { dryRun: false })
    expect(moved.errors.map((e) => e.column).sort()).toEqual(['dusun', 'no_kk'])
  })

  it('reads semicolon CSV, the ### end marker and Excel cells holding NIKs as numbers', async () => {
    const v = (await makeVillage(rt, '63.07.06.2017')).code
    const r = rows(3, 31, v)
    const text = [HEADERS.join(';'), ...r.map((x) => HEADERS.map((h) => x[h]).join(';')), ['', '###'].join(';'), HEADERS.map((h) => r[0][h]).join(';')].join('\n')
    const rep = await importResidents(rt, { kind: 'system', name: 'uji' }, SYSTEM_META, v, new TextEncoder().encode(text), { dryRun: true })
    expect(rep).toMatchObject({ rows: 3, created: 3, failed: 0 })

    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Data')
    ws.addRow(['nik', 'nama', 'no_kk', 'kk_level', 'sex', 'tanggallahir', 'agama_id', 'dusun', 'rw', 'rt'])
    ws.addRow([9171060101900021, 'Angka Papua', '6307061203150009', 1, 1, new Date('1990-01-01'), 'Islam', 'I', '001', '001'])
    ws.addRow([6307060101900022, 'Angka Aman', '6307061203150019', 1, 1, new Date('1990-01-01'), 'Islam', 'I', '001', '001'])
    wb.addWorksheet('Kode Data').addRow(['bukan', 'data'])
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer())
    const rep2 = await importResidents(rt, { kind: 'system', name: 'uji' }, SYSTEM_META, v, bytes, { dryRun: true })
    // 9171060101900021 > 2^53: Excel already lost its last digit, and we say so; a 6307… NIK
    // still fits a double exactly and is taken as it is.
    expect(rep2.errors).toEqual([{ row: 2, column: 'nik', message: expect.stringMatching(/tersimpan sebagai angka/) }])
    expect(rep2).toMatchObject({ rows: 2, created: 1, failed: 1 })
  })
})

describe('XLSX export and import round trip', () => {
  it('an exported register imported into an empty village gives the same register', async () => {
    const src = (await makeVillage(rt, '63.07.06.2018')).code
    const imported = await importResidents(rt, { kind: 'system', name: 'uji' }, SYSTEM_META, src, await writeXlsx(rows(120, 41, src)), { dryRun: false })
    expect(imported).toMatchObject({ rows: 120, created: 120, failed: 0 })
    const exported = await exportRows(rt, src)
    const bytes = await exportResidentsXlsx(rt, { kind: 'system', name: 'uji' }, SYSTEM_META, src)
    // Move the register out (delete) and bring it back into another empty village.
    const dst = (await makeVillage(rt, '63.07.06.2016')).code
    await rt.db.deleteFrom('residents').where('village_code', '=', src).execute()
    await rt.db.deleteFrom('families').where('village_code', '=', src).execute()
    const again = await importResidents(rt, { kind: 'system', name: 'uji' }, SYSTEM_META, dst, bytes, { dryRun: false })
    expect(again).toMatchObject({ rows: 120, created: 120, failed: 0, errors: [] })
    expect(await exportRows(rt, dst)).toEqual(exported)
  })
})
