import { randomUUID } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import type { Deps } from '../deps.ts'
import type { AppEnv } from './env.ts'

/**
 * Gives each request an id, a child logger and the client's address, and logs one line when
 * it ends. The address comes from the socket unless the installation sits behind a proxy.
 */
export function requestContext(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const start = performance.now()
    const requestId = c.req.header('x-request-id')?.slice(0, 64) || randomUUID()
    const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim()
    const ip = (deps.config.trustProxy || !incoming ? forwarded : undefined) || incoming?.socket?.remoteAddress || 'unknown'
    const logger = deps.logger.child({ reqId: requestId })
    c.set('deps', deps)
    c.set('requestId', requestId)
    c.set('logger', logger)
    c.set('meta', { ip, userAgent: c.req.header('user-agent') ?? '', requestId })
    c.header('x-request-id', requestId)
    await next()
    logger.info({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - start) }, 'request')
  }
}
