import type { Insertable, Selectable, Updateable } from 'kysely'

export type ResidentStatus = 'aktif' | 'meninggal' | 'pindah' | 'hilang'

export interface ResidentAreaTable {
  id: string
  village_code: string
  dusun: string
  rw: string
  rt: string
  created_at: string
}

export interface FamilyTable {
  id: string
  village_code: string
  kk_number: string
  head_resident_id: string | null
  address: string
  dusun: string
  rw: string
  rt: string
  created_at: string
  updated_at: string
}

export interface ResidentTable {
  id: string
  village_code: string
  nik: string
  nik_temporary: number
  family_id: string | null
  kk_number: string | null
  shdk_code: number
  name: string
  name_folded: string
  sex: number
  birth_place: string
  birth_date: string
  religion_code: number
  education_code: number
  education_current_code: number | null
  occupation_code: number
  marital_code: number
  citizenship_code: number
  father_nik: string | null
  father_name: string
  mother_nik: string | null
  mother_name: string
  blood_type_code: number | null
  birth_certificate: string | null
  passport_number: string | null
  passport_expiry: string | null
  kitas_number: string | null
  marriage_certificate: string | null
  marriage_date: string | null
  divorce_certificate: string | null
  divorce_date: string | null
  disability_code: number | null
  kb_code: number | null
  pregnant: number | null
  ektp_code: number | null
  ektp_record_code: number | null
  current_address: string | null
  ethnicity: string | null
  ektp_tag: string | null
  insurance_code: number | null
  insurance_number: string | null
  lat: string | null
  lng: string | null
  email: string | null
  phone: string | null
  dusun: string
  rw: string
  rt: string
  address: string
  status: ResidentStatus
  created_at: string
  updated_at: string
}

export type ResidentEventKind =
  | 'lahir'
  | 'meninggal'
  | 'pindah_keluar'
  | 'pindah_masuk'
  | 'hilang'
  | 'kk_baru'
  | 'pisah_kk'
  | 'ubah_data'
  | 'data_awal'

export interface ResidentEventTable {
  id: string
  village_code: string
  resident_id: string | null
  family_id: string | null
  kind: ResidentEventKind
  event_date: string
  summary: string
  /** JSON object */
  details: string
  actor_name: string
  created_at: string
}

export interface ResidentCorrectionTable {
  id: string
  village_code: string
  resident_id: string
  requested_by: string | null
  message: string
  status: 'baru' | 'selesai' | 'ditolak'
  response: string
  created_at: string
  handled_at: string | null
  handled_by: string | null
}

export type ResidentRow = Selectable<ResidentTable>
export type NewResidentRow = Insertable<ResidentTable>
export type ResidentUpdate = Updateable<ResidentTable>
export type FamilyRow = Selectable<FamilyTable>
export type ResidentEventRow = Selectable<ResidentEventTable>
export type ResidentCorrectionRow = Selectable<ResidentCorrectionTable>
