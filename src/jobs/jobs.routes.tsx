import { Hono, type Context } from 'hono'
import type { AppEnv } from '../web/env.ts'
import { isAppError } from '../lib/errors.ts'
import { readOutbox, retryFailedJob } from './jobs.service.ts'
import { JOB_STATE_LABEL } from './jobs.ts'
import type { JobState } from './jobs.table.ts'
import { OutboxPage } from './jobs.views.tsx'

const PAGE_SIZE = 50
const isState = (s: string | undefined): s is JobState => !!s && Object.hasOwn(JOB_STATE_LABEL, s)

/** The regency's job outbox (/staf/wilayah/tugas), for regency admins. */
export function jobsRegionRoutes() {
  const app = new Hono<AppEnv>()
  const show = async (c: Context<AppEnv>, notice?: { kind: 'ok' | 'error'; text: string }) => {
    const status = c.req.query('status')
    const state = isState(status) ? status : undefined
    const page = Math.max(1, Math.min(10_000, Number(c.req.query('halaman')) || 1))
    const { counts, jobs, villageNames } = await readOutbox(c.get('deps'), c.get('actor'), { state, limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE })

    return c.render(<OutboxPage counts={counts} villageNames={villageNames} jobs={jobs.slice(0, PAGE_SIZE)} state={state} page={page} hasNext={jobs.length > PAGE_SIZE} notice={notice} />)
  }

  app.get('/tugas', (c) => show(c))

  app.post('/tugas/:id/ulang', async (c) => {
    try {
      await retryFailedJob(c.get('deps'), { actor: c.get('actor'), meta: c.get('meta') }, c.req.param('id'))
    } catch (e) {
      if (isAppError(e) && e.code === 'INVALID_TRANSITION') {
        c.status(409)

        return show(c, { kind: 'error', text: e.userMessage })
      }
      throw e
    }

    return c.redirect('/staf/wilayah/tugas?status=pending', 303)
  })

  return app
}
