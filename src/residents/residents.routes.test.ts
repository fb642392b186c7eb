import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app.tsx'
import { createTestRuntime, type TestRuntime } from '../../test/support/db.ts'
import { freshKk, freshNik, makeFamily, makeResident, makeStaff, makeVillage } from '../../test/support/factories.ts'
import { TestBrowser } from '../../test/support/http.ts'
import { loginCitizen, makeCitizen } from '../../test/support/citizen-factory.ts'
import { maskNik } from '../lib/mask.ts'
import { writeCsv } from './spreadsheet.ts'
import { syntheticRows } from './synthetic.ts'
import { todayWita } from '../lib/time.ts'
import { SYSTEM_META } from '../auth/actor.ts'
import { recordDeparture } from './events.service.ts'

let rt: TestRuntime
let app: ReturnType<typeof createApp>
let A: string
let B: string
let op: TestBrowser
let viewer: TestBrowser

beforeAll(async () => {
  rt = await createTestRuntime()
  app = createApp(rt)
  A = (await makeVillage(rt, '63.07.06.2014')).code
  B = (await makeVillage(rt, '63.07.06.2010')).code
  const s = await makeStaff(rt, { role: 'operator', scope: A })
  op = new TestBrowser(app)
  await op.login(s.username, s.password)
  const d = await makeStaff(rt, { role: 'district_viewer', scope: '63.07.06' })
  viewer = new TestBrowser(app)
  await viewer.login(d.username, d.password)
})
afterAll(() => rt.close())

const audits = async (action: string) => Number((await rt.db.selectFrom('audit_events').select((e) => e.fn.countAll().as('n')).where('action', '=', action).executeTakeFirstOrThrow()).n)
const rowOf = (id: string) => rt.db.selectFrom('residents').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

describe('list, detail and the NIK', () => {
  it('lists with masked NIKs, searches, and reveals a full NIK only through an audited POST', async () => {
    const r = await makeResident(rt, A, { name: 'Jailani Rahman' })
    const list = await (await op.get(`/staf/desa/${A}/penduduk?q=jaila`)).text()
    expect(list).toContain('Jailani Rahman')
    expect(list).toContain(maskNik(r.nik))
    expect(list).not.toContain(r.nik)
    const detail = await (await op.get(`/staf/desa/${A}/penduduk/${r.id}`)).text()
    expect(detail).not.toContain(r.nik)
    const before = await audits('resident.reveal_nik')
    const shown = await op.post(`/staf/desa/${A}/penduduk/${r.id}/nik`, {})
    expect(shown.status).toBe(200)
    expect(await shown.text()).toContain(r.nik)
    expect(await audits('resident.reveal_nik')).toBe(before + 1)
  })
  it("another village's resident and family answer 404 inside one's own village too", async () => {
    const other = await makeResident(rt, B)
    for (const path of [`/penduduk/${other.id}`, `/penduduk/${other.id}/ubah`, `/keluarga/${other.familyId}`, `/keluarga/${other.familyId}/lahir`]) {
      expect((await op.get(`/staf/desa/${A}${path}`)).status, path).toBe(404)
    }
    const before = await audits('resident.reveal_nik')
    expect((await op.post(`/staf/desa/${A}/penduduk/${other.id}/nik`, {})).status).toBe(404)
    expect(await audits('resident.reveal_nik')).toBe(before)
  })
})

describe('forms', () => {
  it('re-renders the create form with 422 and per-field messages, then saves with 303', async () => {
    const kk = await freshKk(rt)
    const bad = await op.post(`/staf/desa/${A}/penduduk`, { nik: '123', no_kk: kk, nama: 'Fauzan', sex: '1', tanggallahir: '1990-02-30', agama_id: '1', kk_level: '1', dusun: 'I', rw: '1', rt: '1' })
    expect(bad.status).toBe(422)
    const html = await bad.text()
    expect(html).toContain('NIK harus 16 angka.')
    expect(html).toContain('Tanggal lahir 30-02-1990 tidak mungkin.')
    expect(html).toContain('value="Fauzan"')
    const nik = await freshNik(rt, '1990-02-10', 'L')
    const ok = await op.post(`/staf/desa/${A}/penduduk`, { nik, no_kk: kk, nama: 'Fauzan', sex: '1', tanggallahir: '1990-02-10', agama_id: '1', kk_level: '1', dusun: 'I', rw: '1', rt: '1' })
    expect(ok.status).toBe(303)
    expect(ok.headers.get('location')).toMatch(new RegExp(`/staf/desa/${A}/penduduk/[0-9a-f-]+\\?tersimpan=1`))
  })
  it('a district viewer may read but not write', async () => {
    expect((await viewer.get(`/staf/desa/${A}/penduduk`)).status).toBe(200)
    expect((await viewer.get(`/staf/desa/${A}/penduduk/baru`)).status).toBe(403)
  })
})

