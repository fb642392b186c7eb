import { Hono, type Context } from 'hono'
import type { AppEnv } from '../web/env.ts'
import { formFailure, formFields } from '../web/form.ts'
import { registerTileProvider } from '../tenancy/village.tiles.ts'
import { activateRegistration, citizenTiles, type PinSlip, disableAccount, issuePinAtOffice, listCitizenAccounts, rejectRegistration } from './citizen.service.ts'
import type { CitizenStatus } from './citizen.table.ts'
import { CitizenAccountsPage, NOTICES, PinSlipPage } from './citizen-staff.views.tsx'

const STATUSES: CitizenStatus[] = ['pending', 'active', 'disabled']

registerTileProvider(citizenTiles)

/** Citizen accounts of a village for its staff, mounted at /staf/desa/:code (behind villageGuard). */
export function citizenStaffRoutes() {
  const app = new Hono<AppEnv>()
  // The slip is the answer to the POST itself: the PIN is not stored readably, so no later GET could show it.
  const slipPage = (c: Context<AppEnv>, slip: PinSlip) => {
    c.header('Cache-Control', 'no-store')

    return c.render(<PinSlipPage village={c.get('village')} slip={slip} loginUrl={`${c.get('deps').config.publicUrl.replace(/\/$/, '')}/warga/masuk`} />)
  }

  const listPage = async (c: Context<AppEnv>, extra: { nik?: string; errors?: Record<string, string>; message?: string } = {}) => {
    const village = c.get('village')
    const s = c.req.query('status')
    const status = STATUSES.includes(s as CitizenStatus) ? (s as CitizenStatus) : undefined
    const page = Math.max(1, Number.parseInt(c.req.query('page') ?? '1', 10) || 1)
    const { accounts, counts, hasNext } = await listCitizenAccounts(c.get('deps'), c.get('actor'), village.code, { status, page })

    return c.render(
      <CitizenAccountsPage village={village} accounts={accounts} counts={counts} status={status} page={page} hasNext={hasNext} notice={NOTICES[c.req.query('selesai') ?? '']} {...extra} />,
    )
  }

  app.get('/warga', (c) => listPage(c))

  app.post('/warga/pin', async (c) => {
    const village = c.get('village')
    const f = await formFields(c)
    try {
      return slipPage(c, await issuePinAtOffice(c.get('deps'), c.get('actor'), c.get('meta'), village.code, f))
    } catch (e) {
      const fail = formFailure(e)
      if (!fail) throw e
      c.status(422)

      return listPage(c, { nik: f.nik, errors: fail.fields, message: fail.message })
    }
  })

  app.post('/warga/:id/aktifkan', async (c) => {
    const village = c.get('village')
    try {
      const { slip } = await activateRegistration(c.get('deps'), c.get('actor'), c.get('meta'), village.code, c.req.param('id'), await formFields(c))

      return slip ? slipPage(c, slip) : c.redirect(`/staf/desa/${village.code}/warga?selesai=aktif`, 303)
    } catch (e) {
      const fail = formFailure(e)
      if (!fail) throw e
      c.status(422)

      return listPage(c, { message: fail.message })
    }
  })

  app.post('/warga/:id/tolak', async (c) => {
    const village = c.get('village')
    await rejectRegistration(c.get('deps'), c.get('actor'), c.get('meta'), village.code, c.req.param('id'))

    return c.redirect(`/staf/desa/${village.code}/warga?selesai=tolak`, 303)
  })

  app.post('/warga/:id/nonaktifkan', async (c) => {
    const village = c.get('village')
    await disableAccount(c.get('deps'), c.get('actor'), c.get('meta'), village.code, c.req.param('id'))

    return c.redirect(`/staf/desa/${village.code}/warga?selesai=nonaktif`, 303)
  })

  return app
}
