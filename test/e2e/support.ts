import { request as httpRequest } from 'node:http'
import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import { chromium, type Browser, type Page } from 'playwright-core'
import { createApp } from '../../src/app.tsx'
import type { Deps } from '../../src/deps.ts'

/** A real HTTP server on a random loopback port, serving the test runtime's database. */
export async function startServer(deps: Deps): Promise<{ base: string; close: () => Promise<void> }> {
  const app = createApp(deps)
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
  })
  const { port } = server.address() as AddressInfo

  return { base: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) }
}

/** Debian's Chromium, never a downloaded browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] })
}

/** Signs a page in as staff through the login form. */
export async function staffLogin(page: Page, base: string, who: { username: string; password: string }): Promise<void> {
  await page.goto(`${base}/staf/masuk`)
  await page.fill('#f-username', who.username)
  await page.fill('#f-password', who.password)
  await page.click('button[type=submit]')
}

export const ARTIFACTS = 'test-artifacts/e2e'

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true })
  await page.screenshot({ path: `${ARTIFACTS}/${name}-${page.viewportSize()?.width ?? 0}.png`, fullPage: true })
}

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

export interface AxeViolation { id: string; impact: string | null; help: string; nodes: number }

/** Serious and critical axe-core violations of the page as loaded (the context must bypass CSP). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: axePath })
  const result = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: unknown[] }[] }> } }).axe

    return axe.run(document, { resultTypes: ['violations'] })
  })

  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }))
}

/** Bytes on the wire (gzip accepted) for one address. */
export function transferred(url: string): Promise<{ status: number; bytes: number; encoding: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
      let bytes = 0
      res.on('data', (chunk: Buffer) => { bytes += chunk.length })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, encoding: res.headers['content-encoding'] }))
    })
    req.on('error', reject)
    req.end()
  })
}

/**
 * A page's weight as the budget counts it: the HTML plus every stylesheet, script and font it
 * loads, gzip-compressed as served; pictures are not counted.
 */
export async function pageWeight(base: string, path: string): Promise<{ html: number; assets: number; total: number }> {
  const html = await transferred(base + path)
  const body = await (await fetch(base + path)).text()
  const assets = new Set<string>()
  for (const m of body.matchAll(/<link[^>]+rel="(?:stylesheet|preload)"[^>]*href="([^"]+)"|<script[^>]+src="([^"]+)"/g)) assets.add(m[1] ?? m[2])
  let assetBytes = 0
  for (const a of assets) assetBytes += (await transferred(new URL(a, base).toString())).bytes

  return { html: html.bytes, assets: assetBytes, total: html.bytes + assetBytes }
}
