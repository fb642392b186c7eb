import { Hono, type Context } from 'hono'
import type { AppEnv } from '../web/env.ts'
import { formFailure, formFields } from '../web/form.ts'
import { authorizeScope, authorizeVillage, staffCan } from '../auth/policy.ts'
import { AppError, isAppError, notFound, type FieldErrors } from '../lib/errors.ts'
import { nowIso, witaParts } from '../lib/time.ts'
import { getResidentProfile } from '../residents/resident.service.ts'
import { findShippedType } from './catalogue.ts'
import { allVillageLetterTypes, previewTemplate, regencyCatalogueForStaff, regencyLetterTypes, typeEditForm, updateLetterType, updateVillageLetterType, villageCatalogueForStaff } from './catalogue.service.ts'
import { placeholderList } from './letter-template.ts'
import { listOutgoingRegister, readLetterPdf } from './letter.service.ts'
import { nestFormFields } from './request-fields.ts'
import { OPEN_STATES } from './request-state.ts'
import { actOnRequest, createRequest, getRequest, listRequestQueue, type RequestDetail } from './request.service.ts'
import { countOpenRequests, findUpload } from './services.repository.ts'
import { registerTileProvider } from '../tenancy/village.tiles.ts'
import { readUpload, type UploadInput } from './uploads.ts'
import { slaStatus } from './working-hours.ts'
import { QueuePage, RegencyCataloguePage, RegencyTypeEditPage, RegisterPage, RequestStaffPage, VillageCataloguePage, VillageTypeEditPage, WalkInChoosePage, WalkInFormPage, type PreviewState } from './staff.views.tsx'

registerTileProvider(async (deps, villageCode) => {
  const [open, ready] = await Promise.all([
    countOpenRequests(deps.db, villageCode, OPEN_STATES),
    countOpenRequests(deps.db, villageCode, ['disetujui', 'siap_diambil']),
  ])

  return [
    { label: 'Permohonan surat belum diputus', value: open, href: `/staf/desa/${villageCode}/permohonan` },
    { label: 'Surat menunggu tanda tangan atau pengambilan', value: ready, href: `/staf/desa/${villageCode}/permohonan` },
  ]
})

/** Posted files `doc.<i>` as uploads for the type's i-th requirement. */
export async function postedUploads(c: Context<AppEnv>, requirements: string[]): Promise<{ form: Record<string, string>; uploads: UploadInput[] }> {
  const body = await c.req.parseBody({ all: true })
  const form: Record<string, string> = {}
  const uploads: UploadInput[] = []
  for (const [k, v] of Object.entries(body)) {
    const first = Array.isArray(v) ? v[0] : v
    const m = /^doc\.(\d{1,2})$/.exec(k)
    if (m && first instanceof File) {
      if (first.size > 0 && requirements[Number(m[1])]) uploads.push({ requirement: requirements[Number(m[1])], name: first.name, bytes: new Uint8Array(await first.arrayBuffer()) })
    } else if (typeof first === 'string' && k !== '_csrf') form[k] = first
  }

  return { form, uploads }
}

export const slaOf = (r: { state: string; due_at: string; sla_hours: number }, holidays: readonly string[]) =>
  (OPEN_STATES as readonly string[]).includes(r.state) ? slaStatus({ dueAt: r.due_at, slaHours: r.sla_hours, now: nowIso(), holidays }) : null

