import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app.tsx'
import { createTestRuntime, TEST_DIALECT, type TestRuntime } from '../../test/support/db.ts'
import { makeFamily, makeStaff, makeVillage } from '../../test/support/factories.ts'
import { makeCitizen } from '../../test/support/citizen-factory.ts'
import { api, TestBrowser } from '../../test/support/http.ts'
import { SYSTEM_META, type StaffActor } from '../auth/actor.ts'
import { runDueJobs } from '../jobs/jobs.service.ts'
import { JOB_HANDLERS } from '../jobs/handlers.ts'
import type { Village } from '../tenancy/village.ts'
import type { ResidentProfile } from '../residents/resident.service.ts'
import { getIssuedLetterByToken, listOutgoingRegister } from '../services/letter.service.ts'
import { initCa, issueCertificate } from './certificate.service.ts'
import { flipOneByte, pdfsig } from './signing.test-support.ts'

const SYSTEM = { kind: 'system' as const, name: 'test' }
const HEAD_PASS = 'frasa-pembakal-uji'

describe(`${TEST_DIALECT}: request → approve → sign → download → verify → revoke`, () => {
  let rt: TestRuntime
  let app: ReturnType<typeof createApp>
  let village: Village
  let family: ResidentProfile[]
  let citizen: { nik: string; pin: string }
  let head: { actor: StaffActor; username: string; password: string }
  let secretary: { actor: StaffActor; username: string; password: string }
  let headToken: string
  let citizenToken: string

  beforeAll(async () => {
    rt = await createTestRuntime()
    app = createApp(rt)
    village = await makeVillage(rt, '63.07.06.2014')
    family = await makeFamily(rt, village.code, 2)
    citizen = await makeCitizen(rt, { villageCode: village.code, resident: family[0] })
    head = await makeStaff(rt, { role: 'head', scope: village.code })
    secretary = await makeStaff(rt, { role: 'secretary', scope: village.code })
    await initCa(rt, SYSTEM, SYSTEM_META, { passphrase: 'frasa-ca-uji-123' })
    await issueCertificate(rt, SYSTEM, SYSTEM_META, { username: head.username, caPassphrase: 'frasa-ca-uji-123', holderPassphrase: HEAD_PASS })
    headToken = (await api(app, 'POST', '/api/v1/staff/session', { body: { username: head.username, password: head.password } })).json.token
    citizenToken = (await api(app, 'POST', '/api/v1/citizen/session', { body: { nik: citizen.nik, pin: citizen.pin } })).json.token
    expect(headToken && citizenToken).toBeTruthy()
  }, 60_000)
  afterAll(() => rt.close())

  async function approvedRequest(): Promise<{ id: string; token: string }> {
    const created = await api(app, 'POST', '/api/v1/requests', { token: citizenToken, body: { village: village.code, letterType: 'domisili', subjectNik: family[1].nik, fields: { keperluan: 'Membuka rekening bank' } } })
    expect(created.status).toBe(201)
    const approved = await api(app, 'POST', `/api/v1/requests/${created.json.id}/actions`, { token: headToken, body: { action: 'approve', signature: 'electronic' } })
    expect(approved.status, JSON.stringify(approved.json)).toBe(200)
    await runDueJobs(rt, JOB_HANDLERS, { types: ['letter.render'] })
    const letter = await rt.db.selectFrom('letters').select('verify_token').where('request_id', '=', created.json.id).executeTakeFirstOrThrow()

    return { id: created.json.id, token: letter.verify_token }
  }

  it('runs the whole path through the API, and pdfsig and Balai agree at every step', async () => {
    const { id, token } = await approvedRequest()

    // A wrong passphrase signs nothing and is audited.
    const wrong = await api(app, 'POST', '/api/v1/letters/sign', { token: headToken, body: { requests: [id], passphrase: 'bukan-frasa-ini' } })
    expect(wrong.status).toBe(422)
    expect(wrong.json.error.fields.passphrase).toBe('Frasa sandi salah.')
    expect((await getIssuedLetterByToken(rt, token))?.signedAt).toBeNull()
    const audited = await rt.db.selectFrom('audit_events').select(['action', 'data']).where('action', '=', 'letter.sign_failed').execute()
    expect(audited).toHaveLength(1)
    expect(audited[0].data).not.toContain('bukan-frasa-ini')

    const signed = await api(app, 'POST', '/api/v1/letters/sign', { token: headToken, body: { requests: [id], passphrase: HEAD_PASS } })
    expect(signed.status).toBe(200)
    expect(signed.json.signed.map((s: { requestId: string }) => s.requestId)).toEqual([id])
    expect(signed.json.failed).toEqual([])

    // The register shows it signed; the request is ready; the resident downloads it → Selesai.
    const register = await listOutgoingRegister(rt, head.actor, { villageCode: village.code, limit: 10, offset: 0 })
    expect(register.find((l) => l.request_id === id)?.signed_at).toBeTruthy()
    const download = await app.request(`/api/v1/requests/${id}/letter.pdf`, { headers: { authorization: `Bearer ${citizenToken}` } })
    expect(download.status).toBe(200)
    const pdf = new Uint8Array(await download.arrayBuffer())
    expect((await api(app, 'GET', `/api/v1/requests/${id}`, { token: citizenToken })).json.state).toBe('selesai')

    const report = pdfsig(pdf)
    expect(report).toContain(`Signer Certificate Common Name: ${head.actor.name}`)
    expect(report).toContain('Signature Validation: Signature is Valid.')
    expect(report).toContain('ETSI.CAdES.detached')

    // The QR page and the JSON say valid, with the holder's NIK masked.
    const verify = await api(app, 'GET', `/api/v1/verify/${token}`)
    expect(verify.status).toBe(200)
    expect(verify.json).toMatchObject({ status: 'sah', village: { code: village.code }, holder: { name: family[1].name }, signatureMode: 'electronic' })
    expect(verify.json.holder.nikMasked).not.toBe(family[1].nik)
    const browser = new TestBrowser(app)
    const page = await browser.get(`/v/${token}`)
    const html = await page.text()
    expect(page.status).toBe(200)
    expect(html).toContain('Sah')
    expect(html).not.toContain(family[1].nik)

    // The exact file checks out; a one-byte change is caught by pdfsig and by Balai.
    const upload = async (bytes: Uint8Array, name = 'surat.pdf') => {
      const form = new FormData()
      form.set('berkas', new File([new Uint8Array(bytes)], name, { type: 'application/pdf' }))
      const res = await browser.postMultipart(`/v/${token}`, form)

      return { status: res.status, html: await res.text() }
    }
    const same = await upload(pdf)
    expect(same.status).toBe(200)
    expect(same.html).toContain('sama persis dengan surat yang diterbitkan dan tanda tangan elektroniknya sah')
    const tampered = flipOneByte(pdf)
    expect(pdfsig(tampered)).toContain('Digest Mismatch')
    const caught = await upload(tampered)
    expect(caught.html).toContain('TIDAK dapat dipercaya')
    expect(caught.html).toContain('Isi PDF telah berubah setelah ditandatangani')
    expect(caught.html).toContain('Berkas tidak sama dengan surat yang diterbitkan')
    const truncated = await upload(pdf.subarray(0, pdf.length - 400))
    expect(truncated.html).toContain('terpotong')
    const notPdf = await upload(new TextEncoder().encode('ini bukan pdf'), 'surat.txt')
    expect(notPdf.status).toBe(422)
    expect(notPdf.html).toContain('bukan PDF')

    // The same check over the API, with the PDF as the request body.
    const viaApi = async (bytes: Uint8Array) => {
      const res = await app.request(`/api/v1/verify/${token}`, { method: 'POST', body: new Uint8Array(bytes), headers: { 'content-type': 'application/pdf', 'x-forwarded-for': '198.51.100.77' } })

      return { status: res.status, json: await res.json() }
    }
    expect(await viaApi(pdf)).toMatchObject({ status: 200, json: { valid: true, matchesIssued: true, signatureValid: true, chainsToCa: true, notRevokedAtSigning: true, signerName: head.actor.name } })
    expect(await viaApi(tampered)).toMatchObject({ status: 200, json: { valid: false, matchesIssued: false, signatureValid: false } })
    expect((await viaApi(new TextEncoder().encode('bukan pdf'))).status).toBe(415)

    // Revocation through the request's actions: secretary may not, the head may (with a reason).
    const secToken = (await api(app, 'POST', '/api/v1/staff/session', { body: { username: secretary.username, password: secretary.password } })).json.token
    expect((await api(app, 'POST', `/api/v1/requests/${id}/actions`, { token: secToken, body: { action: 'revoke', note: 'Data keliru' } })).status).toBe(403)
    const noReason = await api(app, 'POST', `/api/v1/requests/${id}/actions`, { token: headToken, body: { action: 'revoke' } })
    expect(noReason.status).toBe(422)
    expect(noReason.json.error.fields.note).toBeTruthy()
    const revoked = await api(app, 'POST', `/api/v1/requests/${id}/actions`, { token: headToken, body: { action: 'revoke', note: 'Alamat pada surat keliru' } })
    expect(revoked.status).toBe(200)
    const after = await api(app, 'GET', `/api/v1/verify/${token}`)
    expect(after.json).toMatchObject({ status: 'dicabut', revokedReason: 'Alamat pada surat keliru' })
    expect(after.json.revokedAt).toBeTruthy()
    expect((await browser.get(`/v/${token}`).then((r) => r.text()))).toContain('telah dicabut')
    const again = await upload(pdf)
    expect(again.html).toContain('TIDAK dapat dipercaya')
    expect(again.html).toContain('Status surat: Dicabut.')
    expect((await api(app, 'POST', `/api/v1/requests/${id}/actions`, { token: headToken, body: { action: 'revoke', note: 'Sekali lagi dicabut' } })).status).toBe(409)
  })

  it('reports per request what could not be signed and why', async () => {
    const fresh = await api(app, 'POST', '/api/v1/requests', { token: citizenToken, body: { village: village.code, letterType: 'domisili', subjectNik: family[0].nik, fields: { keperluan: 'Sekolah' } } })
    const ok = await approvedRequest()
    const res = await api(app, 'POST', '/api/v1/letters/sign', { token: headToken, body: { requests: [fresh.json.id, ok.id, 'tidak-ada'], passphrase: HEAD_PASS } })
    expect(res.status).toBe(200)
    expect(res.json.signed.map((s: { requestId: string }) => s.requestId)).toEqual([ok.id])
    expect(res.json.failed).toEqual([
      { requestId: fresh.json.id, reason: expect.stringContaining('belum disetujui') },
      { requestId: 'tidak-ada', reason: 'Permohonan tidak ditemukan.' },
    ])
    const empty = await api(app, 'POST', '/api/v1/letters/sign', { token: headToken, body: { requests: [], passphrase: HEAD_PASS } })
    expect(empty.status).toBe(422)
    expect(empty.json.error.fields.requests).toBeTruthy()
  })

  it('wrong tokens all look alike and are rate-limited', async () => {
    const a = await api(app, 'GET', '/api/v1/verify/AAAAAAAAAAAAAAAAAAAAAAAA', { ip: '192.0.2.50' })
    const b = await api(app, 'GET', '/api/v1/verify/x', { ip: '192.0.2.50' })
    expect(a.status).toBe(404)
    expect(b.status).toBe(404)
    expect(a.json.error.message).toBe(b.json.error.message)
    let last = 0
    for (let i = 0; i < 20; i++) last = (await api(app, 'GET', `/api/v1/verify/ZZZZZZZZZZZZZZZZZZZZZZ${i}`, { ip: '192.0.2.50' })).status
    expect(last).toBe(429)
    // another address is unaffected
    expect((await api(app, 'GET', '/api/v1/verify/AAAAAAAAAAAAAAAAAAAAAAAA', { ip: '192.0.2.51' })).status).toBe(404)
  })
})
