import type { z } from 'zod'
import { AppError, type FieldErrors } from './errors.ts'

/** zod issues as one Indonesian message per field (the first issue of each field wins). */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {}
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_'
    out[key] ??= issue.message
  }

  return out
}

/** Parses input or throws INVALID_INPUT (422) carrying a message per field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input)
  if (!r.success) {
    throw new AppError('INVALID_INPUT', { fields: fieldErrors(r.error) })
  }

  return r.data
}
