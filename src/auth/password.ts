import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

// scrypt from node:crypto (memory-hard, no native add-on). N=2^15, r=8 → 32 MiB per hash.
const PARAMS = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } satisfies ScryptOptions
const KEY_LENGTH = 32

function derive(secret: string, salt: Buffer, params: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(secret.normalize('NFKC'), salt, KEY_LENGTH, params, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  )
}

/** `scrypt$N$r$p$salt$hash` (base64url); parameters kept so they can be raised later. */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(secret, salt, PARAMS)

  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64url')
  const key = await derive(secret, Buffer.from(salt, 'base64url'), {
    N: Number(n), r: Number(r), p: Number(p), maxmem: PARAMS.maxmem,
  })

  return key.length === expected.length && timingSafeEqual(key, expected)
}

/** A hash of a random secret, so unknown users take as long as known ones (no timing oracle). */
let dummyHash: Promise<string> | undefined
export const dummySecretHash = (): Promise<string> => (dummyHash ??= hashSecret(randomBytes(16).toString('hex')))

const WORDS_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'

/** A generated password: 16 characters from an unambiguous alphabet (~78 bits). */
export function generatePassword(length = 16): string {
  const bytes = randomBytes(length)
  let out = ''
  for (const b of bytes) out += WORDS_ALPHABET[b % WORDS_ALPHABET.length]

  return out
}

/** Password rule for staff: at least 10 characters, not all one kind. */
export function passwordProblem(pw: string): string | null {
  if (pw.length < 10) return 'Kata sandi minimal 10 karakter.'
  if (pw.length > 200) return 'Kata sandi terlalu panjang.'
  if (/^\d+$/.test(pw)) return 'Kata sandi tidak boleh hanya angka.'

  return null
}
