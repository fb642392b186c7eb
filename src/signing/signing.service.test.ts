import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getRequestListener } from '@hono/node-server'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createApp } from '../app.tsx'
import { createTestRuntime, TEST_DIALECT, type TestRuntime } from '../../test/support/db.ts'
import { makeFamily, makeStaff, makeVillage } from '../../test/support/factories.ts'
import { TestBrowser } from '../../test/support/http.ts'
import { SYSTEM_META, type StaffActor } from '../auth/actor.ts'
import { runDueJobs } from '../jobs/jobs.service.ts'
import { JOB_HANDLERS } from '../jobs/handlers.ts'
import type { Village } from '../tenancy/village.ts'
import type { ResidentProfile } from '../residents/resident.service.ts'
import { actOnRequest, createRequest } from '../services/request.service.ts'
import { getIssuedLetterByToken, readLetterPdf } from '../services/letter.service.ts'
import { activateCertificate, initCa, issueCertificate, revokeCertificate } from './certificate.service.ts'
import { createDelegation } from './delegation.service.ts'
import { signLetters, signLetterJob } from './letter-signing.service.ts'
import { checkUploadedLetter, linkReplacement, lookupLetter } from './letter-status.service.ts'
import { localSigner, remoteSigner, remoteSignerApp, SignerError } from './signer.ts'
import { pdfsig, samplePdf } from './signing.test-support.ts'
import { findCertificate } from './signing.repository.ts'
import { todayWita } from '../lib/time.ts'

const SYSTEM = { kind: 'system' as const, name: 'test' }
const meta = SYSTEM_META
const CA_PASS = 'frasa-ca-uji-456'

