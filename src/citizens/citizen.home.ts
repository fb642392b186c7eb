import type { Child } from 'hono/jsx'
import type { CitizenActor } from '../auth/actor.ts'
import type { Deps } from '../deps.ts'

/**
 * A block on the citizen home page (/warga), supplied by another module: SERVICES lists the
 * resident's letter requests, and so on. Returning null hides the block. Register at import
 * time of the module's routes, the way village tiles are registered.
 */
export interface CitizenHomeSection {
  title: string
  /** lower comes first */
  order: number
  body: Child
}

export type CitizenHomeProvider = (deps: Deps, actor: CitizenActor) => Promise<CitizenHomeSection | null>

const providers: CitizenHomeProvider[] = []

export function registerCitizenHomeSection(provider: CitizenHomeProvider): void {
  if (!providers.includes(provider)) providers.push(provider)
}

export async function citizenHomeSections(deps: Deps, actor: CitizenActor): Promise<CitizenHomeSection[]> {
  const sections = await Promise.all(providers.map((p) => p(deps, actor)))

  return sections.filter((s): s is CitizenHomeSection => s !== null).sort((a, b) => a.order - b.order)
}
