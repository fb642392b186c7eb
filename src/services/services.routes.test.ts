import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app.tsx'
import { createTestRuntime, TEST_DIALECT, type TestRuntime } from '../../test/support/db.ts'
import { makeFamily, makeStaff, makeVillage } from '../../test/support/factories.ts'
import { loginCitizen, makeCitizen } from '../../test/support/citizen-factory.ts'
import { TestBrowser, api } from '../../test/support/http.ts'
import { runDueJobs } from '../jobs/jobs.service.ts'
import { JOB_HANDLERS } from '../jobs/handlers.ts'
import type { ResidentProfile } from '../residents/resident.service.ts'
import type { Village } from '../tenancy/village.ts'
import { SHIPPED_LETTER_TYPES, type FieldDef } from './catalogue.ts'

function sampleValues(fields: FieldDef[], family: ResidentProfile[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const f of fields) {
    switch (f.type) {
      case 'date': out[f.name] = '2026-11-20'; break
      case 'number': out[f.name] = '3'; break
      case 'choice': out[f.name] = f.options![0]; break
      case 'resident': out[f.name] = family[1].nik; break
      case 'group': out[f.name] = [{ nama: 'Ahli Waris Satu', nik: '6307060101900011', hubungan: 'Anak' }, { nama: 'Ahli Waris Dua', nik: '6307064101900012', hubungan: 'Istri' }]; break
      default: out[f.name] = `Isian ${f.label}`
    }
  }

  return out
}

function flatten(values: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(values)) {
    if (Array.isArray(v)) v.forEach((row, i) => { for (const [s, x] of Object.entries(row as Record<string, string>)) out[`fields.${k}.${i}.${s}`] = x })
    else out[`fields.${k}`] = String(v)
  }

  return out
}

function pdfText(bytes: ArrayBuffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'balai-pdf-'))
  writeFileSync(join(dir, 'a.pdf'), Buffer.from(bytes))

  return execFileSync('pdftotext', ['-layout', join(dir, 'a.pdf'), '-']).toString('utf8')
}

