import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { SYSTEM_META } from '../../src/auth/actor.ts'
import { addAgenda, addOfficial, createPost, updateProfile } from '../../src/portal/portal.service.ts'
import { createTestRuntime, TEST_DIALECT, type TestRuntime } from '../support/db.ts'
import { makeResident, makeStaff, makeVillage } from '../support/factories.ts'
import { makeCitizen } from '../support/citizen-factory.ts'
import { launchChromium, staffLogin, pageWeight, screenshot, seriousViolations, startServer } from './support.ts'

/**
 * Browser journeys on a real server (random loopback port) with Debian's Chromium, JavaScript
 * off as on a cheap phone with data saving; axe-core and the page-weight budget on every
 * public page. Screenshots at 360 and 1280 px land in test-artifacts/e2e/.
 */
// A browser journey is slow on a busy CI machine: generous limits, never a retry.
describe(`${TEST_DIALECT}: public portal in a browser`, { timeout: 180_000 }, () => {
  let rt: TestRuntime
  let server: { base: string; close: () => Promise<void> }
  let browser: Browser
  let code: string
  let postId: string
  let operator: { username: string; password: string }

  beforeAll(async () => {
    rt = await createTestRuntime()
    code = (await makeVillage(rt, '63.07.06.2014')).code
    const admin = await makeStaff(rt, { role: 'village_admin', scope: code })
    operator = await makeStaff(rt, { role: 'operator', scope: code })
    await updateProfile(rt, admin.actor, SYSTEM_META, code, { history: 'Desa tua di tepi **Sungai Barabai**.', geography: 'Dua dusun, enam RT.', vision: 'Desa maju dan mandiri.', mission: '1. Pelayanan cepat\n2. Data akurat' })
    await addOfficial(rt, admin.actor, SYSTEM_META, code, { name: 'Siti Mariam', position: 'Sekretaris Desa', sortOrder: 10 })
    postId = await createPost(rt, admin.actor, SYSTEM_META, code, { kind: 'pengumuman', title: 'Posyandu balita hari Senin', body: 'Bawa **buku KIA**. Pukul 08.00 WITA di balai desa.' }, null, true)
    await addAgenda(rt, admin.actor, SYSTEM_META, code, { title: 'Musyawarah Desa', eventDate: '2099-03-01', eventTime: '09.00', place: 'Balai desa', description: '' })
    for (let i = 0; i < 6; i++) await makeResident(rt, code)
    server = await startServer(rt)
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await rt?.close()
  })

  const publicPages = () => ['/', `/desa/${code}`, `/desa/${code}/profil`, `/desa/${code}/berita`, `/desa/${code}/berita/${postId}`, `/desa/${code}/agenda`, `/desa/${code}/layanan`, `/desa/${code}/statistik`, `/desa/${code}/pengaduan`, '/pengaduan/lacak']

  it('a visitor reads the village portal and its statistics with JavaScript off, at 360 and 1280 px', async () => {
    for (const width of [360, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 800 }, javaScriptEnabled: false })
      const page = await context.newPage()
      await page.goto(`${server.base}/?q=banua`)
      await screenshot(page, 'regency-search')
      await page.getByRole('link', { name: /Banua Jingah/ }).click()
      await expect.poll(() => page.url()).toBe(`${server.base}/desa/${code}`)
      await expect(page.locator('h1').textContent()).resolves.toBe('Desa Banua Jingah')
      // nothing may be wider than the phone's screen
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width)
      await screenshot(page, 'village-home')
      await page.getByRole('link', { name: 'Posyandu balita hari Senin' }).click()
      await expect(page.locator('article strong').first().textContent()).resolves.toBe('buku KIA')
      await screenshot(page, 'village-post')
      await page.goto(`${server.base}/desa/${code}/profil`)
      await expect(page.getByText('Siti Mariam').count()).resolves.toBe(1)
      await page.getByRole('link', { name: 'Statistik', exact: true }).click()
      expect(page.url()).toBe(`${server.base}/desa/${code}/statistik`)
      const stats = await page.locator('main').textContent()
      expect(stats).toMatch(/Penduduk aktif\s*6(?!\d)/)
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width)
      await screenshot(page, 'village-statistics')
      await context.close()
    }
  })

  it('every public page has no serious or critical axe-core violation, at 360 and 1280 px', async () => {
    const found: Record<string, unknown> = {}
    for (const width of [360, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 800 }, bypassCSP: true })
      const page = await context.newPage()
      for (const path of publicPages()) {
        const res = await page.goto(server.base + path)
        expect(res?.status(), path).toBe(200)
        const v = await seriousViolations(page)
        if (v.length) found[`${width} ${path}`] = v
      }
      await context.close()
    }
    expect(found).toEqual({})
  })

  it('every public page fits the 60 KB budget (HTML, CSS, scripts and fonts, gzip) and has its meta tags', async () => {
    for (const path of publicPages()) {
      const w = await pageWeight(server.base, path)
      expect(w.total, `${path}: ${JSON.stringify(w)}`).toBeLessThanOrEqual(60 * 1024)
      const html = await (await fetch(server.base + path)).text()
      expect(html, path).toMatch(/<title>[^<]{5,}<\/title>/)
      expect(html, path).toMatch(/<meta name="description" content="[^"]{20,}"/)
      expect(html, path).toContain('<meta property="og:title"')
    }
  })

  it('an operator answers a complaint and the complainant sees the answer', async () => {
    const resident = await browser.newContext({ viewport: { width: 360, height: 800 }, javaScriptEnabled: false })
    const visitor = await resident.newPage()
    await visitor.goto(`${server.base}/desa/${code}/pengaduan`)
    await visitor.selectOption('#f-category', 'infrastruktur')
    await visitor.fill('#f-body', 'Jembatan kayu di RT 04 patah sebagian, anak sekolah terpaksa memutar jauh.')
    await visitor.fill('#f-name', 'Aminah')
    await screenshot(visitor, 'complaint-form')
    await visitor.getByRole('button', { name: 'Kirim pengaduan' }).click()
    expect(visitor.url()).toContain('/pengaduan/lacak?kode=')
    const tracking = (await visitor.locator('.alert strong.code').textContent())?.replace(/\s/g, '') ?? ''
    expect(tracking).toMatch(/^[A-Z2-9]{12}$/)
    await screenshot(visitor, 'complaint-filed')

    const office = await browser.newContext({ viewport: { width: 1280, height: 800 }, javaScriptEnabled: false })
    const staff = await office.newPage()
    await staffLogin(staff, server.base, operator)
    await staff.getByRole('link', { name: 'Pengaduan', exact: true }).click()
    await expect(staff.getByText('14 hari lagi').count()).resolves.toBe(1)
    await screenshot(staff, 'complaint-inbox')
    await staff.locator('tbody a').first().click()
    await staff.fill('#f-reply', 'Terima kasih, Ibu Aminah. Jembatan diperbaiki dengan dana desa minggu depan.')
    await staff.selectOption('#f-status', 'diproses')
    await staff.getByRole('button', { name: 'Kirim tanggapan' }).click()
    await expect(staff.getByText('Perubahan disimpan.').count()).resolves.toBe(1)
    await screenshot(staff, 'complaint-answered')
    await office.close()

    await visitor.goto(`${server.base}/pengaduan/lacak`)
    await visitor.fill('#f-kode', tracking.toLowerCase())
    await visitor.getByRole('button', { name: 'Lihat' }).click()
    await expect(visitor.getByText('Jembatan diperbaiki dengan dana desa minggu depan.').count()).resolves.toBe(1)
    await expect(visitor.locator('.badge').first().textContent()).resolves.toBe('Diproses')
    await screenshot(visitor, 'complaint-tracked')
    await resident.close()
  })

  it('from the service catalogue to a letter ready for pickup, followed by the resident', async () => {
    const { nik, pin } = await makeCitizen(rt, { villageCode: code })
    const operator = await makeStaff(rt, { role: 'secretary', scope: code })

    const phone = await browser.newContext({ viewport: { width: 360, height: 800 }, javaScriptEnabled: false })
    const resident = await phone.newPage()
    await resident.goto(`${server.base}/desa/${code}/layanan`)
    await expect(resident.locator('#surat-pengantar').textContent()).resolves.toContain('Gratis')
    await screenshot(resident, 'letter-catalogue')
    await resident.locator('#surat-pengantar summary').click()
    await resident.locator('#surat-pengantar a', { hasText: 'Ajukan daring' }).click()
    expect(resident.url()).toContain('/warga/masuk')
    await resident.fill('#f-nik', nik)
    await resident.fill('#f-pin', pin)
    await resident.locator('main button[type=submit]').first().click()
    await resident.goto(`${server.base}/warga/surat/ajukan/pengantar`)
    await resident.getByLabel('Keperluan').fill('Melamar pekerjaan')
    await screenshot(resident, 'letter-request-form')
    await resident.getByRole('button', { name: 'Kirim permohonan' }).click()
    const requestUrl = resident.url()
    expect(requestUrl).toMatch(/\/warga\/surat\/[0-9a-f-]{36}\?baru=1$/)
    const requestId = /surat\/([0-9a-f-]{36})/.exec(requestUrl)![1]
    await expect(resident.locator('main').textContent()).resolves.toContain('Diajukan')
    await screenshot(resident, 'letter-requested')

    const office = await browser.newContext({ viewport: { width: 1280, height: 800 }, javaScriptEnabled: false })
    const staff = await office.newPage()
    await staffLogin(staff, server.base, operator)
    await staff.goto(`${server.base}/staf/desa/${code}/permohonan/${requestId}`)
    await staff.locator('form:has(input[name=action][value=review]) button[type=submit]').click()
    await staff.locator('form:has(input[name=action][value=approve]) select[name=signature]').selectOption('hand')
    await staff.locator('form:has(input[name=action][value=approve]) button[type=submit]').click()
    await screenshot(staff, 'letter-approved')
    await office.close()

    await resident.goto(`${server.base}/warga/surat/${requestId}`)
    await expect(resident.locator('main').textContent()).resolves.toContain('Siap Diambil')
    await screenshot(resident, 'letter-ready')
    await phone.close()
  })
})
