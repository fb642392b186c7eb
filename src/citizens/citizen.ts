import { createHmac, randomInt } from 'node:crypto'
import type { ThrottleRule } from '../auth/throttle.ts'
import type { CitizenStatus } from './citizen.table.ts'

/**
 * Pure rules of citizen accounts (layanan mandiri): PIN shape and strength, lockout, token
 * lifetimes. No I/O here.
 */

/** Five failures lock a NIK, and separately a client address, for 15 minutes (issue 4). */
export const CITIZEN_LOGIN_RULE: ThrottleRule = { max: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 }
/** Self-registration and "forgot PIN" reveal whether data match the register: keep guessing slow. */
export const CITIZEN_FORM_RULE: ThrottleRule = { max: 10, windowMs: 60 * 60_000, lockMs: 60 * 60_000 }

export const EMAIL_VERIFY_TTL_MS = 48 * 3600_000
export const PIN_RESET_TTL_MS = 60 * 60_000
/** The link sent on activation lets the resident choose a first PIN; allow a few days. */
export const PIN_SETUP_TTL_MS = 72 * 3600_000

export const STATUS_LABEL: Record<CitizenStatus, string> = {
  pending: 'Menunggu aktivasi',
  active: 'Aktif',
  disabled: 'Nonaktif',
}

export const isNik = (s: string): boolean => /^\d{16}$/.test(s)

/**
 * Why a 6-digit PIN is too easy to guess, or null. Repeated digits, straight runs and the
 * resident's own birth date (DDMMYY / YYMMDD) are the first things anyone tries.
 */
export function pinProblem(pin: string, birthDate?: string): string | null {
  if (!/^\d{6}$/.test(pin)) return 'PIN harus terdiri atas 6 angka.'
  if (/^(\d)\1{5}$/.test(pin)) return 'PIN tidak boleh berisi angka yang sama semuanya.'
  const digits = [...pin].map(Number)
  const steps = digits.slice(1).map((d, i) => (d - digits[i] + 10) % 10)
  if (steps.every((s) => s === 1) || steps.every((s) => s === 9)) return 'PIN tidak boleh berupa urutan angka.'
  if (/^(\d\d)\1\1$/.test(pin) || /^(\d{3})\1$/.test(pin)) return 'PIN tidak boleh berupa pola berulang.'
  if (birthDate && /^\d{4}-\d{2}-\d{2}$/.test(birthDate)) {
    const [y, m, d] = birthDate.split('-')
    if (pin === d + m + y.slice(2) || pin === y.slice(2) + m + d) return 'PIN tidak boleh sama dengan tanggal lahir.'
  }

  return null
}

/** A random PIN that passes pinProblem. */
export function generatePin(birthDate?: string): string {
  for (;;) {
    const pin = String(randomInt(0, 1_000_000)).padStart(6, '0')
    if (!pinProblem(pin, birthDate)) return pin
  }
}

/**
 * The demo PIN of a resident, derived from the installation secret: running the demo again
 * gives the same PIN, and nobody can compute it from the code alone.
 */
export function demoPin(secret: string, nik: string, birthDate?: string): string {
  for (let i = 0; ; i++) {
    const mac = createHmac('sha256', secret).update(`demo-pin:${nik}:${i}`).digest()
    const pin = String(mac.readUInt32BE(0) % 1_000_000).padStart(6, '0')
    if (!pinProblem(pin, birthDate)) return pin
  }
}

/** Only same-site paths inside the citizen area may be a post-login destination. */
export const safeCitizenNext = (next: string | undefined): string =>
  next && /^\/warga(\/[^/\\][^\\]*)?$/.test(next) && !next.startsWith('/warga/masuk') ? next : '/warga'

export const normalizeEmail = (email: string): string => email.trim().toLowerCase()
