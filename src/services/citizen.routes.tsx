import { Hono, type Context } from 'hono'
import type { AppEnv } from '../web/env.ts'
import { formFailure, formFields } from '../web/form.ts'
import type { CitizenActor } from '../auth/actor.ts'
import { AppError, isAppError, notFound, type FieldErrors } from '../lib/errors.ts'
import { requireCitizen } from '../citizens/citizen.guard.ts'
import { registerCitizenHomeSection } from '../citizens/citizen.home.ts'
import { listFamilyMembers } from '../residents/resident.service.ts'
import { allVillageLetterTypes, getServicePledge, listVillageLetterTypes } from './catalogue.service.ts'
import { readLetterPdf } from './letter.service.ts'
import { nestFormFields } from './request-fields.ts'
import { actOnRequest, addDocuments, completeOnDownload, createRequest, getRequest, listOwnRequests, trackRequest, type RequestDetail } from './request.service.ts'
import { pdfResponse, postedUploads } from './services.routes.tsx'
import { CitizenCataloguePage, CitizenRequestForm, CitizenRequestPage, OwnRequestsTable, TrackingPage } from './citizen.views.tsx'

registerCitizenHomeSection(async (deps, actor) => {
  const [rows, types] = await Promise.all([listOwnRequests(deps, actor, 5), allVillageLetterTypes(deps, actor.villageCode)])

  return {
    title: 'Permohonan saya',
    order: 10,
    body: (
      <>
        <OwnRequestsTable rows={rows} names={Object.fromEntries(types.map((t) => [t.code, t.name]))} />
        <p><a class="btn" href="/warga/surat">Ajukan surat</a> <a href="/warga/surat">Semua permohonan</a></p>
      </>
    ),
  }
})

const citizen = (c: Context<AppEnv>) => c.get('actor') as CitizenActor

