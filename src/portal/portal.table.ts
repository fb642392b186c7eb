import type { Insertable, Selectable, Updateable } from 'kysely'

export interface PortalProfileTable {
  village_code: string
  history: string
  geography: string
  vision: string
  mission: string
  updated_at: string
}

export interface PortalOfficialTable {
  id: string
  village_code: string
  name: string
  position: string
  sort_order: number
  created_at: string
  updated_at: string
}

export type PostKind = 'berita' | 'pengumuman'
export type PostStatus = 'draft' | 'published'

export interface PortalPostTable {
  id: string
  village_code: string
  kind: PostKind
  title: string
  /** Markdown as written by staff; rendered and sanitised only when shown */
  body: string
  image_file: string | null
  image_width: number | null
  image_height: number | null
  status: PostStatus
  published_at: string | null
  author_name: string
  created_at: string
  updated_at: string
}

export interface PortalAgendaTable {
  id: string
  village_code: string
  title: string
  /** YYYY-MM-DD (a calendar day in WITA) */
  event_date: string
  /** 'HH.MM' in WITA or '' */
  event_time: string
  place: string
  description: string
  created_at: string
  updated_at: string
}

export type PortalProfileRow = Selectable<PortalProfileTable>
export type PortalOfficialRow = Selectable<PortalOfficialTable>
export type PortalPostRow = Selectable<PortalPostTable>
export type NewPortalPostRow = Insertable<PortalPostTable>
export type PortalPostUpdate = Updateable<PortalPostTable>
export type PortalAgendaRow = Selectable<PortalAgendaTable>
