import { Hono, type Context } from 'hono'
import type { AppEnv } from '../web/env.ts'
import { formFailure } from '../web/form.ts'
import { authorizeVillage } from '../auth/policy.ts'
import type { FieldErrors } from '../lib/errors.ts'
import { textFields, uploadedBytes } from './image.ts'
import {
  addAgenda, addOfficial, createPost, getPostForStaff, getProfile, listAgendaForStaff, listOfficials, listPostsForStaff, removeAgenda, removeOfficial,
  removePost, setPostPublished, updateOfficial, updatePost, updateProfile,
} from './portal.service.ts'
import { AgendaStaffPage, OfficialsEditPage, PostFormPage, PostsStaffPage, ProfileEditPage } from './portal-staff.views.tsx'

type Failure = { message: string; fields: FieldErrors }

/**
 * Staff pages of the village portal under /staf/desa/:code/portal. Each POST runs one service
 * call; on a validation failure the page is shown again with 422, otherwise it redirects (303).
 */
export function portalStaffRoutes() {
  const app = new Hono<AppEnv>()
  const base = (c: Context<AppEnv>) => `/staf/desa/${c.get('village').code}/portal`
  const saved = (c: Context<AppEnv>) => c.req.query('disimpan') === '1'

  const post = (
    run: (c: Context<AppEnv>, form: Record<string, string>, body: Record<string, unknown>) => Promise<string>,
    reshow: (c: Context<AppEnv>, form: Record<string, string>, fail: Failure) => Promise<Response>,
  ) => async (c: Context<AppEnv>) => {
    const body = await c.req.parseBody()
    const form = textFields(body)
    try {
      return c.redirect(await run(c, form, body), 303)
    } catch (e) {
      const fail = formFailure(e)
      if (!fail) throw e
      c.status(422)

      return reshow(c, form, fail)
    }
  }

  // Profile ---------------------------------------------------------------------------------
  app.get('/portal', async (c) => {
    const village = c.get('village')
    authorizeVillage(c.get('actor'), village.code, 'portal.edit')

    return c.render(<ProfileEditPage village={village} form={await getProfile(c.get('deps'), village.code)} saved={saved(c)} />)
  })
  app.post('/portal', post(
    async (c, form) => {
      await updateProfile(c.get('deps'), c.get('actor'), c.get('meta'), c.get('village').code, form)
      return `${base(c)}?disimpan=1`
    },
    async (c, form, fail) => c.render(<ProfileEditPage village={c.get('village')} form={{ history: form.history ?? '', geography: form.geography ?? '', vision: form.vision ?? '', mission: form.mission ?? '' }} errors={fail.fields} message={fail.message} />),
  ))

  // Officials -------------------------------------------------------------------------------
  const officialsPage = async (c: Context<AppEnv>, extra: { form?: Record<string, string>; fail?: Failure } = {}) => {
    const village = c.get('village')
    authorizeVillage(c.get('actor'), village.code, 'portal.edit')

    return c.render(<OfficialsEditPage village={village} officials={await listOfficials(c.get('deps'), village.code)} form={extra.form} errors={extra.fail?.fields} message={extra.fail?.message} saved={saved(c)} />)
  }
  app.get('/portal/perangkat', (c) => officialsPage(c))
  app.post('/portal/perangkat', post(
    async (c, form) => {
      await addOfficial(c.get('deps'), c.get('actor'), c.get('meta'), c.get('village').code, form)
      return `${base(c)}/perangkat?disimpan=1`
    },
    (c, form, fail) => officialsPage(c, { form, fail }),
  ))
  app.post('/portal/perangkat/:id', post(
    async (c, form) => {
      await updateOfficial(c.get('deps'), c.get('actor'), c.get('meta'), c.get('village').code, c.req.param('id') ?? '', form)
      return `${base(c)}/perangkat?disimpan=1`
    },
    (c, _form, fail) => officialsPage(c, { fail }),
  ))
  app.post('/portal/perangkat/:id/hapus', async (c) => {
    await removeOfficial(c.get('deps'), c.get('actor'), c.get('meta'), c.get('village').code, c.req.param('id'))

    return c.redirect(`${base(c)}/perangkat?disimpan=1`, 303)
  })

  // News and announcements ------------------------------------------------------------------
  app.get('/portal/berita', async (c) => {
    const village = c.get('village')
    const page = Math.max(1, Number.parseInt(c.req.query('hal') ?? '1', 10) || 1)
    const { posts, hasNext } = await listPostsForStaff(c.get('deps'), c.get('actor'), village.code, page)

    return c.render(<PostsStaffPage village={village} posts={posts} page={page} hasNext={hasNext} saved={saved(c)} />)
  })
  app.get('/portal/berita/baru', (c) => {
    const village = c.get('village')
    authorizeVillage(c.get('actor'), village.code, 'portal.edit')

    return c.render(<PostFormPage village={village} form={{}} />)
  })
  app.post('/portal/berita/baru', post(
    async (c, form, body) => {
      const id = await createPost(c.get('deps'), c.get('actor'), c.get('meta'), c.get('village').code, form, await uploadedBytes(body.image), form.publish === '1')
      return `${base(c)}/berita/${id}?disimpan=1`
    },
    async (c, form, fail) => c.render(<PostFormPage village={c.get('village')} form={form} errors={fail.fields} message={fail.message} />),
  ))
  app.get('/portal/berita/:id', async (c) => {
    const village = c.get('village')
    const p = await getPostForStaff(c.get('deps'), c.get('actor'), village.code, c.req.param('id'))

    return c.render(<PostFormPage village={village} post={p} form={{ kind: p.kind, title: p.title, body: p.body }} saved={saved(c)} />)
  })
  app.post('/portal/berita/:id', post(
    async (c, form, body) => {
      const id = c.req.param('id') ?? ''
      await updatePost(c.get('deps'), c.get('actor'), c.get('meta'), c.get('village').code, id, form, await uploadedBytes(body.image), { removeImage: form.removeImage === '1' })
      return `${base(c)}/berita/${id}?disimpan=1`
    },
    async (c, form, fail) => {
      const p = await getPostForStaff(c.get('deps'), c.get('actor'), c.get('village').code, c.req.param('id') ?? '')
      return c.render(<PostFormPage village={c.get('village')} post={p} form={form} errors={fail.fields} message={fail.message} />)
    },
  ))
  app.post('/portal/berita/:id/status', async (c) => {
    const id = c.req.param('id')
    const form = textFields(await c.req.parseBody())
    await setPostPublished(c.get('deps'), c.get('actor'), c.get('meta'), c.get('village').code, id, form.publish === '1')

    return c.redirect(`${base(c)}/berita/${id}?disimpan=1`, 303)
  })
  app.post('/portal/berita/:id/hapus', async (c) => {
    await removePost(c.get('deps'), c.get('actor'), c.get('meta'), c.get('village').code, c.req.param('id'))

    return c.redirect(`${base(c)}/berita?disimpan=1`, 303)
  })

  // Agenda ----------------------------------------------------------------------------------
  const agendaPage = async (c: Context<AppEnv>, extra: { form?: Record<string, string>; fail?: Failure } = {}) => {
    const village = c.get('village')

    return c.render(<AgendaStaffPage village={village} items={await listAgendaForStaff(c.get('deps'), c.get('actor'), village.code)} form={extra.form} errors={extra.fail?.fields} message={extra.fail?.message} saved={saved(c)} />)
  }
  app.get('/portal/agenda', (c) => agendaPage(c))
  app.post('/portal/agenda', post(
    async (c, form) => {
      await addAgenda(c.get('deps'), c.get('actor'), c.get('meta'), c.get('village').code, form)
      return `${base(c)}/agenda?disimpan=1`
    },
    (c, form, fail) => agendaPage(c, { form, fail }),
  ))
  app.post('/portal/agenda/:id/hapus', async (c) => {
    await removeAgenda(c.get('deps'), c.get('actor'), c.get('meta'), c.get('village').code, c.req.param('id'))

    return c.redirect(`${base(c)}/agenda?disimpan=1`, 303)
  })

  return app
}
