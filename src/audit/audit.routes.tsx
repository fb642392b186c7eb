import { Hono, type Context } from 'hono'
import type { AppEnv } from '../web/env.ts'
import { readAuditTrail } from './audit.service.ts'
import { AuditPage } from './audit.views.tsx'

const PAGE_SIZE = 50

/** The audit trail of a village (/staf/desa/:code/audit) or of the actor's scope (/staf/wilayah/audit). */
export function auditRoutes(where: 'village' | 'region') {
  const app = new Hono<AppEnv>()
  app.get('/audit', async (c: Context<AppEnv>) => {
    const actor = c.get('actor')
    const village = where === 'village' ? c.get('village') : undefined
    const scope = village?.code ?? (actor?.kind === 'staff' ? actor.scope : '')
    const page = Math.max(1, Math.min(10_000, Number(c.req.query('halaman')) || 1))
    const action = c.req.query('tindakan')?.trim() || undefined
    const events = await readAuditTrail(c.get('deps'), actor, { scope, action, limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE })

    return c.render(
      <AuditPage
        events={events.slice(0, PAGE_SIZE)}
        page={page}
        hasNext={events.length > PAGE_SIZE}
        base={village ? `/staf/desa/${village.code}/audit` : '/staf/wilayah/audit'}
        action={action}
        villageCode={village?.code}
        villageName={village?.name}
      />,
    )
  })

  return app
}
