import { OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../web/env.ts'
import { AppError } from '../lib/errors.ts'
import { fieldErrors } from '../lib/validation.ts'
import type { Actor, CitizenActor, StaffActor } from '../auth/actor.ts'

/** Creates an OpenAPI router whose failed validations answer 422 with a message per field. */
export function apiRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        throw new AppError('INVALID_INPUT', { fields: fieldErrors(result.error as never) })
      }
    },
  })
}

export const ZApiError = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'NOT_FOUND' }),
      message: z.string().openapi({ example: 'Halaman atau data yang Anda cari tidak ditemukan.' }),
      fields: z.record(z.string(), z.string()).optional(),
      requestId: z.string().optional(),
    }),
  })
  .openapi('Error')

/** Standard error responses to spread into a route's `responses`. */
export const errorResponses = (...statuses: (401 | 403 | 404 | 409 | 413 | 415 | 422 | 429)[]) =>
  Object.fromEntries(
    statuses.map((s) => [s, { description: ERROR_TEXT[s], content: { 'application/json': { schema: ZApiError } } }]),
  ) as Record<number, { description: string; content: { 'application/json': { schema: typeof ZApiError } } }>

const ERROR_TEXT: Record<number, string> = {
  401: 'Belum masuk atau token tidak sah',
  403: 'Tidak berwenang',
  404: 'Tidak ditemukan (juga untuk data desa lain)',
  409: 'Konflik status atau data sudah ada',
  413: 'Data terlalu besar',
  415: 'Jenis berkas tidak didukung',
  422: 'Isian tidak sah; `fields` berisi pesan per isian',
  429: 'Terlalu banyak percobaan',
}

export function requireApiActor(actor: Actor | null): Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED')

  return actor
}

export function requireApiStaff(actor: Actor | null): StaffActor {
  if (actor?.kind !== 'staff') throw new AppError('UNAUTHENTICATED')

  return actor
}

export function requireApiCitizen(actor: Actor | null): CitizenActor {
  if (actor?.kind !== 'citizen') throw new AppError('UNAUTHENTICATED')

  return actor
}

export const bearerSecurity = [{ bearerAuth: [] as string[] }]