describe('events and the Buku Mutasi', () => {
  it('death, birth, split and moves keep the register and its log consistent', async () => {
    const fam = await makeFamily(rt, A, 4)
    const today = todayWita()
    // a birth into the family, with a temporary NIK
    const born = await op.post(`/staf/desa/${A}/keluarga/${fam[0].familyId}/lahir`, { nama: 'Bayi Aulia', sex: '2', tanggallahir: today, tempatlahir: 'Barabai' })
    expect(born.status).toBe(303)
    const baby = await rt.db.selectFrom('residents').selectAll().where('name', '=', 'Bayi Aulia').executeTakeFirstOrThrow()
    expect(baby.nik.startsWith('0630706')).toBe(true)
    expect(baby.family_id).toBe(fam[0].familyId)
    // a death in the future is refused, changing nothing
    const future = await op.post(`/staf/desa/${A}/penduduk/${fam[1].id}/peristiwa/meninggal`, { date: '2999-01-01' })
    expect(future.status).toBe(422)
    expect((await rowOf(fam[1].id)).status).toBe('aktif')
    expect((await op.post(`/staf/desa/${A}/penduduk/${fam[1].id}/peristiwa/meninggal`, { date: today, cause: 'Sakit' })).status).toBe(303)
    expect((await rowOf(fam[1].id)).status).toBe('meninggal')
    // a second death of the same person is refused
    expect((await op.post(`/staf/desa/${A}/penduduk/${fam[1].id}/peristiwa/meninggal`, { date: today })).status).toBe(422)
    // move out needs a destination
    const noDest = await op.post(`/staf/desa/${A}/penduduk/${fam[2].id}/peristiwa/pindah_keluar`, { date: today, destination: '', moveType: '1' })
    expect(noDest.status).toBe(422)
    expect(await noDest.text()).toContain('Alamat tujuan pindah wajib diisi.')
    // split: child 3 forms a new KK
    const newKk = await freshKk(rt)
    const split = await op.post(`/staf/desa/${A}/keluarga/${fam[0].familyId}/pisah`, { members: fam[3].id, head: fam[3].id, no_kk: newKk, date: today, dusun: 'II', rw: '2', rt: '3', alamat: 'Jl. Baru' })
    expect(split.status).toBe(303)
    const moved = await rowOf(fam[3].id)
    expect(moved).toMatchObject({ kk_number: newKk, shdk_code: 1, dusun: 'II', rw: '002', rt: '003' })
    // the head cannot leave alone
    const headOut = await op.post(`/staf/desa/${A}/keluarga/${fam[0].familyId}/pisah`, { members: fam[0].id, head: fam[0].id, no_kk: await freshKk(rt), date: today, dusun: 'I', rw: '1', rt: '1' })
    expect(headOut.status).toBe(422)
    // the Buku Mutasi shows each event, filterable
    const book = await (await op.get(`/staf/desa/${A}/mutasi?kind=meninggal`)).text()
    expect(book).toContain(fam[1].name)
    expect(book).not.toContain('Bayi Aulia')
    expect(await (await op.get(`/staf/desa/${A}/mutasi?kind=lahir`)).text()).toContain('Bayi Aulia')
  })

  it('moving in from another village of the installation keeps the person and their history', async () => {
    const person = await makeResident(rt, B, { name: 'Masrani Pindahan' })
    const bad = await op.post(`/staf/desa/${A}/penduduk/pindah-masuk`, { nik: '6307060101990009', date: todayWita(), no_kk: await freshKk(rt), kk_level: '1', dusun: 'I', rw: '1', rt: '1' })
    expect(bad.status).toBe(422)
    const kk = await freshKk(rt)
    // still active in B: refused until B records the move out
    const early = await op.post(`/staf/desa/${A}/penduduk/pindah-masuk`, { nik: person.nik, date: todayWita(), no_kk: kk, kk_level: '1', dusun: 'III', rw: '1', rt: '4', alamat: 'Jl. Pasar' })
    expect(early.status).toBe(422)
    expect(await early.text()).toContain('belum mencatat kepindahan')
    expect((await rowOf(person.id)).village_code).toBe(B)
    const opB = (await makeStaff(rt, { role: 'operator', scope: B })).actor
    await recordDeparture(rt, opB, SYSTEM_META, B, person.id, 'pindah_keluar', { date: todayWita(), destination: 'Desa tujuan dalam kabupaten' })
    const res = await op.post(`/staf/desa/${A}/penduduk/pindah-masuk`, { nik: person.nik, date: todayWita(), no_kk: kk, kk_level: '1', dusun: 'III', rw: '1', rt: '4', alamat: 'Jl. Pasar' })
    expect(res.status).toBe(303)
    const row = await rowOf(person.id)
    expect(row).toMatchObject({ village_code: A, kk_number: kk, nik: person.nik })
    const events = await rt.db.selectFrom('resident_events').select(['village_code', 'kind']).where('resident_id', '=', person.id).orderBy('created_at').execute()
    expect(events.map((e) => `${e.village_code}:${e.kind}`)).toEqual([`${B}:data_awal`, `${B}:pindah_keluar`, `${A}:pindah_masuk`])
    const detail = await (await op.get(`/staf/desa/${A}/penduduk/${person.id}`)).text()
    expect(detail).toContain('Pindah masuk dari Mandingin')
    expect(detail).toContain('Pencatatan data awal')
  })
})

