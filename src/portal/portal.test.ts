import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app.tsx'
import { createTestRuntime, TEST_DIALECT, type TestRuntime } from '../../test/support/db.ts'
import { makeResident, makeStaff, makeVillage } from '../../test/support/factories.ts'
import { TestBrowser } from '../../test/support/http.ts'
import { renderMarkdown } from './markdown.ts'

const count = async (rt: TestRuntime, table: 'portal_posts' | 'portal_officials' | 'portal_agenda' | 'portal_profiles' | 'audit_events') =>
  Number((await rt.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

const png = (w: number, h: number) => sharp({ create: { width: w, height: h, channels: 3, background: '#3a7' } }).png().toBuffer()

function postForm(fields: Record<string, string>, file?: { name: string; type: string; bytes: Uint8Array }): FormData {
  const fd = new FormData()
  for (const [k, v] of Object.entries(fields)) fd.set(k, v)
  if (file) fd.set('image', new File([new Uint8Array(file.bytes)], file.name, { type: file.type }))

  return fd
}

describe(`${TEST_DIALECT}: village portal`, () => {
  let rt: TestRuntime
  let app: ReturnType<typeof createApp>
  let code: string
  let other: string
  let editor: TestBrowser

  beforeAll(async () => {
    rt = await createTestRuntime()
    app = createApp(rt)
    code = (await makeVillage(rt, '63.07.06.2014')).code
    other = (await makeVillage(rt, '63.07.06.2010')).code
    const op = await makeStaff(rt, { role: 'operator', scope: code })
    editor = new TestBrowser(app, { ip: '198.51.100.20' })
    await editor.login(op.username, op.password)
  })
  afterAll(() => rt.close())

  it('searches villages by name without JavaScript and shows live resident figures', async () => {
    await makeResident(rt, code)
    await makeResident(rt, code)
    const html = await (await app.request('/?q=JINGAH')).text()
    expect(html).toContain('href="/desa/63.07.06.2014"')
    expect(html).not.toContain('Mandingin')
    expect(html).toContain('1 desa/kelurahan cocok')
    expect(html).toMatch(/Penduduk terdaftar<\/span><b>2<\/b>/)
    expect(html).toContain('Sapa Si Gadis')
    const none = await (await app.request('/?q=%3Cscript%3Ex')).text()
    expect(none).toContain('Tidak ada desa/kelurahan bernama &quot;&lt;script&gt;x&quot;')
    expect(none).not.toContain('<script>x')
  })

  it('lets staff edit the profile; HTML in it is shown as text; the change is audited', async () => {
    await editor.get(`/staf/desa/${code}/portal`)
    const before = await count(rt, 'audit_events')
    const res = await editor.post(`/staf/desa/${code}/portal`, { history: 'Didirikan tahun 1912. <script>alert(1)</script> <img src=x onerror=alert(2)>', geography: 'Luas 3,2 km²', vision: 'Desa **mandiri**', mission: '1. Pelayanan cepat\n2. Data akurat' })
    expect(res.status).toBe(303)
    expect(await count(rt, 'audit_events')).toBe(before + 1)
    const html = await (await app.request(`/desa/${code}/profil`)).text()
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).not.toContain('<script>alert')
    expect(html).not.toMatch(/<img[^>]*onerror/)
    expect(html).toContain('<strong>mandiri</strong>')
    expect(html).toContain('<li>Data akurat</li>')
  })

  it('re-shows an oversize profile with 422 and changes nothing', async () => {
    const res = await editor.post(`/staf/desa/${code}/portal`, { history: 'x'.repeat(20_001), geography: '', vision: '', mission: '' })
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('Sejarah desa maksimal 20000 karakter.')
    const row = await rt.db.selectFrom('portal_profiles').select('history').where('village_code', '=', code).executeTakeFirstOrThrow()
    expect(row.history).toContain('1912')
  })

  it('manages officials with positions; a blank name is refused', async () => {
    expect((await editor.post(`/staf/desa/${code}/portal/perangkat`, { name: 'Siti Aisyah', position: 'Sekretaris Desa', sortOrder: '10' })).status).toBe(303)
    expect((await editor.post(`/staf/desa/${code}/portal/perangkat`, { name: 'Rahmat', position: 'Kaur Keuangan', sortOrder: '20' })).status).toBe(303)
    const bad = await editor.post(`/staf/desa/${code}/portal/perangkat`, { name: ' ', position: 'Kasi', sortOrder: 'x' })
    expect(bad.status).toBe(422)
    const text = await bad.text()
    expect(text).toContain('Nama wajib diisi.')
    expect(text).toContain('Urutan harus angka.')
    expect(await count(rt, 'portal_officials')).toBe(2)
    const rahmat = await rt.db.selectFrom('portal_officials').selectAll().where('name', '=', 'Rahmat').executeTakeFirstOrThrow()
    expect((await editor.post(`/staf/desa/${code}/portal/perangkat/${rahmat.id}`, { name: 'Rahmat Hidayat', position: 'Kaur Keuangan', sortOrder: '5' })).status).toBe(303)
    const html = await (await app.request(`/desa/${code}/profil`)).text()
    expect(html.indexOf('Rahmat Hidayat')).toBeLessThan(html.indexOf('Siti Aisyah'))
    expect((await editor.post(`/staf/desa/${code}/portal/perangkat/${rahmat.id}/hapus`, {})).status).toBe(303)
    expect(await count(rt, 'portal_officials')).toBe(1)
  })

  it('keeps drafts off the portal until published', async () => {
    const res = await editor.postMultipart(`/staf/desa/${code}/portal/berita/baru`, postForm({ kind: 'pengumuman', title: 'Jadwal posyandu Desember', body: 'Posyandu dibuka **Senin** pukul 08.00 WITA.', publish: '0' }))
    expect(res.status).toBe(303)
    const id = /berita\/([0-9a-f-]{36})/.exec(res.headers.get('location') ?? '')![1]
    expect((await app.request(`/desa/${code}/berita/${id}`)).status).toBe(404)
    expect(await (await app.request(`/desa/${code}`)).text()).not.toContain('Jadwal posyandu')
    expect((await editor.post(`/staf/desa/${code}/portal/berita/${id}/status`, { publish: '1' })).status).toBe(303)
    const page = await app.request(`/desa/${code}/berita/${id}`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('<strong>Senin</strong>')
    expect(html).toContain('property="og:type" content="article"')
    expect(await (await app.request(`/desa/${code}`)).text()).toContain('Jadwal posyandu Desember')
    // the same post through another village's address is simply not there
    expect((await app.request(`/desa/${other}/berita/${id}`)).status).toBe(404)
    expect((await editor.post(`/staf/desa/${code}/portal/berita/${id}/status`, { publish: '0' })).status).toBe(303)
    expect((await app.request(`/desa/${code}/berita/${id}`)).status).toBe(404)
  })

  it('shows script and HTML in a post as text and drops javascript: links', async () => {
    const res = await editor.postMultipart(`/staf/desa/${code}/portal/berita/baru`, postForm({
      kind: 'berita', title: 'Kerja bakti <b>akbar</b>', publish: '1',
      body: '<script>alert("x")</script>\n\n[klik](javascript:alert(1)) dan <iframe src="https://contoh.id"></iframe>\n\n# Judul',
    }))
    expect(res.status).toBe(303)
    const id = /berita\/([0-9a-f-]{36})/.exec(res.headers.get('location') ?? '')![1]
    const html = await (await app.request(`/desa/${code}/berita/${id}`)).text()
    expect(html).toContain('Kerja bakti &lt;b&gt;akbar&lt;/b&gt;')
    expect(html).toContain('&lt;script&gt;alert(')
    expect(html).not.toContain('<script>alert')
    expect(html).not.toContain('<iframe')
    expect(html).not.toMatch(/href="javascript:/i)
    expect(html).toContain('<h2>Judul</h2>')
  })

  it('resizes an uploaded picture, serves it through a route, and refuses non-images and oversize files', async () => {
    const big = await png(3000, 2000)
    const ok = await editor.postMultipart(`/staf/desa/${code}/portal/berita/baru`, postForm({ kind: 'berita', title: 'Panen raya padi', body: 'Panen raya di Dusun I.', publish: '1' }, { name: 'panen.png', type: 'image/png', bytes: big }))
    expect(ok.status).toBe(303)
    const id = /berita\/([0-9a-f-]{36})/.exec(ok.headers.get('location') ?? '')![1]
    const row = await rt.db.selectFrom('portal_posts').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect([row.image_width, row.image_height]).toEqual([1200, 800])
    const img = await app.request(`/desa/${code}/berita/${id}/gambar.jpg`)
    expect(img.status).toBe(200)
    expect(img.headers.get('content-type')).toBe('image/jpeg')
    const meta = await sharp(Buffer.from(await img.arrayBuffer())).metadata()
    expect(meta.width).toBe(1200)
    expect(await (await app.request(`/desa/${code}/berita/${id}`)).text()).toContain(`og:image" content="${rt.config.publicUrl}/desa/${code}/berita/${id}/gambar.jpg`)

    // a new picture replaces the old file; deleting the post removes it
    const { existsSync } = await import('node:fs')
    const oldFile = `${rt.config.dataDir}/files/posts/${row.image_file}`
    expect(existsSync(oldFile)).toBe(true)
    expect((await editor.postMultipart(`/staf/desa/${code}/portal/berita/${id}`, postForm({ kind: 'berita', title: 'Panen raya padi', body: 'Panen raya di Dusun I.' }, { name: 'b.png', type: 'image/png', bytes: await png(800, 600) }))).status).toBe(303)
    expect(existsSync(oldFile)).toBe(false)
    const newFile = (await rt.db.selectFrom('portal_posts').select('image_file').where('id', '=', id).executeTakeFirstOrThrow()).image_file
    expect((await editor.post(`/staf/desa/${code}/portal/berita/${id}/hapus`, {})).status).toBe(303)
    expect(existsSync(`${rt.config.dataDir}/files/posts/${newFile}`)).toBe(false)

    const posts = await count(rt, 'portal_posts')
    const fake = await editor.postMultipart(`/staf/desa/${code}/portal/berita/baru`, postForm({ kind: 'berita', title: 'Bukan gambar', body: 'Isi', publish: '1' }, { name: 'foto.png', type: 'image/png', bytes: new TextEncoder().encode('<?php system($_GET["c"]); ?>') }))
    expect(fake.status).toBe(422)
    expect(await fake.text()).toContain('Berkas foto harus gambar JPEG, PNG atau WebP.')
    const huge = new Uint8Array(8 * 1024 * 1024 + 10)
    huge.set(big.subarray(0, 64))
    const over = await editor.postMultipart(`/staf/desa/${code}/portal/berita/baru`, postForm({ kind: 'berita', title: 'Terlalu besar', body: 'Isi', publish: '1' }, { name: 'besar.png', type: 'image/png', bytes: huge }))
    expect(over.status).toBe(422)
    expect(await over.text()).toContain('Foto terlalu besar (maksimal 8 MB).')
    expect(await count(rt, 'portal_posts')).toBe(posts)
  })

  it('keeps another village\'s and unknown posts at 404 and a village that is not live at 404', async () => {
    expect((await app.request(`/desa/${code}/berita/tidak-ada`)).status).toBe(404)
    expect((await app.request('/desa/63.07.06.2011/profil')).status).toBe(404)
    expect((await app.request('/desa/63.07.06.2011/pengaduan')).status).toBe(404)
  })

  it('lists coming agenda items and refuses an impossible date', async () => {
    const bad = await editor.post(`/staf/desa/${code}/portal/agenda`, { title: 'Musdes', eventDate: '2026-02-31', eventTime: '25.00', place: '', description: '' })
    expect(bad.status).toBe(422)
    const t = await bad.text()
    expect(t).toContain('Tanggal tidak sah.')
    expect(t).toContain('Jam harus berformat JJ.MM')
    expect(await count(rt, 'portal_agenda')).toBe(0)
    const ok = await editor.post(`/staf/desa/${code}/portal/agenda`, { title: 'Musyawarah Desa RKP 2027', eventDate: '2099-01-15', eventTime: '09:00', place: 'Balai desa', description: 'Terbuka untuk warga' })
    expect(ok.status).toBe(303)
    await editor.post(`/staf/desa/${code}/portal/agenda`, { title: 'Kegiatan lama', eventDate: '2020-01-01', eventTime: '', place: '', description: '' })
    const html = await (await app.request(`/desa/${code}/agenda`)).text()
    expect(html).toContain('Musyawarah Desa RKP 2027')
    expect(html).toContain('15 Januari 2099, pukul 09.00 WITA')
    expect(html).not.toContain('Kegiatan lama')
  })

  it('shows script in an official\'s name or an agenda title as text', async () => {
    await editor.post(`/staf/desa/${code}/portal/agenda`, { title: '<script>alert("agenda")</script>Rapat', eventDate: '2099-02-01', eventTime: '', place: '<b>Balai</b>', description: '' })
    await editor.post(`/staf/desa/${code}/portal/perangkat`, { name: '<img src=x onerror=alert(1)>', position: 'Kaur', sortOrder: '1' })
    const agenda = await (await app.request(`/desa/${code}/agenda`)).text()
    expect(agenda).toContain('&lt;script&gt;alert(&quot;agenda&quot;)&lt;/script&gt;Rapat')
    expect(agenda).toContain('&lt;b&gt;Balai&lt;/b&gt;')
    const profile = await (await app.request(`/desa/${code}/profil`)).text()
    expect(profile).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(profile).not.toMatch(/<img[^>]*onerror/)
  })

  it('shows the service catalogue with requirements, time, free fee and the service pledge', async () => {
    const html = await (await app.request(`/desa/${code}/layanan`)).text()
    expect(html).toContain('Maklumat pelayanan')
    expect(html).toContain('Gratis')
    expect(html).toContain('Persyaratan')
    expect(html).toMatch(/Waktu penyelesaian<\/dt><dd>\d/)
  })

  it('refuses portal editing to a role without portal.edit', async () => {
    const head = await makeStaff(rt, { role: 'head', scope: code })
    const b = new TestBrowser(app, { ip: '198.51.100.21' })
    await b.login(head.username, head.password)
    expect((await b.get(`/staf/desa/${code}/portal`)).status).toBe(403)
    expect((await b.post(`/staf/desa/${code}/portal/agenda`, { title: 'X', eventDate: '2099-01-01', eventTime: '', place: '', description: '' })).status).toBe(403)
  })

  it('serves sitemap.xml with published posts only, and robots.txt', async () => {
    const xml = await (await app.request('/sitemap.xml')).text()
    expect(xml).toContain(`<loc>${rt.config.publicUrl}/desa/${code}/profil</loc>`)
    expect(xml).toContain(`/desa/${other}/layanan`)
    const published = await rt.db.selectFrom('portal_posts').select(['id', 'status']).execute()
    for (const p of published) expect(xml.includes(p.id)).toBe(p.status === 'published')
    const robots = await (await app.request('/robots.txt')).text()
    expect(robots).toContain('Disallow: /staf')
    expect(robots).toContain(`Sitemap: ${rt.config.publicUrl}/sitemap.xml`)
  })

  it('compresses pages and answers a repeated visit with 304', async () => {
    const first = await app.request(`/desa/${code}`, { headers: { 'accept-encoding': 'gzip' } })
    expect(first.headers.get('content-encoding')).toBe('gzip')
    const tag = first.headers.get('etag')
    expect(tag).toBeTruthy()
    const cookie = first.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
    const again = await app.request(`/desa/${code}`, { headers: { 'if-none-match': tag!, cookie, 'accept-encoding': 'gzip' } })
    expect(again.status).toBe(304)
    expect(first.headers.get('cache-control')).toBe('private, no-cache')
  })
})

describe('markdown rendering', () => {
  it('escapes raw HTML and keeps Markdown formatting', () => {
    expect(renderMarkdown('a <b onclick="x()">b</b>')).toBe('<p>a &lt;b onclick=&quot;x()&quot;&gt;b&lt;/b&gt;</p>\n')
    expect(renderMarkdown('[a](https://hst.go.id)')).toContain('<a href="https://hst.go.id">a</a>')
    expect(renderMarkdown('[a](data:text/html;base64,AAAA)')).not.toContain('data:')
    expect(renderMarkdown('![x](https://evil/x.png)')).not.toContain('<img')
  })
})

describe(`${TEST_DIALECT}: page cache for anonymous visitors`, () => {
  let rt: TestRuntime
  let app: ReturnType<typeof createApp>
  let code: string
  let editor: TestBrowser
  beforeAll(async () => {
    rt = await createTestRuntime()
    app = createApp(rt)
    code = (await makeVillage(rt, '63.07.06.2014')).code
    const op = await makeStaff(rt, { role: 'operator', scope: code })
    editor = new TestBrowser(app, { ip: '198.51.100.40' })
    await editor.login(op.username, op.password)
  })
  afterAll(() => rt.close())

  it('serves stored bytes with a stable ETag and drops them when the portal changes', async () => {
    const a = await app.request(`/desa/${code}`, { headers: { 'accept-encoding': 'gzip' } })
    const b = await app.request(`/desa/${code}`, { headers: { 'accept-encoding': 'gzip' } })
    expect(a.headers.get('etag')).toBe(b.headers.get('etag'))
    expect(b.headers.get('content-encoding')).toBe('gzip')
    expect(b.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect((await app.request(`/desa/${code}`, { headers: { 'if-none-match': b.headers.get('etag')! } })).status).toBe(304)
    const plain = await app.request(`/desa/${code}`)
    expect(plain.headers.get('content-encoding')).toBeNull()
    expect(await plain.text()).toContain('Desa Banua Jingah')

    await editor.postMultipart(`/staf/desa/${code}/portal/berita/baru`, postForm({ kind: 'pengumuman', title: 'Pengumuman baru sekali', body: 'Isi pengumuman.', publish: '1' }))
    const after = await app.request(`/desa/${code}`)
    expect(await after.text()).toContain('Pengumuman baru sekali')
    expect(after.headers.get('etag')).not.toBe(a.headers.get('etag'))
  })

  it('never serves a stored page to a signed-in visitor or a page with a form token', async () => {
    await app.request(`/desa/${code}`)
    const staffView = await (await editor.get(`/desa/${code}`)).text()
    expect(staffView).toContain('Area Staf')
    expect(await (await app.request(`/desa/${code}`)).text()).toContain('Masuk Staf')
    const f1 = await (await app.request(`/desa/${code}/pengaduan`)).text()
    expect(f1).toContain('name="_csrf"')
  })
})