export const pdfResponse = (c: Context, bytes: Uint8Array, name: string) =>
  c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    'content-type': 'application/pdf',
    'content-disposition': `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
  })

type TypePage = (c: Context<AppEnv>, extra: { preview?: PreviewState }) => Promise<Response>

/** The template preview of the village's and the regency's editor (422 with the problem shown). */
const previewHandler = (villageOf: (c: Context<AppEnv>) => string | null, page: TypePage) => async (c: Context<AppEnv>) => {
  const form = await formFields(c)
  try {
    const markup = await previewTemplate(c.get('deps'), c.get('actor'), c.get('meta'), villageOf(c), c.req.param('typeCode') ?? '', form.template ?? '', form.nik ?? '')

    return page(c, { preview: { nik: form.nik, markup } })
  } catch (e) {
    const fail = formFailure(e)
    if (!fail) throw e
    c.status(422)

    return page(c, { preview: { nik: form.nik, error: Object.values(fail.fields)[0] ?? fail.message } })
  }
}

/** Pages under /staf/desa/:code: queue, request, walk-in, outgoing register, village catalogue. */
export function servicesVillageRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/permohonan', async (c) => {
    const village = c.get('village')
    const deps = c.get('deps')
    const filters = { state: c.req.query('status') ?? '', type: c.req.query('jenis') ?? '', age: c.req.query('umur') ?? '' }
    const q = await listRequestQueue(deps, c.get('actor'), village.code, { state: filters.state, type: filters.type, ageDays: Number(filters.age) || undefined, page: Number(c.req.query('page') ?? 1) })
    const types = await allVillageLetterTypes(deps, village.code)
    const names = Object.fromEntries(types.map((t) => [t.code, t.name]))
    const rows = q.rows.map((r) => ({ r, typeName: names[r.type_code] ?? r.type_code, sla: slaOf(r, deps.config.holidays) }))

    return c.render(<QueuePage village={village} rows={rows} types={types} filters={filters} page={q.page} hasNext={q.hasNext} canCreate={staffCan(c.get('actor'), village.code, 'request.process')} />)
  })

  app.get('/permohonan/baru', async (c) => {
    const village = c.get('village')
    authorizeVillage(c.get('actor'), village.code, 'request.process')
    const types = (await allVillageLetterTypes(c.get('deps'), village.code)).filter((t) => t.enabled)
    const type = types.find((t) => t.code === c.req.query('jenis'))
    if (c.req.query('jenis') && !type) throw notFound()

    return c.render(type ? <WalkInFormPage village={village} type={type} form={{}} /> : <WalkInChoosePage village={village} types={types} />)
  })

  app.post('/permohonan/baru', async (c) => {
    const village = c.get('village')
    const deps = c.get('deps')
    authorizeVillage(c.get('actor'), village.code, 'request.process')
    const type = (await allVillageLetterTypes(deps, village.code)).find((t) => t.enabled && t.code === c.req.query('jenis'))
    if (!type) throw notFound()
    const { form, uploads } = await postedUploads(c, type.requirements)
    const fields = nestFormFields(form)
    try {
      const r = await createRequest(deps, c.get('actor'), c.get('meta'), { village: village.code, letterType: type.code, subjectNik: form.subjectNik ?? '', fields }, { uploads })

      return c.redirect(`/staf/desa/${village.code}/permohonan/${r.id}?baru=1`, 303)
    } catch (e) {
      const fail = formFailure(e)
      if (!fail) throw e
      c.status(422)

      return c.render(<WalkInFormPage village={village} type={type} form={{ subjectNik: form.subjectNik, fields }} errors={fail.fields} message={fail.message} />)
    }
  })

  const renderRequest = async (c: Context<AppEnv>, d: RequestDetail, extra: { errors?: FieldErrors; message?: string; notice?: string } = {}) => {
    const village = c.get('village')
    const deps = c.get('deps')
    const actor = c.get('actor')
    const subject = await getResidentProfile(deps, village.code, d.request.subject_resident_id)

    return c.render(<RequestStaffPage village={village} d={d} subject={subject} sla={slaOf(d.request, deps.config.holidays)} can={{ process: staffCan(actor, village.code, 'request.process'), approve: staffCan(actor, village.code, 'request.approve') }} {...extra} />)
  }

  app.get('/permohonan/:requestId', async (c) => {
    const d = await getRequest(c.get('deps'), c.get('actor'), c.req.param('requestId'), c.get('village').code)
    const notice = c.req.query('baru') ? 'Permohonan telah disimpan.' : c.req.query('ok') ? 'Tindakan telah dicatat.' : undefined

    return renderRequest(c, d, { notice })
  })

  app.post('/permohonan/:requestId/tindakan', async (c) => {
    const village = c.get('village')
    const deps = c.get('deps')
    const id = c.req.param('requestId')
    const form = await formFields(c)
    try {
      await actOnRequest(deps, c.get('actor'), c.get('meta'), id, { action: form.action ?? '', note: form.note, signature: form.signature, collectedBy: form.collectedBy }, village.code)

      return c.redirect(`/staf/desa/${village.code}/permohonan/${id}?ok=1`, 303)
    } catch (e) {
      const fail = formFailure(e)
      const conflict = isAppError(e) && e.code === 'INVALID_TRANSITION'
      if (!fail && !conflict) throw e
      const d = await getRequest(deps, c.get('actor'), id, village.code)
      c.status(fail ? 422 : 409)

      return renderRequest(c, d, { errors: fail?.fields, message: fail?.message ?? (e as AppError).userMessage })
    }
  })

  app.get('/permohonan/:requestId/berkas/:uploadId', async (c) => {
    const village = c.get('village')
    const deps = c.get('deps')
    const d = await getRequest(deps, c.get('actor'), c.req.param('requestId'), village.code)
    const u = await findUpload(deps.db, village.code, d.request.id, c.req.param('uploadId'))
    if (!u) throw notFound()
    const bytes = await readUpload(deps.config.dataDir, village.code, u.stored_name)

    // Served with its checked type, never inline HTML, and never cached by proxies.
    return c.body(new Uint8Array(bytes), 200, {
      'content-type': u.mime,
      'content-disposition': `${u.mime === 'application/pdf' ? 'attachment' : 'inline'}; filename="berkas-${u.id}.${u.mime === 'application/pdf' ? 'pdf' : u.mime === 'image/png' ? 'png' : 'jpg'}"`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; img-src 'self'; sandbox",
    })
  })

  app.get('/permohonan/:requestId/surat.pdf', async (c) => {
    const d = await getRequest(c.get('deps'), c.get('actor'), c.req.param('requestId'), c.get('village').code)
    const pdf = d.letter ? await readLetterPdf(c.get('deps'), d.letter) : undefined
    if (!pdf || !d.letter) throw notFound()

    return pdfResponse(c, pdf, `surat-${d.letter.number}.pdf`)
  })

  app.get('/agenda', async (c) => {
    const village = c.get('village')
    const deps = c.get('deps')
    const year = Number(c.req.query('tahun')) || witaParts(new Date()).year
    const page = Math.max(1, Number(c.req.query('page') ?? 1) || 1)
    const rows = await listOutgoingRegister(deps, c.get('actor'), { villageCode: village.code, year, limit: 101, offset: (page - 1) * 100 })
    const typeNames = Object.fromEntries((await allVillageLetterTypes(deps, village.code)).map((t) => [t.code, t.name]))

    return c.render(<RegisterPage village={village} letters={rows.slice(0, 100)} year={year} typeNames={typeNames} page={page} hasNext={rows.length > 100} />)
  })

  app.get('/layanan', async (c) => {
    const { village, types } = await villageCatalogueForStaff(c.get('deps'), c.get('actor'), c.get('village').code)

    return c.render(<VillageCataloguePage village={village} types={types} saved={c.req.query('disimpan')} />)
  })

  const villageTypePage = async (c: Context<AppEnv>, extra: { form?: Record<string, string>; errors?: FieldErrors; message?: string; preview?: PreviewState } = {}) => {
    const deps = c.get('deps')
    const { village, types } = await villageCatalogueForStaff(deps, c.get('actor'), c.get('village').code)
    const type = types.find((t) => t.code === c.req.param('typeCode'))
    const shipped = findShippedType(c.req.param('typeCode') ?? '')
    if (!type || !shipped) throw notFound()
    const regency = (await regencyLetterTypes(deps)).find((t) => t.code === type.code)!
    const form = extra.form ?? { enabled: type.enabled ? '1' : '0', online: type.villageOnline === null ? '' : type.villageOnline ? '1' : '0', slaHours: type.villageSlaHours === null ? '' : String(type.villageSlaHours), template: type.template }

    return c.render(<VillageTypeEditPage village={village} type={type} regencyTemplate={regency.template} form={form} placeholders={placeholderList(shipped.fields)} errors={extra.errors} message={extra.message} preview={extra.preview} />)
  }

  app.get('/layanan/:typeCode', (c) => villageTypePage(c))

  app.post('/layanan/:typeCode', async (c) => {
    const village = c.get('village')
    const form = await formFields(c)
    try {
      await updateVillageLetterType(c.get('deps'), c.get('actor'), c.get('meta'), village.code, c.req.param('typeCode'), form)

      return c.redirect(`/staf/desa/${village.code}/layanan?disimpan=${encodeURIComponent(c.req.param('typeCode'))}`, 303)
    } catch (e) {
      const fail = formFailure(e)
      if (!fail) throw e
      c.status(422)

      return villageTypePage(c, { form, errors: fail.fields, message: fail.message })
    }
  })

  app.post('/layanan/:typeCode/pratinjau', previewHandler((c) => c.get('village').code, villageTypePage))

  return app
}

/** Pages under /staf/wilayah: the regency's catalogue. */
export function servicesRegionRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/layanan', async (c) => c.render(<RegencyCataloguePage types={await regencyCatalogueForStaff(c.get('deps'), c.get('actor'))} saved={c.req.query('disimpan')} />))

  const typePage = async (c: Context<AppEnv>, extra: { form?: Record<string, string>; errors?: FieldErrors; message?: string; preview?: PreviewState } = {}) => {
    const type = (await regencyCatalogueForStaff(c.get('deps'), c.get('actor'))).find((t) => t.code === c.req.param('typeCode'))
    if (!type) throw notFound()

    return c.render(<RegencyTypeEditPage type={type} form={extra.form ?? typeEditForm(type)} placeholders={placeholderList(type.fields)} errors={extra.errors} message={extra.message} preview={extra.preview} />)
  }

  app.get('/layanan/:typeCode', (c) => typePage(c))

  app.post('/layanan/:typeCode', async (c) => {
    authorizeScope(c.get('actor'), c.get('deps').config.regency, 'catalogue.manage')
    const form = await formFields(c)
    try {
      await updateLetterType(c.get('deps'), c.get('actor'), c.get('meta'), c.req.param('typeCode'), form)

      return c.redirect(`/staf/wilayah/layanan?disimpan=${encodeURIComponent(c.req.param('typeCode'))}`, 303)
    } catch (e) {
      const fail = formFailure(e)
      if (!fail) throw e
      c.status(422)

      return typePage(c, { form, errors: fail.fields, message: fail.message })
    }
  })

  app.post('/layanan/:typeCode/pratinjau', previewHandler(() => null, typePage))

  return app
}


