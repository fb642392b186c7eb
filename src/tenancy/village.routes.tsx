import { Hono, type Context } from 'hono'
import { isVillageCode } from './region.ts'
import type { AppEnv } from '../web/env.ts'
import { formFailure, formFields } from '../web/form.ts'
import { authorizeScope, staffCan } from '../auth/policy.ts'
import { AppError, isAppError } from '../lib/errors.ts'
import { regencyTree, regionName } from './region.service.ts'
import { storeLogo } from './logo.ts'
import { enableVillage, setVillageLogo, updateVillageSettings } from './village.service.ts'
import { RegionVillagesPage, VillageSettingsPage, VillageStaffHome, settingsFormOf, type SettingsForm } from './village.views.tsx'
import { villageTiles } from './village.tiles.ts'

/** Pages under /staf/desa/:code (the village guard has already checked scope). */
export function villageStaffRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/', async (c) => c.render(<VillageStaffHome village={c.get('village')} tiles={await villageTiles(c.get('deps'), c.get('village').code)} />))

  app.get('/pengaturan', (c) => {
    const village = c.get('village')
    authorizeScope(c.get('actor'), village.code, 'village.settings')

    return c.render(<VillageSettingsPage village={village} form={settingsFormOf(village)} saved={c.req.query('disimpan') === '1'} />)
  })

  app.post('/pengaturan', async (c) => {
    const village = c.get('village')
    const form = await formFields(c)
    try {
      await updateVillageSettings(c.get('deps'), c.get('actor'), c.get('meta'), village.code, form)

      return c.redirect(`/staf/desa/${village.code}/pengaturan?disimpan=1`, 303)
    } catch (e) {
      const fail = formFailure(e)
      if (!fail) throw e
      c.status(422)

      return c.render(<VillageSettingsPage village={village} form={{ ...settingsFormOf(village), ...(form as Partial<SettingsForm>) }} errors={fail.fields} message={fail.message} />)
    }
  })

  app.post('/logo', async (c) => {
    const village = c.get('village')
    authorizeScope(c.get('actor'), village.code, 'village.settings')
    const body = await c.req.parseBody()
    const file = body.logo
    try {
      if (!(file instanceof File) || file.size === 0) {
        throw new AppError('INVALID_INPUT', { userMessage: 'Pilih berkas logo.', fields: { logo: 'Pilih berkas logo.' } })
      }
      const name = await storeLogo(c.get('deps').config.dataDir, new Uint8Array(await file.arrayBuffer()))
      await setVillageLogo(c.get('deps'), c.get('actor'), c.get('meta'), village.code, name)

      return c.redirect(`/staf/desa/${village.code}/pengaturan?disimpan=1`, 303)
    } catch (e) {
      const fail = formFailure(e)
      if (!fail) throw e
      c.status(422)

      return c.render(<VillageSettingsPage village={village} form={settingsFormOf(village)} errors={fail.fields} message={fail.message} />)
    }
  })

  return app
}

/** Pages under /staf/wilayah for staff granted on the regency or a district. */
export function regionStaffRoutes() {
  const app = new Hono<AppEnv>()

  const render = async (c: Context<AppEnv>, extra: { errors?: Record<string, string>; message?: string; enabled?: string; code?: string } = {}) => {
    const deps = c.get('deps')
    const current = c.get('actor')
    const actor = authorizeScope(current, current?.kind === 'staff' ? current.scope : '', 'village.view')
    if (isVillageCode(actor.scope)) throw new AppError('NOT_FOUND')
    const districts = await regencyTree(deps.db, deps.config.regency, actor.scope)

    return c.render(
      <RegionVillagesPage scopeName={await regionName(deps.db, actor.scope)} districts={districts} canEnable={staffCan(actor, deps.config.regency, 'village.enable')} {...extra} />,
    )
  }

  app.get('/desa', (c) => render(c, { enabled: c.req.query('aktif') }))

  app.post('/desa', async (c) => {
    const f = await formFields(c)
    try {
      const v = await enableVillage(c.get('deps'), c.get('actor') as never, c.get('meta'), f.code ?? '')

      return c.redirect(`/staf/wilayah/desa?aktif=${encodeURIComponent(v.name)}`, 303)
    } catch (e) {
      const fail = formFailure(e)
      if (fail || (isAppError(e) && e.code === 'ALREADY_EXISTS')) {
        c.status(fail ? 422 : 409)

        return render(c, { errors: fail?.fields ?? { code: (e as AppError).userMessage }, message: fail?.message ?? (e as AppError).userMessage, code: f.code })
      }
      throw e
    }
  })

  return app
}