/** The resident's letter pages under /warga/surat (signed-in residents only). */
export function servicesCitizenRoutes() {
  const app = new Hono<AppEnv>()
  app.use('*', requireCitizen)

  app.get('/', async (c) => {
    const deps = c.get('deps')
    const a = citizen(c)
    const [types, pledge, rows, all] = await Promise.all([listVillageLetterTypes(deps, a.villageCode), getServicePledge(deps, a.villageCode), listOwnRequests(deps, a), allVillageLetterTypes(deps, a.villageCode)])

    return c.render(<CitizenCataloguePage types={types} pledge={pledge} rows={rows} names={Object.fromEntries(all.map((t) => [t.code, t.name]))} />)
  })

  const formPage = async (c: Context<AppEnv>, form: { subjectNik?: string; fields?: Record<string, unknown> }, extra: { errors?: FieldErrors; message?: string } = {}) => {
    const deps = c.get('deps')
    const a = citizen(c)
    const type = (await listVillageLetterTypes(deps, a.villageCode)).find((t) => t.code === c.req.param('typeCode') && t.online)
    if (!type) throw notFound()
    const family = await listFamilyMembers(deps, a.villageCode, a.residentId)
    const self = family.filter((m) => m.id === a.residentId)

    return c.render(<CitizenRequestForm type={type} family={[...self, ...family.filter((m) => m.id !== a.residentId && m.status === 'aktif')]} form={form} {...extra} />)
  }

  app.get('/ajukan/:typeCode', (c) => formPage(c, {}))

  app.post('/ajukan/:typeCode', async (c) => {
    const deps = c.get('deps')
    const a = citizen(c)
    const type = (await listVillageLetterTypes(deps, a.villageCode)).find((t) => t.code === c.req.param('typeCode'))
    const { form, uploads } = await postedUploads(c, type?.requirements ?? [])
    const fields = nestFormFields(form)
    // The form names family members by record id, so their NIKs never reach the page source.
    const member = (await listFamilyMembers(deps, a.villageCode, a.residentId)).find((m) => m.id === form.subjectNik || m.nik === form.subjectNik)
    try {
      const r = await createRequest(deps, a, c.get('meta'), { village: a.villageCode, letterType: c.req.param('typeCode'), subjectNik: member?.nik ?? form.subjectNik ?? '', fields }, { uploads })

      return c.redirect(`/warga/surat/${r.id}?baru=1`, 303)
    } catch (e) {
      const fail = formFailure(e)
      if (!fail) throw e
      c.status(422)

      return formPage(c, { subjectNik: form.subjectNik, fields }, { errors: fail.fields, message: fail.message })
    }
  })

  app.get('/:id', async (c) => {
    const d = await getRequest(c.get('deps'), citizen(c), c.req.param('id'))
    const notice = c.req.query('baru') ? `Permohonan terkirim. Simpan kode lacak ${d.request.tracking_code}.` : c.req.query('ok') ? 'Perubahan telah disimpan.' : undefined

    return c.render(<CitizenRequestPage d={d} notice={notice} />)
  })

  const act = async (c: Context<AppEnv>, input: { action: string; fields?: unknown }) => {
    const id = c.req.param('id') ?? ''
    try {
      await actOnRequest(c.get('deps'), citizen(c), c.get('meta'), id, input)

      return c.redirect(`/warga/surat/${id}?ok=1`, 303)
    } catch (e) {
      const fail = formFailure(e)
      const conflict = isAppError(e) && e.code === 'INVALID_TRANSITION'
      if (!fail && !conflict) throw e
      const d: RequestDetail = await getRequest(c.get('deps'), citizen(c), id)
      c.status(fail ? 422 : 409)

      return c.render(<CitizenRequestPage d={d} errors={fail?.fields} message={fail?.message ?? (e as AppError).userMessage} />)
    }
  }

  app.post('/:id/batal', async (c) => act(c, { action: 'cancel' }))

  app.post('/:id/berkas', async (c) => {
    const deps = c.get('deps')
    const id = c.req.param('id')
    const d = await getRequest(deps, citizen(c), id)
    const { uploads } = await postedUploads(c, d.type?.requirements ?? [])
    try {
      await addDocuments(deps, citizen(c), c.get('meta'), id, uploads)

      return c.redirect(`/warga/surat/${id}?ok=1`, 303)
    } catch (e) {
      const fail = formFailure(e)
      const conflict = isAppError(e) && e.code === 'INVALID_TRANSITION'
      if (!fail && !conflict) throw e
      c.status(fail ? 422 : 409)

      return c.render(<CitizenRequestPage d={d} errors={fail?.fields} message={fail?.message ?? (e as AppError).userMessage} />)
    }
  })
  app.post('/:id/perbaiki', async (c) => act(c, { action: 'resubmit', fields: nestFormFields(await formFields(c)) }))

  app.get('/:id/surat.pdf', async (c) => {
    const deps = c.get('deps')
    const d = await getRequest(deps, citizen(c), c.req.param('id'))
    if (!d.letter || !['siap_diambil', 'selesai'].includes(d.request.state)) throw notFound()
    const pdf = await readLetterPdf(deps, d.letter)
    if (!pdf) throw notFound()
    if (d.letter.signature_mode === 'electronic') await completeOnDownload(deps, citizen(c), c.get('meta'), d.request)

    return pdfResponse(c, pdf, `surat-${d.letter.number}.pdf`)
  })

  return app
}

/** Public tracking by code: state and dates only; every unknown code answers alike. */
export function trackingRoutes() {
  const app = new Hono<AppEnv>()
  app.get('/lacak', async (c) => {
    const code = (c.req.query('kode') ?? '').slice(0, 20)
    if (!code) return c.render(<TrackingPage />)
    const result = await trackRequest(c.get('deps'), code)
    if (!result) c.status(404)

    return c.render(<TrackingPage code={code} result={result ?? null} />)
  })

  return app
}
