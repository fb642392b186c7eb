import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../web/env.ts'
import { bearerSecurity, errorResponses, requireApiStaff } from '../api/api.ts'
import { signLetters } from './letter-signing.service.ts'
import { AppError } from '../lib/errors.ts'
import { checkUploadedLetter, lookupLetter } from './letter-status.service.ts'

const ZVerify = z
  .object({
    token: z.string(),
    number: z.string().openapi({ example: '470/001/63.07.06.2014/XII/2026' }),
    title: z.string().openapi({ example: 'SURAT KETERANGAN DOMISILI' }),
    issuedDate: z.string().openapi({ example: '2026-12-04' }),
    validUntil: z.string(),
    village: z.object({ code: z.string(), name: z.string(), kind: z.string() }),
    signer: z.object({ onBehalf: z.string(), title: z.string(), name: z.string() }),
    holder: z.object({ name: z.string(), nikMasked: z.string().openapi({ example: '630706••••••0001' }) }),
    signatureMode: z.enum(['electronic', 'hand']),
    signedAt: z.string().nullable(),
    status: z.enum(['sah', 'dicabut', 'digantikan', 'menunggu_tanda_tangan']).openapi({ description: 'sah = berlaku; dicabut; digantikan = dicabut dan ada surat pengganti; menunggu_tanda_tangan' }),
    revokedAt: z.string().nullable(),
    revokedReason: z.string().nullable(),
    replacedBy: z.object({ number: z.string(), token: z.string() }).nullable(),
    replaces: z.object({ number: z.string(), token: z.string() }).nullable(),
    verifyUrl: z.string(),
  })
  .openapi('LetterVerification')

const ZSignResult = z
  .object({
    signed: z.array(z.object({ requestId: z.string(), letterId: z.string(), number: z.string() })),
    failed: z.array(z.object({ requestId: z.string(), number: z.string().optional(), reason: z.string() })),
  })
  .openapi('SignResult')

/** Public verification by token and batch signing by a head or delegate. */
export function registerSigningApi(api: OpenAPIHono<AppEnv>): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/verify/{token}',
      tags: ['Verifikasi'],
      summary: 'Memeriksa surat dari kode QR-nya (publik)',
      description: 'Kode yang tidak dikenal selalu dijawab 404 yang sama; terlalu banyak kode salah dari satu alamat dijawab 429.',
      request: { params: z.object({ token: z.string().max(64).openapi({ example: 'K7QX2M4R9T8WZ3HJ6NPB5CDE' }) }) },
      responses: { 200: { description: 'Surat dan statusnya', content: { 'application/json': { schema: ZVerify } } }, ...errorResponses(404, 429) },
    }),
    async (c) => {
      const deps = c.get('deps')
      const v = await lookupLetter(deps, c.get('meta'), c.req.valid('param').token)
      c.header('cache-control', 'no-store')

      return c.json({ ...v, verifyUrl: `${deps.config.publicUrl}/v/${v.token}` }, 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/verify/{token}',
      tags: ['Verifikasi'],
      summary: 'Memeriksa berkas PDF terhadap surat yang diterbitkan (publik)',
      description: 'Kirim PDF sebagai badan permintaan (Content-Type: application/pdf). Jawaban: apakah berkas sama persis dengan surat yang diterbitkan, tanda tangannya utuh dan sah, berantai ke CA kabupaten, dan sertifikatnya tidak dicabut saat penandatanganan.',
      request: {
        params: z.object({ token: z.string().max(64) }),
        body: { required: true, content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } },
      },
      responses: {
        200: {
          description: 'Hasil pemeriksaan',
          content: {
            'application/json': {
              schema: z.object({
                valid: z.boolean(), matchesIssued: z.boolean().nullable(), signatureValid: z.boolean(), chainsToCa: z.boolean(), notRevokedAtSigning: z.boolean(),
                handSigned: z.boolean(), signerName: z.string().nullable(), signingTime: z.string().nullable(), sha256: z.string(), reasons: z.array(z.string()),
                letter: ZVerify.omit({ verifyUrl: true }),
              }).openapi('PdfVerification'),
            },
          },
        },
        ...errorResponses(404, 413, 415, 429),
      },
    }),
    async (c) => {
      const bytes = new Uint8Array(await c.req.arrayBuffer())
      const { letter, verdict } = await checkUploadedLetter(c.get('deps'), c.get('meta'), c.req.valid('param').token, bytes)
      if (verdict.problem === 'not_pdf') throw new AppError('UNSUPPORTED_MEDIA', { userMessage: 'Berkas yang dikirim bukan PDF.' })
      const { valid, matchesIssued, signatureValid, chainsToCa, notRevokedAtSigning, handSigned, signerName, signingTime, sha256, reasons } = verdict

      return c.json({ valid, matchesIssued, signatureValid, chainsToCa, notRevokedAtSigning, handSigned, signerName, signingTime, sha256, reasons, letter }, 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/letters/sign',
      tags: ['Tanda tangan'],
      summary: 'Menandatangani secara elektronik surat dari permohonan yang disetujui',
      description: 'Frasa sandi salah: tidak ada yang ditandatangani (422), percobaan dicatat; setelah 5 kali salah dikunci (429). Sertifikat dicabut/kedaluwarsa/belum aktif: 409. Surat yang tidak dapat ditandatangani muncul di `failed` beserta alasannya dan tetap berstatus Disetujui.',
      security: bearerSecurity,
      request: {
        body: {
          required: true,
          content: { 'application/json': { schema: z.object({ requests: z.array(z.string().min(1).max(64)).min(1, 'Pilih sedikitnya satu permohonan.').max(100, 'Paling banyak 100 permohonan.'), passphrase: z.string().min(1, 'Frasa sandi wajib diisi.').max(200) }).openapi('SignRequest') } },
        },
      },
      responses: { 200: { description: 'Hasil per permohonan', content: { 'application/json': { schema: ZSignResult } } }, ...errorResponses(401, 403, 404, 409, 422, 429) },
    }),
    async (c) => {
      const staff = requireApiStaff(c.get('actor'))
      const body = c.req.valid('json')
      const outcomes = await signLetters(c.get('deps'), staff, c.get('meta'), staff.scope, body)

      return c.json({
        signed: outcomes.filter((o) => o.status === 'ditandatangani').map((o) => ({ requestId: o.requestId, letterId: o.letterId!, number: o.number! })),
        failed: outcomes.filter((o) => o.status === 'gagal').map((o) => ({ requestId: o.requestId, ...(o.number ? { number: o.number } : {}), reason: o.reason ?? '' })),
      }, 200)
    },
  )
}
