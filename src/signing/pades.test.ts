import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { X509Certificate } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { flipOneByte, pdfsig, pdfsigDir, samplePdf } from './signing.test-support.ts'
import { certDer, chainsTo, createCa, createCrl, issueHolderCertificate, openPrivateKey, subjectFields, type CaMaterial, type IssuedCertificate } from './pki.ts'
import { checkPdfSignature, signPdf } from './pades.ts'

const dir = pdfsigDir

describe('regency PKI and PAdES signatures', () => {
  let ca: CaMaterial
  let holder: IssuedCertificate
  let signed: Uint8Array
  const signingTime = new Date('2026-12-04T02:30:00Z')

  beforeAll(async () => {
    ca = await createCa({ regencyName: 'Kabupaten Hulu Sungai Tengah', passphrase: 'frasa-ca-rahasia' })
    holder = await issueHolderCertificate({
      ca,
      caPassphrase: 'frasa-ca-rahasia',
      regencyName: 'Kabupaten Hulu Sungai Tengah',
      subject: { name: 'Hj. Siti Rahmah', title: 'Pembakal Awang Besar', villageName: 'Awang Besar', villageCode: '63.07.06.2017' },
      holderPassphrase: 'frasa-pembakal',
      validityDays: 365,
    })
    signed = await signPdf({ pdf: await samplePdf(), key: openPrivateKey(holder.keyPem, 'frasa-pembakal'), certDer: certDer(holder.certPem), chainDer: [certDer(ca.certPem)], signerName: 'Hj. Siti Rahmah', reason: 'Surat Keterangan Domisili', location: 'Awang Besar', contactInfo: '', signingTime })
  })

  it('keeps keys only encrypted and refuses a wrong passphrase', () => {
    expect(ca.keyPem).toContain('BEGIN ENCRYPTED PRIVATE KEY')
    expect(holder.keyPem).toContain('BEGIN ENCRYPTED PRIVATE KEY')
    expect(() => openPrivateKey(holder.keyPem, 'salah-sekali')).toThrow('Frasa sandi salah.')
    expect(() => openPrivateKey(ca.keyPem, 'frasa-pembakal')).toThrow('Frasa sandi salah.')
  })

  it('issues certificates whose subject carries name, title and village and that chain to the CA', async () => {
    const f = subjectFields(holder.certPem)
    expect(f).toMatchObject({ CN: 'Hj. Siti Rahmah', T: 'Pembakal Awang Besar', O: 'Pemerintah Desa Awang Besar', OU: '63.07.06.2017' })
    expect(chainsTo(holder.certPem, ca.certPem)).toBe(true)
    const other = await createCa({ regencyName: 'Kabupaten Lain', passphrase: 'frasa-ca-lain-1' })
    expect(chainsTo(holder.certPem, other.certPem)).toBe(false)
    expect(new X509Certificate(ca.certPem).ca).toBe(true)
  })

  it('produces a signature pdfsig reports valid, with the signer name and ETSI.CAdES.detached', () => {
    const out = pdfsig(signed)
    expect(out).toContain('Signer Certificate Common Name: Hj. Siti Rahmah')
    expect(out).toContain('Signature Type: ETSI.CAdES.detached')
    expect(out).toContain('Signature Validation: Signature is Valid.')
    expect(out).toContain('Total document signed')
  })

  it('is verified by Balai: digest, CMS signature, signing time and certificates', () => {
    const r = checkPdfSignature(signed)
    expect(r).toMatchObject({ problem: null, digestMatches: true, signatureValid: true, coversWholeFile: true })
    expect(r.signingTime?.toISOString()).toBe(signingTime.toISOString())
    expect(Buffer.from(r.signerCertDer!)).toEqual(Buffer.from(certDer(holder.certPem)))
    expect(r.certificatesDer).toHaveLength(2)
  })

  it('reports a PDF with one byte changed as a digest mismatch, in pdfsig and in Balai', () => {
    const bad = flipOneByte(signed)
    expect(pdfsig(bad)).toContain('Signature Validation: Digest Mismatch.')
    const r = checkPdfSignature(bad)
    expect(r.digestMatches).toBe(false)
  })

  it('tells apart a truncated file, a non-PDF and an unsigned PDF', async () => {
    expect(checkPdfSignature(signed.subarray(0, signed.length - 300)).problem).toBe('truncated')
    expect(checkPdfSignature(new TextEncoder().encode('bukan pdf sama sekali')).problem).toBe('not_pdf')
    expect(checkPdfSignature(await samplePdf()).problem).toBe('no_signature')
  })

  it('detects bytes appended after signing', () => {
    const appended = Buffer.concat([Buffer.from(signed), Buffer.from('\n% tambahan\n')])
    const r = checkPdfSignature(appended)
    expect(r.digestMatches).toBe(true)
    expect(r.coversWholeFile).toBe(false)
  })

  it('publishes a CRL naming revoked serials, signed by the CA', async () => {
    const der = await createCrl({ ca, caPassphrase: 'frasa-ca-rahasia', entries: [{ serial: holder.serial, revokedAt: '2026-12-05T00:00:00Z' }] })
    const file = join(dir, 'crl.der')
    writeFileSync(file, der)
    writeFileSync(join(dir, 'ca.pem'), ca.certPem)
    const text = execFileSync('openssl', ['crl', '-inform', 'DER', '-in', file, '-CAfile', join(dir, 'ca.pem'), '-noout', '-text'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    expect(text.toUpperCase()).toContain(holder.serial.toUpperCase())
    await expect(createCrl({ ca, caPassphrase: 'salah-frasa', entries: [] })).rejects.toThrow('Frasa sandi salah.')
  })
})
