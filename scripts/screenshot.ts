/**
 * Screenshots of pages at phone (360 px) and desktop (1280 px) width, in Debian's Chromium:
 *   npx tsx scripts/screenshot.ts http://127.0.0.1:3000/ /desa/63.07.06.2014 …
 * PNGs go to test-artifacts/screenshots/. Optional: SCREENSHOT_LOGIN=user:password signs in as
 * staff first.
 */
import { mkdirSync } from 'node:fs'
import { chromium } from 'playwright-core'

const [base, ...paths] = process.argv.slice(2)
if (!base) {
  console.error('usage: tsx scripts/screenshot.ts BASE_URL [PATH …]')
  process.exit(2)
}
const out = 'test-artifacts/screenshots'
mkdirSync(out, { recursive: true })
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
})
try {
  for (const width of [360, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 800 }, javaScriptEnabled: false })
    const page = await context.newPage()
    const login = process.env.SCREENSHOT_LOGIN
    if (login) {
      const [u, p] = login.split(':')
      await page.goto(`${base}/staf/masuk`)
      await page.fill('#f-username', u)
      await page.fill('#f-password', p)
      await page.click('button[type=submit]')
    }
    for (const path of paths.length ? paths : ['/']) {
      await page.goto(base + path)
      const name = `${path.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'home'}-${width}.png`
      await page.screenshot({ path: `${out}/${name}`, fullPage: true })
      console.log(`${out}/${name}`)
    }
    await context.close()
  }
} finally {
  await browser.close()
}
