import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app.tsx'
import { createTestRuntime, TEST_DIALECT, type TestRuntime } from '../../test/support/db.ts'
import { makeResident, makeStaff, makeVillage, makeFamily } from '../../test/support/factories.ts'
import { loginCitizen, makeCitizen } from '../../test/support/citizen-factory.ts'
import { api, TestBrowser } from '../../test/support/http.ts'
import { maskNik } from '../lib/mask.ts'
import { EMAIL_JOB } from '../notify/notify.service.ts'

let ipSerial = 0
/** A fresh client address per scenario, so per-address lockouts of one test do not leak into another. */
const newIp = () => `198.18.${Math.floor(++ipSerial / 250)}.${ipSerial % 250}`

describe(`${TEST_DIALECT}: citizen accounts`, () => {
  let rt: TestRuntime
  let app: ReturnType<typeof createApp>
  let village: string
  let otherVillage: string
  let operator: TestBrowser

  const accountOf = (nik: string) => rt.db.selectFrom('citizen_accounts').selectAll().where('nik', '=', nik).executeTakeFirst()
  const countAccounts = async () => Number((await rt.db.selectFrom('citizen_accounts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
  /** The link of the last email queued to an address (the token exists nowhere else in clear). */
  const lastLink = async (to: string, path: string) => {
    const jobs = await rt.db.selectFrom('jobs').select(['payload', 'created_at']).where('type', '=', EMAIL_JOB).orderBy('created_at', 'desc').execute()
    for (const j of jobs) {
      const p = JSON.parse(j.payload) as { to: string; text: string }
      if (p.to !== to) continue
      const m = new RegExp(`${path.replace('/', '\\/')}\\?token=([A-Z0-9]+)`).exec(p.text)
      if (m) return m[1]
    }

    return undefined
  }
  const emailsTo = async (to: string) =>
    (await rt.db.selectFrom('jobs').select('payload').where('type', '=', EMAIL_JOB).execute()).filter((j) => (JSON.parse(j.payload) as { to: string }).to === to).length

  beforeAll(async () => {
    rt = await createTestRuntime()
    app = createApp(rt)
    village = (await makeVillage(rt)).code
    otherVillage = (await makeVillage(rt)).code
    const op = await makeStaff(rt, { role: 'operator', scope: village })
    operator = new TestBrowser(app, { ip: newIp() })
    await operator.login(op.username, op.password)
  })
  afterAll(() => rt.close())

  describe('sign-in', () => {
    it('signs in with NIK and PIN and greets the resident', async () => {
      const c = await makeCitizen(rt, { villageCode: village })
      const b = new TestBrowser(app, { ip: newIp() })
      const res = await loginCitizen(b, c.nik, c.pin)
      expect(res.headers.get('location')).toBe('/warga')
      const home = await b.get('/warga')
      expect(home.status).toBe(200)
      expect(await home.text()).toContain(`Selamat datang, ${c.resident.name}`)
      expect((await accountOf(c.nik))?.last_login_at).toBeTruthy()
    })

    it('gives the same answer for an unknown NIK and a wrong PIN', async () => {
      const c = await makeCitizen(rt, { villageCode: village })
      const b = new TestBrowser(app, { ip: newIp() })
      await b.get('/warga/masuk')
      const wrong = await b.post('/warga/masuk', { nik: c.nik, pin: c.pin === '482915' ? '582915' : '482915' })
      const unknown = await b.post('/warga/masuk', { nik: '6307060000000000', pin: c.pin })
      expect(wrong.status).toBe(401)
      expect(unknown.status).toBe(401)
      const msg = 'NIK atau PIN salah, atau akun belum aktif.'
      expect(await wrong.text()).toContain(msg)
      expect(await unknown.text()).toContain(msg)
    })

    it('refuses a resident who no longer lives in the village, with the same answer', async () => {
      const resident = await makeResident(rt, village)
      const c = await makeCitizen(rt, { villageCode: village, resident })
      await rt.db.updateTable('residents').set({ status: 'meninggal' } as never).where('id', '=', resident.id).execute()
      const r = await api(app, 'POST', '/api/v1/citizen/session', { body: { nik: c.nik, pin: c.pin }, ip: newIp() })
      expect(r.status).toBe(401)
      expect(r.json.error.message).toBe('NIK atau PIN salah, atau akun belum aktif.')
    })

    it('locks a NIK after 5 failures, even for the right PIN from another address', async () => {
      const c = await makeCitizen(rt, { villageCode: village })
      const wrong = c.pin === '482915' ? '582915' : '482915'
      for (let i = 0; i < 5; i++) {
        const r = await api(app, 'POST', '/api/v1/citizen/session', { body: { nik: c.nik, pin: wrong }, ip: newIp() })
        expect(r.status).toBe(401)
      }
      const right = await api(app, 'POST', '/api/v1/citizen/session', { body: { nik: c.nik, pin: c.pin }, ip: newIp() })
      expect(right.status).toBe(429)
      expect(right.json.error.code).toBe('LOCKED')
      const b = new TestBrowser(app, { ip: newIp() })
      await b.get('/warga/masuk')
      const page = await b.post('/warga/masuk', { nik: c.nik, pin: c.pin })
      expect(page.status).toBe(429)
      expect(await page.text()).toContain('dikunci sementara selama 15 menit')
      // The office lifts the lock by issuing a new PIN.
      const slip = await operator.post(`/staf/desa/${village}/warga/pin`, { nik: c.nik })
      const pin = /class="pin-slip-pin"[^>]*>(\d{6})</.exec(await slip.text())?.[1]
      expect(pin).toMatch(/^\d{6}$/)
      expect((await api(app, 'POST', '/api/v1/citizen/session', { body: { nik: c.nik, pin }, ip: newIp() })).status).toBe(200)
    })

    it('locks a client address after 5 failures, even for another resident with the right PIN', async () => {
      const ip = newIp()
      const c = await makeCitizen(rt, { villageCode: village })
      for (let i = 0; i < 5; i++) {
        const r = await api(app, 'POST', '/api/v1/citizen/session', { body: { nik: `630706000000${1000 + i}`, pin: '482915' }, ip })
        expect(r.status).toBe(401)
      }
      expect((await api(app, 'POST', '/api/v1/citizen/session', { body: { nik: c.nik, pin: c.pin }, ip })).status).toBe(429)
      expect((await api(app, 'POST', '/api/v1/citizen/session', { body: { nik: c.nik, pin: c.pin }, ip: newIp() })).status).toBe(200)
    })

    it('answers empty fields with a message per field', async () => {
      const r = await api(app, 'POST', '/api/v1/citizen/session', { body: { nik: '', pin: '' }, ip: newIp() })
      expect(r.status).toBe(422)
      expect(r.json.error.fields).toEqual({ nik: 'NIK wajib diisi.', pin: 'PIN wajib diisi.' })
      const missing = await api(app, 'POST', '/api/v1/citizen/session', { body: {}, ip: newIp() })
      expect(missing.status).toBe(422)
      expect(missing.json.error.fields).toEqual({ nik: 'NIK wajib diisi.', pin: 'PIN wajib diisi.' })
    })
  })

  describe('API session', () => {
    it('issues a bearer token, shows the owner their data, and ends it on DELETE', async () => {
      const family = await makeFamily(rt, village, 3)
      const c = await makeCitizen(rt, { villageCode: village, resident: family[1] })
      const login = await api(app, 'POST', '/api/v1/citizen/session', { body: { nik: c.nik, pin: c.pin }, ip: newIp() })
      expect(login.status).toBe(200)
      expect(login.json.citizen).toMatchObject({ name: c.resident.name, nik: c.nik, village: { code: village } })
      const token = login.json.token as string
      const me = await api(app, 'GET', '/api/v1/citizen/me', { token })
      expect(me.status).toBe(200)
      expect(me.json.nik).toBe(c.nik)
      expect(me.json.family).toHaveLength(3)
      const head = me.json.family.find((m: { name: string }) => m.name === family[0].name)
      expect(head.nik).toBe(maskNik(family[0].nik))
      // A citizen token is no staff token.
      expect((await api(app, 'GET', `/api/v1/villages/${village}`, { token })).status).toBe(200)
      expect((await api(app, 'DELETE', '/api/v1/session', { token })).status).toBe(204)
      expect((await api(app, 'GET', '/api/v1/citizen/me', { token })).status).toBe(401)
    })

    it('documents the citizen session in the OpenAPI document', async () => {
      const doc = await api(app, 'GET', '/api/openapi.json')
      expect(doc.json.paths['/api/v1/citizen/session'].post).toBeTruthy()
      expect(doc.json.paths['/api/v1/session'].delete).toBeTruthy()
      expect(doc.json.paths['/api/v1/citizen/me'].get).toBeTruthy()
    })
  })

  describe('citizen area', () => {
    it('sends anonymous visitors to the citizen sign-in and back', async () => {
      const b = new TestBrowser(app, { ip: newIp() })
      for (const path of ['/warga', '/warga/data', '/warga/akun']) {
        const res = await b.get(path)
        expect(res.status).toBe(303)
        expect(res.headers.get('location')).toBe(`/warga/masuk?next=${encodeURIComponent(path)}`)
      }
      const c = await makeCitizen(rt, { villageCode: village })
      await b.get('/warga/masuk?next=%2Fwarga%2Fdata')
      const res = await b.post('/warga/masuk', { nik: c.nik, pin: c.pin, next: '/warga/data' })
      expect(res.headers.get('location')).toBe('/warga/data')
    })

    it('shows the owner their full NIK and their family masked', async () => {
      const family = await makeFamily(rt, village, 2)
      const c = await makeCitizen(rt, { villageCode: village, resident: family[0] })
      const b = new TestBrowser(app, { ip: newIp() })
      await loginCitizen(b, c.nik, c.pin)
      const html = await (await b.get('/warga/data')).text()
      expect(html).toContain(c.nik)
      expect(html).toContain(family[0].kkNumber!)
      expect(html).toContain(maskNik(family[1].nik))
      expect(html).not.toContain(family[1].nik)
    })

    it('keeps a citizen out of the staff area', async () => {
      const c = await makeCitizen(rt, { villageCode: village })
      const b = new TestBrowser(app, { ip: newIp() })
      await loginCitizen(b, c.nik, c.pin)
      for (const path of [`/staf/desa/${village}`, `/staf/desa/${village}/warga`, `/staf/desa/${village}/pengguna`]) {
        expect((await b.get(path)).status, path).toBe(404)
      }
      const staffHome = await b.get('/staf/wilayah/desa')
      expect(staffHome.status).toBe(303)
      expect(staffHome.headers.get('location')).toMatch(/^\/staf\/masuk/)
      const before = await countAccounts()
      expect((await b.post(`/staf/desa/${village}/warga/pin`, { nik: c.nik })).status).toBe(404)
      expect(await countAccounts()).toBe(before)
      // …and a citizen token out of the staff API.
      const token = (await api(app, 'POST', '/api/v1/citizen/session', { body: { nik: c.nik, pin: c.pin }, ip: newIp() })).json.token
      expect((await api(app, 'POST', '/api/v1/staff/session', { token, body: { username: 'x', password: 'y' }, ip: newIp() })).status).toBe(401)
    })

    it('signs out', async () => {
      const c = await makeCitizen(rt, { villageCode: village })
      const b = new TestBrowser(app, { ip: newIp() })
      await loginCitizen(b, c.nik, c.pin)
      const out = await b.post('/warga/keluar', {})
      expect(out.headers.get('location')).toBe('/warga/masuk?keluar')
      expect((await b.get('/warga')).status).toBe(303)
    })
  })

  describe('PIN change', () => {
    it('changes the PIN, keeps this session and ends the others', async () => {
      const c = await makeCitizen(rt, { villageCode: village })
      const here = new TestBrowser(app, { ip: newIp() })
      const there = new TestBrowser(app, { ip: newIp() })
      await loginCitizen(here, c.nik, c.pin)
      await loginCitizen(there, c.nik, c.pin)
      await here.get('/warga/akun')
      const res = await here.post('/warga/pin', { current: c.pin, next: '583920', confirm: '583920' })
      expect(res.status).toBe(303)
      expect((await here.get('/warga')).status).toBe(200)
      expect((await there.get('/warga')).status).toBe(303)
      expect((await api(app, 'POST', '/api/v1/citizen/session', { body: { nik: c.nik, pin: c.pin }, ip: newIp() })).status).toBe(401)
      expect((await api(app, 'POST', '/api/v1/citizen/session', { body: { nik: c.nik, pin: '583920' }, ip: newIp() })).status).toBe(200)
      const audit = await rt.db.selectFrom('audit_events').selectAll().where('action', '=', 'citizen.pin_change').where('entity_id', '=', c.actor.id).execute()
      expect(audit).toHaveLength(1)
      expect(audit[0].data).not.toContain('583920')
    })

    it('refuses a wrong current PIN, a weak PIN and a mismatched confirmation, changing nothing', async () => {
      const c = await makeCitizen(rt, { villageCode: village })
      const b = new TestBrowser(app, { ip: newIp() })
      await loginCitizen(b, c.nik, c.pin)
      await b.get('/warga/akun')
      const hashBefore = (await accountOf(c.nik))?.pin_hash
      const cases: [Record<string, string>, string][] = [
        [{ current: c.pin === '111112' ? '211112' : '111112', next: '583920', confirm: '583920' }, 'PIN lama salah.'],
        [{ current: c.pin, next: '123456', confirm: '123456' }, 'PIN tidak boleh berupa urutan angka.'],
        [{ current: c.pin, next: '583920', confirm: '583921' }, 'Konfirmasi PIN tidak sama.'],
        [{ current: c.pin, next: '58392', confirm: '58392' }, 'PIN harus terdiri atas 6 angka.'],
      ]
      for (const [form, message] of cases) {
        const res = await b.post('/warga/pin', form)
        expect(res.status).toBe(422)
        expect(await res.text()).toContain(message)
      }
      expect((await accountOf(c.nik))?.pin_hash).toBe(hashBefore)
    })
  })

  describe('office', () => {
    it('issues a PIN for a resident found by NIK and prints it once on a slip', async () => {
      const resident = await makeResident(rt, village)
      const res = await operator.post(`/staf/desa/${village}/warga/pin`, { nik: resident.nik })
      expect(res.status).toBe(200)
      expect(res.headers.get('cache-control')).toBe('no-store')
      const html = await res.text()
      expect(html).toContain('Slip PIN Layanan Mandiri')
      expect(html).toContain(maskNik(resident.nik))
      expect(html).not.toContain(resident.nik)
      const pin = /class="pin-slip-pin"[^>]*>(\d{6})</.exec(html)?.[1] ?? ''
      expect(pin).toMatch(/^\d{6}$/)
      const account = await accountOf(resident.nik)
      expect(account).toMatchObject({ status: 'active', origin: 'office', village_code: village })
      expect(account?.pin_hash).not.toContain(pin)
      const audit = await rt.db.selectFrom('audit_events').selectAll().where('entity_id', '=', account!.id).execute()
      expect(audit.map((a) => a.action)).toContain('citizen.pin_issue')
      expect(JSON.stringify(audit)).not.toContain(pin)
      expect((await api(app, 'POST', '/api/v1/citizen/session', { body: { nik: resident.nik, pin }, ip: newIp() })).status).toBe(200)
      // The account list masks the NIK.
      const list = await (await operator.get(`/staf/desa/${village}/warga`)).text()
      expect(list).toContain(resident.name)
      expect(list).toContain(maskNik(resident.nik))
    })

    it('refuses a NIK outside the village register with a clear message, creating nothing', async () => {
      const stranger = await makeResident(rt, otherVillage)
      const before = await countAccounts()
      for (const [nik, message] of [[stranger.nik, 'NIK tersebut tidak terdaftar sebagai penduduk desa ini.'], ['123', 'NIK harus 16 angka.']]) {
        const res = await operator.post(`/staf/desa/${village}/warga/pin`, { nik })
        expect(res.status).toBe(422)
        expect(await res.text()).toContain(message)
      }
      expect(await countAccounts()).toBe(before)
    })

    it('disables an account and ends its sessions; a new PIN enables it again', async () => {
      const c = await makeCitizen(rt, { villageCode: village })
      const b = new TestBrowser(app, { ip: newIp() })
      await loginCitizen(b, c.nik, c.pin)
      await operator.get(`/staf/desa/${village}/warga`)
      const res = await operator.post(`/staf/desa/${village}/warga/${c.actor.id}/nonaktifkan`, {})
      expect(res.status).toBe(303)
      expect((await b.get('/warga')).status).toBe(303)
      expect((await api(app, 'POST', '/api/v1/citizen/session', { body: { nik: c.nik, pin: c.pin }, ip: newIp() })).status).toBe(401)
      expect((await operator.post(`/staf/desa/${village}/warga/${c.actor.id}/nonaktifkan`, {})).status).toBe(409)
      const slip = await operator.post(`/staf/desa/${village}/warga/pin`, { nik: c.nik })
      expect(await slip.text()).toContain('Atur ulang PIN')
      expect((await accountOf(c.nik))?.status).toBe('active')
    })

    it("answers 404 for another village's account, changing nothing", async () => {
      const stranger = await makeCitizen(rt, { villageCode: otherVillage })
      await operator.get(`/staf/desa/${village}/warga`)
      for (const action of ['aktifkan', 'tolak', 'nonaktifkan']) {
        const res = await operator.post(`/staf/desa/${village}/warga/${stranger.actor.id}/${action}`, { delivery: 'slip' })
        expect(res.status, action).toBe(404)
      }
      expect((await accountOf(stranger.nik))?.status).toBe('active')
    })
  })

  describe('self-registration', () => {
    const register = async (form: Record<string, string>, ip = newIp()) => {
      const b = new TestBrowser(app, { ip })
      await b.get('/warga/daftar')

      return b.post('/warga/daftar', form)
    }

    it('creates a pending account when NIK, KK and birth date match; the operator activates it with a slip', async () => {
      const r = await makeResident(rt, village)
      const res = await register({ nik: r.nik, kkNumber: r.kkNumber!, birthDate: r.birthDate, email: '' })
      expect(res.status).toBe(200)
      expect(await res.text()).toContain('menunggu aktivasi')
      const account = await accountOf(r.nik)
      expect(account).toMatchObject({ status: 'pending', origin: 'self', pin_hash: null })
      // Pending: cannot sign in with anything.
      expect((await api(app, 'POST', '/api/v1/citizen/session', { body: { nik: r.nik, pin: '482915' }, ip: newIp() })).status).toBe(401)
      const list = await (await operator.get(`/staf/desa/${village}/warga?status=pending`)).text()
      expect(list).toContain(r.name)
      const home = await (await operator.get(`/staf/desa/${village}`)).text()
      expect(home).toContain('Pendaftaran warga menunggu aktivasi')
      // Email delivery needs a verified address.
      const noEmail = await operator.post(`/staf/desa/${village}/warga/${account!.id}/aktifkan`, { delivery: 'email' })
      expect(noEmail.status).toBe(422)
      expect(await noEmail.text()).toContain('belum terverifikasi')
      expect((await accountOf(r.nik))?.status).toBe('pending')
      const slip = await operator.post(`/staf/desa/${village}/warga/${account!.id}/aktifkan`, { delivery: 'slip' })
      expect(slip.status).toBe(200)
      const pin = /class="pin-slip-pin"[^>]*>(\d{6})</.exec(await slip.text())?.[1]
      expect((await api(app, 'POST', '/api/v1/citizen/session', { body: { nik: r.nik, pin }, ip: newIp() })).status).toBe(200)
      expect((await operator.post(`/staf/desa/${village}/warga/${account!.id}/aktifkan`, { delivery: 'slip' })).status).toBe(409)
    })

    it('refuses a wrong KK number, a wrong birth date or an unknown NIK with a clear message, creating nothing', async () => {
      const r = await makeResident(rt, village)
      const other = await makeResident(rt, village)
      const before = await countAccounts()
      const message = 'Data tidak cocok dengan register penduduk.'
      for (const form of [
        { nik: r.nik, kkNumber: other.kkNumber!, birthDate: r.birthDate },
        { nik: r.nik, kkNumber: r.kkNumber!, birthDate: '2001-01-01' },
        { nik: '6307060101010001', kkNumber: r.kkNumber!, birthDate: r.birthDate },
      ]) {
        const res = await register({ ...form, email: '' })
        expect(res.status).toBe(422)
        expect(await res.text()).toContain(message)
      }
      const bad = await register({ nik: '12', kkNumber: 'abc', birthDate: '', email: 'bukan-surel' })
      expect(bad.status).toBe(422)
      const html = await bad.text()
      for (const m of ['NIK harus 16 angka.', 'Nomor KK harus 16 angka.', 'Tanggal lahir wajib diisi', 'Alamat surel tidak sah.']) expect(html).toContain(m)
      expect(await countAccounts()).toBe(before)
      expect(await emailsTo('bukan-surel')).toBe(0)
    })

    it('refuses a second registration and a resident who is not active', async () => {
      const c = await makeCitizen(rt, { villageCode: village })
      const again = await register({ nik: c.nik, kkNumber: c.resident.kkNumber!, birthDate: c.resident.birthDate, email: '' })
      expect(again.status).toBe(409)
      expect(await again.text()).toContain('sudah memiliki akun')
      const gone = await makeResident(rt, village, { status: 'pindah' })
      const res = await register({ nik: gone.nik, kkNumber: gone.kkNumber!, birthDate: gone.birthDate, email: '' })
      expect(res.status).toBe(422)
      expect(await accountOf(gone.nik)).toBeUndefined()
    })

    it('slows down guessing from one address', async () => {
      const ip = newIp()
      const r = await makeResident(rt, village)
      for (let i = 0; i < 10; i++) await register({ nik: r.nik, kkNumber: r.kkNumber!, birthDate: `1950-01-${String(i + 1).padStart(2, '0')}`, email: '' }, ip)
      const res = await register({ nik: r.nik, kkNumber: r.kkNumber!, birthDate: r.birthDate, email: '' }, ip)
      expect(res.status).toBe(429)
      expect(await accountOf(r.nik)).toBeUndefined()
    })

    it('verifies the email, then activation sends a single-use link to choose the PIN', async () => {
      const r = await makeResident(rt, village)
      const email = `warga.${r.nik}@contoh.id`
      await register({ nik: r.nik, kkNumber: r.kkNumber!, birthDate: r.birthDate, email: email.toUpperCase() })
      const account = await accountOf(r.nik)
      expect(account?.email).toBe(email)
      const verifyToken = await lastLink(email, '/warga/verifikasi-surel')
      expect(verifyToken).toBeTruthy()
      const b = new TestBrowser(app, { ip: newIp() })
      // Opening the link only shows a button (mail scanners open links too).
      expect(await (await b.get(`/warga/verifikasi-surel?token=${verifyToken}`)).text()).toContain('Verifikasi surel')
      expect((await accountOf(r.nik))?.email_verified_at).toBeNull()
      expect((await b.post('/warga/verifikasi-surel', { token: verifyToken! })).status).toBe(200)
      expect((await accountOf(r.nik))?.email_verified_at).toBeTruthy()
      expect((await b.post('/warga/verifikasi-surel', { token: verifyToken! })).status).toBe(422)

      await operator.get(`/staf/desa/${village}/warga`)
      const act = await operator.post(`/staf/desa/${village}/warga/${account!.id}/aktifkan`, { delivery: 'email' })
      expect(act.status).toBe(303)
      const setup = await lastLink(email, '/warga/atur-pin')
      expect(setup).toBeTruthy()
      await b.get(`/warga/atur-pin?token=${setup}`)
      const weak = await b.post('/warga/atur-pin', { token: setup!, next: '000000', confirm: '000000' })
      expect(weak.status).toBe(422)
      expect(await weak.text()).toContain('angka yang sama')
      expect((await b.post('/warga/atur-pin', { token: setup!, next: '583920', confirm: '583920' })).status).toBe(200)
      expect((await api(app, 'POST', '/api/v1/citizen/session', { body: { nik: r.nik, pin: '583920' }, ip: newIp() })).status).toBe(200)
    })
  })

  describe('forgot PIN', () => {
    const withVerifiedEmail = async () => {
      const c = await makeCitizen(rt, { villageCode: village })
      const email = `lupa.${c.nik}@contoh.id`
      const b = new TestBrowser(app, { ip: newIp() })
      await loginCitizen(b, c.nik, c.pin)
      await b.get('/warga/akun')
      expect((await b.post('/warga/surel', { email })).status).toBe(303)
      const token = await lastLink(email, '/warga/verifikasi-surel')
      expect((await b.post('/warga/verifikasi-surel', { token: token! })).status).toBe(200)

      return { ...c, email }
    }
    const ask = async (form: Record<string, string>) => {
      const b = new TestBrowser(app, { ip: newIp() })
      await b.get('/warga/lupa-pin')

      return { b, res: await b.post('/warga/lupa-pin', form) }
    }

    it('sends a reset link that works once', async () => {
      const c = await withVerifiedEmail()
      const { b, res } = await ask({ nik: c.nik, email: c.email })
      expect(res.status).toBe(303)
      const token = await lastLink(c.email, '/warga/atur-pin')
      expect(token).toBeTruthy()
      expect((await b.post('/warga/atur-pin', { token: token!, next: '583920', confirm: '583920' })).status).toBe(200)
      const again = await b.post('/warga/atur-pin', { token: token!, next: '683920', confirm: '683920' })
      expect(again.status).toBe(422)
      expect(await again.text()).toContain('Tautan tidak sah, sudah dipakai, atau sudah kedaluwarsa')
      expect((await api(app, 'POST', '/api/v1/citizen/session', { body: { nik: c.nik, pin: '583920' }, ip: newIp() })).status).toBe(200)
      expect((await api(app, 'POST', '/api/v1/citizen/session', { body: { nik: c.nik, pin: '683920' }, ip: newIp() })).status).toBe(401)
    })

    it('refuses an expired link and keeps the PIN', async () => {
      const c = await withVerifiedEmail()
      const { b } = await ask({ nik: c.nik, email: c.email })
      const token = await lastLink(c.email, '/warga/atur-pin')
      await rt.db.updateTable('citizen_tokens').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('account_id', '=', c.actor.id).where('purpose', '=', 'reset_pin').execute()
      expect(await (await b.get(`/warga/atur-pin?token=${token}`)).text()).toContain('sudah kedaluwarsa')
      expect((await b.post('/warga/atur-pin', { token: token!, next: '583920', confirm: '583920' })).status).toBe(422)
      expect((await api(app, 'POST', '/api/v1/citizen/session', { body: { nik: c.nik, pin: c.pin }, ip: newIp() })).status).toBe(200)
    })

    it('answers the same for a wrong or unverified email, and sends nothing', async () => {
      const c = await withVerifiedEmail()
      const unverified = await makeCitizen(rt, { villageCode: village })
      await rt.db.updateTable('citizen_accounts').set({ email: 'belum@contoh.id' }).where('id', '=', unverified.actor.id).execute()
      const jobsBefore = await emailsTo(c.email) + await emailsTo('salah@contoh.id') + await emailsTo('belum@contoh.id')
      for (const form of [{ nik: c.nik, email: 'salah@contoh.id' }, { nik: unverified.nik, email: 'belum@contoh.id' }, { nik: '6307060101010009', email: 'salah@contoh.id' }]) {
        const { res } = await ask(form)
        expect(res.status).toBe(303)
        expect(res.headers.get('location')).toBe('/warga/lupa-pin?terkirim')
      }
      expect(await emailsTo(c.email) + await emailsTo('salah@contoh.id') + await emailsTo('belum@contoh.id')).toBe(jobsBefore)
    })
  })
})
