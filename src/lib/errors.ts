/**
 * One error type for the whole application. `code` is stable (scripts and tests rely on it),
 * `userMessage` is formal Indonesian shown to people, `message` is for logs only.
 */
export type ErrorCode =
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'INVALID_INPUT'
  | 'ALREADY_EXISTS'
  | 'CONFLICT'
  | 'INVALID_TRANSITION'
  | 'LOCKED'
  | 'RATE_LIMITED'
  | 'CSRF'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA'
  | 'INTERNAL'

const STATUS: Record<ErrorCode, number> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  INVALID_INPUT: 422,
  ALREADY_EXISTS: 409,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  LOCKED: 429,
  RATE_LIMITED: 429,
  CSRF: 403,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA: 415,
  INTERNAL: 500,
}

const DEFAULT_USER_MESSAGE: Record<ErrorCode, string> = {
  NOT_FOUND: 'Halaman atau data yang Anda cari tidak ditemukan.',
  FORBIDDEN: 'Anda tidak berwenang melakukan tindakan ini.',
  UNAUTHENTICATED: 'Silakan masuk terlebih dahulu.',
  INVALID_INPUT: 'Data yang dikirim belum benar. Periksa kembali isian Anda.',
  ALREADY_EXISTS: 'Data tersebut sudah ada.',
  CONFLICT: 'Data telah berubah. Muat ulang halaman lalu coba lagi.',
  INVALID_TRANSITION: 'Tindakan ini tidak dapat dilakukan pada status saat ini.',
  LOCKED: 'Terlalu banyak percobaan yang gagal. Coba lagi nanti.',
  RATE_LIMITED: 'Terlalu banyak permintaan. Coba lagi beberapa saat lagi.',
  CSRF: 'Formulir kedaluwarsa atau tidak sah. Muat ulang halaman lalu kirim kembali.',
  PAYLOAD_TOO_LARGE: 'Data yang dikirim terlalu besar.',
  UNSUPPORTED_MEDIA: 'Jenis berkas tidak didukung.',
  INTERNAL: 'Terjadi kesalahan pada sistem.',
}

/** Field-level messages, keyed by field name, for forms and the JSON API (422). */
export type FieldErrors = Record<string, string>

export class AppError extends Error {
  readonly code: ErrorCode
  readonly status: number
  readonly userMessage: string
  readonly fields?: FieldErrors

  constructor(
    code: ErrorCode,
    opts: { message?: string; userMessage?: string; fields?: FieldErrors; cause?: unknown } = {},
  ) {
    super(opts.message ?? opts.userMessage ?? code, { cause: opts.cause })
    this.name = 'AppError'
    this.code = code
    this.status = STATUS[code]
    this.userMessage = opts.userMessage ?? DEFAULT_USER_MESSAGE[code]
    this.fields = opts.fields
  }
}

export const notFound = (message?: string) => new AppError('NOT_FOUND', { message })
export const forbidden = (message?: string) => new AppError('FORBIDDEN', { message })
export const invalidInput = (userMessage: string, fields?: FieldErrors) =>
  new AppError('INVALID_INPUT', { userMessage, fields })
export const alreadyExists = (userMessage: string) => new AppError('ALREADY_EXISTS', { userMessage })
export const invalidTransition = (userMessage?: string) =>
  new AppError('INVALID_TRANSITION', { userMessage })

export const isAppError = (e: unknown): e is AppError => e instanceof AppError

/** True when a database error is a unique-key violation, on SQLite or PostgreSQL. */
export function isUniqueViolation(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false
  const err = e as { code?: string; message?: string }
  return (
    err.code === '23505' ||
    err.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  )
}
