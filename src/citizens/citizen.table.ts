import type { Selectable } from 'kysely'

export type CitizenStatus = 'pending' | 'active' | 'disabled'
export type CitizenOrigin = 'office' | 'self'
export type CitizenTokenPurpose = 'verify_email' | 'reset_pin'

export interface CitizenAccountTable {
  id: string
  village_code: string
  resident_id: string
  nik: string
  /** scrypt hash (src/auth/password.ts); null while a self-registration waits for activation */
  pin_hash: string | null
  status: CitizenStatus
  /** issued at the office, or registered by the resident online */
  origin: CitizenOrigin
  email: string | null
  email_verified_at: string | null
  pin_changed_at: string | null
  last_login_at: string | null
  activated_at: string | null
  created_at: string
  updated_at: string
}

export interface CitizenTokenTable {
  /** SHA-256 (hex) of the token sent in the link */
  id: string
  account_id: string
  village_code: string
  purpose: CitizenTokenPurpose
  /** the address being verified (verify_email) */
  email: string | null
  created_at: string
  expires_at: string
  used_at: string | null
}

export type CitizenAccountRow = Selectable<CitizenAccountTable>
export type CitizenTokenRow = Selectable<CitizenTokenTable>
