import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app.tsx'
import { createTestRuntime, TEST_DIALECT, type TestRuntime } from '../../test/support/db.ts'
import { makeStaff, makeVillage } from '../../test/support/factories.ts'
import { TestBrowser } from '../../test/support/http.ts'
import { enqueueJob, runDueJobs } from './jobs.service.ts'
import { getJob } from './jobs.repository.ts'

describe(`${TEST_DIALECT}: the outbox page`, () => {
  let rt: TestRuntime
  let app: ReturnType<typeof createApp>
  let admin: TestBrowser
  let village: string
  let failedId: string
  let doneId: string

  beforeAll(async () => {
    rt = await createTestRuntime()
    app = createApp(rt)
    village = (await makeVillage(rt)).code
    const s = await makeStaff(rt, { role: 'regency_admin', scope: rt.config.regency })
    admin = new TestBrowser(app)
    await admin.login(s.username, s.password)
    failedId = await enqueueJob(rt.db, { type: 'notify.email', payload: { key: 'k', to: 'x', subject: 's', text: 't' }, villageCode: village, maxAttempts: 1 })
    await runDueJobs(rt, { 'notify.email': async () => { throw new Error('Koneksi SMTP ditolak') } })
    doneId = await enqueueJob(rt.db, { type: 'test.ok', payload: null })
    await runDueJobs(rt, { 'test.ok': async () => {} })
  })
  afterAll(() => rt.close())

  it('shows regency admins the jobs, their states and the last error', async () => {
    const res = await admin.get('/staf/wilayah/tugas')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('Antrean Tugas')
    expect(html).toContain('Surel pemberitahuan')
    expect(html).toContain('Koneksi SMTP ditolak')
    expect(html).toContain(`/staf/wilayah/tugas/${failedId}/ulang`)
    const failedOnly = await (await admin.get('/staf/wilayah/tugas?status=failed')).text()
    expect(failedOnly).toContain('Koneksi SMTP ditolak')
    expect(failedOnly).not.toContain('test.ok')
  })

  it('answers 404 to village and district staff, and sends strangers to sign in', async () => {
    for (const [role, scope] of [['village_admin', village], ['district_viewer', village.split('.').slice(0, 3).join('.')]] as const) {
      const s = await makeStaff(rt, { role, scope })
      const b = new TestBrowser(app)
      await b.login(s.username, s.password)
      expect((await b.get('/staf/wilayah/tugas')).status).toBe(404)
      expect((await b.post(`/staf/wilayah/tugas/${failedId}/ulang`, {})).status).toBe(404)
    }
    const res = await new TestBrowser(app).get('/staf/wilayah/tugas')
    expect(res.status).toBe(303)
    expect((await getJob(rt.db, failedId))?.state).toBe('failed')
  })

  it('refuses to retry a job that has not failed, changing nothing', async () => {
    const res = await admin.post(`/staf/wilayah/tugas/${doneId}/ulang`, {})
    expect(res.status).toBe(409)
    expect(await res.text()).toContain('Hanya tugas yang berstatus gagal yang dapat dicoba ulang.')
    expect(await getJob(rt.db, doneId)).toMatchObject({ state: 'done', attempts: 1 })
    expect((await admin.post('/staf/wilayah/tugas/tidak-ada/ulang', {})).status).toBe(404)
    const audits = await rt.db.selectFrom('audit_events').select('id').where('action', '=', 'job.retry').execute()
    expect(audits).toEqual([])
  })

  it('retries a failed job and audits it in the same transaction', async () => {
    const res = await admin.post(`/staf/wilayah/tugas/${failedId}/ulang`, {})
    expect(res.status).toBe(303)
    expect(await getJob(rt.db, failedId)).toMatchObject({ state: 'pending', attempts: 0 })
    const audit = await rt.db.selectFrom('audit_events').selectAll().where('action', '=', 'job.retry').executeTakeFirstOrThrow()
    expect(audit).toMatchObject({ village_code: village, entity_id: failedId, actor_kind: 'staff' })
    expect(audit.summary).toBe('Mencoba ulang tugas latar Surel pemberitahuan yang gagal')
  })
})
