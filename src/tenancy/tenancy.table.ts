import type { Insertable, Selectable, Updateable } from 'kysely'

export type RegionLevel = 'provinsi' | 'kabupaten' | 'kota' | 'kecamatan' | 'desa' | 'kelurahan'

export interface RegionTable {
  code: string
  name: string
  level: RegionLevel
  parent_code: string | null
}

export interface VillageTable {
  code: string
  kind: 'desa' | 'kelurahan'
  head_title: string
  head_name: string
  head_nip: string
  address: string
  postal_code: string
  phone: string
  email: string
  office_hours: string
  /** JSON array of strings: the letterhead lines under the regency line */
  letterhead_lines: string
  logo_file: string | null
  paper_size: 'A4' | 'F4'
  number_format: string
  counter_scope: 'per_type' | 'shared'
  enabled_at: string
  updated_at: string
}

export type RegionRow = Selectable<RegionTable>
export type VillageRow = Selectable<VillageTable>
export type NewVillageRow = Insertable<VillageTable>
export type VillageUpdate = Updateable<VillageTable>
