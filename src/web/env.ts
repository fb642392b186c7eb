import type { Actor, RequestMeta } from '../auth/actor.ts'
import type { Deps } from '../deps.ts'
import type { Logger } from 'pino'
import type { Village } from '../tenancy/village.ts'

/** What every request carries through Hono's context. */
export type AppEnv = {
  Variables: {
    deps: Deps
    requestId: string
    logger: Logger
    meta: RequestMeta
    actor: Actor | null
    /** hash of the session secret, when signed in */
    sessionId: string | null
    /** the token forms must send back as `_csrf` */
    csrfToken: string
    /** set by the CSP middleware; inline scripts must carry it */
    secureHeadersNonce?: string
    /** the village of a /staf/desa/:code/* page, after the tenancy guard */
    village: Village
  }
}
