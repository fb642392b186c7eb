import { Hono } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { isAppError } from '../lib/errors.ts'
import type { AppEnv } from '../web/env.ts'
import { formFailure, formFields } from '../web/form.ts'
import { LoginPage, PasswordPage } from './auth.views.tsx'
import { SESSION_COOKIE } from './session.middleware.ts'
import { endSession, startSession } from './session.service.ts'
import { authenticateStaff, changeOwnPassword } from './staff.service.ts'
import { requireStaff } from './guards.ts'

/** Only same-site paths may be a post-login destination (no open redirect). */
const safeNext = (next: string | undefined) => (next && /^\/[^/\\]/.test(next) ? next : '/staf')

export function authRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/masuk', (c) => c.render(<LoginPage next={c.req.query('next')} />))

  app.post('/masuk', async (c) => {
    const deps = c.get('deps')
    const f = await formFields(c)
    try {
      const actor = await authenticateStaff(deps, c.get('meta'), f.username ?? '', f.password ?? '')
      const { token } = await startSession(deps.db, { kind: 'staff', subjectId: actor.id, villageCode: null, via: 'web', meta: c.get('meta') })
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: deps.config.publicUrl.startsWith('https:'),
        path: '/',
        maxAge: 12 * 3600,
      })

      return c.redirect(safeNext(f.next), 303)
    } catch (e) {
      if (!isAppError(e) || (e.code !== 'UNAUTHENTICATED' && e.code !== 'LOCKED')) throw e
      c.status(e.code === 'LOCKED' ? 429 : 401)

      return c.render(<LoginPage username={f.username} error={e.userMessage} next={f.next} />)
    }
  })

  app.post('/keluar', async (c) => {
    const token = getCookie(c, SESSION_COOKIE)
    if (token) await endSession(c.get('deps').db, token)
    deleteCookie(c, SESSION_COOKIE, { path: '/' })

    return c.redirect('/staf/masuk', 303)
  })

  app.get('/sandi', requireStaff, (c) => c.render(<PasswordPage />))

  app.post('/sandi', requireStaff, async (c) => {
    const actor = c.get('actor')
    if (actor?.kind !== 'staff') return c.notFound()
    try {
      await changeOwnPassword(c.get('deps'), actor, c.get('meta'), await formFields(c), c.get('sessionId') ?? undefined)

      return c.render(<PasswordPage done />)
    } catch (e) {
      const fail = formFailure(e)
      if (!fail) throw e
      c.status(422)

      return c.render(<PasswordPage errors={fail.fields} message={fail.message} />)
    }
  })

  return app
}
