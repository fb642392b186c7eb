import type { Deps } from '../deps.ts'

export interface Tile { label: string; value: string | number; href?: string }

/**
 * Figures shown on a village's staff home. Each capability contributes its own (residents,
 * open requests, complaints …) through a provider registered here.
 */
export type TileProvider = (deps: Deps, villageCode: string) => Promise<Tile[]>

const providers: TileProvider[] = []

export function registerTileProvider(p: TileProvider): void {
  providers.push(p)
}

export async function villageTiles(deps: Deps, villageCode: string): Promise<Tile[]> {
  const all = await Promise.all(providers.map((p) => p(deps, villageCode)))

  return all.flat()
}
