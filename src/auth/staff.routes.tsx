import { Hono, type Context } from 'hono'
import type { AppEnv } from '../web/env.ts'
import { formFailure, formFields } from '../web/form.ts'
import { isAppError } from '../lib/errors.ts'
import type { Role } from './role.ts'
import { createStaffUser, listStaff } from './staff.service.ts'
import { StaffListPage } from './staff.views.tsx'

const VILLAGE_ROLES: Role[] = ['village_admin', 'operator', 'secretary', 'head']
const ALL_ROLES: Role[] = ['regency_admin', 'district_viewer', ...VILLAGE_ROLES]

/**
 * The staff list and account creation, for a village (/staf/desa/:code/pengguna) or the
 * actor's regency/district scope (/staf/wilayah/pengguna).
 */
export function staffRoutes(where: 'village' | 'region') {
  const app = new Hono<AppEnv>()
  const scopeOf = (c: Context<AppEnv>) => {
    const actor = c.get('actor')

    return where === 'village' ? c.get('village').code : actor?.kind === 'staff' ? actor.scope : ''
  }
  const page = async (c: Context<AppEnv>, extra: { created?: { username: string; password: string }; form?: Record<string, string>; errors?: Record<string, string>; message?: string } = {}) => {
    const scope = scopeOf(c)
    const users = await listStaff(c.get('deps'), c.get('actor'), scope)
    const village = where === 'village' ? c.get('village') : undefined
    const actor = c.get('actor')

    return c.render(
      <StaffListPage
        action={village ? `/staf/desa/${village.code}/pengguna` : '/staf/wilayah/pengguna'}
        villageCode={village?.code}
        villageName={village?.name}
        scope={scope}
        users={users}
        roles={actor?.kind === 'staff' && actor.role === 'regency_admin' ? ALL_ROLES : VILLAGE_ROLES}
        {...extra}
      />,
    )
  }

  app.get('/pengguna', (c) => page(c))

  app.post('/pengguna', async (c) => {
    const form = await formFields(c)
    const scope = where === 'village' ? scopeOf(c) : form.scope || scopeOf(c)
    try {
      const { user, password } = await createStaffUser(c.get('deps'), c.get('actor') as never, c.get('meta'), { ...form, scope })

      return page(c, { created: { username: user.username, password } })
    } catch (e) {
      const fail = formFailure(e)
      if (fail || (isAppError(e) && e.code === 'ALREADY_EXISTS')) {
        c.status(fail ? 422 : 409)

        return page(c, { form, errors: fail?.fields ?? { username: (e as { userMessage: string }).userMessage }, message: fail?.message ?? (e as { userMessage: string }).userMessage })
      }
      throw e
    }
  })

  return app
}
