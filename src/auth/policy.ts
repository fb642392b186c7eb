import { AppError, notFound } from '../lib/errors.ts'
import type { Actor, StaffActor } from './actor.ts'
import { roleAllows, scopeCovers, type Permission } from './role.ts'

/**
 * SECURITY-CRITICAL. The one gate between staff and a village's data.
 * Outside the actor's scope the answer is 404, exactly as for a village that does not exist,
 * so nobody learns what other villages hold; inside it, a role without the permission gets 403.
 */
export function authorizeVillage(actor: Actor | null, villageCode: string, permission: Permission): StaffActor {
  if (!actor) throw new AppError('UNAUTHENTICATED')
  if (actor.kind !== 'staff' || !scopeCovers(actor.scope, villageCode)) throw notFound()
  if (!roleAllows(actor.role, permission)) throw new AppError('FORBIDDEN')

  return actor
}

/** For actions on a scope (regency or district), e.g. managing villages or reading dashboards. */
export function authorizeScope(actor: Actor | null, code: string, permission: Permission): StaffActor {
  return authorizeVillage(actor, code, permission)
}

/** Pure yes/no form of the same rule, for building menus. */
export function staffCan(actor: Actor | null, code: string, permission: Permission): boolean {
  return (
    actor?.kind === 'staff' && scopeCovers(actor.scope, code) && roleAllows(actor.role, permission)
  )
}
