import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../web/env.ts'

/** Staff pages: anonymous visitors go to the login page and come back afterwards. */
export const requireStaff: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get('actor')?.kind !== 'staff') {
    return c.redirect(`/staf/masuk?next=${encodeURIComponent(c.req.path)}`, 303)
  }
  await next()
}
