import { readFileSync } from 'node:fs'
import type { Executor } from '../db/database.ts'
import { groupRegencyTree, isWithin, parseRegionCsv, type Region, type TreeDistrict } from './region.ts'
import { countRegions, findRegion, listRegencyTree, upsertRegions } from './region.repository.ts'

let cached: Region[] | undefined

/**
 * Kemendagri region codes of Kalimantan Selatan, shipped in the project
 * (data: cahyadsn/wilayah, MIT; Kepmendagri 300.2.2-2138/2025).
 */
export function shippedRegions(): Region[] {
  cached ??= parseRegionCsv(
    readFileSync(new URL('./data/kalsel-wilayah.csv', import.meta.url), 'utf8'),
  )

  return cached
}

/** Loads the shipped codes into the regions table when they are missing or changed. */
export async function syncRegions(db: Executor): Promise<number> {
  const regions = shippedRegions()
  if ((await countRegions(db)) !== regions.length) await upsertRegions(db, regions)

  return regions.length
}

/** Districts and villages of the regency (or of one district), with which are live. */
export async function regencyTree(db: Executor, regency: string, scope?: string): Promise<TreeDistrict[]> {
  const tree = groupRegencyTree(await listRegencyTree(db, regency))

  return scope && scope !== regency ? tree.filter((d) => isWithin(d.code, scope)) : tree
}

export async function regionName(db: Executor, code: string): Promise<string> {
  return (await findRegion(db, code))?.name ?? code
}
