import { randomBytes } from 'node:crypto'

/**
 * UUIDv7 (RFC 9562): time-ordered, so primary keys stay index-friendly on both engines and
 * both engines get identical ids (generated here, never by the database).
 */
export function newId(now = Date.now()): string {
  const bytes = randomBytes(16)
  bytes.writeUIntBE(now, 0, 6)
  bytes[6] = (bytes[6] & 0x0f) | 0x70
  bytes[8] = (bytes[8] & 0x3f) | 0x80
  const hex = bytes.toString('hex')

  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

const TOKEN_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/**
 * An unguessable public token (tracking codes, QR verification). Letters and digits that are
 * hard to confuse when read aloud or typed from paper; `length` × 5 bits of entropy.
 */
export function newToken(length = 24): string {
  const bytes = randomBytes(length)
  let out = ''
  for (const b of bytes) out += TOKEN_ALPHABET[b & 31]

  return out
}

/** A random secret for cookies and bearer tokens (256 bits, base64url). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url')
}
