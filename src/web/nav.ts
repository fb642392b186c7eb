import type { Actor } from '../auth/actor.ts'
import type { Permission } from '../auth/role.ts'
import { staffCan } from '../auth/policy.ts'

export interface NavItem {
  label: string
  href: string
}

/**
 * The staff menu. Village items appear for a village in the actor's scope; regency items for
 * staff granted on the regency (or a district, where the permission allows it). Each module
 * adds its entries here, so the menu shows everything a role can reach.
 */
const VILLAGE_ITEMS: { label: string; path: string; permission: Permission }[] = [
  { label: 'Ringkasan', path: '', permission: 'village.view' },
  { label: 'Pengaturan', path: '/pengaturan', permission: 'village.settings' },
  { label: 'Pengguna', path: '/pengguna', permission: 'staff.manage' },
  { label: 'Jejak Audit', path: '/audit', permission: 'audit.read' },
]

const SCOPE_ITEMS: { label: string; path: string; permission: Permission }[] = [
  { label: 'Desa', path: '/desa', permission: 'village.view' },
  { label: 'Pengguna', path: '/pengguna', permission: 'staff.manage' },
  { label: 'Jejak Audit', path: '/audit', permission: 'audit.read' },
]

export function villageNav(actor: Actor | null, villageCode: string): NavItem[] {
  return VILLAGE_ITEMS.filter((i) => staffCan(actor, villageCode, i.permission)).map((i) => ({
    label: i.label,
    href: `/staf/desa/${villageCode}${i.path}`,
  }))
}

export function scopeNav(actor: Actor | null): NavItem[] {
  if (actor?.kind !== 'staff' || actor.scope.split('.').length > 3) return []

  return SCOPE_ITEMS.filter((i) => staffCan(actor, actor.scope, i.permission)).map((i) => ({
    label: i.label,
    href: `/staf/wilayah${i.path}`,
  }))
}
