import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { randomBytes } from 'node:crypto'
import { z } from 'zod'

/**
 * The environment is read here, once, and nowhere else. A bad value stops start-up with a
 * message that names the variable and what it should look like.
 */
const ZEnv = z.object({
  PORT: z.coerce
    .number({ message: 'PORT harus berupa angka' })
    .int('PORT harus bilangan bulat')
    .min(1, 'PORT harus antara 1 dan 65535')
    .max(65535, 'PORT harus antara 1 dan 65535')
    .default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  BALAI_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || isPostgresUrl(v), {
      message:
        'DATABASE_URL harus berupa alamat PostgreSQL yang sah, mis. postgres://pengguna@127.0.0.1:5432/balai (kosongkan untuk SQLite bawaan)',
    }),
  BALAI_PUBLIC_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || /^https?:\/\/[^\s/]+/.test(v), {
      message: 'BALAI_PUBLIC_URL harus berupa alamat http(s), mis. https://balai.hstkab.go.id',
    }),
  BALAI_REGENCY: z
    .string()
    .regex(/^\d{2}\.\d{2}$/, 'BALAI_REGENCY harus kode kabupaten bertitik, mis. 63.07')
    .default('63.07'),
  BALAI_SECRET: z.string().min(32, 'BALAI_SECRET minimal 32 karakter').optional(),
  SMTP_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || /^smtps?:\/\//.test(v), {
      message: 'SMTP_URL harus berupa alamat smtp:// atau smtps://',
    }),
  SMTP_FROM: z.string().optional(),
  BALAI_MESSAGE_WEBHOOK_URL: z.string().url('BALAI_MESSAGE_WEBHOOK_URL harus alamat http(s)').optional(),
  BALAI_HOLIDAYS: z.string().optional(),
  BALAI_SIGNER: z.enum(['local', 'remote']).default('local'),
  BALAI_REMOTE_SIGNER_URL: z.string().url().optional(),
  BALAI_TRUST_PROXY: z.enum(['0', '1', 'true', 'false'], { message: 'BALAI_TRUST_PROXY harus 1 atau 0' }).default('0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
})

function isPostgresUrl(v: string): boolean {
  try {
    const u = new URL(v)

    return (u.protocol === 'postgres:' || u.protocol === 'postgresql:') && u.pathname.length > 1
  } catch {
    return false
  }
}

export interface Config {
  readonly port: number
  readonly host: string
  readonly dataDir: string
  /** undefined → embedded SQLite in the data dir */
  readonly databaseUrl?: string
  readonly publicUrl: string
  readonly regency: string
  readonly secret: string
  readonly smtpUrl?: string
  readonly smtpFrom: string
  readonly messageWebhookUrl?: string
  /** extra non-working days (YYYY-MM-DD), besides weekends */
  readonly holidays: readonly string[]
  readonly signer: 'local' | 'remote'
  readonly remoteSignerUrl?: string
  readonly logLevel: string
  /** behind a reverse proxy: take the client address from X-Forwarded-For */
  readonly trustProxy: boolean
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** Parses an environment into a frozen Config, creating the data dir and secret when absent. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ZEnv.safeParse(stripEmpty(env))
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `- ${i.path.join('.')}: ${i.message}`)
    throw new ConfigError(`Konfigurasi tidak sah:\n${lines.join('\n')}`)
  }
  const e = parsed.data
  const dataDir = resolve(e.BALAI_DATA_DIR)
  mkdirSync(dataDir, { recursive: true })
  const holidays = (e.BALAI_HOLIDAYS ?? '').split(',').map((s) => s.trim()).filter(Boolean)
  const badHoliday = holidays.find((h) => !/^\d{4}-\d{2}-\d{2}$/.test(h))
  if (badHoliday) {
    throw new ConfigError(
      `Konfigurasi tidak sah:\n- BALAI_HOLIDAYS: tanggal "${badHoliday}" harus berbentuk YYYY-MM-DD`,
    )
  }

  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL || undefined,
    publicUrl: (e.BALAI_PUBLIC_URL || `http://${e.HOST}:${e.PORT}`).replace(/\/$/, ''),
    regency: e.BALAI_REGENCY,
    secret: e.BALAI_SECRET ?? readOrCreateSecret(dataDir),
    smtpUrl: e.SMTP_URL || undefined,
    smtpFrom: e.SMTP_FROM || 'Balai <noreply@balai.local>',
    messageWebhookUrl: e.BALAI_MESSAGE_WEBHOOK_URL,
    holidays,
    signer: e.BALAI_SIGNER,
    remoteSignerUrl: e.BALAI_REMOTE_SIGNER_URL,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.BALAI_TRUST_PROXY === '1' || e.BALAI_TRUST_PROXY === 'true',
  })
}

function stripEmpty(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') out[k] = v

  return out
}

/** The secret signs cookies and CSRF tokens; generated once so restarts keep sessions valid. */
function readOrCreateSecret(dataDir: string): string {
  const file = join(dataDir, 'secret.key')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  const secret = randomBytes(32).toString('base64url')
  writeFileSync(file, secret + '\n', { mode: 0o600 })

  return secret
}
