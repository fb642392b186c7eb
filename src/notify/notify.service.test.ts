import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Deps } from '../deps.ts'
import { newId } from '../lib/ids.ts'
import { createTestRuntime, TEST_DIALECT, type TestRuntime } from '../../test/support/db.ts'
import { enqueueJob, runDueJobs } from '../jobs/jobs.service.ts'
import { JOB_HANDLERS } from '../jobs/handlers.ts'
import { backoffMs } from '../jobs/jobs.ts'
import {
  EMAIL_JOB,
  MESSAGE_JOB,
  countUnreadNotifications,
  listNotifications,
  markNotificationsRead,
  queueEmail,
  queueNotification,
  sendEmailNow,
} from './notify.service.ts'
import { NotificationList } from './notify.views.tsx'

interface Mail {
  from: string
  to: string[]
  raw: string
}
interface Hook {
  headers: Record<string, string | string[] | undefined>
  body: Record<string, unknown>
}

describe(`${TEST_DIALECT}: notifications`, () => {
  let rt: TestRuntime
  let deps: Deps
  let smtp: SMTPServer
  let hook: Server
  const mails: Mail[] = []
  const hooks: Hook[] = []
  /** answers the next N deliveries with a temporary failure */
  let smtpFailures = 0
  let hookFailures = 0
  const village = '63.07.06.2014'

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      // Plain SMTP on loopback; STARTTLS would need a certificate the client trusts.
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = []
        stream.on('data', (c: Buffer) => chunks.push(c))
        stream.on('end', () => {
          if (smtpFailures > 0) {
            smtpFailures--
            const err = Object.assign(new Error('Kotak surat sibuk, coba lagi'), { responseCode: 451 })

            return callback(err)
          }
          mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          })
          callback()
        })
      },
    })
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve))
    hook = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        if (hookFailures > 0) {
          hookFailures--
          res.writeHead(503).end('sibuk')

          return
        }
        hooks.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) })
        res.writeHead(202, { 'content-type': 'application/json' }).end('{"ok":true}')
      })
    })
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve))
    const smtpPort = (smtp.server.address() as AddressInfo).port
    const hookPort = (hook.address() as AddressInfo).port
    rt = await createTestRuntime({
      config: {
        smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
        smtpFrom: 'Balai Banua Jingah <noreply@balai.test>',
        messageWebhookUrl: `http://127.0.0.1:${hookPort}/kirim`,
        publicUrl: 'https://balai.test',
      },
    })
    deps = rt
  })
  afterAll(async () => {
    await rt.close()
    await new Promise<void>((resolve) => smtp.close(() => resolve()))
    await new Promise<void>((resolve) => hook.close(() => resolve()))
  })
  beforeEach(async () => {
    mails.length = 0
    hooks.length = 0
    smtpFailures = 0
    hookFailures = 0
    await rt.db.deleteFrom('jobs').execute()
    await rt.db.deleteFrom('notifications').execute()
  })

  const notice = (account: string | null, extra: { email?: string; phone?: string } = {}) => ({
    villageCode: village,
    citizenAccountId: account,
    subject: 'Permohonan Anda disetujui',
    body: 'Surat Keterangan Domisili Anda telah disetujui dan menunggu tanda tangan.',
    link: '/warga/permohonan/ABC',
    ...extra,
  })
  const runAll = (now?: Date) => runDueJobs(deps, JOB_HANDLERS, now ? { now } : {})

  it('stores the dashboard entry and sends the e-mail and the gateway message after commit, once each', async () => {
    const account = newId()
    await rt.db.transaction().execute((trx) => queueNotification(trx, notice(account, { email: 'warga@contoh.test', phone: '+6281234567890' })))
    // Nothing leaves inside the transaction.
    expect(mails).toHaveLength(0)
    expect(hooks).toHaveLength(0)

    expect(await runAll()).toMatchObject({ done: 2, retried: 0 })
    expect(await runAll()).toMatchObject({ done: 0 })
    expect(mails).toHaveLength(1)
    expect(mails[0].to).toEqual(['warga@contoh.test'])
    expect(mails[0].from).toBe('noreply@balai.test')
    expect(mails[0].raw).toContain('Subject: Permohonan Anda disetujui')
    expect(mails[0].raw).toContain('https://balai.test/warga/permohonan/ABC')
    expect(mails[0].raw).toMatch(/Message-ID: <[0-9a-f-]+@balai\.test>/i)

    expect(hooks).toHaveLength(1)
    expect(hooks[0].body).toMatchObject({ to: '+6281234567890', village, subject: 'Permohonan Anda disetujui', link: 'https://balai.test/warga/permohonan/ABC' })
    expect(hooks[0].headers['idempotency-key']).toBe(hooks[0].body.id)

    const list = await listNotifications(deps, account, 10)
    expect(list).toHaveLength(1)
    expect(list[0]).toMatchObject({ village_code: village, subject: 'Permohonan Anda disetujui', read_at: null, link: '/warga/permohonan/ABC' })
  })

  it('sends nothing and stores nothing when the transaction rolls back', async () => {
    await expect(
      rt.db.transaction().execute(async (trx) => {
        await queueNotification(trx, notice(newId(), { email: 'warga@contoh.test', phone: '+6281234567890' }))
        throw new Error('perubahan gagal')
      }),
    ).rejects.toThrow('perubahan gagal')
    expect(await runAll()).toMatchObject({ done: 0, retried: 0 })
    expect(mails).toHaveLength(0)
    expect(hooks).toHaveLength(0)
    expect(await rt.db.selectFrom('notifications').selectAll().execute()).toEqual([])
  })

  it('retries an e-mail the server refused for now, and delivers it once', async () => {
    smtpFailures = 1
    await rt.db.transaction().execute((trx) => queueNotification(trx, notice(null, { email: 'warga@contoh.test' })))
    expect(await runAll()).toMatchObject({ retried: 1, done: 0 })
    expect(mails).toHaveLength(0)
    const job = await rt.db.selectFrom('jobs').selectAll().where('type', '=', EMAIL_JOB).executeTakeFirstOrThrow()
    expect(job.last_error).toMatch(/451/)
    expect(await runAll(new Date(Date.now() + backoffMs(1) + 1000))).toMatchObject({ done: 1 })
    expect(mails).toHaveLength(1)
  })

  it('retries a gateway message the webhook refused, and delivers it once', async () => {
    hookFailures = 2
    await rt.db.transaction().execute((trx) => queueNotification(trx, notice(null, { phone: '081234567890' })))
    expect(await runAll()).toMatchObject({ retried: 1 })
    expect(await runAll(new Date(Date.now() + backoffMs(1) + 1000))).toMatchObject({ retried: 1 })
    const job = await rt.db.selectFrom('jobs').selectAll().where('type', '=', MESSAGE_JOB).executeTakeFirstOrThrow()
    expect(job.last_error).toContain('Gerbang pesan menjawab 503')
    expect(await runAll(new Date(Date.now() + backoffMs(1) + backoffMs(2) + 2000))).toMatchObject({ done: 1 })
    expect(hooks).toHaveLength(1)
    expect(hooks[0].body.to).toBe('081234567890')
  })

  it('queues no delivery without an address or phone, and skips channels that are not set up', async () => {
    await rt.db.transaction().execute((trx) => queueNotification(trx, notice(newId(), { email: '  ', phone: '' })))
    expect(await rt.db.selectFrom('jobs').selectAll().execute()).toEqual([])

    await rt.db.transaction().execute((trx) => queueNotification(trx, notice(null, { email: 'a@contoh.test', phone: '0812' })))
    const bare = { ...deps, config: { ...deps.config, smtpUrl: undefined, messageWebhookUrl: undefined } }
    expect(await runDueJobs(bare, JOB_HANDLERS)).toMatchObject({ skipped: 2 })
    const jobs = await rt.db.selectFrom('jobs').select(['state', 'last_error']).orderBy('type').execute()
    expect(jobs).toEqual([
      { state: 'skipped', last_error: 'SMTP_URL belum diatur; surel tidak dikirim' },
      { state: 'skipped', last_error: 'BALAI_MESSAGE_WEBHOOK_URL belum diatur; pesan tidak dikirim' },
    ])
    expect(mails).toHaveLength(0)
    expect(hooks).toHaveLength(0)
  })

  it('fails a malformed delivery at once, naming the bad fields', async () => {
    await enqueueJob(rt.db, { type: MESSAGE_JOB, payload: { to: '0812' } })
    expect(await runAll()).toMatchObject({ failed: 1, retried: 0 })
    const job = await rt.db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow()
    expect(job.last_error).toBe('Muatan tugas tidak sah: key, subject, text, village')
    expect(hooks).toHaveLength(0)
  })

  it('queues a plain e-mail through the outbox and can send one immediately', async () => {
    await rt.db.transaction().execute((trx) => queueEmail(trx, { to: 'lupa@contoh.test', subject: 'Atur ulang PIN', text: 'Kode Anda 123456.' }))
    expect(await rt.db.selectFrom('notifications').selectAll().execute()).toEqual([])
    await runAll()
    await sendEmailNow(deps, { to: 'segera@contoh.test', subject: 'Uji', text: 'Halo.' })
    expect(mails.map((m) => m.to[0])).toEqual(['lupa@contoh.test', 'segera@contoh.test'])
    const bare = { ...deps, config: { ...deps.config, smtpUrl: undefined } }
    await expect(sendEmailNow(bare, { to: 'x@contoh.test', subject: 'Uji', text: 'Halo.' })).rejects.toMatchObject({
      userMessage: 'Pengiriman surel belum diatur di server ini. Silakan hubungi kantor desa.',
    })
  })

  it("lists and marks read only the account's own notifications, newest first", async () => {
    const mine = newId()
    const theirs = newId()
    for (const [acc, subject] of [[mine, 'Satu'], [theirs, 'Lain'], [mine, 'Dua']] as const) {
      await queueNotification(rt.db, { ...notice(acc), subject })
      await new Promise((r) => setTimeout(r, 3))
    }
    expect((await listNotifications(deps, mine, 10)).map((n) => n.subject)).toEqual(['Dua', 'Satu'])
    expect(await countUnreadNotifications(deps, mine)).toBe(2)
    const theirId = (await listNotifications(deps, theirs, 10))[0].id
    // Another account's id changes nothing.
    expect(await markNotificationsRead(deps, mine, [theirId])).toBe(0)
    expect(await countUnreadNotifications(deps, theirs)).toBe(1)
    const [dua] = await listNotifications(deps, mine, 1)
    expect(await markNotificationsRead(deps, mine, [dua.id])).toBe(1)
    expect(await countUnreadNotifications(deps, mine)).toBe(1)
    expect(await markNotificationsRead(deps, mine)).toBe(1)
    expect(await countUnreadNotifications(deps, mine)).toBe(0)
    expect(await markNotificationsRead(deps, mine, [])).toBe(0)
  })

  it('renders the list escaped, with safe links only', async () => {
    const html = String(
      await NotificationList({
        items: [
          { id: '1', village_code: village, citizen_account_id: 'a', subject: '<b>Baru</b>', body: 'Isi', link: 'javascript:alert(1)', read_at: null, created_at: '2026-12-04T02:05:00.000Z' },
          { id: '2', village_code: village, citizen_account_id: 'a', subject: 'Lama', body: 'Isi', link: '/warga/permohonan/X', read_at: '2026-12-04T03:00:00.000Z', created_at: '2026-12-03T02:05:00.000Z' },
        ],
      }),
    )
    expect(html).toContain('&lt;b&gt;Baru&lt;/b&gt;')
    expect(html).not.toContain('javascript:')
    expect(html).toContain('href="/warga/permohonan/X"')
    expect(html).toContain('4 Desember 2026 pukul 10.05 WITA')
    expect(html).toContain('1 baru')
    expect(String(await NotificationList({ items: [] }))).toContain('Belum ada pemberitahuan.')
  })
})
