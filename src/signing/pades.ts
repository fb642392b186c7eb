import { createHash, type KeyObject } from 'node:crypto'
import { PDFDocument } from 'pdf-lib'
import { SignPdf } from '@signpdf/signpdf'
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib'
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils'
import { buildCmsSignature, checkCmsSignature, type CmsCheck } from './cms.ts'

/**
 * PAdES signing of a finished letter PDF: pdf-lib adds the signature dictionary (invisible
 * widget: the visible block and QR are already part of the page), @signpdf fills ByteRange and
 * Contents, and our CMS signer (cms.ts) makes the ETSI.CAdES.detached signature.
 */

/** Room for the CMS: RSA-2048 signature, two certificates and the attributes, with margin. */
const SIGNATURE_BYTES = 12_288

class CmsSigner extends Signer {
  constructor(private opts: { key: KeyObject; certDer: Uint8Array; chainDer: Uint8Array[] }) {
    super()
  }

  override async sign(content: Buffer, signingTime?: Date): Promise<Buffer> {
    const digest = createHash('sha256').update(content).digest()

    return Buffer.from(buildCmsSignature({ digest, signingTime: signingTime ?? new Date(), ...this.opts }))
  }
}

export interface PadesSignInput {
  pdf: Uint8Array
  key: KeyObject
  certDer: Uint8Array
  chainDer: Uint8Array[]
  signerName: string
  reason: string
  location: string
  contactInfo: string
  signingTime: Date
}

export class NotAPdfError extends Error {
  override name = 'NotAPdfError'
}

export async function signPdf(input: PadesSignInput): Promise<Uint8Array> {
  let doc: PDFDocument
  try {
    doc = await PDFDocument.load(input.pdf, { updateMetadata: false })
  } catch (e) {
    throw new NotAPdfError('not a PDF', { cause: e })
  }
  pdflibAddPlaceholder({
    pdfDoc: doc,
    reason: input.reason,
    contactInfo: input.contactInfo,
    name: input.signerName,
    location: input.location,
    signingTime: input.signingTime,
    signatureLength: SIGNATURE_BYTES,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    widgetRect: [0, 0, 0, 0],
    appName: 'Balai',
  })
  // Classic cross-reference tables: @signpdf locates the placeholder by text search.
  const prepared = await doc.save({ useObjectStreams: false })
  const signed = await new SignPdf().sign(Buffer.from(prepared), new CmsSigner(input), input.signingTime)

  return new Uint8Array(signed)
}

export type PdfSignatureProblem = 'not_pdf' | 'no_signature' | 'truncated' | 'malformed'

export interface PdfSignatureCheck extends CmsCheck {
  problem: PdfSignatureProblem | null
  /** the signature covers the whole file: nothing was appended after signing */
  coversWholeFile: boolean
}

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g

/** Reads the last signature of a PDF (ByteRange + Contents) and checks it. Never throws on bad input. */
export function checkPdfSignature(pdf: Uint8Array): PdfSignatureCheck {
  const empty: CmsCheck = { digestMatches: false, signatureValid: false, signerCertDer: null, certificatesDer: [], signingTime: null }
  const buf = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength)
  if (buf.subarray(0, 1024).indexOf('%PDF-') < 0) return { ...empty, problem: 'not_pdf', coversWholeFile: false }
  const text = buf.toString('latin1')
  const matches = [...text.matchAll(BYTE_RANGE)]
  const last = matches.at(-1)
  if (!last) return { ...empty, problem: 'no_signature', coversWholeFile: false }
  const [a, b, c, d] = last.slice(1, 5).map(Number)
  if (a !== 0 || b <= 0 || c <= b + 1) return { ...empty, problem: 'malformed', coversWholeFile: false }
  if (c + d > buf.length) return { ...empty, problem: 'truncated', coversWholeFile: false }
  if (buf[b] !== 0x3c || buf[c - 1] !== 0x3e) return { ...empty, problem: 'malformed', coversWholeFile: false }
  const hex = text.slice(b + 1, c - 1)
  if (!/^[0-9a-fA-F]*$/.test(hex) || hex.length % 2) return { ...empty, problem: 'malformed', coversWholeFile: false }
  const cms = Buffer.from(hex, 'hex')
  const digest = createHash('sha256').update(buf.subarray(a, a + b)).update(buf.subarray(c, c + d)).digest()
  const check = checkCmsSignature(trimDer(cms), digest)
  // A PDF that ends before %%EOF of the signed revision cannot be complete either.
  const coversWholeFile = c + d === buf.length || (c + d === buf.length - 1 && buf[buf.length - 1] === 0x0a)

  return { ...check, problem: null, coversWholeFile }
}

/** Contents is zero-padded to the placeholder size; cut the DER at its own declared length. */
function trimDer(bytes: Buffer): Uint8Array {
  if (bytes.length < 2 || bytes[0] !== 0x30) return bytes
  const first = bytes[1]
  if (first < 0x80) return bytes.subarray(0, 2 + first)
  const n = first & 0x7f
  if (n === 0 || n > 4 || bytes.length < 2 + n) return bytes
  let len = 0
  for (let i = 0; i < n; i++) len = len * 256 + bytes[2 + i]

  return bytes.subarray(0, Math.min(bytes.length, 2 + n + len))
}
