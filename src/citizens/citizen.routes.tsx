import { Hono, type Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { CitizenActor } from '../auth/actor.ts'
import { SESSION_COOKIE } from '../auth/session.middleware.ts'
import { endSession, startSession } from '../auth/session.service.ts'
import { isAppError } from '../lib/errors.ts'
import { getLiveVillage } from '../tenancy/village.service.ts'
import type { AppEnv } from '../web/env.ts'
import { formFailure, formFields } from '../web/form.ts'
import { listNotifications, markNotificationsRead } from '../notify/notify.service.ts'
import { NotificationList } from '../notify/notify.views.tsx'
import { requireCitizen } from './citizen.guard.ts'
import { citizenHomeSections } from './citizen.home.ts'
import {
  authenticateCitizen,
  changeOwnPin,
  checkToken,
  getOwnAccount,
  getOwnData,
  registerSelf,
  requestPinReset,
  setOwnEmail,
  setPinWithToken,
  verifyEmail,
} from './citizen.service.ts'
import { safeCitizenNext } from './citizen.ts'
import { AccountPage, CitizenHomePage, CitizenLoginPage, ForgotPinPage, OwnDataPage, RegisterPage, TokenFormPage } from './citizen.views.tsx'

const citizenOf = (c: Context<AppEnv>) => c.get('actor') as CitizenActor

/** Errors a public citizen form shows on the form itself rather than as an error page. */
const formError = (e: unknown): { status: 409 | 422 | 429; message: string; fields: Record<string, string> } | undefined => {
  const fail = formFailure(e)
  if (fail) return { status: 422, message: fail.message, fields: fail.fields }
  if (isAppError(e) && (e.code === 'ALREADY_EXISTS' || e.code === 'RATE_LIMITED' || e.code === 'LOCKED')) {
    return { status: e.status as 409 | 429, message: e.userMessage, fields: {} }
  }

  return undefined
}

/** The citizen area (layanan mandiri), mounted at /warga. */
export function citizenRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/masuk', (c) => {
    if (c.get('actor')?.kind === 'citizen') return c.redirect(safeCitizenNext(c.req.query('next')), 303)

    return c.render(<CitizenLoginPage next={c.req.query('next')} notice={c.req.query('keluar') !== undefined ? 'Anda telah keluar.' : undefined} />)
  })

  app.post('/masuk', async (c) => {
    const deps = c.get('deps')
    const f = await formFields(c)
    try {
      const actor = await authenticateCitizen(deps, c.get('meta'), f)
      const { token } = await startSession(deps.db, { kind: 'citizen', subjectId: actor.id, villageCode: actor.villageCode, via: 'web', meta: c.get('meta') })
      setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', secure: deps.config.publicUrl.startsWith('https:'), path: '/', maxAge: 12 * 3600 })

      return c.redirect(safeCitizenNext(f.next), 303)
    } catch (e) {
      const fail = formError(e)
      if (fail) {
        c.status(fail.status)

        return c.render(<CitizenLoginPage nik={f.nik} next={f.next} errors={fail.fields} error={Object.keys(fail.fields).length ? undefined : fail.message} />)
      }
      if (!isAppError(e) || e.code !== 'UNAUTHENTICATED') throw e
      c.status(401)

      return c.render(<CitizenLoginPage nik={f.nik} next={f.next} error={e.userMessage} />)
    }
  })

  app.post('/keluar', async (c) => {
    const token = getCookie(c, SESSION_COOKIE)
    if (token) await endSession(c.get('deps').db, token)
    deleteCookie(c, SESSION_COOKIE, { path: '/' })

    return c.redirect('/warga/masuk?keluar', 303)
  })

  app.get('/daftar', (c) => c.render(<RegisterPage />))
  app.post('/daftar', async (c) => {
    const f = await formFields(c)
    try {
      const done = await registerSelf(c.get('deps'), c.get('meta'), f)

      return c.render(<RegisterPage done={done} />)
    } catch (e) {
      const fail = formError(e)
      if (!fail) throw e
      c.status(fail.status)

      return c.render(<RegisterPage form={f} errors={fail.fields} message={fail.message} />)
    }
  })

  app.get('/lupa-pin', (c) => c.render(<ForgotPinPage sent={c.req.query('terkirim') !== undefined} />))
  app.post('/lupa-pin', async (c) => {
    const f = await formFields(c)
    try {
      await requestPinReset(c.get('deps'), c.get('meta'), f)

      return c.redirect('/warga/lupa-pin?terkirim', 303)
    } catch (e) {
      const fail = formError(e)
      if (!fail) throw e
      c.status(fail.status)

      return c.render(<ForgotPinPage form={f} errors={fail.fields} message={fail.message} />)
    }
  })

  // Links from emails: GET only shows a button, because mail scanners open links; POST uses the token.
  app.get('/verifikasi-surel', async (c) => {
    const token = c.req.query('token') ?? ''

    return c.render(<TokenFormPage kind="verify" token={token} valid={await checkToken(c.get('deps'), token, 'verify_email')} />)
  })
  app.post('/verifikasi-surel', async (c) => {
    const f = await formFields(c)
    try {
      await verifyEmail(c.get('deps'), c.get('meta'), f.token ?? '')

      return c.render(<TokenFormPage kind="verify" token="" valid done />)
    } catch (e) {
      if (!formFailure(e)) throw e
      c.status(422)

      return c.render(<TokenFormPage kind="verify" token="" valid={false} />)
    }
  })

  app.get('/atur-pin', async (c) => {
    const token = c.req.query('token') ?? ''

    return c.render(<TokenFormPage kind="pin" token={token} valid={await checkToken(c.get('deps'), token, 'reset_pin')} />)
  })
  app.post('/atur-pin', async (c) => {
    const f = await formFields(c)
    const token = f.token ?? ''
    try {
      await setPinWithToken(c.get('deps'), c.get('meta'), token, f)

      return c.render(<TokenFormPage kind="pin" token="" valid done />)
    } catch (e) {
      const fail = formFailure(e)
      if (!fail) throw e
      c.status(422)
      const valid = !fail.fields.token

      return c.render(<TokenFormPage kind="pin" token={valid ? token : ''} valid={valid} errors={fail.fields} message={fail.message} />)
    }
  })

  app.use('/', requireCitizen)
  app.use('/data', requireCitizen)
  app.use('/akun', requireCitizen)
  app.use('/pin', requireCitizen)
  app.use('/surel', requireCitizen)
  app.use('/notifikasi/*', requireCitizen)

  app.get('/', async (c) => {
    const deps = c.get('deps')
    const actor = citizenOf(c)
    const [village, account, sections, notifications] = await Promise.all([
      getLiveVillage(deps, actor.villageCode),
      getOwnAccount(deps, actor),
      citizenHomeSections(deps, actor),
      listNotifications(deps, actor.id, 10),
    ])

    return c.render(
      <CitizenHomePage name={actor.name} villageName={village.name} sections={sections} notifications={<NotificationList items={notifications} markReadAction="/warga/notifikasi/baca" />} hasEmail={!!account.email} emailVerified={account.emailVerified} />,
    )
  })

  app.get('/data', async (c) => {
    const deps = c.get('deps')
    const actor = citizenOf(c)
    const [data, village] = await Promise.all([getOwnData(deps, actor), getLiveVillage(deps, actor.villageCode)])

    return c.render(<OwnDataPage data={data} villageName={village.name} />)
  })

  app.post('/notifikasi/baca', async (c) => {
    await markNotificationsRead(c.get('deps'), citizenOf(c).id)

    return c.redirect('/warga', 303)
  })

  const accountPage = async (c: Context<AppEnv>, extra: Partial<Parameters<typeof AccountPage>[0]> = {}) => {
    const account = await getOwnAccount(c.get('deps'), citizenOf(c))

    return c.render(<AccountPage email={account.email} emailVerified={account.emailVerified} pinChangedAt={account.pinChangedAt} {...extra} />)
  }

  app.get('/akun', (c) => {
    const done = c.req.query('selesai')
    const notice = done === 'pin' ? 'PIN telah diganti. Sesi Anda di perangkat lain telah diakhiri.' : done === 'surel' ? 'Alamat surel disimpan. Buka tautan verifikasi yang kami kirim ke alamat tersebut.' : undefined

    return accountPage(c, { notice })
  })

  app.post('/pin', async (c) => {
    try {
      await changeOwnPin(c.get('deps'), citizenOf(c), c.get('meta'), await formFields(c), c.get('sessionId') ?? undefined)

      return c.redirect('/warga/akun?selesai=pin', 303)
    } catch (e) {
      const fail = formError(e)
      if (!fail) throw e
      c.status(fail.status)

      return accountPage(c, { pinErrors: fail.fields, pinMessage: fail.message })
    }
  })

  app.post('/surel', async (c) => {
    const f = await formFields(c)
    try {
      await setOwnEmail(c.get('deps'), citizenOf(c), c.get('meta'), f)

      return c.redirect('/warga/akun?selesai=surel', 303)
    } catch (e) {
      const fail = formError(e)
      if (!fail) throw e
      c.status(fail.status)

      return accountPage(c, { emailErrors: fail.fields, emailMessage: fail.message, emailForm: f.email })
    }
  })

  return app
}
