import { Hono, type Context } from 'hono'
import type { AppEnv } from '../web/env.ts'
import { formFailure } from '../web/form.ts'
import { AppError, isAppError } from '../lib/errors.ts'
import { getLiveVillage } from '../tenancy/village.service.ts'
import { textFields, uploadedBytes } from '../portal/image.ts'
import {
  complaintCounts, complaintPhoto, getComplaintForStaff, listComplaintInbox, listPublishedComplaints, replyToComplaint, setComplaintPublished, submitComplaint, trackComplaint,
} from './complaint.service.ts'
import { registerTileProvider } from '../tenancy/village.tiles.ts'
import { ComplaintDetailPage, ComplaintFormPage, InboxPage, TrackPage, type ComplaintForm } from './complaint.views.tsx'

// The staff home of a village shows what waits and what is past its UU 25/2009 deadline.
registerTileProvider(async (deps, villageCode) => {
  const n = await complaintCounts(deps, villageCode)

  return [
    { label: 'Pengaduan menunggu tanggapan', value: n.waiting, href: `/staf/desa/${villageCode}/pengaduan?status=menunggu` },
    { label: 'Pengaduan melewati batas waktu', value: n.overdue, href: `/staf/desa/${villageCode}/pengaduan` },
  ]
})

/** Public: the complaint form of a village and the tracking page. */
export function complaintPublicRoutes() {
  const app = new Hono<AppEnv>()

  const formPage = async (c: Context<AppEnv>, code: string, form: ComplaintForm, fail?: { message: string; fields: Record<string, string> }) => {
    const deps = c.get('deps')
    const village = await getLiveVillage(deps, code)

    return c.render(<ComplaintFormPage village={village} form={form} published={await listPublishedComplaints(deps, village.code)} errors={fail?.fields} message={fail?.message} />)
  }

  app.get('/desa/:code/pengaduan', (c) => {
    // A signed-in resident of this village need not type their name again.
    const actor = c.get('actor')
    const name = actor?.kind === 'citizen' && actor.villageCode === c.req.param('code') ? actor.name : undefined

    return formPage(c, c.req.param('code'), { name })
  })

  app.post('/desa/:code/pengaduan', async (c) => {
    const code = c.req.param('code')
    const body = await c.req.parseBody()
    const form = textFields(body)
    try {
      const { trackingCode } = await submitComplaint(c.get('deps'), c.get('actor'), c.get('meta'), code, form, await uploadedBytes(body.photo))

      return c.redirect(`/pengaduan/lacak?kode=${trackingCode}&baru=1`, 303)
    } catch (e) {
      const fail = formFailure(e)
      if (fail) {
        c.status(422)

        return formPage(c, code, form, fail)
      }
      if (isAppError(e) && e.code === 'RATE_LIMITED') {
        c.status(429)

        return formPage(c, code, form, { message: e.userMessage, fields: {} })
      }
      throw e
    }
  })

  app.get('/pengaduan/lacak', async (c) => {
    const code = (c.req.query('kode') ?? '').trim().slice(0, 40)
    const now = Date.now()
    if (!code) return c.render(<TrackPage code="" now={now} />)
    try {
      const complaint = await trackComplaint(c.get('deps'), c.get('meta'), code)

      return c.render(<TrackPage code={complaint.trackingCode} complaint={complaint} fresh={c.req.query('baru') === '1'} now={now} />)
    } catch (e) {
      if (!isAppError(e) || (e.code !== 'NOT_FOUND' && e.code !== 'RATE_LIMITED')) throw e
      c.status(e.status as 404)

      return c.render(<TrackPage code={code} notFoundMessage={e.userMessage} now={now} />)
    }
  })

  return app
}

/** Staff: the inbox under /staf/desa/:code/pengaduan (the village guard has checked scope). */
export function complaintStaffRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/pengaduan', async (c) => {
    const village = c.get('village')
    const r = await listComplaintInbox(c.get('deps'), c.get('actor'), village.code, { status: c.req.query('status'), sort: c.req.query('urut'), page: c.req.query('hal') })

    return c.render(<InboxPage village={village} rows={r.rows} query={r.query} hasNext={r.hasNext} counts={r.counts} now={Date.now()} />)
  })

  app.get('/pengaduan/:id', async (c) => {
    const village = c.get('village')
    const row = await getComplaintForStaff(c.get('deps'), c.get('actor'), village.code, c.req.param('id'))

    return c.render(<ComplaintDetailPage village={village} c={row} now={Date.now()} saved={c.req.query('disimpan') === '1'} />)
  })

  app.get('/pengaduan/:id/foto', async (c) => {
    const body = await complaintPhoto(c.get('deps'), c.get('actor'), c.get('village').code, c.req.param('id'))

    return c.body(new Uint8Array(body), 200, { 'content-type': 'image/jpeg', 'cache-control': 'private, max-age=3600' })
  })

  const act = (run: (c: Context<AppEnv>, form: Record<string, string>) => Promise<void>) => async (c: Context<AppEnv>) => {
    const village = c.get('village')
    const id = c.req.param('id') ?? ''
    const form = textFields(await c.req.parseBody())
    try {
      await run(c, form)

      return c.redirect(`/staf/desa/${village.code}/pengaduan/${id}?disimpan=1`, 303)
    } catch (e) {
      const fail = formFailure(e) ?? (isAppError(e) && e.code === 'INVALID_TRANSITION' ? { message: e.userMessage, fields: {} } : undefined)
      if (!fail) throw e
      const row = await getComplaintForStaff(c.get('deps'), c.get('actor'), village.code, id)
      c.status((e as AppError).status as 422)

      return c.render(<ComplaintDetailPage village={village} c={row} now={Date.now()} form={form} errors={fail.fields} message={fail.message} />)
    }
  }

  app.post('/pengaduan/:id/tanggapan', act((c, form) => replyToComplaint(c.get('deps'), c.get('actor'), c.get('meta'), c.get('village').code, c.req.param('id') ?? '', form)))
  app.post('/pengaduan/:id/publikasi', act((c, form) => setComplaintPublished(c.get('deps'), c.get('actor'), c.get('meta'), c.get('village').code, c.req.param('id') ?? '', form)))

  return app
}
