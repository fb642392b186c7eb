import type { Deps } from '../deps.ts'
import type { Village } from '../tenancy/village.ts'
import { countResidents } from '../residents/resident.service.ts'
import { getServicePledge, listVillageLetterTypes } from '../services/catalogue.service.ts'
import { latestPostTimes, listPublishedPostIds } from './portal.repository.ts'
import type { CatalogueEntry, RegencyFigures } from './portal.views.tsx'
import { letterFigures } from '../services/figures.service.ts'

/*
 * What the portal reads from other modules (through their services) and the sitemap: kept
 * apart from the page routes so the bench and tests can call them directly.
 */

/** Regency-wide figures from live data. */
export async function regencyFigures(deps: Deps): Promise<RegencyFigures> {
  const [residents, letters] = await Promise.all([countResidents(deps, deps.config.regency), letterFigures(deps, deps.config.regency)])

  return { residents, lettersThisMonth: letters.issued, medianHours: letters.medianHours }
}

export async function villageCatalogue(deps: Deps, villageCode: string): Promise<{ types: CatalogueEntry[]; pledge: string }> {
  const [types, pledge] = await Promise.all([listVillageLetterTypes(deps, villageCode), getServicePledge(deps, villageCode)])

  return { types, pledge }
}

const VILLAGE_PAGES = ['', '/profil', '/berita', '/agenda', '/layanan', '/statistik', '/pengaduan']

const xmlEscape = (s: string) => s.replace(/[<>&'"]/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[ch] as string)

/** sitemap.xml: the front page, every live village's pages and its latest published posts. */
export async function sitemapXml(deps: Deps, villages: Village[]): Promise<string> {
  const base = deps.config.publicUrl
  const latest = await latestPostTimes(deps.db, villages.map((v) => v.code))
  const urls: string[] = [`<url><loc>${xmlEscape(base)}/</loc></url>`]
  for (const v of villages) {
    const lastmod = latest.get(v.code)
    for (const p of VILLAGE_PAGES) {
      urls.push(`<url><loc>${xmlEscape(`${base}/desa/${v.code}${p}`)}</loc>${lastmod && (p === '' || p === '/berita') ? `<lastmod>${lastmod.slice(0, 10)}</lastmod>` : ''}</url>`)
    }
    for (const post of await listPublishedPostIds(deps.db, v.code, 500)) {
      urls.push(`<url><loc>${xmlEscape(`${base}/desa/${v.code}/berita/${post.id}`)}</loc><lastmod>${post.updated_at.slice(0, 10)}</lastmod></url>`)
    }
  }

  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`
}
