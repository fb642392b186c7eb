import { Hono, type Context } from 'hono'
import type { AppEnv } from '../web/env.ts'
import { formFailure, formFields } from '../web/form.ts'
import { staffCan } from '../auth/policy.ts'
import { findStaffById } from '../auth/staff.repository.ts'
import { AppError, isAppError } from '../lib/errors.ts'
import { listLettersAwaitingSignature } from '../services/letter.service.ts'
import { activateCertificate, getActiveCa, issueCertificate, listCertificates, myCertificates, revokeCertificate } from './certificate.service.ts'
import { createDelegation, endDelegationNow, villageDelegations } from './delegation.service.ts'
import { signLetters, type SignOutcome } from './letter-signing.service.ts'
import { checkUploadedLetter, linkReplacement, lookupLetter, revokeLetterByNumber } from './letter-status.service.ts'
import { CertificatesPage, SigningPage, VerifyPage, type SigningPageProps } from './signing.views.tsx'

/** Public: the CA certificate, the CRL and the verification page behind every QR code. */
export function signingPublicRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/pki/ca.crt', async (c) => {
    const ca = await getActiveCa(c.get('deps'))
    if (!ca) throw new AppError('NOT_FOUND')
    const der = Buffer.from(ca.cert_pem.replace(/-----[^-]+-----|\s/g, ''), 'base64')

    return c.body(der, 200, { 'content-type': 'application/pkix-cert', 'content-disposition': 'attachment; filename="balai-ca.crt"', 'cache-control': 'public, max-age=3600' })
  })

  app.get('/pki/crl.der', async (c) => {
    const ca = await getActiveCa(c.get('deps'))
    if (!ca?.crl_der) throw new AppError('NOT_FOUND')

    return c.body(Buffer.from(ca.crl_der, 'base64'), 200, { 'content-type': 'application/pkix-crl', 'cache-control': 'public, max-age=300' })
  })

  app.get('/v/:token', async (c) => {
    const letter = await lookupLetter(c.get('deps'), c.get('meta'), c.req.param('token'))
    c.header('cache-control', 'no-store')

    return c.render(<VerifyPage letter={letter} />)
  })

  app.post('/v/:token', async (c) => {
    const deps = c.get('deps')
    const token = c.req.param('token')
    const body = await c.req.parseBody()
    const file = body.berkas
    if (!(file instanceof File) || file.size === 0) {
      const letter = await lookupLetter(deps, c.get('meta'), token)
      c.status(422)

      return c.render(<VerifyPage letter={letter} errors={{ berkas: 'Pilih berkas PDF surat yang akan diperiksa.' }} message="Berkas belum dipilih." />)
    }
    const { letter, verdict } = await checkUploadedLetter(deps, c.get('meta'), token, new Uint8Array(await file.arrayBuffer()))
    if (verdict.problem === 'not_pdf') {
      c.status(422)

      return c.render(<VerifyPage letter={letter} errors={{ berkas: 'Berkas yang diunggah bukan PDF.' }} message="Berkas yang diunggah bukan PDF." />)
    }
    c.header('cache-control', 'no-store')

    return c.render(<VerifyPage letter={letter} verdict={verdict} />)
  })

  return app
}

