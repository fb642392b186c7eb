import type { Selectable } from 'kysely'

export interface StaffUserTable {
  id: string
  username: string
  display_name: string
  email: string
  password_hash: string
  role: string
  scope_code: string
  active: number
  created_at: string
  updated_at: string
  password_changed_at: string
}

export interface SessionTable {
  /** SHA-256 (hex) of the secret held by the client */
  id: string
  kind: 'staff' | 'citizen'
  subject_id: string
  village_code: string | null
  via: 'web' | 'api'
  ip: string
  user_agent: string
  created_at: string
  expires_at: string
}

export interface ThrottleTable {
  key: string
  count: number
  window_start: string
  locked_until: string | null
}

export type StaffUserRow = Selectable<StaffUserTable>
export type SessionRow = Selectable<SessionTable>
