import type { Selectable } from 'kysely'

export interface AuditEventTable {
  id: string
  village_code: string | null
  actor_kind: 'staff' | 'citizen' | 'system' | 'public'
  actor_id: string | null
  actor_name: string
  action: string
  entity_type: string
  entity_id: string | null
  summary: string
  /** JSON object; persisted, so its shape per action must stay readable for years */
  data: string
  ip: string
  user_agent: string
  created_at: string
}

export type AuditEventRow = Selectable<AuditEventTable>
