import type { Selectable } from 'kysely'

export interface NotificationTable {
  id: string
  village_code: string
  citizen_account_id: string | null
  subject: string
  body: string
  link: string | null
  read_at: string | null
  created_at: string
}

export type NotificationRow = Selectable<NotificationTable>
