import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import { AppError } from '../lib/errors.ts'
import type { AppEnv } from './env.ts'

export const CSRF_COOKIE = 'balai_csrf'
export const CSRF_FIELD = '_csrf'

const tokenFor = (secret: string, nonce: string) =>
  createHmac('sha256', secret).update(`csrf:${nonce}`).digest('base64url')

/**
 * CSRF protection for every form (signed double-submit): the browser holds a random nonce in an
 * HttpOnly cookie, forms carry HMAC(secret, nonce) in `_csrf`. A cross-site page can make the
 * browser send the cookie but cannot read it, so it cannot produce the field. The JSON API is
 * exempt because it authenticates only by bearer token, never by cookie.
 */
export function csrfProtection(opts: { secret: string; secureCookies: boolean }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    let nonce = getCookie(c, CSRF_COOKIE)
    if (!nonce || !/^[A-Za-z0-9_-]{20,64}$/.test(nonce)) {
      nonce = randomBytes(24).toString('base64url')
      setCookie(c, CSRF_COOKIE, nonce, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: opts.secureCookies,
        path: '/',
      })
    }
    const expected = tokenFor(opts.secret, nonce)
    c.set('csrfToken', expected)
    const method = c.req.method
    if (method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS' && !c.req.path.startsWith('/api/')) {
      const type = c.req.header('content-type') ?? ''
      let sent = c.req.header('x-csrf-token') ?? ''
      if (!sent && (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data'))) {
        const body = await c.req.parseBody({ all: true })
        const v = body[CSRF_FIELD]
        sent = typeof v === 'string' ? v : ''
      }
      const a = Buffer.from(sent)
      const b = Buffer.from(expected)
      if (a.length !== b.length || !timingSafeEqual(a, b)) throw new AppError('CSRF')
    }
    await next()
  }
}
