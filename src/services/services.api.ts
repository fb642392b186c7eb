import { maskedFieldValues } from './request-fields.ts'
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../web/env.ts'
import { bearerSecurity, errorResponses, requireApiActor } from '../api/api.ts'
import { AppError, notFound } from '../lib/errors.ts'
import { maskNik } from '../lib/mask.ts'
import { listVillageLetterTypes } from './catalogue.service.ts'
import { readLetterPdf } from './letter.service.ts'
import { STATE_LABEL, type RequestState } from './request-state.ts'
import { actOnRequest, addDocuments, completeOnDownload, createRequest, getRequest, listOwnRequests, listRequestQueue, type RequestDetail } from './request.service.ts'
import { pdfResponse } from './services.routes.tsx'

const fieldShape = {
  name: z.string(),
  label: z.string(),
  type: z.enum(['text', 'textarea', 'date', 'number', 'choice', 'resident', 'group']),
  required: z.boolean(),
  options: z.array(z.string()).optional(),
}
const ZField = z
  .object({ ...fieldShape, fields: z.array(z.object(fieldShape)).optional().openapi({ description: 'kolom setiap baris untuk type "group"' }) })
  .openapi('LetterField')

const ZLetterType = z
  .object({
    code: z.string().openapi({ example: 'domisili' }),
    name: z.string().openapi({ example: 'Surat Keterangan Domisili' }),
    classificationCode: z.string().openapi({ example: '400.8.1' }),
    online: z.boolean(),
    requirements: z.array(z.string()),
    fields: z.array(ZField),
    slaHours: z.number().int().openapi({ description: 'perkiraan selesai dalam jam kerja' }),
    validityDays: z.number().int(),
    fee: z.literal('Gratis'),
  })
  .openapi('LetterType')

const ZRequest = z
  .object({
    id: z.string(),
    trackingCode: z.string(),
    village: z.string(),
    letterType: z.string(),
    letterTypeName: z.string(),
    state: z.string().openapi({ example: 'diajukan' }),
    stateLabel: z.string().openapi({ example: 'Diajukan' }),
    note: z.string().openapi({ description: 'apa yang perlu diperbaiki, atau alasan penolakan' }),
    channel: z.enum(['online', 'loket']),
    subject: z.object({ name: z.string(), nik: z.string().openapi({ description: 'disamarkan' }) }),
    fields: z.record(z.string(), z.unknown()),
    submittedAt: z.string(),
    updatedAt: z.string(),
    dueAt: z.string(),
    finishedAt: z.string().nullable(),
    collectedBy: z.string().nullable(),
    timeline: z.array(z.object({ at: z.string(), state: z.string(), stateLabel: z.string(), actor: z.string(), note: z.string() })),
    documents: z.array(z.object({ id: z.string(), requirement: z.string(), name: z.string(), mime: z.string(), size: z.number() })),
    letter: z
      .object({ number: z.string(), verifyToken: z.string(), issuedDate: z.string(), validUntil: z.string(), signatureMode: z.enum(['electronic', 'hand']), pdfReady: z.boolean() })
      .nullable(),
  })
  .openapi('LetterRequest')

const present = (d: RequestDetail) => ({
  id: d.request.id,
  trackingCode: d.request.tracking_code,
  village: d.request.village_code,
  letterType: d.request.type_code,
  letterTypeName: d.typeName,
  state: d.request.state,
  stateLabel: STATE_LABEL[d.request.state as RequestState] ?? d.request.state,
  note: d.request.state_note,
  channel: d.request.channel,
  subject: { name: d.request.subject_name, nik: maskNik(d.request.subject_nik) },
  fields: maskedFieldValues(d.values) as Record<string, unknown>,
  submittedAt: d.request.submitted_at,
  updatedAt: d.request.updated_at,
  dueAt: d.request.due_at,
  finishedAt: d.request.finished_at,
  collectedBy: d.request.collected_by,
  timeline: d.events.map((e) => ({ at: e.at, state: e.to_state, stateLabel: STATE_LABEL[e.to_state as RequestState] ?? e.to_state, actor: e.actor_name, note: e.note })),
  documents: d.uploads.map((u) => ({ id: u.id, requirement: u.requirement, name: u.original_name, mime: u.mime, size: u.size })),
  letter: d.letter
    ? { number: d.letter.number, verifyToken: d.letter.verify_token, issuedDate: d.letter.issued_date, validUntil: d.letter.valid_until, signatureMode: d.letter.signature_mode, pdfReady: d.letter.pdf_file !== null }
    : null,
})

