import { Hono } from 'hono'
import { isVillageCode } from './tenancy/region.ts'
import { secureHeaders } from 'hono/secure-headers'
import { compress } from 'hono/compress'
import { etag } from 'hono/etag'
import { jsxRenderer } from 'hono/jsx-renderer'
import { sql } from 'kysely'
import type { Deps } from './deps.ts'
import type { AppEnv } from './web/env.ts'
import { apiRouter } from './api/api.ts'
import { registerPlatformApi } from './api/platform.api.ts'
import { requestContext } from './web/request-context.ts'
import { bodyLimits } from './web/body-limit.ts'
import { handleError, handleNotFound } from './web/errors.tsx'
import { csrfProtection } from './web/csrf.ts'
import { serveAsset } from './web/static.ts'
import { loadStaffActor, sessionMiddleware } from './auth/session.middleware.ts'
import { authRoutes } from './auth/auth.routes.tsx'
import { staffRoutes } from './auth/staff.routes.tsx'
import { requireStaff } from './auth/guards.ts'
import { auditRoutes } from './audit/audit.routes.tsx'
import { villageGuard } from './tenancy/village.guard.ts'
import { regionStaffRoutes, villageStaffRoutes } from './tenancy/village.routes.tsx'
import { portalRoutes } from './portal/portal.routes.tsx'
import { portalStaffRoutes } from './portal/portal-staff.routes.tsx'
import { portalPageCache } from './portal/page-cache.ts'
import { complaintPublicRoutes, complaintStaffRoutes } from './complaints/complaint.routes.tsx'
import { loadCitizenActor } from './citizens/citizen.service.ts'
import { citizenRoutes } from './citizens/citizen.routes.tsx'
import { citizenStaffRoutes } from './citizens/citizen-staff.routes.tsx'
import { registerCitizenApi } from './citizens/citizen.api.ts'
import { registerServicesApi } from './services/services.api.ts'
import { servicesRegionRoutes, servicesVillageRoutes } from './services/services.routes.tsx'
import { servicesCitizenRoutes, trackingRoutes } from './services/citizen.routes.tsx'
import { registerSigningApi } from './signing/signing.api.ts'
import { signingPublicRoutes, signingRegionRoutes, signingVillageRoutes } from './signing/signing.routes.tsx'
import { jobsRegionRoutes } from './jobs/jobs.routes.tsx'
import { residentCitizenRoutes, residentPublicRoutes, residentRegionRoutes, residentStaffRoutes } from './residents/residents.routes.tsx'

/**
 * The whole web application: pages, JSON API and OpenAPI document. Middleware order matters
 * and is commented where it does.
 */
export function createApp(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.onError(handleError)
  app.notFound(handleNotFound)

  // 1. request id, child logger, client address: everything after may log with them.
  app.use(requestContext(deps))
  // 2. security headers with a strict CSP: pages need no inline script and no third party.
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
      crossOriginEmbedderPolicy: false,
    }),
  )
  // 3. gzip, and ETags so a repeated visit costs a 304.
  app.use(compress())
  app.use(etag({ weak: true }))
  // 4. refuse oversize bodies before anything reads them.
  app.use(bodyLimits())
  // 4b. anonymous visitors of the public portal get stored pages (src/portal/page-cache.ts).
  app.use(portalPageCache({ ttlMs: 15_000 }))

  app.get('/healthz', async (c) => {
    await sql`select 1`.execute(deps.db)

    return c.json({ status: 'ok' })
  })
  app.get('/static/:name', serveAsset)

  // 5. the JSON API: bearer tokens only, so it needs no CSRF token.
  const api = apiRouter()
  // Each kind of account turns its own sessions into an actor; pages and API share them.
  const actorLoaders = { staff: loadStaffActor, citizen: loadCitizenActor }
  api.use('/api/*', sessionMiddleware(actorLoaders))
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer' })
  registerPlatformApi(api)
  registerCitizenApi(api)
  registerServicesApi(api)
  registerSigningApi(api)
  api.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Balai API', version: '1', description: 'API sistem informasi dan pelayanan desa terpadu. Semua waktu dalam UTC (ISO 8601).' },
  })
  app.route('/', api)

  // 6. pages: renderer, CSRF on every form, then who is asking.
  app.use(jsxRenderer(({ children }) => <>{children}</>, { docType: true }))
  app.use(csrfProtection({ secret: deps.config.secret, secureCookies: deps.config.publicUrl.startsWith('https:') }))
  app.use(sessionMiddleware(actorLoaders))

  for (const routes of [residentPublicRoutes(), portalRoutes(), complaintPublicRoutes(), trackingRoutes(), signingPublicRoutes()]) {
    app.route('/', routes)
  }
  app.route('/staf', authRoutes())
  app.get('/staf', requireStaff, (c) => {
    const actor = c.get('actor')
    const scope = actor?.kind === 'staff' ? actor.scope : ''

    return c.redirect(isVillageCode(scope) ? `/staf/desa/${scope}` : '/staf/wilayah/desa', 303)
  })
  app.use('/staf/wilayah/*', requireStaff)
  // Staff granted on the regency or a district.
  for (const routes of [regionStaffRoutes(), staffRoutes('region'), auditRoutes('region'), servicesRegionRoutes(), signingRegionRoutes(), jobsRegionRoutes(), residentRegionRoutes()]) {
    app.route('/staf/wilayah', routes)
  }
  app.use('/staf/desa/:code', villageGuard)
  app.use('/staf/desa/:code/*', villageGuard)
  // One village's back office; the guard above has already checked its scope.
  for (const routes of [villageStaffRoutes(), staffRoutes('village'), auditRoutes('village'), portalStaffRoutes(), complaintStaffRoutes(), citizenStaffRoutes(), servicesVillageRoutes(), signingVillageRoutes(), residentStaffRoutes()]) {
    app.route('/staf/desa/:code', routes)
  }
  app.route('/', residentCitizenRoutes())
  app.route('/warga/surat', servicesCitizenRoutes())
  app.route('/warga', citizenRoutes())

  return app
}
