import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { AppEnv } from './env.ts'
import { AppError, isAppError } from '../lib/errors.ts'
import { ErrorPage } from './pages.tsx'

const TITLE: Record<number, string> = {
  401: 'Perlu masuk', 403: 'Tidak berwenang', 404: 'Tidak ditemukan', 409: 'Tidak dapat diproses',
  413: 'Data terlalu besar', 415: 'Jenis berkas tidak didukung', 422: 'Isian belum benar', 429: 'Terlalu banyak percobaan', 500: 'Terjadi kesalahan',
}

const wantsJson = (c: Context<AppEnv>) => c.req.path.startsWith('/api/') || c.req.path === '/healthz'

/**
 * Known errors show their Indonesian message; unexpected ones are logged with the request id
 * and shown as a plain 500 page that names that id and nothing else.
 */
export function handleError(err: Error, c: Context<AppEnv>): Response | Promise<Response> {
  let e: AppError
  if (isAppError(err)) e = err
  else if (err instanceof HTTPException && err.status < 500) {
    e = new AppError(err.status === 413 ? 'PAYLOAD_TOO_LARGE' : err.status === 404 ? 'NOT_FOUND' : 'INVALID_INPUT', { message: err.message })
  } else {
    e = new AppError('INTERNAL', { cause: err })
    ;(c.get('logger') ?? console).error?.({ err }, 'unhandled error')
  }
  const requestId = c.get('requestId')
  if (e.code === 'UNAUTHENTICATED' && !wantsJson(c) && c.req.method === 'GET') {
    const login = c.req.path === '/warga' || c.req.path.startsWith('/warga/') ? '/warga/masuk' : '/staf/masuk'

    return c.redirect(`${login}?next=${encodeURIComponent(c.req.path)}`, 303)
  }
  if (wantsJson(c)) {
    return c.json({ error: { code: e.code, message: e.userMessage, ...(e.fields ? { fields: e.fields } : {}), ...(e.code === 'INTERNAL' ? { requestId } : {}) } }, e.status as 400)
  }
  c.status(e.status as 400)
  const page = <ErrorPage status={e.status} title={TITLE[e.status] ?? 'Kesalahan'} message={e.userMessage} requestId={e.code === 'INTERNAL' ? requestId : undefined} />
  if (typeof c.render === 'function' && c.get('csrfToken') !== undefined) return c.render(page) as Response | Promise<Response>

  return c.html(`<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${TITLE[e.status] ?? 'Kesalahan'} · Balai</title></head><body><main><h1>${TITLE[e.status] ?? 'Kesalahan'}</h1><p>${e.userMessage}</p>${e.code === 'INTERNAL' ? `<p>Kode permintaan: ${requestId}</p>` : ''}<p><a href="/">Kembali ke beranda</a></p></main></body></html>`)
}

export function handleNotFound(c: Context<AppEnv>): Response | Promise<Response> {
  return handleError(new AppError('NOT_FOUND'), c)
}
