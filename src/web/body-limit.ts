import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { AppError } from '../lib/errors.ts'
import type { AppEnv } from './env.ts'

/** Uploads (multipart) may carry files; everything else is a small form or JSON. */
export const MAX_FORM_BYTES = 256 * 1024
export const MAX_UPLOAD_BYTES = 30 * 1024 * 1024

export function bodyLimits(): MiddlewareHandler<AppEnv> {
  const onError = () => {
    throw new AppError('PAYLOAD_TOO_LARGE')
  }
  const small = bodyLimit({ maxSize: MAX_FORM_BYTES, onError })
  const large = bodyLimit({ maxSize: MAX_UPLOAD_BYTES, onError })

  return (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next()
    const type = c.req.header('content-type') ?? ''
    const isUpload = type.startsWith('multipart/form-data') || type.startsWith('application/pdf') || type.startsWith('application/octet-stream') || type.startsWith('text/csv') || type.includes('spreadsheet')

    return (isUpload ? large : small)(c as never, next)
  }
}
