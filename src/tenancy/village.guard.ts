import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../web/env.ts'
import { getVillageForStaff } from './village.service.ts'

/**
 * SECURITY-CRITICAL. Every /staf/desa/:code page passes here: staff outside the village's scope
 * get the same 404 as for a village that does not exist; anonymous visitors are sent to log in.
 */
export const villageGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  const actor = c.get('actor')
  if (!actor) return c.redirect(`/staf/masuk?next=${encodeURIComponent(c.req.path)}`, 303)
  c.set('village', await getVillageForStaff(c.get('deps'), actor, c.req.param('code') ?? ''))
  await next()
}
