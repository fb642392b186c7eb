import { isDistrictCode, isVillageCode, isWithin } from '../tenancy/region.ts'

export const ROLES = [
  'regency_admin',
  'district_viewer',
  'village_admin',
  'operator',
  'secretary',
  'head',
] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABEL: Record<Role, string> = {
  regency_admin: 'Admin Kabupaten',
  district_viewer: 'Pemantau Kecamatan (Camat)',
  village_admin: 'Admin Desa',
  operator: 'Operator Desa',
  secretary: 'Sekretaris Desa',
  head: 'Kepala Desa (Pembakal/Lurah)',
}

/** Which kind of scope each role is granted on. */
export const ROLE_SCOPE: Record<Role, 'regency' | 'district' | 'village'> = {
  regency_admin: 'regency',
  district_viewer: 'district',
  village_admin: 'village',
  operator: 'village',
  secretary: 'village',
  head: 'village',
}

export const isRole = (r: string): r is Role => (ROLES as readonly string[]).includes(r)

/** True when a scope code has the shape the role needs (a village role needs a village code). */
export function scopeFitsRole(role: Role, scope: string): boolean {
  switch (ROLE_SCOPE[role]) {
    case 'regency':
      return /^\d{2}\.\d{2}$/.test(scope)
    case 'district':
      return isDistrictCode(scope)
    case 'village':
      return isVillageCode(scope)
  }
}

/**
 * Everything staff can do, named once. Modules add their actions here so the role × action
 * table (and its test) stays the single source of who may do what.
 */
export const PERMISSIONS = {
  'village.view': ['regency_admin', 'district_viewer', 'village_admin', 'operator', 'secretary', 'head'],
  'village.enable': ['regency_admin'],
  'village.settings': ['regency_admin', 'village_admin'],
  'staff.manage': ['regency_admin', 'village_admin'],
  'audit.read': ['regency_admin', 'village_admin'],
  'resident.read': ['regency_admin', 'district_viewer', 'village_admin', 'operator', 'secretary', 'head'],
  'resident.write': ['village_admin', 'operator', 'secretary'],
  'resident.import': ['village_admin', 'operator'],
  'resident.reveal_nik': ['regency_admin', 'village_admin', 'operator', 'secretary', 'head'],
  'statistics.read': ['regency_admin', 'district_viewer', 'village_admin', 'operator', 'secretary', 'head'],
  'request.read': ['regency_admin', 'district_viewer', 'village_admin', 'operator', 'secretary', 'head'],
  'request.process': ['village_admin', 'operator', 'secretary', 'head'],
  'request.approve': ['village_admin', 'operator', 'secretary', 'head'],
  'citizen.manage': ['village_admin', 'operator', 'secretary'],
  'catalogue.manage': ['regency_admin'],
  'catalogue.village': ['regency_admin', 'village_admin'],
  'template.edit': ['regency_admin', 'village_admin'],
  'letter.sign': ['head', 'secretary'],
  'letter.revoke': ['regency_admin', 'head'],
  'letter.delegate': ['head'],
  'certificate.manage': ['regency_admin'],
  'portal.edit': ['village_admin', 'operator', 'secretary'],
  'complaint.handle': ['village_admin', 'operator', 'secretary', 'head'],
  'dashboard.regency': ['regency_admin', 'district_viewer'],
  'jobs.manage': ['regency_admin'],
} as const satisfies Record<string, readonly Role[]>

export type Permission = keyof typeof PERMISSIONS

/** Whether a role may perform an action at all (scope is checked separately). */
export function roleAllows(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role)
}

/** Whether a staff grant's scope covers a village (or district, or the regency itself). */
export function scopeCovers(scope: string, code: string): boolean {
  return isWithin(code, scope)
}