const ZId = z.object({ id: z.string().max(64, 'Id tidak sah.').openapi({ param: { name: 'id', in: 'path' }, example: '0193a0c4-…' }) })

/** The letter service's JSON API (issue 4). */
export function registerServicesApi(api: OpenAPIHono<AppEnv>): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/villages/{code}/letter-types',
      tags: ['Layanan surat'],
      summary: 'Jenis surat yang dilayani sebuah desa',
      request: { params: z.object({ code: z.string().openapi({ example: '63.07.06.2014' }) }) },
      responses: { 200: { description: 'Jenis surat aktif', content: { 'application/json': { schema: z.array(ZLetterType) } } }, ...errorResponses(404) },
    }),
    async (c) => {
      const types = await listVillageLetterTypes(c.get('deps'), c.req.valid('param').code)

      return c.json(types.map((t) => ({ code: t.code, name: t.name, classificationCode: t.classificationCode, online: t.online, requirements: t.requirements, fields: t.fields, slaHours: t.slaHours, validityDays: t.validityDays, fee: t.fee })), 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/requests',
      tags: ['Layanan surat'],
      summary: 'Mengajukan permohonan surat (warga untuk diri/anggota KK; staf di loket)',
      description: 'Kirim header Idempotency-Key agar pengiriman ulang tidak membuat permohonan ganda: kunci yang sama dari akun yang sama menjawab dengan permohonan pertama.',
      security: bearerSecurity,
      request: {
        headers: z.object({ 'idempotency-key': z.string().max(200, 'Idempotency-Key paling banyak 200 karakter.').optional().openapi({ description: 'Idempotency-Key: kunci unik per permohonan dari klien' }) }),
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z
                .object({
                  village: z.string({ message: 'Desa wajib diisi.' }).openapi({ example: '63.07.06.2014' }),
                  letterType: z.string({ message: 'Jenis surat wajib diisi.' }).openapi({ example: 'domisili' }),
                  subjectNik: z.string({ message: 'NIK wajib diisi.' }).openapi({ example: '6307064101900001' }),
                  fields: z.record(z.string(), z.unknown(), { message: 'fields harus berupa objek isian.' }).default({}).openapi({ example: { keperluan: 'Membuka rekening bank' } }),
                })
                .openapi('NewLetterRequest'),
            },
          },
        },
      },
      responses: {
        201: { description: 'Permohonan dibuat', content: { 'application/json': { schema: z.object({ id: z.string(), trackingCode: z.string(), state: z.string() }).openapi('CreatedLetterRequest') } } },
        ...errorResponses(401, 404, 422),
      },
    }),
    async (c) => {
      const r = await createRequest(c.get('deps'), requireApiActor(c.get('actor')), c.get('meta'), c.req.valid('json'), { idempotencyKey: c.req.header('idempotency-key') })

      return c.json(r, 201)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/requests',
      tags: ['Layanan surat'],
      summary: 'Daftar permohonan: milik warga sendiri, atau antrean desa untuk staf (?village=)',
      security: bearerSecurity,
      request: { query: z.object({ village: z.string().optional(), state: z.string().optional(), type: z.string().optional(), page: z.coerce.number({ message: 'page harus angka.' }).int('page harus bilangan bulat.').min(1, 'page minimal 1.').optional() }) },
      responses: {
        200: { description: 'Permohonan, terlama lebih dulu untuk staf', content: { 'application/json': { schema: z.array(z.object({ id: z.string(), trackingCode: z.string(), letterType: z.string(), state: z.string(), subjectName: z.string(), submittedAt: z.string(), dueAt: z.string() })) } } },
        ...errorResponses(401, 404, 422),
      },
    }),
    async (c) => {
      const actor = requireApiActor(c.get('actor'))
      const q = c.req.valid('query')
      const rows = actor.kind === 'citizen'
        ? await listOwnRequests(c.get('deps'), actor)
        : (await listRequestQueue(c.get('deps'), actor, q.village ?? actor.scope, { state: q.state, type: q.type, page: q.page })).rows

      return c.json(rows.map((r) => ({ id: r.id, trackingCode: r.tracking_code, letterType: r.type_code, state: r.state, subjectName: r.subject_name, submittedAt: r.submitted_at, dueAt: r.due_at })), 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/requests/{id}',
      tags: ['Layanan surat'],
      summary: 'Satu permohonan dengan riwayatnya',
      security: bearerSecurity,
      request: { params: ZId },
      responses: { 200: { description: 'Permohonan', content: { 'application/json': { schema: ZRequest } } }, ...errorResponses(401, 404) },
    }),
    async (c) => c.json(present(await getRequest(c.get('deps'), requireApiActor(c.get('actor')), c.req.valid('param').id)), 200),
  )

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/requests/{id}/actions',
      tags: ['Layanan surat'],
      summary: 'Tindakan atas permohonan',
      description: 'Staf: review, approve (signature "hand" atau "electronic"), ask-correction dan reject (note wajib), hand-over (collectedBy wajib). Warga: cancel, resubmit (dengan fields baru setelah Perlu Perbaikan). Tindakan yang tidak diizinkan pada status saat ini dijawab 409.',
      security: bearerSecurity,
      request: {
        params: ZId,
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z
                .object({
                  action: z.string({ message: 'Tindakan wajib diisi.' }).openapi({ example: 'approve' }),
                  note: z.string({ message: 'note harus berupa teks.' }).max(1000, 'Catatan paling banyak 1000 karakter.').optional(),
                  signature: z.enum(['hand', 'electronic'], { message: 'signature harus "hand" atau "electronic".' }).optional(),
                  collectedBy: z.string({ message: 'collectedBy harus berupa teks.' }).max(120, 'Nama pengambil paling banyak 120 karakter.').optional(),
                  fields: z.record(z.string(), z.unknown(), { message: 'fields harus berupa objek isian.' }).optional(),
                })
                .openapi('LetterRequestAction'),
            },
          },
        },
      },
      responses: { 200: { description: 'Permohonan sesudah tindakan', content: { 'application/json': { schema: ZRequest } } }, ...errorResponses(401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(present(await actOnRequest(c.get('deps'), requireApiActor(c.get('actor')), c.get('meta'), c.req.valid('param').id, c.req.valid('json'))), 200),
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/requests/{id}/letter.pdf',
      tags: ['Layanan surat'],
      summary: 'PDF surat yang telah terbit (pemohon atau staf desa)',
      security: bearerSecurity,
      request: { params: ZId },
      responses: { 200: { description: 'PDF surat', content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } }, ...errorResponses(401, 404) },
    }),
    async (c) => {
      const deps = c.get('deps')
      const actor = requireApiActor(c.get('actor'))
      const d = await getRequest(deps, actor, c.req.valid('param').id)
      if (!d.letter) throw notFound()
      if (actor.kind === 'citizen' && !['siap_diambil', 'selesai'].includes(d.request.state)) throw notFound()
      const pdf = await readLetterPdf(deps, d.letter)
      if (!pdf) throw notFound()
      if (actor.kind === 'citizen' && d.letter.signature_mode === 'electronic') await completeOnDownload(deps, actor, c.get('meta'), d.request)

      return pdfResponse(c, pdf, `surat-${d.letter.number}.pdf`) as never
    },
  )

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/requests/{id}/documents',
      tags: ['Layanan surat'],
      summary: 'Mengunggah dokumen persyaratan (JPEG, PNG atau PDF, maksimal 5 MB) ke permohonan yang masih terbuka',
      security: bearerSecurity,
      request: {
        params: ZId,
        body: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: z.object({
                requirement: z.string({ message: 'Persyaratan wajib diisi.' }).openapi({ example: 'Fotokopi KTP-el' }),
                file: z.any().openapi({ type: 'string', format: 'binary' }),
              }),
            },
          },
        },
      },
      responses: { 200: { description: 'Permohonan dengan dokumennya', content: { 'application/json': { schema: ZRequest } } }, ...errorResponses(401, 404, 409, 413, 422) },
    }),
    async (c) => {
      const form = c.req.valid('form')
      const file = form.file as unknown
      if (!(file instanceof File)) throw new AppError('INVALID_INPUT', { fields: { file: 'Lampirkan berkas pada isian "file".' } })
      const d = await addDocuments(c.get('deps'), requireApiActor(c.get('actor')), c.get('meta'), c.req.valid('param').id, [{ requirement: form.requirement, name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }])

      return c.json(present(d), 200)
    },
  )
}
