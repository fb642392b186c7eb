import type { Insertable, Selectable, Updateable } from 'kysely'

export interface LetterTypeTable {
  code: string
  name: string
  title: string
  classification_code: string
  online: number
  /** JSON array of strings */
  requirements: string
  sla_hours: number
  validity_days: number
  template: string
  updated_at: string
  updated_by: string
}

export interface VillageLetterTypeTable {
  village_code: string
  type_code: string
  enabled: number
  online: number | null
  sla_hours: number | null
  template: string | null
  updated_at: string
  updated_by: string
}

export interface LetterRequestTable {
  id: string
  village_code: string
  tracking_code: string
  type_code: string
  channel: 'online' | 'loket'
  applicant_account_id: string | null
  applicant_resident_id: string | null
  subject_resident_id: string
  subject_name: string
  subject_nik: string
  /** JSON object of the type's fields */
  fields: string
  contact_email: string | null
  contact_phone: string | null
  state: string
  state_note: string
  sla_hours: number
  submitted_at: string
  due_at: string
  decided_at: string | null
  finished_at: string | null
  collected_by: string | null
  letter_id: string | null
  updated_at: string
}

export interface RequestEventTable {
  id: string
  request_id: string
  village_code: string
  at: string
  actor_kind: string
  actor_name: string
  from_state: string | null
  to_state: string
  note: string
}

export interface RequestUploadTable {
  id: string
  request_id: string
  village_code: string
  requirement: string
  stored_name: string
  original_name: string
  mime: string
  size: number
  sha256: string
  created_at: string
}

export interface RequestIdempotencyTable {
  owner: string
  key: string
  request_id: string
  created_at: string
}

export interface LetterCounterTable {
  village_code: string
  counter_key: string
  year: number
  last_number: number
}

export interface LetterTable {
  id: string
  village_code: string
  request_id: string
  type_code: string
  title: string
  classification_code: string
  counter_key: string
  year: number
  seq: number
  number: string
  verify_token: string
  subject_name: string
  subject_nik: string
  issued_date: string
  issued_at: string
  valid_until: string
  signature_mode: 'electronic' | 'hand'
  signer_on_behalf: string
  signer_title: string
  signer_name: string
  signer_nip: string
  approved_by: string
  body_markup: string
  pdf_file: string | null
  pdf_sha256: string | null
  pdf_ready_at: string | null
  signed_pdf_file: string | null
  signed_sha256: string | null
  signed_at: string | null
  signed_by: string | null
  revoked_at: string | null
  revoked_reason: string | null
  revoked_by: string | null
  created_at: string
}

export type LetterRequestRow = Selectable<LetterRequestTable>
export type NewLetterRequestRow = Insertable<LetterRequestTable>
export type LetterRequestUpdate = Updateable<LetterRequestTable>
export type LetterRow = Selectable<LetterTable>
export type RequestEventRow = Selectable<RequestEventTable>
export type RequestUploadRow = Selectable<RequestUploadTable>
