import { readFile } from 'node:fs/promises'
import { Hono } from 'hono'
import type { AppEnv } from '../web/env.ts'
import { regencyTree, regionName } from '../tenancy/region.service.ts'
import { getLiveVillage } from '../tenancy/village.service.ts'
import { logoPath } from '../tenancy/logo.ts'
import { RegencyHome, VillageHome } from './portal.views.tsx'

export function portalRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/', async (c) => {
    const deps = c.get('deps')
    const districts = await regencyTree(deps.db, deps.config.regency)

    return c.render(<RegencyHome regencyName={await regionName(deps.db, deps.config.regency)} districts={districts} />)
  })

  app.get('/desa/:code', async (c) => c.render(<VillageHome village={await getLiveVillage(c.get('deps'), c.req.param('code'))} />))

  app.get('/desa/:code/logo.png', async (c) => {
    const deps = c.get('deps')
    const village = await getLiveVillage(deps, c.req.param('code'))
    if (!village.logoFile) return c.notFound()
    const body = await readFile(logoPath(deps.config.dataDir, village.logoFile))

    return c.body(new Uint8Array(body), 200, { 'content-type': 'image/png', 'cache-control': 'public, max-age=86400', etag: `"${village.logoFile}"` })
  })

  return app
}
