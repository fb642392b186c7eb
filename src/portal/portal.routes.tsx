import { readFile } from 'node:fs/promises'
import { Hono } from 'hono'
import type { AppEnv } from '../web/env.ts'
import { regencyTree, regionName } from '../tenancy/region.service.ts'
import { getLiveVillage, listLiveVillages } from '../tenancy/village.service.ts'
import { logoPath } from '../tenancy/logo.ts'
import { AppError } from '../lib/errors.ts'
import { readPhoto } from './image.ts'
import { getProfile, getPublishedPost, listOfficials, listPublishedPosts, upcomingAgenda } from './portal.service.ts'
import { regencyFigures, sitemapXml, villageCatalogue } from './portal.data.ts'
import { AgendaPage, NewsIndex, PostPage, ProfilePage, RegencyHome, ServicesPage, VillageHome } from './portal.views.tsx'

const page = (raw: string | undefined) => Math.min(10_000, Math.max(1, Number.parseInt(raw ?? '1', 10) || 1))

/** Public pages: the regency front page and each live village's portal. */
export function portalRoutes() {
  const app = new Hono<AppEnv>()

  // Pages name the visitor's session in the menu: browsers may keep them but must revalidate
  // (a 304 from the ETag is cheap), and shared caches must not keep them at all.
  app.use(async (c, next) => {
    await next()
    if (c.req.method === 'GET' && !c.res.headers.has('cache-control')) c.header('cache-control', 'private, no-cache')
  })

  app.get('/', async (c) => {
    const deps = c.get('deps')
    const [districts, name, figures] = await Promise.all([regencyTree(deps.db, deps.config.regency), regionName(deps.db, deps.config.regency), regencyFigures(deps)])

    return c.render(<RegencyHome regencyName={name} districts={districts} query={(c.req.query('q') ?? '').slice(0, 60)} figures={figures} />)
  })

  app.get('/robots.txt', (c) => {
    const base = c.get('deps').config.publicUrl

    return c.text(`User-agent: *\nDisallow: /staf\nDisallow: /warga\nDisallow: /api/\nDisallow: /pengaduan/lacak\nSitemap: ${base}/sitemap.xml\n`, 200, { 'cache-control': 'public, max-age=86400' })
  })

  app.get('/sitemap.xml', async (c) => {
    const deps = c.get('deps')

    return c.body(await sitemapXml(deps, await listLiveVillages(deps)), 200, { 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'public, max-age=3600' })
  })

  app.get('/desa/:code', async (c) => {
    const deps = c.get('deps')
    const village = await getLiveVillage(deps, c.req.param('code'))
    const [announcements, news, agenda] = await Promise.all([
      listPublishedPosts(deps, village.code, { kind: 'pengumuman', limit: 3 }),
      listPublishedPosts(deps, village.code, { kind: 'berita', limit: 3 }),
      upcomingAgenda(deps, village.code, 3),
    ])

    return c.render(<VillageHome village={village} announcements={announcements.posts} news={news.posts} agenda={agenda} />)
  })

  app.get('/desa/:code/profil', async (c) => {
    const deps = c.get('deps')
    const village = await getLiveVillage(deps, c.req.param('code'))
    const [profile, officials] = await Promise.all([getProfile(deps, village.code), listOfficials(deps, village.code)])

    return c.render(<ProfilePage village={village} profile={profile} officials={officials} />)
  })

  app.get('/desa/:code/berita', async (c) => {
    const deps = c.get('deps')
    const village = await getLiveVillage(deps, c.req.param('code'))
    const jenis = c.req.query('jenis')
    const kind = jenis === 'berita' || jenis === 'pengumuman' ? jenis : undefined
    const p = page(c.req.query('hal'))
    const { posts, hasNext } = await listPublishedPosts(deps, village.code, { kind, page: p })

    return c.render(<NewsIndex village={village} kind={kind} posts={posts} page={p} hasNext={hasNext} />)
  })

  app.get('/desa/:code/berita/:id', async (c) => {
    const deps = c.get('deps')
    const village = await getLiveVillage(deps, c.req.param('code'))

    return c.render(<PostPage village={village} post={await getPublishedPost(deps, village.code, c.req.param('id'))} />)
  })

  app.get('/desa/:code/berita/:id/gambar.jpg', async (c) => {
    const deps = c.get('deps')
    const village = await getLiveVillage(deps, c.req.param('code'))
    const post = await getPublishedPost(deps, village.code, c.req.param('id'))
    if (!post.image_file) throw new AppError('NOT_FOUND')
    const body = await readPhoto(deps.config.dataDir, 'posts', post.image_file)

    // The file name is random and replaced on every new upload, so the address never goes stale.
    return c.body(new Uint8Array(body), 200, { 'content-type': 'image/jpeg', 'cache-control': 'public, max-age=604800', etag: `"${post.image_file}"` })
  })

  app.get('/desa/:code/agenda', async (c) => {
    const deps = c.get('deps')
    const village = await getLiveVillage(deps, c.req.param('code'))

    return c.render(<AgendaPage village={village} items={await upcomingAgenda(deps, village.code, 50)} />)
  })

  app.get('/desa/:code/layanan', async (c) => {
    const deps = c.get('deps')
    const village = await getLiveVillage(deps, c.req.param('code'))
    const { types, pledge } = await villageCatalogue(deps, village.code)

    return c.render(<ServicesPage village={village} types={types} pledge={pledge} />)
  })

  app.get('/desa/:code/logo.png', async (c) => {
    const deps = c.get('deps')
    const village = await getLiveVillage(deps, c.req.param('code'))
    if (!village.logoFile) return c.notFound()
    const body = await readFile(logoPath(deps.config.dataDir, village.logoFile))

    return c.body(new Uint8Array(body), 200, { 'content-type': 'image/png', 'cache-control': 'public, max-age=86400', etag: `"${village.logoFile}"` })
  })

  return app
}
