import { createHash, X509Certificate } from 'node:crypto'
import type { Deps } from '../deps.ts'
import { checkPdfSignature, type PdfSignatureProblem } from './pades.ts'
import { chainsTo, subjectFields } from './pki.ts'
import { findCertificateBySerial, listCas } from './signing.repository.ts'

/**
 * Checking a signed PDF the way a bank or a school would want it checked: is this exactly the
 * issued file, is its signature intact, does the signer's certificate chain to the regency CA,
 * and was that certificate valid and unrevoked when the letter was signed.
 */
export interface PdfVerdict {
  /** the file is a PDF with a signature Balai could read */
  problem: PdfSignatureProblem | null
  sha256: string
  /** the bytes equal the letter Balai issued (when an expected hash is given) */
  matchesIssued: boolean | null
  digestMatches: boolean
  signatureValid: boolean
  coversWholeFile: boolean
  chainsToCa: boolean
  /** the certificate was issued by Balai and not revoked at signing time */
  notRevokedAtSigning: boolean
  /** signing time inside the certificate's validity */
  validAtSigning: boolean
  signerName: string | null
  signerTitle: string | null
  signingTime: string | null
  /** everything above holds */
  valid: boolean
  /** Indonesian sentences, one per failed check */
  reasons: string[]
}

const PROBLEM_TEXT: Record<PdfSignatureProblem, string> = {
  not_pdf: 'Berkas yang diunggah bukan PDF.',
  no_signature: 'PDF ini tidak memuat tanda tangan elektronik.',
  truncated: 'Berkas PDF terpotong atau tidak utuh.',
  malformed: 'Tanda tangan di dalam PDF rusak dan tidak dapat dibaca.',
}

export async function verifySignedPdf(deps: Deps, pdf: Uint8Array, expectedSha256?: string | null): Promise<PdfVerdict> {
  const sha256 = createHash('sha256').update(pdf).digest('hex')
  const matchesIssued = expectedSha256 ? sha256 === expectedSha256 : null
  const check = checkPdfSignature(pdf)
  const verdict: PdfVerdict = {
    problem: check.problem,
    sha256,
    matchesIssued,
    digestMatches: check.digestMatches,
    signatureValid: check.signatureValid && check.digestMatches,
    coversWholeFile: check.coversWholeFile,
    chainsToCa: false,
    notRevokedAtSigning: false,
    validAtSigning: false,
    signerName: null,
    signerTitle: null,
    signingTime: check.signingTime?.toISOString() ?? null,
    valid: false,
    reasons: [],
  }
  const reasons = verdict.reasons
  if (matchesIssued === false) reasons.push('Berkas tidak sama dengan surat yang diterbitkan (isi berbeda atau telah diubah).')
  if (check.problem) {
    reasons.push(PROBLEM_TEXT[check.problem])

    return verdict
  }
  if (!check.digestMatches) reasons.push('Isi PDF telah berubah setelah ditandatangani: tanda tangan tidak sah.')
  else if (!check.signatureValid) reasons.push('Tanda tangan elektronik tidak sah.')
  if (!check.coversWholeFile) reasons.push('Ada tambahan isi setelah dokumen ditandatangani.')
  if (check.signerCertDer) {
    const signer = subjectFields(check.signerCertDer)
    verdict.signerName = signer.CN ?? null
    verdict.signerTitle = signer.T ?? null
    const cas = await listCas(deps.db)
    verdict.chainsToCa = cas.some((ca) => chainsTo(check.signerCertDer!, ca.cert_pem))
    const x = new X509Certificate(Buffer.from(check.signerCertDer))
    const at = check.signingTime ?? new Date(0)
    verdict.validAtSigning = at >= new Date(x.validFrom) && at <= new Date(x.validTo)
    const known = verdict.chainsToCa ? await findCertificateBySerial(deps.db, x.serialNumber) : undefined
    verdict.notRevokedAtSigning = !!known && (!known.revoked_at || known.revoked_at > at.toISOString())
    if (!verdict.chainsToCa) reasons.push('Sertifikat penanda tangan tidak diterbitkan oleh Otoritas Sertifikat Balai kabupaten.')
    else if (!known) reasons.push('Sertifikat penanda tangan tidak terdaftar di Balai.')
    else if (!verdict.notRevokedAtSigning) reasons.push('Sertifikat penanda tangan sudah dicabut saat surat ditandatangani.')
    if (!verdict.validAtSigning) reasons.push('Waktu penandatanganan di luar masa berlaku sertifikat.')
  } else {
    reasons.push('Sertifikat penanda tangan tidak ditemukan di dalam tanda tangan.')
  }
  verdict.valid = reasons.length === 0

  return verdict
}
