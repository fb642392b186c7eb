import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../web/env.ts'
import { bearerSecurity, errorResponses, requireApiActor } from './api.ts'
import { authenticateStaff } from '../auth/staff.service.ts'
import { endSession, startSession } from '../auth/session.service.ts'
import { getLiveVillage, listLiveVillages } from '../tenancy/village.service.ts'
import type { Village } from '../tenancy/village.ts'

const ZVillage = z
  .object({
    code: z.string().openapi({ example: '63.07.06.2014' }),
    name: z.string().openapi({ example: 'Banua Jingah' }),
    kind: z.enum(['desa', 'kelurahan']),
    district: z.object({ code: z.string(), name: z.string() }),
    headTitle: z.string(),
    headName: z.string(),
    address: z.string(),
    phone: z.string(),
    email: z.string(),
    officeHours: z.string(),
    portalUrl: z.string(),
  })
  .openapi('Village')

const presentVillage = (v: Village) => ({
  code: v.code,
  name: v.name,
  kind: v.kind,
  district: { code: v.districtCode, name: v.districtName },
  headTitle: v.headTitle,
  headName: v.headName,
  address: v.address,
  phone: v.phone,
  email: v.email,
  officeHours: v.officeHours,
  portalUrl: `/desa/${v.code}`,
})

/** Platform endpoints: staff tokens, who am I, live villages. */
export function registerPlatformApi(api: OpenAPIHono<AppEnv>): void {
  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/staff/session',
      tags: ['Staf'],
      summary: 'Masuk sebagai staf dan memperoleh token bearer',
      request: {
        body: {
          required: true,
          content: { 'application/json': { schema: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) }).openapi('StaffLogin') } },
        },
      },
      responses: {
        200: {
          description: 'Token bearer untuk header Authorization',
          content: { 'application/json': { schema: z.object({ token: z.string(), expiresAt: z.string(), user: z.object({ username: z.string(), name: z.string(), role: z.string(), scope: z.string() }) }).openapi('StaffSession') } },
        },
        ...errorResponses(401, 422, 429),
      },
    }),
    async (c) => {
      const { username, password } = c.req.valid('json')
      const deps = c.get('deps')
      const actor = await authenticateStaff(deps, c.get('meta'), username, password)
      const { token, expiresAt } = await startSession(deps.db, { kind: 'staff', subjectId: actor.id, villageCode: null, via: 'api', meta: c.get('meta') })

      return c.json({ token, expiresAt, user: { username: actor.username, name: actor.name, role: actor.role, scope: actor.scope } }, 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/session',
      tags: ['Staf', 'Warga'],
      summary: 'Keluar: mengakhiri token bearer ini (staf maupun warga)',
      security: bearerSecurity,
      responses: { 204: { description: 'Token diakhiri' }, ...errorResponses(401) },
    }),
    async (c) => {
      requireApiActor(c.get('actor'))
      const token = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? ''
      await endSession(c.get('deps').db, token)

      return c.body(null, 204)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/me',
      tags: ['Staf'],
      summary: 'Akun pemilik token',
      security: bearerSecurity,
      responses: {
        200: { description: 'Akun', content: { 'application/json': { schema: z.object({ kind: z.enum(['staff', 'citizen']), name: z.string(), role: z.string().optional(), scope: z.string() }).openapi('Me') } } },
        ...errorResponses(401),
      },
    }),
    (c) => {
      const a = requireApiActor(c.get('actor'))

      return c.json(a.kind === 'staff' ? { kind: a.kind, name: a.name, role: a.role, scope: a.scope } : { kind: a.kind, name: a.name, scope: a.villageCode }, 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/villages',
      tags: ['Desa'],
      summary: 'Desa/kelurahan yang sudah aktif',
      responses: { 200: { description: 'Daftar desa aktif', content: { 'application/json': { schema: z.array(ZVillage) } } } },
    }),
    async (c) => c.json((await listLiveVillages(c.get('deps'))).map(presentVillage), 200),
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/villages/{code}',
      tags: ['Desa'],
      summary: 'Satu desa aktif',
      request: { params: z.object({ code: z.string().openapi({ example: '63.07.06.2014' }) }) },
      responses: { 200: { description: 'Desa', content: { 'application/json': { schema: ZVillage } } }, ...errorResponses(404) },
    }),
    async (c) => c.json(presentVillage(await getLiveVillage(c.get('deps'), c.req.valid('param').code)), 200),
  )
}
