import 'reflect-metadata' // tsyringe inside @peculiar/x509 needs the Reflect metadata API
import { createPrivateKey, createPublicKey, generateKeyPair, randomBytes, webcrypto, X509Certificate as NodeX509, type KeyObject } from 'node:crypto'
import { promisify } from 'node:util'
import * as x509 from '@peculiar/x509'
import { AppError } from '../lib/errors.ts'

/**
 * The regency's own small PKI: a CA whose key and every holder's key are stored only as
 * encrypted PKCS#8 (PBES2, AES-256-CBC) under a passphrase the system never keeps. Pure
 * crypto, no database: the certificate service stores what these functions return.
 */
x509.cryptoProvider.set(webcrypto as unknown as Crypto)

const generate = promisify(generateKeyPair)
const RSA_SIGN = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const
export const KEY_CIPHER = 'aes-256-cbc'
/** Holder keys are RSA-2048 like the national BSrE certificates; the CA key is longer-lived. */
const HOLDER_BITS = 2048
const CA_BITS = 3072

export const MIN_PASSPHRASE = 8

export interface CaMaterial {
  certPem: string
  /** encrypted PKCS#8 PEM */
  keyPem: string
  serial: string
  notBefore: string
  notAfter: string
}

export interface HolderSubject {
  name: string
  title: string
  villageName: string
  villageCode: string
}

export interface IssuedCertificate {
  certPem: string
  keyPem: string
  serial: string
  subject: string
  notBefore: string
  notAfter: string
}

/** Wrong passphrase or a damaged key: one message, so nothing about the key leaks. */
export const wrongPassphrase = () =>
  new AppError('INVALID_INPUT', { userMessage: 'Frasa sandi salah.', fields: { passphrase: 'Frasa sandi salah.' } })

export function checkNewPassphrase(passphrase: string, field = 'passphrase'): void {
  if (passphrase.length < MIN_PASSPHRASE) {
    const msg = `Frasa sandi minimal ${MIN_PASSPHRASE} karakter.`
    throw new AppError('INVALID_INPUT', { userMessage: msg, fields: { [field]: msg } })
  }
}

/** Opens an encrypted private key; throws `wrongPassphrase()` when it cannot. */
export function openPrivateKey(keyPem: string, passphrase: string): KeyObject {
  try {
    return createPrivateKey({ key: keyPem, format: 'pem', passphrase })
  } catch {
    throw wrongPassphrase()
  }
}

export function encryptKey(key: KeyObject, passphrase: string): string {
  return key.export({ type: 'pkcs8', format: 'pem', cipher: KEY_CIPHER, passphrase }) as string
}

/** Re-encrypts a key under a new passphrase (activation, passphrase change). */
export function reencryptKey(keyPem: string, oldPassphrase: string, newPassphrase: string): string {
  checkNewPassphrase(newPassphrase, 'newPassphrase')

  return encryptKey(openPrivateKey(keyPem, oldPassphrase), newPassphrase)
}

async function webKeys(key: KeyObject): Promise<{ privateKey: CryptoKey; publicKey: CryptoKey }> {
  const der = key.export({ type: 'pkcs8', format: 'der' })
  const pub = createPublicKey(key).export({ type: 'spki', format: 'der' })

  return {
    privateKey: (await webcrypto.subtle.importKey('pkcs8', der, RSA_SIGN, false, ['sign'])) as CryptoKey,
    publicKey: (await webcrypto.subtle.importKey('spki', pub, RSA_SIGN, true, ['verify'])) as CryptoKey,
  }
}

/** A positive serial of 16 random bytes (RFC 5280 allows up to 20 octets). */
function newSerial(): string {
  const b = randomBytes(16)
  b[0] &= 0x7f
  b[0] |= 0x10

  return b.toString('hex')
}

const addDays = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000)

export function caName(regencyName: string): x509.JsonName {
  return [
    { C: ['ID'] },
    { O: [`Pemerintah ${regencyName}`] },
    { OU: ['Balai'] },
    { CN: [`Otoritas Sertifikat Balai ${regencyName}`] },
  ]
}

export async function createCa(opts: { regencyName: string; passphrase: string; validityYears?: number; now?: Date }): Promise<CaMaterial> {
  checkNewPassphrase(opts.passphrase)
  const { privateKey } = await generate('rsa', { modulusLength: CA_BITS })
  const keys = await webKeys(privateKey)
  const now = opts.now ?? new Date()
  const serial = newSerial()
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial,
    name: new x509.Name(caName(opts.regencyName)).toString(),
    notBefore: now,
    notAfter: addDays(now, 365 * (opts.validityYears ?? 10)),
    signingAlgorithm: RSA_SIGN,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  })

  return {
    certPem: cert.toString('pem'),
    keyPem: encryptKey(privateKey, opts.passphrase),
    serial,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
  }
}

