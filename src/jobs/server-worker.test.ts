import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer } from '../main.ts'
import { createTestRuntime, TEST_DIALECT, type TestRuntime } from '../../test/support/db.ts'
import { queueNotification } from '../notify/notify.service.ts'
import { activeRenderPool } from '../letters/render-pool.ts'
import { renderLetterPdf } from '../letters/letter-pdf.ts'
import { sampleLetter } from '../letters/sample-letter.ts'

describe(`${TEST_DIALECT}: balai serve runs the outbox and the render pool`, () => {
  let rt: TestRuntime
  const received: Array<Record<string, unknown>> = []
  const hook = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString('utf8')))
    req.on('end', () => {
      received.push(JSON.parse(body))
      res.writeHead(200).end()
    })
  })

  beforeAll(async () => {
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r))
    rt = await createTestRuntime({ config: { port: 0, messageWebhookUrl: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/` } })
  })
  afterAll(async () => {
    await rt.close()
    await new Promise<void>((r) => hook.close(() => r()))
  })

  it('delivers queued notifications while serving, renders on threads, and stops both on close', async () => {
    await rt.db.transaction().execute((trx) =>
      queueNotification(trx, { villageCode: '63.07.06.2014', phone: '081211112222', subject: 'Permohonan diterima', body: 'Terima kasih.' }),
    )
    const server = await startServer(rt)
    try {
      const until = Date.now() + 15_000
      while (received.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 25))
      expect(received).toMatchObject([{ to: '081211112222', subject: 'Permohonan diterima' }])
      expect(activeRenderPool()?.threads).toBeGreaterThanOrEqual(1)
      expect((await renderLetterPdf(sampleLetter())).byteLength).toBeGreaterThan(1000)
    } finally {
      await server.close()
    }
    expect(activeRenderPool()).toBeNull()
    const job = await rt.db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow()
    expect(job).toMatchObject({ state: 'done', attempts: 1 })
  })
})