describe(`${TEST_DIALECT}: certificates, delegation and refusals`, () => {
  let rt: TestRuntime
  let village: Village
  let family: ResidentProfile[]
  let head: { actor: StaffActor; username: string }
  let secretary: { actor: StaffActor; username: string }
  let operator: StaffActor
  let admin: StaffActor

  beforeAll(async () => {
    rt = await createTestRuntime()
    village = await makeVillage(rt, '63.07.06.2017')
    family = await makeFamily(rt, village.code, 2)
    head = await makeStaff(rt, { role: 'head', scope: village.code })
    secretary = await makeStaff(rt, { role: 'secretary', scope: village.code })
    operator = (await makeStaff(rt, { role: 'operator', scope: village.code })).actor
    admin = (await makeStaff(rt, { role: 'regency_admin', scope: rt.config.regency })).actor
  }, 60_000)
  afterAll(() => rt.close())

  async function approved(approver: StaffActor, signature: 'electronic' | 'hand' = 'electronic'): Promise<{ id: string; token: string }> {
    const r = await createRequest(rt, operator, meta, { village: village.code, letterType: 'domisili', subjectNik: family[0].nik, fields: { keperluan: 'Keperluan uji' } })
    const d = await actOnRequest(rt, approver, meta, r.id, { action: 'approve', signature })
    await runDueJobs(rt, JOB_HANDLERS, { types: ['letter.render'] })

    return { id: r.id, token: d.letter!.verify_token }
  }

  it('sets up the CA once; issuing checks the holder, the CA passphrase and the validity', async () => {
    await expect(issueCertificate(rt, admin, meta, { username: head.username, caPassphrase: CA_PASS })).rejects.toMatchObject({ code: 'CONFLICT' })
    await expect(initCa(rt, SYSTEM, meta, { passphrase: 'pendek' })).rejects.toMatchObject({ fields: { passphrase: expect.stringContaining('minimal 8') } })
    await initCa(rt, SYSTEM, meta, { passphrase: CA_PASS })
    await expect(initCa(rt, SYSTEM, meta, { passphrase: CA_PASS })).rejects.toMatchObject({ code: 'ALREADY_EXISTS' })
    await expect(issueCertificate(rt, head.actor, meta, { username: head.username, caPassphrase: CA_PASS })).rejects.toMatchObject({ status: 404 })
    await expect(issueCertificate(rt, admin, meta, { username: 'tidak.ada', caPassphrase: CA_PASS })).rejects.toMatchObject({ fields: { username: expect.any(String) } })
    const op = await rt.db.selectFrom('staff_users').select('username').where('id', '=', operator.id).executeTakeFirstOrThrow()
    await expect(issueCertificate(rt, admin, meta, { username: op.username, caPassphrase: CA_PASS })).rejects.toMatchObject({ fields: { username: expect.stringContaining('Kepala Desa') } })
    await expect(issueCertificate(rt, admin, meta, { username: head.username, caPassphrase: 'frasa-keliru' })).rejects.toMatchObject({ fields: { passphrase: 'Frasa sandi salah.' } })
    await expect(issueCertificate(rt, admin, meta, { username: head.username, caPassphrase: CA_PASS, validityDays: '0' })).rejects.toMatchObject({ fields: { validityDays: expect.any(String) } })
    expect(await rt.db.selectFrom('signing_certificates').selectAll().execute()).toHaveLength(0)
    const ca = await rt.db.selectFrom('signing_cas').selectAll().executeTakeFirstOrThrow()
    expect(ca.key_pem).toContain('ENCRYPTED PRIVATE KEY')
    expect(JSON.stringify(ca)).not.toContain(CA_PASS)
  })

  it('lets the holder activate with their own passphrase; signing before activation is refused', async () => {
    const { certificate, activationCode } = await issueCertificate(rt, admin, meta, { username: head.username, caPassphrase: CA_PASS })
    expect(certificate.status).toBe('menunggu_aktivasi')
    expect(certificate.holder_title).toBe(`Pembakal ${village.name}`)
    expect(activationCode).toMatch(/^[A-Z2-9]{16}$/)
    const req = await approved(head.actor)
    await expect(signLetters(rt, head.actor, meta, village.code, { requests: [req.id], passphrase: 'apa-saja-123' })).rejects.toMatchObject({ code: 'INVALID_TRANSITION', userMessage: expect.stringContaining('belum diaktifkan') })
    await expect(activateCertificate(rt, head.actor, meta, village.code, certificate.id, { activationCode: 'SALAH', passphrase: 'frasa-kepala-1', passphraseConfirm: 'frasa-kepala-1' })).rejects.toMatchObject({ fields: { activationCode: 'Kode aktivasi salah.' } })
    await expect(activateCertificate(rt, head.actor, meta, village.code, certificate.id, { activationCode: activationCode!, passphrase: 'frasa-kepala-1', passphraseConfirm: 'lain' })).rejects.toMatchObject({ fields: { passphraseConfirm: expect.any(String) } })
    await expect(activateCertificate(rt, secretary.actor, meta, village.code, certificate.id, { activationCode: activationCode!, passphrase: 'frasa-kepala-1', passphraseConfirm: 'frasa-kepala-1' })).rejects.toMatchObject({ status: 404 })
    await activateCertificate(rt, head.actor, meta, village.code, certificate.id, { activationCode: activationCode!, passphrase: 'frasa-kepala-1', passphraseConfirm: 'frasa-kepala-1' })
    const out = await signLetters(rt, head.actor, meta, village.code, { requests: [req.id], passphrase: 'frasa-kepala-1' })
    expect(out).toMatchObject([{ requestId: req.id, status: 'ditandatangani' }])
  })

  it('locks signing after repeated wrong passphrases', async () => {
    const req = await approved(head.actor)
    for (let i = 0; i < 4; i++) {
      await expect(signLetters(rt, head.actor, meta, village.code, { requests: [req.id], passphrase: `salah-${i}-xxxx` })).rejects.toMatchObject({ status: 422 })
    }
    await expect(signLetters(rt, head.actor, meta, village.code, { requests: [req.id], passphrase: 'salah-terakhir' })).rejects.toMatchObject({ code: 'LOCKED' })
    await expect(signLetters(rt, head.actor, meta, village.code, { requests: [req.id], passphrase: 'frasa-kepala-1' })).rejects.toMatchObject({ code: 'LOCKED' })
    expect((await getIssuedLetterByToken(rt, req.token))?.signedAt).toBeNull()
    expect(await rt.db.selectFrom('audit_events').select('id').where('action', '=', 'letter.sign_failed').execute()).toHaveLength(5)
    await rt.db.deleteFrom('throttles').where('key', 'like', 'letter-sign:%').execute()
  })

  it('refuses a delegate outside the delegation and accepts one inside it (a.n.)', async () => {
    await issueCertificate(rt, admin, meta, { username: secretary.username, caPassphrase: CA_PASS, holderPassphrase: 'frasa-sekdes-1' })
    const req = await approved(secretary.actor) // approved by the secretary → block reads "a.n. Pembakal …"
    const refused = await signLetters(rt, secretary.actor, meta, village.code, { requests: [req.id], passphrase: 'frasa-sekdes-1' })
    expect(refused[0]).toMatchObject({ status: 'gagal', reason: expect.stringContaining('pelimpahan') })
    const headOnDelegated = await signLetters(rt, head.actor, meta, village.code, { requests: [req.id], passphrase: 'frasa-kepala-1' })
    expect(headOnDelegated[0]).toMatchObject({ status: 'gagal' })
    const later = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10)
    await expect(createDelegation(rt, secretary.actor, meta, village.code, { username: secretary.username, kind: 'an', validFrom: todayWita(), validUntil: later })).rejects.toMatchObject({ status: 403 })
    await expect(createDelegation(rt, head.actor, meta, village.code, { username: secretary.username, kind: 'an', validFrom: later, validUntil: todayWita() })).rejects.toMatchObject({ fields: { validUntil: expect.any(String) } })
    await createDelegation(rt, head.actor, meta, village.code, { username: secretary.username, kind: 'ub', validFrom: todayWita(), validUntil: later })
    const wrongKind = await signLetters(rt, secretary.actor, meta, village.code, { requests: [req.id], passphrase: 'frasa-sekdes-1' })
    expect(wrongKind[0]).toMatchObject({ status: 'gagal', reason: expect.stringContaining('u.b.') })
    await createDelegation(rt, head.actor, meta, village.code, { username: secretary.username, kind: 'an', validFrom: todayWita(), validUntil: later })
    const ok = await signLetters(rt, secretary.actor, meta, village.code, { requests: [req.id], passphrase: 'frasa-sekdes-1' })
    expect(ok[0]).toMatchObject({ status: 'ditandatangani' })
    const letter = (await rt.db.selectFrom('letters').selectAll().where('request_id', '=', req.id).executeTakeFirstOrThrow())
    expect(pdfsig((await readLetterPdf(rt, letter))!)).toContain(`Common Name: ${secretary.actor.name}`)
  })

  it('refuses a revoked or expired certificate, and verification reports revocation at signing time', async () => {
    const req = await approved(head.actor)
    const cert = await rt.db.selectFrom('signing_certificates').selectAll().where('staff_user_id', '=', head.actor.id).executeTakeFirstOrThrow()
    await rt.db.updateTable('signing_certificates').set({ not_after: '2020-01-01T00:00:00.000Z' }).where('id', '=', cert.id).execute()
    await expect(signLetters(rt, head.actor, meta, village.code, { requests: [req.id], passphrase: 'frasa-kepala-1' })).rejects.toMatchObject({ userMessage: expect.stringContaining('kedaluwarsa') })
    await rt.db.updateTable('signing_certificates').set({ not_after: cert.not_after }).where('id', '=', cert.id).execute()
    expect((await signLetters(rt, head.actor, meta, village.code, { requests: [req.id], passphrase: 'frasa-kepala-1' }))[0].status).toBe('ditandatangani')
    const signedRow = await rt.db.selectFrom('letters').selectAll().where('request_id', '=', req.id).executeTakeFirstOrThrow()
    const pdf = (await readLetterPdf(rt, signedRow))!

    await expect(revokeCertificate(rt, admin, meta, cert.id, { reason: '', caPassphrase: CA_PASS })).rejects.toMatchObject({ fields: { reason: expect.any(String) } })
    await expect(revokeCertificate(rt, admin, meta, cert.id, { reason: 'Kunci bocor', caPassphrase: 'frasa-keliru' })).rejects.toMatchObject({ fields: { passphrase: 'Frasa sandi salah.' } })
    await revokeCertificate(rt, admin, meta, cert.id, { reason: 'Kunci bocor', caPassphrase: CA_PASS })
    // Signed before revocation: the signature is still reported valid.
    const { verdict: before } = await checkUploadedLetter(rt, { ip: '198.51.100.1', userAgent: 't' }, req.token, pdf)
    expect(before).toMatchObject({ valid: true, chainsToCa: true, notRevokedAtSigning: true })
    // A revocation dated before the signature makes it invalid.
    await rt.db.updateTable('signing_certificates').set({ revoked_at: '2020-01-01T00:00:00.000Z' }).where('id', '=', cert.id).execute()
    const { verdict: afterRevocation } = await checkUploadedLetter(rt, { ip: '198.51.100.1', userAgent: 't' }, req.token, pdf)
    expect(afterRevocation).toMatchObject({ valid: false, notRevokedAtSigning: false })
    expect(afterRevocation.reasons.join(' ')).toContain('sudah dicabut saat surat ditandatangani')
    const next = await approved(head.actor)
    await expect(signLetters(rt, head.actor, meta, village.code, { requests: [next.id], passphrase: 'frasa-kepala-1' })).rejects.toMatchObject({ userMessage: expect.stringContaining('dicabut') })
    // the CRL names it, at the public address
    const app = createApp(rt)
    const crl = await app.request('/pki/crl.der')
    expect(crl.status).toBe(200)
    expect(crl.headers.get('content-type')).toBe('application/pkix-crl')
    expect(Buffer.from(await crl.arrayBuffer()).toString('hex')).toContain(cert.serial)
    const caRes = await app.request('/pki/ca.crt')
    expect(caRes.headers.get('content-type')).toBe('application/pkix-cert')
  })

  it('keeps hand signatures possible, with the same QR page and file check', async () => {
    const req = await approved(head.actor, 'hand')
    const view = await lookupLetter(rt, meta, req.token)
    expect(view).toMatchObject({ status: 'sah', signatureMode: 'hand' })
    const row = await rt.db.selectFrom('letters').selectAll().where('request_id', '=', req.id).executeTakeFirstOrThrow()
    const pdf = (await readLetterPdf(rt, row))!
    expect((await checkUploadedLetter(rt, meta, req.token, pdf)).verdict).toMatchObject({ handSigned: true, valid: true, matchesIssued: true })
    expect((await checkUploadedLetter(rt, meta, req.token, await samplePdf())).verdict).toMatchObject({ valid: false, matchesIssued: false })
    const signAttempt = await signLetters(rt, secretary.actor, meta, village.code, { requests: [req.id], passphrase: 'frasa-sekdes-1' })
    expect(signAttempt[0]).toMatchObject({ status: 'gagal', reason: expect.stringContaining('manual') })
  })

  it('links a replacement letter with a new number to the revoked one', async () => {
    const first = await approved(head.actor, 'hand')
    const second = await approved(head.actor, 'hand')
    const a = await rt.db.selectFrom('letters').selectAll().where('request_id', '=', first.id).executeTakeFirstOrThrow()
    const b = await rt.db.selectFrom('letters').selectAll().where('request_id', '=', second.id).executeTakeFirstOrThrow()
    await expect(linkReplacement(rt, head.actor, meta, village.code, { revokedNumber: a.number, number: b.number })).rejects.toMatchObject({ fields: { revokedNumber: expect.stringContaining('sudah dicabut') } })
    await actOnRequest(rt, head.actor, meta, first.id, { action: 'revoke', note: 'Salah ketik nama' })
    await expect(linkReplacement(rt, head.actor, meta, village.code, { revokedNumber: a.number, number: 'TIDAK/ADA' })).rejects.toMatchObject({ fields: { number: expect.any(String) } })
    await expect(linkReplacement(rt, secretary.actor, meta, village.code, { revokedNumber: a.number, number: b.number })).rejects.toMatchObject({ status: 403 })
    await linkReplacement(rt, head.actor, meta, village.code, { revokedNumber: a.number, number: b.number })
    await expect(linkReplacement(rt, head.actor, meta, village.code, { revokedNumber: a.number, number: b.number })).rejects.toMatchObject({ code: 'ALREADY_EXISTS' })
    expect(b.number).not.toBe(a.number)
    expect(await lookupLetter(rt, meta, first.token)).toMatchObject({ status: 'digantikan', replacedBy: { number: b.number } })
    expect(await lookupLetter(rt, meta, second.token)).toMatchObject({ status: 'sah', replaces: { number: a.number } })
  })

  describe('remote signer provider (loopback server with the local signer behind it)', () => {
    let server: Server
    let url: string
    beforeAll(async () => {
      server = createServer(getRequestListener(remoteSignerApp(localSigner(rt)).fetch))
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    })
    afterAll(() => new Promise<void>((r) => server.close(() => r())))

    it('signs through HTTP exactly like the local signer, and maps refusals', async () => {
      const cert = (await findCertificate(rt.db, (await rt.db.selectFrom('signing_certificates').select('id').where('staff_user_id', '=', secretary.actor.id).executeTakeFirstOrThrow()).id))!
      const remote = remoteSigner(url)
      const signed = await remote.sign({ identity: cert.serial, passphrase: 'frasa-sekdes-1', pdf: await samplePdf(), reason: 'Uji', location: 'Uji', signingTime: new Date() })
      expect(pdfsig(signed)).toContain('Signature is Valid.')
      await expect(remote.sign({ identity: cert.serial, passphrase: 'salah-salah', pdf: await samplePdf(), reason: 'Uji', location: 'Uji', signingTime: new Date() })).rejects.toMatchObject({ code: 'wrong_passphrase' })
      await expect(remote.sign({ identity: cert.serial, passphrase: 'frasa-sekdes-1', pdf: new TextEncoder().encode('bukan pdf'), reason: 'Uji', location: 'Uji', signingTime: new Date() })).rejects.toMatchObject({ code: 'not_pdf' })
      await expect(remoteSigner('http://127.0.0.1:1').sign({ identity: cert.serial, passphrase: 'x', pdf: await samplePdf(), reason: '', location: '', signingTime: new Date() })).rejects.toBeInstanceOf(SignerError)
    })

    it('is used for letters when BALAI_SIGNER=remote', async () => {
      const remoteDeps = { ...rt, config: { ...rt.config, signer: 'remote' as const, remoteSignerUrl: url } }
      const req = await approved(secretary.actor)
      const wrong = await signLetters(remoteDeps, secretary.actor, meta, village.code, { requests: [req.id], passphrase: 'salah-lewat-http' })
      expect(wrong[0]).toMatchObject({ status: 'gagal', reason: 'Frasa sandi salah.' })
      expect((await getIssuedLetterByToken(rt, req.token))?.signedAt).toBeNull()
      const down = { ...rt, config: { ...rt.config, signer: 'remote' as const, remoteSignerUrl: 'http://127.0.0.1:1' } }
      const unreachable = await signLetters(down, secretary.actor, meta, village.code, { requests: [req.id], passphrase: 'frasa-sekdes-1' })
      expect(unreachable[0]).toMatchObject({ status: 'gagal', reason: expect.stringContaining('tidak dapat dihubungi') })
      expect((await getIssuedLetterByToken(rt, req.token))?.signedAt).toBeNull()
      const ok = await signLetters(remoteDeps, secretary.actor, meta, village.code, { requests: [req.id], passphrase: 'frasa-sekdes-1' })
      expect(ok[0]).toMatchObject({ status: 'ditandatangani' })
    })
  })

  it('never half-signs: a provider returning an unsigned PDF, or a restart that lost the passphrase, leave the letter approved', async () => {
    const liar = createServer(getRequestListener(remoteSignerApp({ name: 'local', sign: async (r) => r.pdf }).fetch))
    await new Promise<void>((r) => liar.listen(0, '127.0.0.1', () => r()))
    try {
      const req = await approved(secretary.actor)
      const deps = { ...rt, config: { ...rt.config, signer: 'remote' as const, remoteSignerUrl: `http://127.0.0.1:${(liar.address() as AddressInfo).port}` } }
      const out = await signLetters(deps, secretary.actor, meta, village.code, { requests: [req.id], passphrase: 'frasa-sekdes-1' })
      expect(out[0]).toMatchObject({ status: 'gagal', reason: expect.stringContaining('tidak lolos pemeriksaan') })
      expect((await getIssuedLetterByToken(rt, req.token))?.signedAt).toBeNull()
      const state = await rt.db.selectFrom('letter_requests').select('state').where('id', '=', req.id).executeTakeFirstOrThrow()
      expect(state.state).toBe('disetujui')

      // A queued signature whose passphrase is gone (the process restarted) fails cleanly.
      const letter = await rt.db.selectFrom('letters').selectAll().where('request_id', '=', req.id).executeTakeFirstOrThrow()
      const cert = await rt.db.selectFrom('signing_certificates').select('id').where('staff_user_id', '=', secretary.actor.id).executeTakeFirstOrThrow()
      await rt.db.insertInto('letter_signatures').values({ id: 'sig-restart', village_code: village.code, letter_id: letter.id, request_id: req.id, certificate_id: cert.id, signer_user_id: secretary.actor.id, on_behalf: letter.signer_on_behalf, batch_id: 'hilang', state: 'antri', error: null, signed_sha256: null, signing_time: null, created_at: new Date().toISOString(), finished_at: null }).execute()
      await expect(signLetterJob(rt, { signatureId: 'sig-restart' })).rejects.toThrow('Frasa sandi tidak lagi tersedia')
      expect(await rt.db.selectFrom('letter_signatures').select(['state', 'error']).where('id', '=', 'sig-restart').executeTakeFirstOrThrow()).toEqual({ state: 'gagal', error: 'passphrase_gone' })
      expect((await getIssuedLetterByToken(rt, req.token))?.signedAt).toBeNull()
    } finally {
      await new Promise<void>((r) => liar.close(() => r()))
    }
  })

  it('the CLI issues and revokes certificates with passphrases from files', async () => {
    const { SIGNING_COMMANDS } = await import('./signing.cli.ts')
    const dir = mkdtempSync(join(tmpdir(), 'balai-cli-'))
    writeFileSync(join(dir, 'ca'), `${CA_PASS}\n`)
    writeFileSync(join(dir, 'holder'), 'frasa-kepala-baru\n')
    const extra = await makeStaff(rt, { role: 'head', scope: village.code })
    const logs: string[] = []
    const spy = vi.spyOn(console, 'log').mockImplementation((m: string) => void logs.push(m))
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      expect(await SIGNING_COMMANDS.cert.run(rt as never, { values: { username: extra.username, 'ca-passphrase-file': join(dir, 'ca'), 'holder-passphrase-file': join(dir, 'holder') }, positionals: ['issue'] })).toBeUndefined()
      const cert = await rt.db.selectFrom('signing_certificates').selectAll().where('staff_user_id', '=', extra.actor.id).executeTakeFirstOrThrow()
      expect(cert.status).toBe('aktif')
      expect(logs.join('\n')).not.toContain('Kode aktivasi')
      await SIGNING_COMMANDS.cert.run(rt as never, { values: {}, positionals: ['list'] })
      expect(logs.join('\n')).toContain(cert.id)
      await SIGNING_COMMANDS.cert.run(rt as never, { values: { reason: 'Pindah tugas', 'ca-passphrase-file': join(dir, 'ca') }, positionals: ['revoke', cert.id] })
      expect((await findCertificate(rt.db, cert.id))?.revoked_reason).toBe('Pindah tugas')
      expect(await SIGNING_COMMANDS.cert.run(rt as never, { values: {}, positionals: ['entah'] })).toBe(2)
    } finally {
      spy.mockRestore()
      quiet.mockRestore()
    }
  })

  it('the staff pages: regency issues with an activation code; the village page lists letters to sign', async () => {
    const app = createApp(rt)
    const adminUser = await makeStaff(rt, { role: 'regency_admin', scope: rt.config.regency })
    const b = new TestBrowser(app)
    await b.login(adminUser.username, adminUser.password)
    const list = await b.get('/staf/wilayah/sertifikat')
    expect(list.status).toBe(200)
    const bad = await b.post('/staf/wilayah/sertifikat', { username: head.username, caPassphrase: 'salah-frasa' })
    expect(bad.status).toBe(422)
    expect(await bad.text()).toContain('Frasa sandi salah.')
    const other = await makeStaff(rt, { role: 'head', scope: village.code })
    const ok = await b.post('/staf/wilayah/sertifikat', { username: other.username, caPassphrase: CA_PASS, validityDays: '365' })
    expect(ok.status).toBe(200)
    expect(await ok.text()).toMatch(/Kode aktivasi[^<]*<b class="code">[A-Z2-9]{16}<\/b>/)
    const hb = new TestBrowser(app)
    await hb.login(other.username, other.password)
    const page = await hb.get(`/staf/desa/${village.code}/tanda-tangan`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Aktifkan sertifikat')
    const opBrowser = new TestBrowser(app)
    const opUser = await makeStaff(rt, { role: 'operator', scope: village.code })
    await opBrowser.login(opUser.username, opUser.password)
    expect((await opBrowser.get(`/staf/desa/${village.code}/tanda-tangan`)).status).toBe(403)
    // the head revokes from the page: a missing reason re-renders 422, a good one redirects
    const hand = await approved(head.actor, 'hand')
    const number = (await rt.db.selectFrom('letters').select('number').where('request_id', '=', hand.id).executeTakeFirstOrThrow()).number
    const headBrowser = new TestBrowser(app)
    const headLogin = await rt.db.selectFrom('staff_users').select('username').where('id', '=', head.actor.id).executeTakeFirstOrThrow()
    await headBrowser.login(headLogin.username, 'rahasia-uji-123')
    await headBrowser.get(`/staf/desa/${village.code}/tanda-tangan`)
    const noReason = await headBrowser.post(`/staf/desa/${village.code}/tanda-tangan/cabut`, { letterNumber: number, reason: '' })
    expect(noReason.status).toBe(422)
    expect(await noReason.text()).toContain('alasan pencabutan')
    expect((await lookupLetter(rt, meta, hand.token)).status).toBe('sah')
    const done = await headBrowser.post(`/staf/desa/${village.code}/tanda-tangan/cabut`, { letterNumber: number, reason: 'Dicabut atas permintaan pemohon' })
    expect(done.status).toBe(303)
    expect((await lookupLetter(rt, meta, hand.token)).status).toBe('dicabut')
  })
})