/** /staf/desa/:code/tanda-tangan — signing queue, own certificates, delegations. */
export function signingVillageRoutes() {
  const app = new Hono<AppEnv>()

  const render = async (c: Context<AppEnv>, extra: Partial<SigningPageProps> = {}) => {
    const deps = c.get('deps')
    const actor = c.get('actor')
    const village = c.get('village')
    const delegations = await villageDelegations(deps, actor, village.code)
    const names = new Map<string, string>()
    for (const d of delegations) if (!names.has(d.delegate_user_id)) names.set(d.delegate_user_id, (await findStaffById(deps.db, d.delegate_user_id))?.display_name ?? '—')

    return c.render(
      <SigningPage
        village={village}
        canDelegate={staffCan(actor, village.code, 'letter.delegate')}
        canRevoke={staffCan(actor, village.code, 'letter.revoke')}
        letters={await listLettersAwaitingSignature(deps, actor, village.code)}
        certificates={await myCertificates(deps, actor, village.code)}
        delegations={delegations.map((d) => ({ ...d, delegateName: names.get(d.delegate_user_id) ?? '—' }))}
        {...extra}
      />,
    )
  }

  const failing = async (c: Context<AppEnv>, e: unknown, extra: Partial<SigningPageProps> = {}) => {
    const fail = formFailure(e)
    if (fail) {
      c.status(422)

      return render(c, { ...extra, errors: fail.fields, message: fail.message })
    }
    if (isAppError(e) && (e.code === 'INVALID_TRANSITION' || e.code === 'LOCKED')) {
      c.status(e.status as 409)

      return render(c, { ...extra, errors: {}, message: e.userMessage })
    }
    throw e
  }

  app.get('/tanda-tangan', (c) => render(c, { notice: c.req.query('ok') === 'aktif' ? 'Sertifikat telah diaktifkan dengan frasa sandi Anda.' : c.req.query('ok') === 'pelimpahan' ? 'Pelimpahan tanda tangan telah disimpan.' : c.req.query('ok') === 'cabut' ? 'Surat telah dicabut; halaman verifikasinya kini menyatakan dicabut.' : c.req.query('ok') === 'pengganti' ? 'Surat pengganti telah ditautkan.' : undefined }))

  app.post('/tanda-tangan', async (c) => {
    const body = await c.req.parseBody({ all: true })
    const requests = ([] as unknown[]).concat(body.requests ?? []).filter((v): v is string => typeof v === 'string')
    let outcomes: SignOutcome[]
    try {
      outcomes = await signLetters(c.get('deps'), c.get('actor'), c.get('meta'), c.get('village').code, { requests, passphrase: body.passphrase })
    } catch (e) {
      return failing(c, e)
    }

    return render(c, { outcomes })
  })

  app.post('/tanda-tangan/sertifikat/:id/aktivasi', async (c) => {
    const f = await formFields(c)
    try {
      await activateCertificate(c.get('deps'), c.get('actor'), c.get('meta'), c.get('village').code, c.req.param('id'), f)
    } catch (e) {
      return failing(c, e)
    }

    return c.redirect(`/staf/desa/${c.get('village').code}/tanda-tangan?ok=aktif`, 303)
  })

  app.post('/tanda-tangan/pelimpahan', async (c) => {
    const f = await formFields(c)
    try {
      await createDelegation(c.get('deps'), c.get('actor'), c.get('meta'), c.get('village').code, f)
    } catch (e) {
      return failing(c, e, { delegationForm: f })
    }

    return c.redirect(`/staf/desa/${c.get('village').code}/tanda-tangan?ok=pelimpahan`, 303)
  })

  app.post('/tanda-tangan/cabut', async (c) => {
    const f = await formFields(c)
    try {
      await revokeLetterByNumber(c.get('deps'), c.get('actor'), c.get('meta'), c.get('village').code, f)
    } catch (e) {
      return failing(c, e, { revokeForm: f })
    }

    return c.redirect(`/staf/desa/${c.get('village').code}/tanda-tangan?ok=cabut`, 303)
  })

  app.post('/tanda-tangan/pengganti', async (c) => {
    const f = await formFields(c)
    try {
      await linkReplacement(c.get('deps'), c.get('actor'), c.get('meta'), c.get('village').code, f)
    } catch (e) {
      if (isAppError(e) && e.code === 'ALREADY_EXISTS') return failing(c, new AppError('INVALID_INPUT', { userMessage: e.userMessage, fields: { number: e.userMessage } }), { replaceForm: f })

      return failing(c, e, { replaceForm: f })
    }

    return c.redirect(`/staf/desa/${c.get('village').code}/tanda-tangan?ok=pengganti`, 303)
  })

  app.post('/tanda-tangan/pelimpahan/:id/akhiri', async (c) => {
    try {
      await endDelegationNow(c.get('deps'), c.get('actor'), c.get('meta'), c.get('village').code, c.req.param('id'))
    } catch (e) {
      return failing(c, e)
    }

    return c.redirect(`/staf/desa/${c.get('village').code}/tanda-tangan`, 303)
  })

  return app
}

/** /staf/wilayah/sertifikat — the regency admin issues and revokes certificates. */
export function signingRegionRoutes() {
  const app = new Hono<AppEnv>()

  const render = async (c: Context<AppEnv>, extra: Parameters<typeof CertificatesPage>[0] extends infer P ? Partial<P & object> : never = {}) => {
    const deps = c.get('deps')
    const actor = c.get('actor')
    const certificates = await listCertificates(deps, actor, deps.config.regency)

    return c.render(<CertificatesPage certificates={certificates} hasCa={!!(await getActiveCa(deps))} {...extra} />)
  }

  const failing = async (c: Context<AppEnv>, e: unknown, form?: Record<string, string>) => {
    const fail = formFailure(e)
    if (fail || (isAppError(e) && ['ALREADY_EXISTS', 'CONFLICT', 'INVALID_TRANSITION'].includes(e.code))) {
      c.status(fail ? 422 : 409)

      return render(c, { errors: fail?.fields ?? {}, message: fail?.message ?? (e as AppError).userMessage, form: form && { ...form, caPassphrase: '' } })
    }
    throw e
  }

  app.get('/sertifikat', (c) => render(c, { notice: c.req.query('ok') === 'cabut' ? 'Sertifikat telah dicabut dan daftar pencabutan diterbitkan ulang.' : undefined }))

  app.post('/sertifikat', async (c) => {
    const f = await formFields(c)
    try {
      const { certificate, activationCode } = await issueCertificate(c.get('deps'), c.get('actor'), c.get('meta'), { username: f.username ?? '', title: f.title, validityDays: f.validityDays, caPassphrase: f.caPassphrase ?? '' })
      c.header('cache-control', 'no-store')

      return render(c, { issued: { holder: `${certificate.holder_name} (${certificate.holder_title})`, code: activationCode } })
    } catch (e) {
      return failing(c, e, f)
    }
  })

  app.post('/sertifikat/:id/cabut', async (c) => {
    const f = await formFields(c)
    try {
      await revokeCertificate(c.get('deps'), c.get('actor'), c.get('meta'), c.req.param('id'), { reason: f.reason, caPassphrase: f.caPassphrase })
    } catch (e) {
      return failing(c, e)
    }

    return c.redirect('/staf/wilayah/sertifikat?ok=cabut', 303)
  })

  return app
}