export function holderName(s: HolderSubject, regencyName: string): x509.JsonName {
  return [
    { C: ['ID'] },
    { ST: ['Kalimantan Selatan'] },
    { L: [regencyName] },
    { O: [`Pemerintah Desa ${s.villageName}`] },
    { OU: [s.villageCode] },
    { T: [s.title] },
    { CN: [s.name] },
  ]
}

/**
 * Issues a signing certificate. The holder's key is generated here and encrypted at once with
 * `holderPassphrase` (the holder's own, or a one-time activation code the holder replaces).
 */
export async function issueHolderCertificate(opts: {
  ca: { certPem: string; keyPem: string }
  caPassphrase: string
  regencyName: string
  subject: HolderSubject
  holderPassphrase: string
  validityDays: number
  now?: Date
}): Promise<IssuedCertificate> {
  const caKey = openPrivateKey(opts.ca.keyPem, opts.caPassphrase)
  const caCert = new x509.X509Certificate(opts.ca.certPem)
  const caKeys = await webKeys(caKey)
  const { privateKey } = await generate('rsa', { modulusLength: HOLDER_BITS })
  const holder = await webKeys(privateKey)
  const now = opts.now ?? new Date()
  const serial = newSerial()
  const caNotAfter = caCert.notAfter
  const wanted = addDays(now, opts.validityDays)
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial,
    subject: new x509.Name(holderName(opts.subject, opts.regencyName)).toString(),
    issuer: caCert.subjectName.toString(),
    notBefore: now,
    // A certificate never outlives the CA that vouches for it.
    notAfter: wanted > caNotAfter ? caNotAfter : wanted,
    signingAlgorithm: RSA_SIGN,
    publicKey: holder.publicKey,
    signingKey: caKeys.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
      // emailProtection lets NSS-based checkers (poppler's pdfsig) accept it for signing;
      // 1.3.6.1.5.5.7.3.36 is id-kp-documentSigning (RFC 9336).
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.emailProtection, '1.3.6.1.5.5.7.3.36']),
      await x509.SubjectKeyIdentifierExtension.create(holder.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  })

  return {
    certPem: cert.toString('pem'),
    keyPem: encryptKey(privateKey, opts.holderPassphrase),
    serial,
    subject: cert.subject,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
  }
}

export interface CrlEntry {
  serial: string
  revokedAt: string
}

/** A CRL over every revoked certificate, signed by the CA; DER bytes. */
export async function createCrl(opts: { ca: { certPem: string; keyPem: string }; caPassphrase: string; entries: CrlEntry[]; now?: Date; validityDays?: number }): Promise<Uint8Array> {
  const caKey = openPrivateKey(opts.ca.keyPem, opts.caPassphrase)
  const caCert = new x509.X509Certificate(opts.ca.certPem)
  const { privateKey, publicKey } = await webKeys(caKey)
  const now = opts.now ?? new Date()
  const crl = await x509.X509CrlGenerator.create({
    issuer: caCert.subjectName.toString(),
    thisUpdate: now,
    nextUpdate: addDays(now, opts.validityDays ?? 365),
    signingAlgorithm: RSA_SIGN,
    signingKey: privateKey,
    extensions: [await x509.AuthorityKeyIdentifierExtension.create(publicKey)],
    entries: opts.entries.map((e) => ({ serialNumber: e.serial, revocationDate: new Date(e.revokedAt), reason: x509.X509CrlReason.unspecified })),
  })

  return new Uint8Array(crl.rawData)
}

/** PEM → DER of a certificate. */
export function certDer(pem: string): Uint8Array {
  return new Uint8Array(new NodeX509(pem).raw)
}

/** Whether `certPem` was signed by the CA certificate (signature and issuer name). */
export function chainsTo(certPem: string | Uint8Array, caPem: string): boolean {
  try {
    const cert = new NodeX509(typeof certPem === 'string' ? certPem : Buffer.from(certPem))
    const ca = new NodeX509(caPem)

    return cert.checkIssued(ca) && cert.verify(ca.publicKey)
  } catch {
    return false
  }
}

export function certSerial(certPem: string | Uint8Array): string {
  return new NodeX509(typeof certPem === 'string' ? certPem : Buffer.from(certPem)).serialNumber.toLowerCase()
}

/** Subject attributes of a certificate by short name (CN, T, O, OU …). */
export function subjectFields(certPem: string | Uint8Array): Record<string, string> {
  const cert = new x509.X509Certificate(typeof certPem === 'string' ? certPem : new Uint8Array(certPem))
  const out: Record<string, string> = {}
  for (const rdn of cert.subjectName.toJSON()) for (const [k, v] of Object.entries(rdn)) out[k] = v[0] ?? ''

  return out
}
