import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import sharp from 'sharp'
import { createApp } from './app.tsx'
import { createTestRuntime, TEST_DIALECT, type TestRuntime } from '../test/support/db.ts'
import { makeStaff, makeVillage } from '../test/support/factories.ts'
import { TestBrowser, api } from '../test/support/http.ts'

describe(`${TEST_DIALECT}: the web shell`, () => {
  let rt: TestRuntime
  let app: ReturnType<typeof createApp>
  let village: string
  beforeAll(async () => {
    rt = await createTestRuntime()
    app = createApp(rt)
    village = (await makeVillage(rt, '63.07.06.2014')).code
  })
  afterAll(() => rt.close())

  it('answers /healthz after checking the database', async () => {
    const res = await app.request('/healthz')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok' })
  })

  it('lists the 11 kecamatan and 169 villages with the live ones marked', async () => {
    const html = await (await app.request('/')).text()
    expect(html.match(/<section class="district card">/g)).toHaveLength(11)
    expect(html.match(/<li[ >]/g)).toHaveLength(169)
    expect(html).toContain('href="/desa/63.07.06.2014"')
    expect(html.match(/<li class="live">/g)).toHaveLength(1)
    expect(html).toContain('lang="id"')
  })

  it('shows a live village and 404 for one that is not live', async () => {
    const res = await app.request('/desa/63.07.06.2014')
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Desa Banua Jingah')
    const missing = await app.request('/desa/63.07.06.2011')
    expect(missing.status).toBe(404)
    expect(await missing.text()).toContain('tidak ditemukan')
  })

  it('logs staff in and out with an HttpOnly SameSite session cookie', async () => {
    const { username, password } = await makeStaff(rt, { role: 'operator', scope: village })
    const b = new TestBrowser(app)
    await b.get('/staf/masuk')
    const res = await b.post('/staf/masuk', { username, password })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/staf')
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('balai_sid='))
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    expect((await b.get('/staf')).headers.get('location')).toBe(`/staf/desa/${village}`)
    expect((await b.get(`/staf/desa/${village}`)).status).toBe(200)
    await b.post('/staf/keluar', {})
    expect((await b.get(`/staf/desa/${village}`)).status).toBe(303)
  })

  it('answers a wrong password and an unknown user alike', async () => {
    const { username } = await makeStaff(rt, { role: 'operator', scope: village })
    const a = new TestBrowser(app, { ip: '192.0.2.50' })
    await a.get('/staf/masuk')
    const r1 = await a.post('/staf/masuk', { username, password: 'salah-sekali' })
    const r2 = await a.post('/staf/masuk', { username: 'siapa-ini', password: 'salah-sekali' })
    expect(r1.status).toBe(401)
    expect(r2.status).toBe(401)
    expect(await r1.text()).toContain('Nama pengguna atau kata sandi salah.')
    expect(await r2.text()).toContain('Nama pengguna atau kata sandi salah.')
  })

  it('refuses a form posted without its CSRF token, and changes nothing', async () => {
    const { username, password } = await makeStaff(rt, { role: 'village_admin', scope: village })
    const b = new TestBrowser(app)
    await b.login(username, password)
    const form = { headTitle: 'Pembakal', headName: 'Tanpa Token', headNip: '', address: '', postalCode: '', phone: '', email: '', officeHours: '', letterheadLines: 'A', paperSize: 'A4', numberFormat: '[nomor]', counterScope: 'shared' }
    const without = await b.post(`/staf/desa/${village}/pengaturan`, form, { csrf: false })
    expect(without.status).toBe(403)
    expect(await without.text()).toContain('Formulir kedaluwarsa')
    const forged = await b.post(`/staf/desa/${village}/pengaturan`, form, { csrf: 'palsu' })
    expect(forged.status).toBe(403)
    const row = await rt.db.selectFrom('villages').select('head_name').where('code', '=', village).executeTakeFirstOrThrow()
    expect(row.head_name).not.toBe('Tanpa Token')
    const ok = await b.post(`/staf/desa/${village}/pengaturan`, form)
    expect(ok.status).toBe(303)
  })

  it('re-shows a bad settings form with 422 and a message per field', async () => {
    const { username, password } = await makeStaff(rt, { role: 'village_admin', scope: village })
    const b = new TestBrowser(app)
    await b.login(username, password)
    await b.get(`/staf/desa/${village}/pengaturan`)
    const res = await b.post(`/staf/desa/${village}/pengaturan`, { headTitle: '', paperSize: 'A5', numberFormat: 'X', counterScope: 'per_type', letterheadLines: '', email: 'x' })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('Format nomor surat harus memuat [nomor].')
    expect(html).toContain('aria-invalid="true"')
  })

  it('refuses an oversize body with 413', async () => {
    const res = await app.request('/staf/masuk', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'x='.padEnd(400_000, 'a') })
    expect(res.status).toBe(413)
  })

  it('shows unexpected errors as a plain 500 page naming only the request id', async () => {
    const fresh = createApp(rt)
    fresh.get('/uji/galat', () => {
      throw new Error('rahasia internal')
    })
    const res = await fresh.request('/uji/galat')
    expect(res.status).toBe(500)
    const html = await res.text()
    expect(html).toContain('Terjadi kesalahan')
    expect(html).toContain(res.headers.get('x-request-id') ?? 'no-id')
    expect(html).not.toContain('rahasia internal')
  })

  it('takes a village logo only when it really is an image', async () => {
    const { username, password } = await makeStaff(rt, { role: 'village_admin', scope: village })
    const b = new TestBrowser(app)
    await b.login(username, password)
    await b.get(`/staf/desa/${village}/pengaturan`)
    const fake = new FormData()
    fake.set('logo', new File([new TextEncoder().encode('<script>alert(1)</script>')], 'logo.png', { type: 'image/png' }))
    const bad = await b.postMultipart(`/staf/desa/${village}/logo`, fake)
    expect(bad.status).toBe(422)
    expect(await bad.text()).toContain('harus gambar PNG, JPEG atau WebP')
    const png = await sharp({ create: { width: 600, height: 600, channels: 3, background: '#0f6b4f' } }).png().toBuffer()
    const good = new FormData()
    good.set('logo', new File([new Uint8Array(png)], 'logo.png', { type: 'image/png' }))
    expect((await b.postMultipart(`/staf/desa/${village}/logo`, good)).status).toBe(303)
    const served = await app.request(`/desa/${village}/logo.png`)
    expect(served.status).toBe(200)
    const meta = await sharp(new Uint8Array(await served.arrayBuffer())).metadata()
    expect(meta.width).toBe(256)
  })

  it('shows a 404 page in Indonesian', async () => {
    const res = await app.request('/tidak/ada')
    expect(res.status).toBe(404)
    expect(await res.text()).toContain('Tidak ditemukan')
  })

  it('serves the OpenAPI 3.1 document and staff bearer tokens', async () => {
    const doc = await api(app, 'GET', '/api/openapi.json')
    expect(doc.json.openapi).toBe('3.1.0')
    expect(Object.keys(doc.json.paths)).toContain('/api/v1/staff/session')
    const { username, password } = await makeStaff(rt, { role: 'head', scope: village })
    const wrong = await api(app, 'POST', '/api/v1/staff/session', { body: { username, password: 'salah' } })
    expect(wrong.status).toBe(401)
    const bad = await api(app, 'POST', '/api/v1/staff/session', { body: { username: '' } })
    expect(bad.status).toBe(422)
    expect(bad.json.error.fields).toHaveProperty('password')
    const s = await api(app, 'POST', '/api/v1/staff/session', { body: { username, password } })
    expect(s.status).toBe(200)
    const me = await api(app, 'GET', '/api/v1/me', { token: s.json.token })
    expect(me.json).toMatchObject({ kind: 'staff', role: 'head', scope: village })
    expect((await api(app, 'GET', '/api/v1/me')).status).toBe(401)
    const villages = await api(app, 'GET', '/api/v1/villages')
    expect(villages.json.map((v: { code: string }) => v.code)).toContain(village)
    expect((await api(app, 'GET', '/api/v1/villages/63.07.06.2011')).status).toBe(404)
  })

  it('lets a village admin read their audit trail and an operator not', async () => {
    const admin = await makeStaff(rt, { role: 'village_admin', scope: village })
    const op = await makeStaff(rt, { role: 'operator', scope: village })
    const a = new TestBrowser(app)
    await a.login(admin.username, admin.password)
    const page = await a.get(`/staf/desa/${village}/audit`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('village.enable')
    const o = new TestBrowser(app)
    await o.login(op.username, op.password)
    expect((await o.get(`/staf/desa/${village}/audit`)).status).toBe(403)
  })

  it('lets the regency admin switch a village on in the admin UI', async () => {
    const { username, password } = await makeStaff(rt, { role: 'regency_admin', scope: '63.07' })
    const b = new TestBrowser(app)
    await b.login(username, password)
    await b.get('/staf/wilayah/desa')
    const res = await b.post('/staf/wilayah/desa', { code: '63.07.06.2018' })
    expect(res.status).toBe(303)
    const twice = await b.post('/staf/wilayah/desa', { code: '63.07.06.2018' })
    expect(twice.status).toBe(409)
    const outside = await b.post('/staf/wilayah/desa', { code: '63.01.01.2001' })
    expect(outside.status).toBe(422)
    expect(await outside.text()).toContain('di luar kabupaten')
  })
})
