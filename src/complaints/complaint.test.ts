import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app.tsx'
import { createTestRuntime, TEST_DIALECT, type TestRuntime } from '../../test/support/db.ts'
import { makeStaff, makeVillage } from '../../test/support/factories.ts'
import { TestBrowser } from '../../test/support/http.ts'
import { loginCitizen, makeCitizen } from '../../test/support/citizen-factory.ts'
import { deadlineState, deadlinesFor } from './complaint.ts'

const count = async (rt: TestRuntime, table: 'complaints' | 'notifications' | 'jobs') =>
  Number((await rt.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

let ipSeq = 0
/** A visitor from a fresh address, so each test has its own rate-limit budget. */
const visitor = (app: ReturnType<typeof createApp>) => new TestBrowser(app, { ip: `192.0.2.${++ipSeq}` })

function complaintForm(fields: Record<string, string>, photo?: { name: string; type: string; bytes: Uint8Array }): FormData {
  const fd = new FormData()
  for (const [k, v] of Object.entries({ category: 'infrastruktur', body: 'Jalan di RT 03 berlubang besar sejak bulan lalu dan membahayakan.', name: 'Budi Santoso', contact: '', situs_web: '', ...fields })) fd.set(k, v)
  if (photo) fd.set('photo', new File([new Uint8Array(photo.bytes)], photo.name, { type: photo.type }))

  return fd
}

async function file(b: TestBrowser, code: string, fields: Record<string, string> = {}, photo?: { name: string; type: string; bytes: Uint8Array }) {
  await b.get(`/desa/${code}/pengaduan`)

  return b.postMultipart(`/desa/${code}/pengaduan`, complaintForm(fields, photo))
}

const codeOf = (res: Response) => /kode=([A-Z2-9]+)/.exec(res.headers.get('location') ?? '')?.[1] ?? ''

describe(`${TEST_DIALECT}: complaints`, () => {
  let rt: TestRuntime
  let app: ReturnType<typeof createApp>
  let code: string
  let staff: TestBrowser

  beforeAll(async () => {
    rt = await createTestRuntime()
    app = createApp(rt)
    code = (await makeVillage(rt, '63.07.06.2014')).code
    await makeVillage(rt, '63.07.06.2010')
    const op = await makeStaff(rt, { role: 'operator', scope: code })
    staff = new TestBrowser(app, { ip: '198.51.100.30' })
    await staff.login(op.username, op.password)
  })
  afterAll(() => rt.close())

  it('files a named complaint, gives a tracking code and shows it with both deadlines', async () => {
    const b = visitor(app)
    const res = await file(b, code, { contact: 'budi@contoh.id' })
    expect(res.status).toBe(303)
    const tracking = codeOf(res)
    expect(tracking).toMatch(/^[A-Z2-9]{12}$/)
    const page = await b.get(res.headers.get('location')!)
    const html = await page.text()
    expect(html).toContain(tracking.replace(/(.{4})(?=.)/g, '$1 '))
    expect(html).toContain('Pengaduan Anda sudah kami terima')
    expect(html).toContain('Menunggu')
    expect(html).toContain('Batas tanggapan')
    expect(html).toContain('14 hari lagi')
    expect(html).toContain('60 hari lagi')
    const row = await rt.db.selectFrom('complaints').selectAll().where('tracking_code', '=', tracking).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ village_code: code, complainant_name: 'Budi Santoso', contact: 'budi@contoh.id', status: 'menunggu', anonymous: 0 })
    const audit = await rt.db.selectFrom('audit_events').selectAll().where('entity_id', '=', row.id).execute()
    expect(audit.map((a) => a.action)).toEqual(['complaint.submit'])
    // typed from paper: lower case and spaces are tolerated
    const typed = await app.request(`/pengaduan/lacak?kode=${tracking.toLowerCase().replace(/(.{4})/g, '$1 ')}`)
    expect(typed.status).toBe(200)
  })

  it('keeps neither name nor contact of an anonymous complaint', async () => {
    const res = await file(visitor(app), code, { anonymous: '1', name: 'Tidak Disimpan', contact: '0812 3456 7890' })
    expect(res.status).toBe(303)
    const row = await rt.db.selectFrom('complaints').selectAll().where('tracking_code', '=', codeOf(res)).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ anonymous: 1, complainant_name: '', contact: '' })
  })

  it('re-shows a bad complaint with 422 and a message per field, storing nothing', async () => {
    const before = await count(rt, 'complaints')
    const res = await file(visitor(app), code, { category: 'politik', body: 'pendek', name: '', contact: 'bukan kontak' })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('Pilih kategori pengaduan.')
    expect(html).toContain('Uraian pengaduan minimal 20 karakter')
    expect(html).toContain('Isi nama Anda, atau centang')
    expect(html).toContain('Isi alamat surel atau nomor telepon yang sah')
    expect(html).toContain('value="bukan kontak"')
    expect(await count(rt, 'complaints')).toBe(before)
  })

  it('shows script and HTML in a complaint as text, to the complainant and to staff', async () => {
    const res = await file(visitor(app), code, { body: '<script>alert("x")</script><img src=x onerror=alert(1)> jalan rusak parah' })
    expect(res.status).toBe(303)
    const html = await (await app.request(res.headers.get('location')!)).text()
    expect(html).toContain('&lt;script&gt;alert(')
    expect(html).not.toContain('<script>alert')
    expect(html).not.toContain('<img src=x')
    const row = await rt.db.selectFrom('complaints').select('id').where('tracking_code', '=', codeOf(res)).executeTakeFirstOrThrow()
    const staffHtml = await (await staff.get(`/staf/desa/${code}/pengaduan/${row.id}`)).text()
    expect(staffHtml).toContain('&lt;script&gt;alert(')
    expect(staffHtml).not.toContain('<script>alert')
  })

  it('refuses a filled honeypot with a clear message and stores nothing', async () => {
    const before = await count(rt, 'complaints')
    const res = await file(visitor(app), code, { situs_web: 'http://spam.example' })
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('Formulir tidak dapat diproses.')
    expect(await count(rt, 'complaints')).toBe(before)
  })

  it('stops a complaint flood from one address and lets other addresses through', async () => {
    const b = visitor(app)
    for (let i = 0; i < 5; i++) expect((await file(b, code)).status).toBe(303)
    const before = await count(rt, 'complaints')
    const sixth = await file(b, code)
    expect(sixth.status).toBe(429)
    expect(await sixth.text()).toContain('Terlalu banyak pengaduan dari alamat ini dalam satu jam.')
    expect(await count(rt, 'complaints')).toBe(before)
    expect((await file(visitor(app), code)).status).toBe(303)
  })

  it('checks a photo by its content, strips it down, and shows it to staff only', async () => {
    const before = await count(rt, 'complaints')
    const fake = await file(visitor(app), code, {}, { name: 'jalan.jpg', type: 'image/jpeg', bytes: new TextEncoder().encode('MZ this is an executable') })
    expect(fake.status).toBe(422)
    expect(await fake.text()).toContain('Berkas foto harus gambar JPEG, PNG atau WebP.')
    const huge = new Uint8Array(8 * 1024 * 1024 + 1)
    const over = await file(visitor(app), code, {}, { name: 'besar.jpg', type: 'image/jpeg', bytes: huge })
    expect(over.status).toBe(422)
    expect(await over.text()).toContain('Foto terlalu besar (maksimal 8 MB).')
    expect(await count(rt, 'complaints')).toBe(before)

    const jpeg = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#777' } }).jpeg().toBuffer()
    const ok = await file(visitor(app), code, {}, { name: 'jalan.jpg', type: 'image/jpeg', bytes: jpeg })
    expect(ok.status).toBe(303)
    const row = await rt.db.selectFrom('complaints').selectAll().where('tracking_code', '=', codeOf(ok)).executeTakeFirstOrThrow()
    expect(row.photo_file).toMatch(/^[A-Z2-9]{20}\.jpg$/)
    const photo = await staff.get(`/staf/desa/${code}/pengaduan/${row.id}/foto`)
    expect(photo.status).toBe(200)
    expect((await sharp(Buffer.from(await photo.arrayBuffer())).metadata()).width).toBe(1600)
    expect((await app.request(`/staf/desa/${code}/pengaduan/${row.id}/foto`)).status).toBe(303)
  })

  it('answers an unknown tracking code exactly like any other unknown code', async () => {
    const a = await app.request('/pengaduan/lacak?kode=ABCDEFGHJKLM')
    const b = await app.request('/pengaduan/lacak?kode=ZZZZZZZZZZZZ')
    const c = await app.request('/pengaduan/lacak?kode=%3Cscript%3E')
    expect([a.status, b.status, c.status]).toEqual([404, 404, 404])
    const strip = (s: string) => s.replace(/value="[^"]*"/g, '').replace(/[A-Z2-9]{12}|&lt;script&gt;/g, '')
    const [ta, tb, tc] = await Promise.all([a.text(), b.text(), c.text()])
    expect(strip(ta)).toBe(strip(tb))
    expect(strip(ta)).toBe(strip(tc))
    expect(ta).toContain('Kode pelacakan tidak ditemukan.')
  })

  it('slows down someone guessing tracking codes from one address', async () => {
    const ip = { 'x-forwarded-for': '192.0.2.250' }
    for (let i = 0; i < 60; i++) expect((await app.request('/pengaduan/lacak?kode=ABCDEFGHJKLM', { headers: ip })).status).toBe(404)
    const limited = await app.request('/pengaduan/lacak?kode=ABCDEFGHJKLM', { headers: ip })
    expect(limited.status).toBe(429)
    expect(await limited.text()).toContain('Terlalu banyak permintaan')
    expect((await app.request('/pengaduan/lacak?kode=ABCDEFGHJKLM', { headers: { 'x-forwarded-for': '192.0.2.251' } })).status).toBe(404)
  })

  it('lets an operator answer; the complainant sees the answer and is notified', async () => {
    const b = visitor(app)
    const res = await file(b, code, { contact: 'warga@contoh.id', body: 'Lampu jalan di depan masjid mati sudah dua minggu, mohon diperbaiki.' })
    const tracking = codeOf(res)
    const row = await rt.db.selectFrom('complaints').selectAll().where('tracking_code', '=', tracking).executeTakeFirstOrThrow()
    const inbox = await (await staff.get(`/staf/desa/${code}/pengaduan?status=menunggu&urut=reply_due`)).text()
    expect(inbox).toContain(`/pengaduan/${row.id}`)
    expect(inbox).toContain('14 hari lagi')

    await staff.get(`/staf/desa/${code}/pengaduan/${row.id}`)
    const empty = await staff.post(`/staf/desa/${code}/pengaduan/${row.id}/tanggapan`, { reply: ' ', status: 'diproses' })
    expect(empty.status).toBe(422)
    expect(await empty.text()).toContain('Tanggapan minimal 10 karakter.')
    const notifications = await count(rt, 'notifications')
    const ok = await staff.post(`/staf/desa/${code}/pengaduan/${row.id}/tanggapan`, { reply: 'Terima kasih. Lampu akan diganti petugas pada hari Kamis.', status: 'diproses' })
    expect(ok.status).toBe(303)
    expect(await count(rt, 'notifications')).toBe(notifications + 1)
    const job = await rt.db.selectFrom('jobs').selectAll().orderBy('created_at', 'desc').executeTakeFirstOrThrow()
    expect(job.type).toBe('notify.email')
    expect(job.payload).toContain(tracking)

    const seen = await (await b.get(`/pengaduan/lacak?kode=${tracking}`)).text()
    expect(seen).toContain('Lampu akan diganti petugas pada hari Kamis.')
    expect(seen).toContain('Diproses')
    expect(seen).toContain('Tepat waktu')

    expect((await staff.post(`/staf/desa/${code}/pengaduan/${row.id}/tanggapan`, { reply: 'Lampu sudah diganti pada hari Kamis.', status: 'selesai' })).status).toBe(303)
    const done = await rt.db.selectFrom('complaints').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow()
    expect(done.status).toBe('selesai')
    expect(done.replied_at).toBe((await rt.db.selectFrom('complaints').select('replied_at').where('id', '=', row.id).executeTakeFirstOrThrow()).replied_at)
    expect(done.resolved_at).not.toBeNull()
    const again = await staff.post(`/staf/desa/${code}/pengaduan/${row.id}/tanggapan`, { reply: 'Tanggapan setelah selesai.', status: 'diproses' })
    expect(again.status).toBe(409)
    expect(await again.text()).toContain('sudah selesai')
  })

  it('publishes an answered complaint with an edited text and no personal data', async () => {
    const res = await file(visitor(app), code, { name: 'Nama Rahasia', contact: 'rahasia@contoh.id', body: 'Saya Nama Rahasia di RT 02 belum menerima bantuan beras bulan ini.' })
    const row = await rt.db.selectFrom('complaints').selectAll().where('tracking_code', '=', codeOf(res)).executeTakeFirstOrThrow()
    await staff.get(`/staf/desa/${code}/pengaduan/${row.id}`)
    const early = await staff.post(`/staf/desa/${code}/pengaduan/${row.id}/publikasi`, { publish: '1', publicText: 'Warga RT 02 belum menerima bantuan beras bulan ini.' })
    expect(early.status).toBe(409)
    await staff.post(`/staf/desa/${code}/pengaduan/${row.id}/tanggapan`, { reply: 'Bantuan beras untuk RT 02 disalurkan ulang pada tanggal 10.', status: 'selesai' })
    const short = await staff.post(`/staf/desa/${code}/pengaduan/${row.id}/publikasi`, { publish: '1', publicText: 'pendek' })
    expect(short.status).toBe(422)
    expect(await short.text()).toContain('tanpa data pribadi')
    expect((await staff.post(`/staf/desa/${code}/pengaduan/${row.id}/publikasi`, { publish: '1', publicText: 'Warga RT 02 belum menerima bantuan beras bulan ini.' })).status).toBe(303)
    const html = await (await app.request(`/desa/${code}/pengaduan`)).text()
    expect(html).toContain('Warga RT 02 belum menerima bantuan beras bulan ini.')
    expect(html).toContain('Bantuan beras untuk RT 02 disalurkan ulang')
    expect(html).not.toContain('Nama Rahasia')
    expect(html).not.toContain('rahasia@contoh.id')
    expect(await (await app.request('/desa/63.07.06.2010/pengaduan')).text()).not.toContain('bantuan beras')
  })

  it('links a signed-in resident\'s complaint to their account, so the reply reaches their dashboard', async () => {
    const { nik, pin, actor } = await makeCitizen(rt, { villageCode: code })
    const b = visitor(app)
    await loginCitizen(b, nik, pin)
    expect(await (await b.get(`/desa/${code}/pengaduan`)).text()).toContain(`name="name" type="text" value="${actor.name}"`)
    const res = await file(b, code, { name: 'Warga Masuk', body: 'Saluran air di depan rumah tersumbat sampah plastik sejak minggu lalu.' })
    expect(res.status).toBe(303)
    const row = await rt.db.selectFrom('complaints').selectAll().where('tracking_code', '=', codeOf(res)).executeTakeFirstOrThrow()
    expect(row.citizen_account_id).toBeTruthy()
    await staff.get(`/staf/desa/${code}/pengaduan/${row.id}`)
    await staff.post(`/staf/desa/${code}/pengaduan/${row.id}/tanggapan`, { reply: 'Petugas kebersihan dijadwalkan datang besok pagi.', status: 'diproses' })
    const note = await rt.db.selectFrom('notifications').selectAll().where('citizen_account_id', '=', row.citizen_account_id).executeTakeFirstOrThrow()
    expect(note.link).toBe(`/pengaduan/lacak?kode=${row.tracking_code}`)
  })

  it('shows waiting and overdue complaints on the staff home', async () => {
    const html = await (await staff.get(`/staf/desa/${code}`)).text()
    expect(html).toContain('Pengaduan menunggu tanggapan')
    expect(html).toContain('Pengaduan melewati batas waktu')
  })

  it('sorts the inbox by the resolution deadline and filters by state', async () => {
    const html = await (await staff.get(`/staf/desa/${code}/pengaduan?status=selesai&urut=resolve_due`)).text()
    expect(html).toContain('Tepat waktu')
    expect(html).not.toContain('14 hari lagi')
    expect(html).toContain('<option value="resolve_due" selected="">')
    const junk = await staff.get(`/staf/desa/${code}/pengaduan?status=%3Cx%3E&urut=drop&hal=-4`)
    expect(junk.status).toBe(200)
  })
})

describe('complaint deadlines (UU 25/2009)', () => {
  it('puts the reply 14 days and the resolution 60 days after filing', () => {
    expect(deadlinesFor('2026-12-04T02:00:00.000Z')).toEqual({ replyDue: '2026-12-18T02:00:00.000Z', resolveDue: '2027-02-02T02:00:00.000Z' })
  })
  it('counts days left, days late, and whether it was met', () => {
    const due = '2026-12-18T02:00:00.000Z'
    expect(deadlineState(due, null, Date.parse('2026-12-17T02:00:00.000Z'))).toMatchObject({ kind: 'open', daysLeft: 1 })
    expect(deadlineState(due, null, Date.parse('2026-12-20T01:00:00.000Z'))).toMatchObject({ kind: 'late', daysLate: 2, label: 'Lewat 2 hari' })
    expect(deadlineState(due, '2026-12-10T00:00:00.000Z', Date.parse('2027-01-01T00:00:00.000Z'))).toMatchObject({ kind: 'met' })
    expect(deadlineState(due, '2026-12-19T00:00:00.000Z', 0)).toMatchObject({ kind: 'late', daysLate: 1 })
  })
})
