import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../web/env.ts'

/** Citizen pages: anyone not signed in as a resident goes to the citizen sign-in and comes back. */
export const requireCitizen: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get('actor')?.kind !== 'citizen') {
    return c.redirect(`/warga/masuk?next=${encodeURIComponent(c.req.path)}`, 303)
  }
  await next()
}
