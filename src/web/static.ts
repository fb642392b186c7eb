import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import type { Context } from 'hono'

interface Asset { body: Buffer; gz: Buffer; etag: string; type: string }

const assets = new Map<string, Asset>()

function load(name: string, type: string): Asset {
  let a = assets.get(name)
  if (!a) {
    const body = readFileSync(new URL(`./static/${name}`, import.meta.url))
    a = { body, gz: gzipSync(body, { level: 9 }), etag: `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`, type }
    assets.set(name, a)
  }

  return a
}

/** The stylesheet's address carries its hash, so browsers may keep it for a year. */
export function assetUrl(name: string): string {
  return `/static/${name}?v=${load(name, 'text/css').etag.slice(1, 9)}`
}

const TYPES: Record<string, string> = { 'balai.css': 'text/css; charset=utf-8', 'balai.js': 'text/javascript; charset=utf-8' }

export function serveAsset(c: Context): Response {
  const name = c.req.param('name') ?? ''
  const type = TYPES[name]
  if (!type) return c.notFound() as Response
  const a = load(name, type)
  const headers: Record<string, string> = {
    'content-type': type,
    etag: a.etag,
    'cache-control': 'public, max-age=31536000, immutable',
    vary: 'accept-encoding',
  }
  if (c.req.header('if-none-match') === a.etag) return new Response(null, { status: 304, headers })
  const gzip = /\bgzip\b/.test(c.req.header('accept-encoding') ?? '')
  if (gzip) headers['content-encoding'] = 'gzip'

  return new Response(new Uint8Array(gzip ? a.gz : a.body), { headers })
}
