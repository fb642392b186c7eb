import { Hono } from 'hono'
import type { Deps } from '../deps.ts'
import { certDer, openPrivateKey } from './pki.ts'
import { NotAPdfError, signPdf } from './pades.ts'
import { findCertificateBySerial, findCa } from './signing.repository.ts'
import { certificateState } from './certificate.service.ts'

/**
 * Signer providers: something that takes an identity, a passphrase and a PDF and returns the
 * PDF signed (PAdES). `local` signs with the regency CA's certificates kept (encrypted) in
 * Balai; `remote` calls a service shaped like the national e-sign service over HTTP.
 * Chosen by BALAI_SIGNER=local|remote (+ BALAI_REMOTE_SIGNER_URL). Documented in the README.
 */
export interface SignRequest {
  /** who signs: the serial of the holder's certificate (hex) */
  identity: string
  passphrase: string
  pdf: Uint8Array
  reason: string
  location: string
  signingTime: Date
}

export interface SignerProvider {
  readonly name: 'local' | 'remote'
  sign(req: SignRequest): Promise<Uint8Array>
}

export type SignerErrorCode = 'wrong_passphrase' | 'certificate_unusable' | 'not_pdf' | 'unavailable'

/** A refusal a caller can explain to the signer; anything else is an outage. */
export class SignerError extends Error {
  override name = 'SignerError'
  constructor(readonly code: SignerErrorCode, message: string) {
    super(message)
  }
}

export const SIGNER_MESSAGE: Record<SignerErrorCode, string> = {
  wrong_passphrase: 'Frasa sandi salah.',
  certificate_unusable: 'Sertifikat penanda tangan dicabut, kedaluwarsa, atau belum diaktifkan.',
  not_pdf: 'Berkas surat bukan PDF yang sah.',
  unavailable: 'Layanan tanda tangan elektronik sedang tidak dapat dihubungi. Coba lagi nanti.',
}

export function localSigner(deps: Deps): SignerProvider {
  return {
    name: 'local',
    async sign(req) {
      const cert = await findCertificateBySerial(deps.db, req.identity)
      if (!cert || certificateState(cert, req.signingTime.toISOString()) !== 'aktif') {
        throw new SignerError('certificate_unusable', SIGNER_MESSAGE.certificate_unusable)
      }
      const ca = await findCa(deps.db, cert.ca_id)
      let key
      try {
        key = openPrivateKey(cert.key_pem, req.passphrase)
      } catch {
        throw new SignerError('wrong_passphrase', SIGNER_MESSAGE.wrong_passphrase)
      }
      try {
        return await signPdf({
          pdf: req.pdf,
          key,
          certDer: certDer(cert.cert_pem),
          chainDer: ca ? [certDer(ca.cert_pem)] : [],
          signerName: cert.holder_name,
          reason: req.reason,
          location: req.location,
          contactInfo: cert.holder_title,
          signingTime: req.signingTime,
        })
      } catch (e) {
        if (e instanceof NotAPdfError) throw new SignerError('not_pdf', SIGNER_MESSAGE.not_pdf)
        throw e
      }
    },
  }
}

/**
 * Client of a remote signing service. Contract (modelled on the national e-sign API):
 * `POST {base}/api/sign/pdf`, multipart fields `file` (PDF), `identity`, `passphrase`,
 * `reason`, `location`, `signingTime` (ISO-8601) → 200 `application/pdf` (the signed PDF), or
 * 4xx JSON `{"error":{"code":"wrong_passphrase"|"certificate_unusable"|"not_pdf","message":…}}`.
 */
export function remoteSigner(baseUrl: string, opts: { timeoutMs?: number; fetchImpl?: typeof fetch } = {}): SignerProvider {
  const doFetch = opts.fetchImpl ?? fetch

  return {
    name: 'remote',
    async sign(req) {
      const form = new FormData()
      form.set('file', new Blob([new Uint8Array(req.pdf)], { type: 'application/pdf' }), 'surat.pdf')
      form.set('identity', req.identity)
      form.set('passphrase', req.passphrase)
      form.set('reason', req.reason)
      form.set('location', req.location)
      form.set('signingTime', req.signingTime.toISOString())
      let res: Response
      try {
        res = await doFetch(`${baseUrl.replace(/\/$/, '')}/api/sign/pdf`, { method: 'POST', body: form, signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000) })
      } catch {
        throw new SignerError('unavailable', SIGNER_MESSAGE.unavailable)
      }
      if (res.ok && (res.headers.get('content-type') ?? '').startsWith('application/pdf')) return new Uint8Array(await res.arrayBuffer())
      const body = (await res.json().catch(() => null)) as { error?: { code?: string } } | null
      const code = body?.error?.code
      if (code === 'wrong_passphrase' || code === 'certificate_unusable' || code === 'not_pdf') throw new SignerError(code, SIGNER_MESSAGE[code])
      throw new SignerError('unavailable', SIGNER_MESSAGE.unavailable)
    },
  }
}

/** The provider the configuration asks for. */
export function signerFor(deps: Deps): SignerProvider {
  if (deps.config.signer === 'remote') {
    if (!deps.config.remoteSignerUrl) throw new SignerError('unavailable', 'BALAI_REMOTE_SIGNER_URL belum diatur untuk BALAI_SIGNER=remote.')

    return remoteSigner(deps.config.remoteSignerUrl)
  }

  return localSigner(deps)
}

/**
 * The server side of the remote contract, wrapping any provider. Used by the tests (a loopback
 * server with the local signer behind it) and usable as a signing gateway on another host.
 */
export function remoteSignerApp(provider: SignerProvider): Hono {
  const app = new Hono()
  app.post('/api/sign/pdf', async (c) => {
    const body = await c.req.parseBody()
    const file = body.file
    const text = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '')
    if (!(file instanceof File)) return c.json({ error: { code: 'not_pdf', message: SIGNER_MESSAGE.not_pdf } }, 400)
    const when = new Date(text('signingTime'))
    try {
      const signed = await provider.sign({
        identity: text('identity'),
        passphrase: text('passphrase'),
        pdf: new Uint8Array(await file.arrayBuffer()),
        reason: text('reason'),
        location: text('location'),
        signingTime: Number.isNaN(when.getTime()) ? new Date() : when,
      })

      return c.body(signed as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'application/pdf' })
    } catch (e) {
      if (e instanceof SignerError) return c.json({ error: { code: e.code, message: e.message } }, e.code === 'wrong_passphrase' ? 401 : e.code === 'unavailable' ? 503 : 400)
      throw e
    }
  })

  return app
}