describe(`${TEST_DIALECT}: letter service through pages and API`, () => {
  let rt: TestRuntime
  let app: ReturnType<typeof createApp>
  let village: Village
  let family: ResidentProfile[]
  let citizen: { nik: string; pin: string }
  let resident: TestBrowser
  let staff: TestBrowser
  let citizenToken: string
  let staffToken: string

  beforeAll(async () => {
    rt = await createTestRuntime()
    app = createApp(rt)
    village = await makeVillage(rt, '63.07.06.2014')
    family = await makeFamily(rt, village.code, 3)
    citizen = await makeCitizen(rt, { villageCode: village.code, resident: family[0] })
    resident = new TestBrowser(app)
    await loginCitizen(resident, citizen.nik, citizen.pin)
    const head = await makeStaff(rt, { role: 'head', scope: village.code })
    // the operator works the queue and approves; the head signs (issue 5)
    const operator = await makeStaff(rt, { role: 'operator', scope: village.code })
    staff = new TestBrowser(app)
    await staff.login(operator.username, operator.password)
    citizenToken = (await api(app, 'POST', '/api/v1/citizen/session', { body: { nik: citizen.nik, pin: citizen.pin } })).json.token
    staffToken = (await api(app, 'POST', '/api/v1/staff/session', { body: { username: head.username, password: head.password } })).json.token
    expect(citizenToken && staffToken).toBeTruthy()
  }, 60_000)
  afterAll(() => rt.close())

  it.each(SHIPPED_LETTER_TYPES.map((t) => [t.code, t] as const))('%s: requested on the web, approved, PDF with number, name and letterhead', async (_code, type) => {
    const form = await resident.get(`/warga/surat/ajukan/${type.code}`)
    expect(form.status).toBe(200)
    const page = await form.text()
    for (const q of type.requirements) expect(page).toContain(q.replace(/&/g, '&amp;'))
    for (const m of family) expect(page).not.toContain(m.nik) // members are offered by record id, NIKs masked
    const posted = await resident.post(`/warga/surat/ajukan/${type.code}`, { subjectNik: family[0].id, ...flatten(sampleValues(type.fields, family)) })
    expect(posted.status, await posted.clone().text().then((t) => /class="err"[^>]*>([^<]+)/.exec(t)?.[1] ?? '')).toBe(303)
    const id = /\/warga\/surat\/([^?]+)/.exec(posted.headers.get('location')!)![1]
    const approved = await staff.post(`/staf/desa/${village.code}/permohonan/${id}/tindakan`, { action: 'approve', signature: 'hand' })
    expect(approved.status).toBe(303)
    await runDueJobs(rt, JOB_HANDLERS, { types: ['letter.render'] })
    const pdf = await staff.get(`/staf/desa/${village.code}/permohonan/${id}/surat.pdf`)
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    const text = pdfText(await pdf.arrayBuffer())
    const detail = await api(app, 'GET', `/api/v1/requests/${id}`, { token: citizenToken })
    expect(detail.json.state).toBe('siap_diambil')
    expect(text).toContain(detail.json.letter.number)
    expect(text).toContain(type.title)
    expect(text.toUpperCase()).toContain(`DESA ${village.name.toUpperCase()}`)
    expect(text).toContain(family[0].name)
    // the resident downloads the copy from their page too
    expect((await resident.get(`/warga/surat/${id}/surat.pdf`)).status).toBe(200)
  }, 30_000)

  it.each(SHIPPED_LETTER_TYPES.map((t) => [t.code, t] as const))('%s: requested and approved through the API', async (_code, type) => {
    const types = await api(app, 'GET', `/api/v1/villages/${village.code}/letter-types`)
    const listed = types.json.find((t: { code: string }) => t.code === type.code)
    expect(Object.keys(listed)).toEqual(expect.arrayContaining(['code', 'name', 'online', 'requirements', 'fields']))
    const created = await api(app, 'POST', '/api/v1/requests', { token: citizenToken, headers: { 'Idempotency-Key': `api-${type.code}` }, body: { village: village.code, letterType: type.code, subjectNik: family[2].nik, fields: sampleValues(type.fields, family) } })
    expect(created.status, JSON.stringify(created.json)).toBe(201)
    expect(Object.keys(created.json).sort()).toEqual(['id', 'state', 'trackingCode'])
    const acted = await api(app, 'POST', `/api/v1/requests/${created.json.id}/actions`, { token: staffToken, body: { action: 'approve', note: '' } })
    expect(acted.status).toBe(200)
    expect(acted.json.letter).toMatchObject({ number: expect.any(String), verifyToken: expect.stringMatching(/^[A-Z2-9]{24}$/) })
    // NIKs in the answer (subject, parents, heirs, followers) are masked
    expect(JSON.stringify(acted.json)).not.toMatch(/\d{16}/)
    await runDueJobs(rt, JOB_HANDLERS, { types: ['letter.render'] })
    const pdf = await api(app, 'GET', `/api/v1/requests/${created.json.id}/letter.pdf`, { token: citizenToken })
    expect(pdf.status).toBe(200)
    expect(pdfText(await pdf.res.arrayBuffer())).toContain(family[2].name)
  }, 30_000)

  it('a repeated Idempotency-Key creates one request', async () => {
    const body = { village: village.code, letterType: 'skck', subjectNik: family[0].nik, fields: { keperluan: 'Melamar kerja' } }
    const a = await api(app, 'POST', '/api/v1/requests', { token: citizenToken, headers: { 'Idempotency-Key': 'sama' }, body })
    const b = await api(app, 'POST', '/api/v1/requests', { token: citizenToken, headers: { 'Idempotency-Key': 'sama' }, body })
    expect(b.json.id).toBe(a.json.id)
    const n = await rt.db.selectFrom('request_idempotency').select('request_id').where('key', '=', 'sama').execute()
    expect(n).toHaveLength(1)
  })

  it('missing fields answer 422 with a message per field, on the API and the page', async () => {
    const r = await api(app, 'POST', '/api/v1/requests', { token: citizenToken, body: { village: village.code, letterType: 'usaha', subjectNik: family[0].nik, fields: { nama_usaha: 'Warung' } } })
    expect(r.status).toBe(422)
    expect(Object.keys(r.json.error.fields)).toEqual(expect.arrayContaining(['fields.jenis_usaha', 'fields.alamat_usaha', 'fields.mulai_tahun', 'fields.keperluan']))
    const notObject = await api(app, 'POST', '/api/v1/requests', { token: citizenToken, body: { village: village.code, letterType: 'usaha', subjectNik: family[0].nik, fields: 'teks' } })
    expect(notObject.status).toBe(422)
    expect(notObject.json.error.fields.fields).toBe('fields harus berupa objek isian.')
    const page = await resident.post('/warga/surat/ajukan/usaha', { subjectNik: family[0].nik, 'fields.nama_usaha': 'Warung' })
    expect(page.status).toBe(422)
    const html = await page.text()
    expect(html).toContain('Jenis usaha wajib diisi.')
    expect(html).toContain('value="Warung"')
  })

  it('an upload that is too big or not a document is refused on the page', async () => {
    const data = new FormData()
    data.set('subjectNik', family[0].nik)
    data.set('fields.keperluan', 'Bank')
    data.set('doc.0', new File([new Uint8Array(5 * 1024 * 1024 + 10)], 'besar.jpg', { type: 'image/jpeg' }))
    const big = await resident.postMultipart('/warga/surat/ajukan/domisili', data)
    expect(big.status).toBe(422)
    expect(await big.text()).toContain('terlalu besar')
    data.set('doc.0', new File([new TextEncoder().encode('<html>bukan gambar</html>')], 'ktp.jpg', { type: 'image/jpeg' }))
    const fake = await resident.postMultipart('/warga/surat/ajukan/domisili', data)
    expect(fake.status).toBe(422)
    expect(await fake.text()).toContain('bukan JPEG, PNG atau PDF')
  })

  it("another resident changing the id gets 404 for opening, cancelling and downloading", async () => {
    const mine = await api(app, 'POST', '/api/v1/requests', { token: citizenToken, body: { village: village.code, letterType: 'pengantar', subjectNik: family[0].nik, fields: { keperluan: 'Urusan bank' } } })
    const done = await api(app, 'POST', '/api/v1/requests', { token: citizenToken, body: { village: village.code, letterType: 'pengantar', subjectNik: family[0].nik, fields: { keperluan: 'Urusan sekolah' } } })
    await api(app, 'POST', `/api/v1/requests/${done.json.id}/actions`, { token: staffToken, body: { action: 'approve', note: '' } })
    await runDueJobs(rt, JOB_HANDLERS, { types: ['letter.render'] })
    const other = await makeCitizen(rt, { villageCode: village.code })
    const token = (await api(app, 'POST', '/api/v1/citizen/session', { body: { nik: other.nik, pin: other.pin }, ip: '198.51.100.77' })).json.token
    expect((await api(app, 'GET', `/api/v1/requests/${mine.json.id}`, { token })).status).toBe(404)
    expect((await api(app, 'POST', `/api/v1/requests/${mine.json.id}/actions`, { token, body: { action: 'cancel' } })).status).toBe(404)
    expect((await api(app, 'GET', `/api/v1/requests/${done.json.id}/letter.pdf`, { token })).status).toBe(404)
    const browser = new TestBrowser(app, { ip: '198.51.100.78' })
    await loginCitizen(browser, other.nik, other.pin)
    expect((await browser.get(`/warga/surat/${mine.json.id}`)).status).toBe(404)
    expect((await browser.post(`/warga/surat/${mine.json.id}/batal`, {})).status).toBe(404)
    expect((await browser.get(`/warga/surat/${done.json.id}/surat.pdf`)).status).toBe(404)
    expect((await api(app, 'GET', `/api/v1/requests/${mine.json.id}`, { token: citizenToken })).json.state).toBe('diajukan')
  })

  it('an action not allowed in the state answers 409 and changes nothing', async () => {
    const r = await api(app, 'POST', '/api/v1/requests', { token: citizenToken, body: { village: village.code, letterType: 'pengantar', subjectNik: family[0].nik, fields: { keperluan: 'Urusan lain' } } })
    const res = await api(app, 'POST', `/api/v1/requests/${r.json.id}/actions`, { token: staffToken, body: { action: 'hand-over', collectedBy: 'X' } })
    expect(res.status).toBe(409)
    expect(res.json.error.message).toContain('Diajukan')
    const page = await staff.post(`/staf/desa/${village.code}/permohonan/${r.json.id}/tindakan`, { action: 'hand-over', collectedBy: 'X' })
    expect(page.status).toBe(409)
  })

  it('the queue, request page, register and catalogue pages render for staff', async () => {
    const queue = await staff.get(`/staf/desa/${village.code}/permohonan`)
    expect(queue.status).toBe(200)
    expect(await queue.text()).toMatch(/Tepat waktu|Segera jatuh tempo|Terlambat/)
    const agenda = await staff.get(`/staf/desa/${village.code}/agenda`)
    expect(await agenda.text()).toContain('/63.07.06.2014/')
    expect((await staff.get(`/staf/desa/${village.code}/layanan`)).status).toBe(403)
    expect((await staff.get(`/staf/desa/${village.code}/permohonan/baru`)).status).toBe(200)
    expect((await staff.get(`/staf/desa/${village.code}/permohonan/baru?jenis=ahli_waris`)).status).toBe(200)
    const bad = await staff.post(`/staf/desa/${village.code}/permohonan/baru?jenis=skck`, { subjectNik: '6307060000000000', 'fields.keperluan': 'Kerja' })
    expect(bad.status).toBe(422)
    expect(await bad.text()).toContain('NIK tidak terdaftar di data penduduk desa ini.')
    const walkIn = await staff.post(`/staf/desa/${village.code}/permohonan/baru?jenis=skck`, { subjectNik: family[2].nik, 'fields.keperluan': 'Kerja' })
    expect(walkIn.status).toBe(303)
    const page = await staff.get(walkIn.headers.get('location')!)
    const html = await page.text()
    expect(html).toContain('Diajukan di loket pelayanan.')
    expect(html).not.toContain(family[2].nik)
  })

  it('public tracking shows state and dates, and all unknown codes answer alike', async () => {
    const r = await api(app, 'POST', '/api/v1/requests', { token: citizenToken, body: { village: village.code, letterType: 'pengantar', subjectNik: family[0].nik, fields: { keperluan: 'Lacak' } } })
    const found = await staff.get(`/lacak?kode=${r.json.trackingCode}`)
    const html = await found.text()
    expect(html).toContain('Diajukan')
    expect(html).not.toContain(family[0].name)
    const a = await new TestBrowser(app).get('/lacak?kode=AAAAAAAAAA')
    const b = await new TestBrowser(app).get('/lacak?kode=xyz')
    expect(a.status).toBe(404)
    expect(b.status).toBe(404)
    const strip = (s: string) => s.replace(/value="[^"]*"/g, '').replace(/name="_csrf"[^>]*>/g, '')
    expect(strip(await a.text())).toBe(strip(await b.text()))
  })

  it('templates are checked on save and previewed against a real resident', async () => {
    const admin = await makeStaff(rt, { role: 'village_admin', scope: village.code })
    const b = new TestBrowser(app, { ip: '198.51.100.90' })
    await b.login(admin.username, admin.password)
    const edit = await b.get(`/staf/desa/${village.code}/layanan/skck`)
    expect(edit.status).toBe(200)
    const bad = await b.post(`/staf/desa/${village.code}/layanan/skck`, { enabled: '1', online: '', slaHours: '', template: 'Nama {{ penduduk.nama }} {{ isian.tidak_ada }}' })
    expect(bad.status).toBe(422)
    expect(await bad.text()).toContain('isian.tidak_ada')
    const ok = await b.post(`/staf/desa/${village.code}/layanan/skck`, { enabled: '1', online: '', slaHours: '4', template: 'Surat untuk **{{ penduduk.nama }}** guna {{ isian.keperluan }}.' })
    expect(ok.status).toBe(303)
    const preview = await b.post(`/staf/desa/${village.code}/layanan/skck/pratinjau`, { nik: family[1].nik, template: 'Halo {{ penduduk.nama }} dari {{ desa.nama }}' })
    expect(preview.status).toBe(200)
    expect(await preview.text()).toContain(`Halo ${family[1].name} dari ${village.name}`)
    const audited = await rt.db.selectFrom('audit_events').select('action').where('action', '=', 'catalogue.preview').execute()
    expect(audited).toHaveLength(1)
    const types = await api(app, 'GET', `/api/v1/villages/${village.code}/letter-types`)
    expect(types.json.find((t: { code: string }) => t.code === 'skck').slaHours).toBe(4)
    const regency = await makeStaff(rt, { role: 'regency_admin', scope: rt.config.regency })
    const r = new TestBrowser(app, { ip: '198.51.100.91' })
    await r.login(regency.username, regency.password)
    expect((await r.get('/staf/wilayah/layanan')).status).toBe(200)
    const badRegency = await r.post('/staf/wilayah/layanan/usaha', { name: 'Surat Keterangan Usaha', title: 'SURAT KETERANGAN USAHA', classificationCode: '500.2', online: '1', requirements: 'KTP', slaHours: '8', validityDays: '0', template: '{{ penduduk.nama }}' })
    expect(badRegency.status).toBe(422)
    expect(await badRegency.text()).toContain('Masa berlaku minimal 1 hari.')
  })

  it('documents are added through the API and the page, checked by content', async () => {
    const r = await api(app, 'POST', '/api/v1/requests', { token: citizenToken, body: { village: village.code, letterType: 'domisili', subjectNik: family[0].nik, fields: { keperluan: 'Dokumen' } } })
    const pdf = await (await staff.get(`/staf/desa/${village.code}/permohonan/${(await rt.db.selectFrom('letters').select('request_id').executeTakeFirstOrThrow()).request_id}/surat.pdf`)).arrayBuffer()
    const send = async (file: File, requirement = 'Fotokopi Kartu Keluarga') => {
      const fd = new FormData()
      fd.set('requirement', requirement)
      fd.set('file', file)
      const res = await app.request(`/api/v1/requests/${r.json.id}/documents`, { method: 'POST', body: fd, headers: { authorization: `Bearer ${citizenToken}`, 'x-forwarded-for': '198.51.100.9' } })

      return { status: res.status, json: await res.json() }
    }
    const ok = await send(new File([pdf], 'kk.pdf', { type: 'application/pdf' }))
    expect(ok.status).toBe(200)
    expect(ok.json.documents).toEqual([expect.objectContaining({ requirement: 'Fotokopi Kartu Keluarga', mime: 'application/pdf' })])
    const wrong = await send(new File([new TextEncoder().encode('MZ executable')], 'kk.pdf', { type: 'application/pdf' }))
    expect(wrong.status).toBe(422)
    expect(wrong.json.error.fields['documents.0']).toMatch(/bukan JPEG, PNG atau PDF/)
    const unknown = await send(new File([pdf], 'x.pdf'), 'Surat sakti')
    expect(unknown.status).toBe(422)
    const data = new FormData()
    data.set('doc.0', new File([pdf], 'ktp.pdf', { type: 'application/pdf' }))
    expect((await resident.postMultipart(`/warga/surat/${r.json.id}/berkas`, data)).status).toBe(303)
    const detail = await api(app, 'GET', `/api/v1/requests/${r.json.id}`, { token: staffToken })
    expect(detail.json.documents).toHaveLength(2)
    const upload = await staff.get(`/staf/desa/${village.code}/permohonan/${r.json.id}/berkas/${detail.json.documents[1].id}`)
    expect(upload.status).toBe(200)
    expect(upload.headers.get('content-type')).toBe('application/pdf')
    expect(upload.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('the OpenAPI document lists the letter endpoints', async () => {
    const doc = (await api(app, 'GET', '/api/openapi.json')).json
    for (const p of ['/api/v1/villages/{code}/letter-types', '/api/v1/requests', '/api/v1/requests/{id}', '/api/v1/requests/{id}/actions', '/api/v1/requests/{id}/letter.pdf']) {
      expect(doc.paths[p], p).toBeTruthy()
    }
  })
})
