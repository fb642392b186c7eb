import { describe, expect, it } from 'vitest'
import { authorizeVillage, staffCan } from './policy.ts'
import { PERMISSIONS, ROLES, scopeFitsRole, type Permission, type Role } from './role.ts'
import type { StaffActor } from './actor.ts'

const scopeOf: Record<Role, string> = {
  regency_admin: '63.07',
  district_viewer: '63.07.06',
  village_admin: '63.07.06.2014',
  operator: '63.07.06.2014',
  secretary: '63.07.06.2014',
  head: '63.07.06.2014',
}
const actor = (role: Role): StaffActor => ({ kind: 'staff', id: role, username: role, name: role, role, scope: scopeOf[role] })

/**
 * The role × action table, written out by hand: a change to PERMISSIONS must change this
 * table too, so nobody widens a role by accident.
 */
const EXPECTED: Record<Permission, Role[]> = {
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
}

describe('role × action permissions', () => {
  it('lists every permission in the expected table', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(PERMISSIONS).sort())
  })

  for (const permission of Object.keys(PERMISSIONS) as Permission[]) {
    for (const role of ROLES) {
      const allowed = EXPECTED[permission].includes(role)
      it(`${role} ${allowed ? 'may' : 'may not'} ${permission} in their own village`, () => {
        expect(staffCan(actor(role), '63.07.06.2014', permission)).toBe(allowed)
      })
    }
  }

  it('answers 404 outside the scope and 403 inside it without the role', () => {
    const op = actor('operator')
    expect(() => authorizeVillage(op, '63.07.06.2010', 'resident.read')).toThrow(expect.objectContaining({ status: 404 }))
    expect(() => authorizeVillage(op, '63.07.06.2014', 'village.settings')).toThrow(expect.objectContaining({ status: 403 }))
    expect(() => authorizeVillage(actor('district_viewer'), '63.07.05.2001', 'village.view')).toThrow(expect.objectContaining({ status: 404 }))
    expect(authorizeVillage(actor('district_viewer'), '63.07.06.2010', 'village.view').role).toBe('district_viewer')
    expect(() => authorizeVillage(null, '63.07.06.2014', 'village.view')).toThrow(expect.objectContaining({ status: 401 }))
  })

  it('grants each role only on its kind of scope', () => {
    expect(scopeFitsRole('operator', '63.07.06.2014')).toBe(true)
    expect(scopeFitsRole('operator', '63.07.06')).toBe(false)
    expect(scopeFitsRole('district_viewer', '63.07.06')).toBe(true)
    expect(scopeFitsRole('regency_admin', '63.07')).toBe(true)
    expect(scopeFitsRole('regency_admin', '63.07.06.2014')).toBe(false)
  })
})
