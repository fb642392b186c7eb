import { createHash, createPublicKey, sign as nodeSign, verify as nodeVerify, X509Certificate as NodeX509, type KeyObject } from 'node:crypto'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'

/**
 * CMS SignedData for PAdES (ETSI.CAdES.detached): detached content, SHA-256, RSA PKCS#1 v1.5,
 * signed attributes content-type, signing-time, message-digest and signing-certificate-v2,
 * the signer's certificate and its CA in `certificates`. pkijs builds the structures; the
 * signature itself is made by node:crypto (OpenSSL), which is far faster than pure-JS RSA.
 */
const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
} as const

const ab = (u: Uint8Array): ArrayBuffer => u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength) as ArrayBuffer

function parseCert(der: Uint8Array): pkijs.Certificate {
  return pkijs.Certificate.fromBER(ab(der))
}

/** ESS signing-certificate-v2 (RFC 5035): binds the signer's certificate hash into the signature. */
function signingCertificateV2(cert: pkijs.Certificate, der: Uint8Array): asn1js.Sequence {
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [cert.issuer.toSchema()] })],
      }),
      cert.serialNumber,
    ],
  })
  // hashAlgorithm is omitted: its DEFAULT is SHA-256, and DER forbids encoding a default.
  const essCertIdV2 = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: ab(createHash('sha256').update(der).digest()) }), issuerSerial],
  })

  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] })
}

/** The DER that is actually signed: the signed attributes re-tagged as a SET (RFC 5652 §5.4). */
function signedAttrsDer(attrs: pkijs.SignedAndUnsignedAttributes): Uint8Array {
  const der = new Uint8Array(attrs.toSchema().toBER(false))
  der[0] = 0x31

  return der
}

export interface CmsSignInput {
  /** SHA-256 of the PDF's signed byte ranges */
  digest: Uint8Array
  signingTime: Date
  key: KeyObject
  certDer: Uint8Array
  chainDer: Uint8Array[]
}

export function buildCmsSignature(input: CmsSignInput): Uint8Array {
  const cert = parseCert(input.certDer)
  const attrs = new pkijs.SignedAndUnsignedAttributes({
    type: 0,
    attributes: [
      new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
      new pkijs.Attribute({ type: OID.signingTime, values: [new asn1js.UTCTime({ valueDate: input.signingTime })] }),
      new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: ab(input.digest) })] }),
      new pkijs.Attribute({ type: OID.signingCertificateV2, values: [signingCertificateV2(cert, input.certDer)] }),
    ],
  })
  const toSign = signedAttrsDer(attrs)
  const signature = nodeSign('sha256', toSign, input.key)
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
    signedAttrs: attrs,
    signatureAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.rsaEncryption, algorithmParams: new asn1js.Null() }),
    signature: new asn1js.OctetString({ valueHex: ab(signature) }),
  })
  const signed = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: [cert, ...input.chainDer.map(parseCert)],
    signerInfos: [signerInfo],
  })
  const info = new pkijs.ContentInfo({ contentType: OID.signedData, content: signed.toSchema(true) })

  return new Uint8Array(info.toSchema().toBER(false))
}

/** The signed attributes exactly as received (re-encoding could hide or invent differences). */
function originalSignedAttrs(attrs: pkijs.SignedAndUnsignedAttributes): Uint8Array {
  const raw = attrs.encodedValue.byteLength ? new Uint8Array(attrs.encodedValue.slice(0)) : signedAttrsDer(attrs)
  raw[0] = 0x31

  return raw
}

export interface CmsCheck {
  /** the message-digest attribute equals the digest of the signed bytes */
  digestMatches: boolean
  /** the RSA signature over the signed attributes verifies with the signer's certificate */
  signatureValid: boolean
  signerCertDer: Uint8Array | null
  /** every certificate the CMS carries, signer first when found */
  certificatesDer: Uint8Array[]
  signingTime: Date | null
}

function attrValue(attrs: pkijs.SignedAndUnsignedAttributes | undefined, oid: string): unknown {
  return attrs?.attributes.find((a) => a.type === oid)?.values[0]
}

/** Parses a CMS signature and checks it against the digest of the signed content. Never throws on bad input. */
export function checkCmsSignature(cmsDer: Uint8Array, digest: Uint8Array): CmsCheck {
  const none: CmsCheck = { digestMatches: false, signatureValid: false, signerCertDer: null, certificatesDer: [], signingTime: null }
  let signed: pkijs.SignedData
  try {
    const info = pkijs.ContentInfo.fromBER(ab(cmsDer))
    if (info.contentType !== OID.signedData) return none
    signed = new pkijs.SignedData({ schema: info.content })
  } catch {
    return none
  }
  const certs = (signed.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate)
  const certificatesDer = certs.map((c) => new Uint8Array(c.toSchema().toBER(false)))
  const si = signed.signerInfos[0]
  if (!si || !(si.sid instanceof pkijs.IssuerAndSerialNumber)) return { ...none, certificatesDer }
  const sid = si.sid
  const idx = certs.findIndex((c) => c.serialNumber.isEqual(sid.serialNumber) && c.issuer.isEqual(sid.issuer))
  const signerCertDer = idx >= 0 ? certificatesDer[idx] : null
  const md = attrValue(si.signedAttrs, OID.messageDigest)
  const digestMatches = md instanceof asn1js.OctetString && Buffer.from(md.valueBlock.valueHexView).equals(Buffer.from(digest))
  const st = attrValue(si.signedAttrs, OID.signingTime)
  const signingTime = st instanceof asn1js.UTCTime || st instanceof asn1js.GeneralizedTime ? st.toDate() : null
  let signatureValid = false
  if (signerCertDer && si.signedAttrs && si.digestAlgorithm.algorithmId === OID.sha256) {
    try {
      const pub = createPublicKey(new NodeX509(Buffer.from(signerCertDer)).publicKey.export({ type: 'spki', format: 'pem' }))
      signatureValid = nodeVerify('sha256', originalSignedAttrs(si.signedAttrs), pub, Buffer.from(si.signature.valueBlock.valueHexView))
    } catch {
      signatureValid = false
    }
  }
  const ordered = signerCertDer ? [signerCertDer, ...certificatesDer.filter((_, i) => i !== idx)] : certificatesDer

  return { digestMatches, signatureValid, signerCertDer, certificatesDer: ordered, signingTime }
}
