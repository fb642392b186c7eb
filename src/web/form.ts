import type { Context } from 'hono'
import { isAppError, type FieldErrors } from '../lib/errors.ts'

/** A posted form's text fields (files and the CSRF field left out). */
export async function formFields(c: Context): Promise<Record<string, string>> {
  const body = await c.req.parseBody({ all: true })
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(body)) {
    if (k === '_csrf') continue
    const first = Array.isArray(v) ? v[0] : v
    if (typeof first === 'string') out[k] = first
  }

  return out
}

/**
 * When an error is a validation failure, what the form should show; otherwise undefined and
 * the caller rethrows. Keeps route handlers to "try the service, re-render on 422".
 */
export function formFailure(e: unknown): { message: string; fields: FieldErrors } | undefined {
  if (!isAppError(e) || e.code !== 'INVALID_INPUT') return undefined

  return { message: e.userMessage, fields: e.fields ?? {} }
}