describe('import and export in the UI', () => {
  it('uploads, shows progress then the report, and exports an audited XLSX', async () => {
    const v = (await makeVillage(rt, '63.07.06.2017')).code
    const s = await makeStaff(rt, { role: 'operator', scope: v })
    const b = new TestBrowser(app)
    await b.login(s.username, s.password)
    await b.get(`/staf/desa/${v}/penduduk/impor`)
    const rows = syntheticRows({ villageCode: v, count: 30, seed: 5, today: '2026-12-04' })
    rows.push({ ...rows[1], nik: '99', nama: 'Salah' })
    const fd = new FormData()
    fd.set('file', new File([writeCsv(rows)], 'penduduk.csv', { type: 'text/csv' }))
    fd.set('commit', '1')
    const res = await b.postMultipart(`/staf/desa/${v}/penduduk/impor`, fd)
    expect(res.status).toBe(303)
    const at = res.headers.get('location')!
    let html = ''
    for (let i = 0; i < 50; i++) {
      html = await (await b.get(at)).text()
      if (!html.includes('http-equiv="refresh"')) break
      await new Promise((r) => setTimeout(r, 50))
    }
    expect(html).toContain('Impor selesai.')
    expect(html).toContain('31 baris: 30 dibuat')
    expect(html).toContain('NIK harus 16 angka.')
    // someone else's run is not visible
    expect((await op.get(at.replace(v, A))).status).toBe(404)
    const before = await audits('resident.export')
    const x = await b.get(`/staf/desa/${v}/penduduk/ekspor`)
    expect(x.status).toBe(200)
    expect(x.headers.get('content-type')).toContain('spreadsheetml')
    expect(await audits('resident.export')).toBe(before + 1)
  })
  it('refuses a non-spreadsheet upload with a clear message', async () => {
    await op.get(`/staf/desa/${A}/penduduk/impor`)
    const fd = new FormData()
    fd.set('file', new File([new Uint8Array([0, 1, 2, 3, 4])], 'foto.jpg', { type: 'image/jpeg' }))
    const res = await op.postMultipart(`/staf/desa/${A}/penduduk/impor`, fd)
    const html = await (await op.get(res.headers.get('location')!)).text()
    expect(html).toContain('Berkas bukan lembar kerja (XLSX) atau CSV.')
  })
})

describe('statistics', () => {
  it('shows SVG charts to staff and the public, with aggregates only', async () => {
    const r = await makeResident(rt, A, { name: 'Rahasia Sekali' })
    const staff = await (await op.get(`/staf/desa/${A}/statistik`)).text()
    expect(staff).toContain('<svg')
    expect(staff).toContain('Piramida penduduk')
    const pub = await app.request(`/desa/${A}/statistik`)
    expect(pub.status).toBe(200)
    const html = await pub.text()
    expect(html).toContain('<svg')
    expect(html).not.toContain('Rahasia Sekali')
    expect(html).not.toContain(r.nik.slice(0, 10))
    expect(html).not.toContain('<script')
    expect((await app.request('/desa/63.07.01.2001/statistik')).status).toBe(404)
    const region = await (await viewer.get('/staf/wilayah/statistik')).text()
    expect(region).toContain('Penduduk per desa')
  })
})

describe('Data Saya: corrections', () => {
  it('a resident asks for a correction; it lands in the operator queue and is answered', async () => {
    const c = await makeCitizen(rt, { villageCode: A })
    const cb = new TestBrowser(app)
    await loginCitizen(cb, c.nik, c.pin)
    await cb.get('/warga/data/koreksi')
    const short = await cb.post('/warga/data/koreksi', { message: 'salah' })
    expect(short.status).toBe(422)
    const res = await cb.post('/warga/data/koreksi', { message: 'Tanggal lahir saya seharusnya 21-03-1990.' })
    expect(res.status).toBe(303)
    const queue = await (await op.get(`/staf/desa/${A}/penduduk/koreksi`)).text()
    expect(queue).toContain('Tanggal lahir saya seharusnya 21-03-1990.')
    const row = await rt.db.selectFrom('resident_corrections').select('id').where('resident_id', '=', c.resident.id).executeTakeFirstOrThrow()
    expect((await op.post(`/staf/desa/${A}/penduduk/koreksi/${row.id}`, { status: 'ditolak', response: '' })).status).toBe(422)
    expect((await op.post(`/staf/desa/${A}/penduduk/koreksi/${row.id}`, { status: 'selesai', response: 'Sudah diperbaiki.' })).status).toBe(303)
    const n = await rt.db.selectFrom('notifications').selectAll().where('citizen_account_id', '=', c.actor.id).execute()
    expect(n.some((x) => x.subject === 'Koreksi data Anda telah diproses')).toBe(true)
  })
})
