import type { Selectable } from 'kysely'

export interface SigningCaTable {
  id: string
  subject: string
  serial: string
  cert_pem: string
  /** encrypted PKCS#8 PEM */
  key_pem: string
  not_before: string
  not_after: string
  active: number
  /** base64 DER of the current CRL */
  crl_der: string | null
  crl_updated_at: string | null
  created_at: string
  created_by: string
}

export type CertificateStatus = 'menunggu_aktivasi' | 'aktif'

export interface SigningCertificateTable {
  id: string
  ca_id: string
  village_code: string
  staff_user_id: string
  holder_name: string
  holder_title: string
  serial: string
  subject: string
  cert_pem: string
  key_pem: string
  status: CertificateStatus
  not_before: string
  not_after: string
  issued_at: string
  issued_by: string
  activated_at: string | null
  revoked_at: string | null
  revoked_reason: string | null
  revoked_by: string | null
}

export type DelegationKind = 'an' | 'ub'

export interface SigningDelegationTable {
  id: string
  village_code: string
  delegate_user_id: string
  kind: DelegationKind
  /** YYYY-MM-DD, WITA calendar days, inclusive */
  valid_from: string
  valid_until: string
  note: string
  created_by: string
  created_at: string
  ended_at: string | null
}

export type SignatureState = 'antri' | 'ditandatangani' | 'gagal'

export interface LetterSignatureTable {
  id: string
  village_code: string
  letter_id: string
  request_id: string
  certificate_id: string
  signer_user_id: string
  on_behalf: string
  batch_id: string
  state: SignatureState
  error: string | null
  signed_sha256: string | null
  signing_time: string | null
  created_at: string
  finished_at: string | null
}

export type SigningCaRow = Selectable<SigningCaTable>
export type SigningCertificateRow = Selectable<SigningCertificateTable>
export type SigningDelegationRow = Selectable<SigningDelegationTable>
export type LetterSignatureRow = Selectable<LetterSignatureTable>

export interface LetterReplacementTable {
  replaced_letter_id: string
  village_code: string
  replacement_letter_id: string
  linked_at: string
  linked_by: string
}
