import type { MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import type { Deps } from '../deps.ts'
import type { AppEnv } from '../web/env.ts'
import type { SessionRow } from './auth.table.ts'
import type { Actor } from './actor.ts'
import { hashToken, resolveSession } from './session.service.ts'
import { getStaffActor } from './staff.service.ts'

export const SESSION_COOKIE = 'balai_sid'

/** Turns a session into the actor it belongs to; each kind of account supplies its own. */
export type ActorLoader = (deps: Deps, session: SessionRow) => Promise<Actor | undefined>

export const loadStaffActor: ActorLoader = (deps, s) => getStaffActor(deps, s.subject_id)

/**
 * Finds who is asking. Pages use the HttpOnly cookie; the JSON API only a bearer token, so a
 * cross-site form can never act through the API with someone's cookie.
 */
export function sessionMiddleware(loaders: Partial<Record<SessionRow['kind'], ActorLoader>>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('actor', null)
    c.set('sessionId', null)
    const isApi = c.req.path.startsWith('/api/')
    const auth = c.req.header('authorization') ?? ''
    const token = isApi ? (/^Bearer\s+(\S+)$/i.exec(auth)?.[1] ?? '') : (getCookie(c, SESSION_COOKIE) ?? '')
    if (token) {
      const deps = c.get('deps')
      const session = await resolveSession(deps.db, token)
      if (session && (session.via === 'api') === isApi) {
        const actor = await loaders[session.kind]?.(deps, session)
        if (actor) {
          c.set('actor', actor)
          c.set('sessionId', hashToken(token))
        }
      }
    }
    await next()
  }
}
