import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../web/env.ts'
import { bearerSecurity, errorResponses, requireApiCitizen } from '../api/api.ts'
import { endSession, startSession } from '../auth/session.service.ts'
import { getLiveVillage } from '../tenancy/village.service.ts'
import { maskNik } from '../lib/mask.ts'
import { authenticateCitizen, getOwnData } from './citizen.service.ts'

const ZCitizen = z
  .object({
    name: z.string().openapi({ example: 'Siti Aminah' }),
    nik: z.string().openapi({ description: 'NIK lengkap: hanya diberikan kepada pemiliknya', example: '6307064101900001' }),
    village: z.object({ code: z.string().openapi({ example: '63.07.06.2014' }), name: z.string().openapi({ example: 'Banua Jingah' }) }),
  })
  .openapi('Citizen')

/** The citizen's JSON API: sign in with NIK and PIN for a bearer token, sign out, who am I. */
export function registerCitizenApi(api: OpenAPIHono<AppEnv>): void {
  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/citizen/session',
      tags: ['Warga'],
      summary: 'Masuk sebagai warga (NIK dan PIN 6 angka) dan memperoleh token bearer',
      description: 'Lima kali gagal mengunci NIK dan alamat klien selama 15 menit (429), juga untuk PIN yang benar.',
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z
                .object({
                  nik: z.string({ error: 'NIK wajib diisi.' }).min(1, 'NIK wajib diisi.').max(32, 'NIK terlalu panjang.').openapi({ example: '6307064101900001' }),
                  pin: z.string({ error: 'PIN wajib diisi.' }).min(1, 'PIN wajib diisi.').max(32, 'PIN terlalu panjang.').openapi({ example: '482915' }),
                })
                .openapi('CitizenLogin'),
            },
          },
        },
      },
      responses: {
        200: {
          description: 'Token bearer untuk header Authorization',
          content: { 'application/json': { schema: z.object({ token: z.string(), expiresAt: z.string(), citizen: ZCitizen }).openapi('CitizenSession') } },
        },
        ...errorResponses(401, 422, 429),
      },
    }),
    async (c) => {
      const deps = c.get('deps')
      const actor = await authenticateCitizen(deps, c.get('meta'), c.req.valid('json'))
      const { token, expiresAt } = await startSession(deps.db, { kind: 'citizen', subjectId: actor.id, villageCode: actor.villageCode, via: 'api', meta: c.get('meta') })
      const village = await getLiveVillage(deps, actor.villageCode)

      return c.json({ token, expiresAt, citizen: { name: actor.name, nik: actor.nik, village: { code: village.code, name: village.name } } }, 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/citizen/me',
      tags: ['Warga'],
      summary: 'Data register milik warga yang masuk (hak akses data pribadi, UU 27/2022)',
      security: bearerSecurity,
      responses: {
        200: {
          description: 'Identitas, alamat dan anggota keluarga; NIK anggota lain disamarkan',
          content: {
            'application/json': {
              schema: ZCitizen.extend({
                kkNumber: z.string().nullable(),
                sex: z.string(),
                birthPlace: z.string(),
                birthDate: z.string(),
                religion: z.string(),
                maritalStatus: z.string(),
                occupation: z.string(),
                education: z.string(),
                familyRelationship: z.string(),
                address: z.string(),
                rt: z.string(),
                rw: z.string(),
                dusun: z.string(),
                family: z.array(z.object({ name: z.string(), nik: z.string(), familyRelationship: z.string(), birthDate: z.string() })),
                email: z.string().nullable(),
                emailVerified: z.boolean(),
              }).openapi('CitizenProfile'),
            },
          },
        },
        ...errorResponses(401),
      },
    }),
    async (c) => {
      const deps = c.get('deps')
      const actor = requireApiCitizen(c.get('actor'))
      const [{ profile: r, family, account }, village] = await Promise.all([getOwnData(deps, actor), getLiveVillage(deps, actor.villageCode)])

      return c.json({
        name: r.name, nik: r.nik, village: { code: village.code, name: village.name }, kkNumber: r.kkNumber, sex: r.sexLabel,
        birthPlace: r.birthPlace, birthDate: r.birthDate, religion: r.religion, maritalStatus: r.maritalStatus, occupation: r.occupation,
        education: r.education, familyRelationship: r.familyRelationship, address: r.address, rt: r.rt, rw: r.rw, dusun: r.dusun,
        family: family.map((m) => ({ name: m.name, nik: m.id === r.id ? m.nik : maskNik(m.nik), familyRelationship: m.familyRelationship, birthDate: m.birthDate })),
        email: account.email, emailVerified: account.emailVerified,
      }, 200)
    },
  )
}
