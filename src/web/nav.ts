import type { Actor } from '../auth/actor.ts'
import { isVillageCode } from '../tenancy/region.ts'
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
  { label: 'Penduduk', path: '/penduduk', permission: 'resident.read' },
  { label: 'Buku Mutasi', path: '/mutasi', permission: 'resident.read' },
  { label: 'Statistik', path: '/statistik', permission: 'statistics.read' },
  { label: 'Permohonan Surat', path: '/permohonan', permission: 'request.read' },
  { label: 'Agenda Surat', path: '/agenda', permission: 'request.read' },
  { label: 'Layanan Surat', path: '/layanan', permission: 'catalogue.village' },
  { label: 'Pengaturan', path: '/pengaturan', permission: 'village.settings' },
  { label: 'Pengguna', path: '/pengguna', permission: 'staff.manage' },
  { label: 'Akun Warga', path: '/warga', permission: 'citizen.manage' },
  { label: 'Portal', path: '/portal', permission: 'portal.edit' },
  { label: 'Pengaduan', path: '/pengaduan', permission: 'complaint.handle' },
  { label: 'Tanda Tangan', path: '/tanda-tangan', permission: 'letter.sign' },
  { label: 'Jejak Audit', path: '/audit', permission: 'audit.read' },
]

const SCOPE_ITEMS: { label: string; path: string; permission: Permission }[] = [
  { label: 'Desa', path: '/desa', permission: 'village.view' },
  { label: 'Statistik Penduduk', path: '/statistik', permission: 'statistics.read' },
  { label: 'Layanan Surat', path: '/layanan', permission: 'catalogue.manage' },
  { label: 'Pengguna', path: '/pengguna', permission: 'staff.manage' },
  { label: 'Sertifikat TTE', path: '/sertifikat', permission: 'certificate.manage' },
  { label: 'Antrean Tugas', path: '/tugas', permission: 'jobs.manage' },
  { label: 'Jejak Audit', path: '/audit', permission: 'audit.read' },
]

export function villageNav(actor: Actor | null, villageCode: string): NavItem[] {
  return VILLAGE_ITEMS.filter((i) => staffCan(actor, villageCode, i.permission)).map((i) => ({
    label: i.label,
    href: `/staf/desa/${villageCode}${i.path}`,
  }))
}

export function scopeNav(actor: Actor | null): NavItem[] {
  if (actor?.kind !== 'staff' || isVillageCode(actor.scope)) return []

  return SCOPE_ITEMS.filter((i) => staffCan(actor, actor.scope, i.permission)).map((i) => ({
    label: i.label,
    href: `/staf/wilayah${i.path}`,
  }))
}
