import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import type { MiddlewareHandler } from 'hono'
import type { Deps } from '../deps.ts'
import type { AppEnv } from '../web/env.ts'
import { SESSION_COOKIE } from '../auth/session.middleware.ts'

/*
 * Micro-cache of the portal's public pages for anonymous visitors. A village's home page is
 * the same for every visitor without a session, and rendering it (queries, JSX, gzip, ETag)
 * costs ~10× what serving stored bytes does. Entries live `ttlMs` at most and are dropped at
 * once when the village's portal content changes in this process (see invalidatePortalPages);
 * with several server processes, another process's change shows after the TTL.
 * Pages with a form token, signed-in visitors and anything but a plain 200 are never cached.
 */

interface Entry { raw: Uint8Array<ArrayBuffer>; gz: Uint8Array<ArrayBuffer>; etag: string; type: string; expires: number; version: number; scope: string }

interface PageCache { entries: Map<string, Entry>; versions: Map<string, number> }

// One cache per database handle: each runtime (and each test file) has its own.
const caches = new WeakMap<object, PageCache>()

function cacheOf(deps: Deps): PageCache {
  let c = caches.get(deps.db)
  if (!c) {
    c = { entries: new Map(), versions: new Map() }
    caches.set(deps.db, c)
  }

  return c
}

/** Drops the cached pages of a village (and the regency front page) in this process. */
export function invalidatePortalPages(deps: Deps, villageCode: string): void {
  const c = cacheOf(deps)
  c.versions.set(villageCode, (c.versions.get(villageCode) ?? 0) + 1)
  c.versions.set('*', (c.versions.get('*') ?? 0) + 1)
}

const CACHEABLE = /^\/(?:desa\/(\d{2}\.\d{2}\.\d{2}\.\d{4})(?:\/(?:profil|berita(?:\/[0-9a-f-]{36})?|agenda|layanan|statistik))?)?$/

const hasSession = (cookie: string | undefined) => Boolean(cookie && new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=`).test(cookie))

export function portalPageCache(opts: { ttlMs: number; maxEntries?: number }): MiddlewareHandler<AppEnv> {
  const max = opts.maxEntries ?? 1000

  return async (c, next) => {
    if (c.req.method !== 'GET' || opts.ttlMs <= 0) return next()
    const m = CACHEABLE.exec(c.req.path)
    if (!m || hasSession(c.req.header('cookie'))) return next()
    const cache = cacheOf(c.get('deps'))
    const scope = m[1] ?? '*'
    const url = c.req.url
    const key = url.slice(url.indexOf('/', url.indexOf('//') + 2))
    const gzipOk = /\bgzip\b/.test(c.req.header('accept-encoding') ?? '')
    const now = Date.now()
    const hit = cache.entries.get(key)
    if (hit && hit.expires > now && hit.version === (cache.versions.get(hit.scope) ?? 0)) {
      return new Response(gzipOk ? hit.gz : hit.raw, { headers: headersOf(hit, gzipOk) }) as never
    }
    const version = cache.versions.get(scope) ?? 0
    await next()
    const res = c.res
    const type = res.headers.get('content-type') ?? ''
    if (res.status !== 200 || !type.startsWith('text/html') || res.headers.has('content-encoding')) return
    const html = await res.text()
    const raw = new TextEncoder().encode(html)
    if (html.includes('name="_csrf"')) {
      c.res = new Response(raw, { status: 200, headers: res.headers })
      return
    }
    const entry: Entry = {
      raw, gz: new Uint8Array(gzipSync(raw, { level: 6 })), type, version, scope, expires: now + opts.ttlMs,
      etag: `W/"${createHash('sha1').update(raw).digest('base64url').slice(0, 22)}"`,
    }
    if (cache.entries.size >= max) cache.entries.delete(cache.entries.keys().next().value as string)
    cache.entries.set(key, entry)
    const headers = new Headers(res.headers)
    for (const [k, v] of Object.entries(headersOf(entry, gzipOk))) headers.set(k, v)
    if (!gzipOk) headers.delete('content-encoding')
    c.res = new Response(gzipOk ? entry.gz : entry.raw, { status: 200, headers })
  }
}

function headersOf(e: Entry, gzip: boolean): Record<string, string> {
  const h: Record<string, string> = { 'content-type': e.type, etag: e.etag, vary: 'accept-encoding, cookie', 'cache-control': 'private, no-cache' }
  if (gzip) h['content-encoding'] = 'gzip'

  return h
}
