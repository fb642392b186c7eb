import type { Insertable, Selectable, Updateable } from 'kysely'

export type ComplaintStatus = 'menunggu' | 'diproses' | 'selesai'

export interface ComplaintTable {
  id: string
  village_code: string
  /** the complainant's only key to the complaint: random, unique installation-wide */
  tracking_code: string
  category: string
  anonymous: number
  complainant_name: string
  contact: string
  citizen_account_id: string | null
  body: string
  photo_file: string | null
  status: ComplaintStatus
  reply: string
  replied_at: string | null
  replied_by: string
  resolved_at: string | null
  reply_due: string
  resolve_due: string
  published: number
  /** the text shown when the village publishes the complaint, edited free of personal data */
  public_text: string
  created_at: string
  updated_at: string
}

export type ComplaintRow = Selectable<ComplaintTable>
export type NewComplaintRow = Insertable<ComplaintTable>
export type ComplaintUpdate = Updateable<ComplaintTable>
