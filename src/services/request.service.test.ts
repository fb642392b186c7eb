import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import sharp from 'sharp'
import { PDFDocument } from 'pdf-lib'
import { createTestRuntime, TEST_DIALECT, type TestRuntime } from '../../test/support/db.ts'
import { makeFamily, makeResident, makeStaff, makeVillage } from '../../test/support/factories.ts'
import { makeCitizen } from '../../test/support/citizen-factory.ts'
import { SYSTEM_META, type CitizenActor, type StaffActor } from '../auth/actor.ts'
import { runDueJobs } from '../jobs/jobs.service.ts'
import { JOB_HANDLERS } from '../jobs/handlers.ts'
import type { Village } from '../tenancy/village.ts'
import type { ResidentProfile } from '../residents/resident.service.ts'
import { actOnRequest, createRequest, getRequest, listRequestQueue, trackRequest } from './request.service.ts'
import { getIssuedLetterByToken, readLetterPdf } from './letter.service.ts'
import { listVillageLetterTypes, updateLetterType, updateVillageLetterType, typeEditForm } from './catalogue.service.ts'
import { SHIPPED_LETTER_TYPES } from './catalogue.ts'

const meta = SYSTEM_META

describe(`${TEST_DIALECT}: letter requests and issuing`, () => {
  let rt: TestRuntime
  let village: Village
  let other: Village
  let family: ResidentProfile[]
  let citizen: { actor: CitizenActor; nik: string }
  let head: StaffActor
  let operator: StaffActor
  let secretary: StaffActor
  let otherOperator: StaffActor
  let regencyAdmin: StaffActor

  beforeAll(async () => {
    rt = await createTestRuntime()
    village = await makeVillage(rt, '63.07.06.2014')
    other = await makeVillage(rt)
    family = await makeFamily(rt, village.code, 3)
    citizen = await makeCitizen(rt, { villageCode: village.code, resident: family[0] })
    head = (await makeStaff(rt, { role: 'head', scope: village.code })).actor
    operator = (await makeStaff(rt, { role: 'operator', scope: village.code })).actor
    secretary = (await makeStaff(rt, { role: 'secretary', scope: village.code })).actor
    otherOperator = (await makeStaff(rt, { role: 'operator', scope: other.code })).actor
    regencyAdmin = (await makeStaff(rt, { role: 'regency_admin', scope: rt.config.regency })).actor
  }, 60_000)
  afterAll(() => rt.close())

  const domisili = (nik: string, keperluan = 'Membuka rekening bank') => ({ village: village.code, letterType: 'domisili', subjectNik: nik, fields: { keperluan } })

  it('a resident requests for a family member; staff approve; the PDF carries number, data and QR', async () => {
    const created = await createRequest(rt, citizen.actor, meta, domisili(family[1].nik))
    expect(created.state).toBe('diajukan')
    expect(created.trackingCode).toMatch(/^[A-Z2-9]{10}$/)
    const approved = await actOnRequest(rt, head, meta, created.id, { action: 'approve', signature: 'hand' })
    expect(approved.request.state).toBe('siap_diambil')
    const letter = approved.letter!
    expect(letter.number).toMatch(new RegExp(`^400\\.8\\.1/001/${village.code.replaceAll('.', '\\.')}/[IVX]+/\\d{4}$`))
    expect(letter.body_markup).toContain(family[1].name)
    expect(letter.signer_title).toBe(`${village.headTitle} ${village.name}`)
    const summary = await runDueJobs(rt, JOB_HANDLERS, { types: ['letter.render'] })
    expect(summary.done).toBeGreaterThanOrEqual(1)
    const issued = await getIssuedLetterByToken(rt, letter.verify_token)
    expect(issued?.pdfReady).toBe(true)
    expect(issued?.subjectNikMasked).not.toContain(family[1].nik)
    const row = (await getRequest(rt, head, created.id)).letter!
    const pdf = await readLetterPdf(rt, row)
    const doc = await PDFDocument.load(pdf!)
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(1)
    // timeline: submitted, approved
    const detail = await getRequest(rt, citizen.actor, created.id)
    expect(detail.events.map((e) => e.to_state)).toEqual(['diajukan', 'siap_diambil'])
    // hand-over needs the collector's name
    await expect(actOnRequest(rt, operator, meta, created.id, { action: 'hand-over' })).rejects.toMatchObject({ status: 422, fields: { collectedBy: expect.any(String) } })
    const done = await actOnRequest(rt, operator, meta, created.id, { action: 'hand-over', collectedBy: family[0].name })
    expect(done.request.state).toBe('selesai')
    expect(done.request.collected_by).toBe(family[0].name)
    // notifications were queued for each change, in the same transactions
    const notes = await rt.db.selectFrom('notifications').select('subject').where('citizen_account_id', '=', citizen.actor.id).execute()
    expect(notes.length).toBe(3)
  })

  it('a name outside ASCII prints in the PDF as written', async () => {
    const name = 'Muḥammad Ṣāliḥ Ğürbüz-Ñúñez'
    const p = await makeResident(rt, village.code, { name })
    const r = await createRequest(rt, operator, meta, domisili(p.nik))
    const d = await actOnRequest(rt, head, meta, r.id, { action: 'approve', signature: 'hand' })
    await runDueJobs(rt, JOB_HANDLERS, { types: ['letter.render'] })
    const pdf = await readLetterPdf(rt, (await getRequest(rt, head, d.request.id)).letter!)
    const dir = mkdtempSync(join(tmpdir(), 'balai-uni-'))
    writeFileSync(join(dir, 'a.pdf'), pdf!)
    expect(execFileSync('pdftotext', [join(dir, 'a.pdf'), '-']).toString('utf8').normalize('NFC')).toContain(name.normalize('NFC'))
  })

  it('a secretary signs on behalf of the head (a.n.) on the electronic path', async () => {
    const created = await createRequest(rt, citizen.actor, meta, domisili(family[0].nik))
    const approved = await actOnRequest(rt, secretary, meta, created.id, { action: 'approve', signature: 'electronic' })
    expect(approved.request.state).toBe('disetujui')
    expect(approved.letter?.signer_on_behalf).toBe(`a.n. ${village.headTitle} ${village.name}`)
    expect(approved.letter?.number).toMatch(/^400\.8\.1\/003\//)
  })

  it('refuses bad input with a message per field and changes nothing', async () => {
    const count = async () => Number((await rt.db.selectFrom('letter_requests').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
    const before = await count()
    const stranger = await makeResident(rt, village.code)
    await expect(createRequest(rt, citizen.actor, meta, domisili(stranger.nik))).rejects.toMatchObject({ status: 422, fields: { subjectNik: expect.stringMatching(/Kartu Keluarga/) } })
    await expect(createRequest(rt, citizen.actor, meta, { ...domisili(family[0].nik), fields: {} })).rejects.toMatchObject({ status: 422, fields: { 'fields.keperluan': 'Keperluan wajib diisi.' } })
    await expect(createRequest(rt, citizen.actor, meta, { village: village.code, letterType: 'tidak_ada', subjectNik: '12' })).rejects.toMatchObject({ status: 422, fields: { subjectNik: expect.any(String) } })
    await expect(createRequest(rt, citizen.actor, meta, { ...domisili(family[0].nik), letterType: 'tidak_ada' })).rejects.toMatchObject({ status: 422, fields: { letterType: expect.any(String) } })
    await expect(createRequest(rt, citizen.actor, meta, { ...domisili(family[0].nik), village: other.code })).rejects.toMatchObject({ status: 404 })
    await expect(createRequest(rt, otherOperator, meta, domisili(family[0].nik))).rejects.toMatchObject({ status: 404 })
    // a death certificate naming a NIK that is not in the register
    await expect(createRequest(rt, citizen.actor, meta, { village: village.code, letterType: 'kematian', subjectNik: family[0].nik, fields: { almarhum: '6307069999999999', tanggal_meninggal: '2026-12-01', tempat_meninggal: 'Rumah', sebab: 'Sakit biasa/tua', hubungan_pelapor: 'Anak' } }))
      .rejects.toMatchObject({ status: 422, fields: { 'fields.almarhum': expect.stringMatching(/tidak terdaftar/) } })
    expect(await count()).toBe(before)
  })

  it('a switched-off type cannot be requested and disappears from the list', async () => {
    const admin = (await makeStaff(rt, { role: 'village_admin', scope: village.code })).actor
    await updateVillageLetterType(rt, admin, meta, village.code, 'keramaian', { enabled: '0' })
    expect((await listVillageLetterTypes(rt, village.code)).map((t) => t.code)).not.toContain('keramaian')
    await expect(createRequest(rt, citizen.actor, meta, { village: village.code, letterType: 'keramaian', subjectNik: family[0].nik, fields: {} }))
      .rejects.toMatchObject({ status: 422, fields: { letterType: expect.stringMatching(/tidak tersedia/) } })
    await expect(updateVillageLetterType(rt, admin, meta, other.code, 'keramaian', { enabled: '0' })).rejects.toMatchObject({ status: 404 })
    await updateVillageLetterType(rt, admin, meta, village.code, 'keramaian', { enabled: '1' })
  })

  it('a template with an unknown placeholder is refused when saved', async () => {
    const t = SHIPPED_LETTER_TYPES.find((x) => x.code === 'skck')!
    await expect(updateLetterType(rt, regencyAdmin, meta, 'skck', { ...typeEditForm(t), template: 'Nama: {{ penduduk.nama_lengkap }}' }))
      .rejects.toMatchObject({ status: 422, fields: { template: expect.stringMatching(/penduduk\.nama_lengkap/) } })
    await expect(updateLetterType(rt, regencyAdmin, meta, 'skck', { ...typeEditForm(t), classificationCode: '999.9' }))
      .rejects.toMatchObject({ status: 422, fields: { classificationCode: expect.any(String) } })
    await expect(updateLetterType(rt, head, meta, 'skck', typeEditForm(t))).rejects.toMatchObject({ status: 404 })
  })

  it('the same idempotency key gives one request', async () => {
    const a = await createRequest(rt, citizen.actor, meta, domisili(family[0].nik), { idempotencyKey: 'kunci-1' })
    const b = await createRequest(rt, citizen.actor, meta, domisili(family[0].nik, 'lain'), { idempotencyKey: 'kunci-1' })
    expect(b).toEqual(a)
  })

  it('actions outside the state machine are refused; notes are required where they must be', async () => {
    const r = await createRequest(rt, citizen.actor, meta, domisili(family[0].nik))
    await expect(actOnRequest(rt, operator, meta, r.id, { action: 'reject' })).rejects.toMatchObject({ status: 422, fields: { note: expect.any(String) } })
    await expect(actOnRequest(rt, operator, meta, r.id, { action: 'hand-over', collectedBy: 'X' })).rejects.toMatchObject({ status: 409 })
    await expect(actOnRequest(rt, regencyAdmin, meta, r.id, { action: 'approve' })).rejects.toMatchObject({ status: 403 })
    await expect(actOnRequest(rt, citizen.actor, meta, r.id, { action: 'approve' })).rejects.toMatchObject({ status: 422 })
    await expect(actOnRequest(rt, otherOperator, meta, r.id, { action: 'review' })).rejects.toMatchObject({ status: 404 })
    const fix = await actOnRequest(rt, operator, meta, r.id, { action: 'ask-correction', note: 'Lampirkan surat pengantar RT.' })
    expect(fix.request.state).toBe('perbaikan')
    const again = await actOnRequest(rt, citizen.actor, meta, r.id, { action: 'resubmit', fields: { keperluan: 'Melamar kerja' } })
    expect(again.request.state).toBe('diajukan')
    expect(JSON.parse(again.request.fields).keperluan).toBe('Melamar kerja')
    const cancelled = await actOnRequest(rt, citizen.actor, meta, r.id, { action: 'cancel' })
    expect(cancelled.request.state).toBe('dibatalkan')
    await expect(actOnRequest(rt, citizen.actor, meta, r.id, { action: 'cancel' })).rejects.toMatchObject({ status: 409 })
    // tracking shows state and dates only
    const tracked = await trackRequest(rt, r.trackingCode)
    expect(tracked?.stateLabel).toBe('Dibatalkan')
    expect(JSON.stringify(tracked)).not.toContain(family[0].name)
    expect(await trackRequest(rt, 'ZZZZZZZZZZ')).toBeUndefined()
  })

  it('another resident opening or cancelling the request by id gets 404', async () => {
    const r = await createRequest(rt, citizen.actor, meta, domisili(family[0].nik))
    const neighbour = await makeCitizen(rt, { villageCode: village.code })
    await expect(getRequest(rt, neighbour.actor, r.id)).rejects.toMatchObject({ status: 404 })
    await expect(actOnRequest(rt, neighbour.actor, meta, r.id, { action: 'cancel' })).rejects.toMatchObject({ status: 404 })
    expect((await getRequest(rt, citizen.actor, r.id)).request.state).toBe('diajukan')
  })

  it('uploads are checked by content and size, stored under random names', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } }).png().toBuffer()
    const ok = await createRequest(rt, citizen.actor, meta, domisili(family[0].nik), { uploads: [{ requirement: 'Fotokopi KTP-el', name: 'ktp.png', bytes: png }] })
    const d = await getRequest(rt, operator, ok.id)
    expect(d.uploads).toHaveLength(1)
    expect(d.uploads[0].mime).toBe('image/png')
    expect(d.uploads[0].stored_name).not.toContain('ktp')
    const files = readdirSync(join(rt.config.dataDir, 'files', 'uploads', village.code))
    expect(readFileSync(join(rt.config.dataDir, 'files', 'uploads', village.code, files[0])).length).toBe(png.length)
    const fake = new TextEncoder().encode('%PDF-1.4 bukan pdf')
    await expect(createRequest(rt, citizen.actor, meta, domisili(family[0].nik), { uploads: [{ requirement: 'Fotokopi KTP-el', name: 'ktp.pdf', bytes: fake }] }))
      .rejects.toMatchObject({ status: 422, fields: { 'documents.0': expect.stringMatching(/bukan JPEG, PNG atau PDF/) } })
    const big = new Uint8Array(5 * 1024 * 1024 + 1)
    big.set(png)
    await expect(createRequest(rt, citizen.actor, meta, domisili(family[0].nik), { uploads: [{ requirement: 'Fotokopi KTP-el', name: 'besar.png', bytes: big }] }))
      .rejects.toMatchObject({ status: 422, fields: { 'documents.0': expect.stringMatching(/5 MB/) } })
    expect(readdirSync(join(rt.config.dataDir, 'files', 'uploads', village.code))).toHaveLength(1)
  })

  it('the queue lists open requests oldest first', async () => {
    const q = await listRequestQueue(rt, operator, village.code, {})
    const times = q.rows.map((r) => r.submitted_at)
    expect([...times].sort()).toEqual(times)
    expect(q.rows.every((r) => ['diajukan', 'diperiksa', 'perbaikan', 'disetujui', 'siap_diambil'].includes(r.state))).toBe(true)
    await expect(listRequestQueue(rt, otherOperator, village.code, {})).rejects.toMatchObject({ status: 404 })
  })

  it('200 approvals fired at once yield 200 distinct consecutive numbers', async () => {
    const staffCreate = (nik: string) => createRequest(rt, operator, meta, { village: village.code, letterType: 'sktm', subjectNik: nik, fields: { keperluan: 'Beasiswa', penghasilan: '900000', tanggungan: '4' } })
    const ids: string[] = []
    for (let i = 0; i < 200; i++) ids.push((await staffCreate(family[i % 3].nik)).id)
    const results = await Promise.allSettled(ids.map((id) => actOnRequest(rt, head, meta, id, { action: 'approve', signature: 'hand' })))
    expect(results.filter((r) => r.status === 'rejected')).toEqual([])
    const seqs = (await rt.db.selectFrom('letters').select(['seq', 'number']).where('village_code', '=', village.code).where('type_code', '=', 'sktm').execute())
    expect(new Set(seqs.map((s) => s.number)).size).toBe(200)
    expect(seqs.map((s) => Number(s.seq)).sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1))
  }, 120_000)
})
