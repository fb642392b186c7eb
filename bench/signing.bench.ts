/**
 * Electronic signatures (src/signing): PAdES letters signed per second on one core,
 * sequentially, for a typical one-page letter rendered by renderLetterPdf. Floor: plain
 * node:crypto RSA-2048/SHA-256 signatures per second with the same key in the same run (what
 * one signature costs with nothing around it). Also: opening the holder's encrypted key for
 * each letter (what the local signer does), and Balai's own verification of a signed letter.
 */
import { sign as nodeSign, randomBytes } from 'node:crypto'
import { renderLetterPdf } from '../src/letters/letter-pdf.ts'
import { sampleLetter } from '../src/letters/sample-letter.ts'
import { certDer, createCa, issueHolderCertificate, openPrivateKey } from '../src/signing/pki.ts'
import { checkPdfSignature, signPdf } from '../src/signing/pades.ts'
import { rate } from './measure.ts'

const ca = await createCa({ regencyName: 'Kabupaten Hulu Sungai Tengah', passphrase: 'frasa-ca-bench' })
const holder = await issueHolderCertificate({
  ca, caPassphrase: 'frasa-ca-bench', regencyName: 'Kabupaten Hulu Sungai Tengah',
  subject: { name: 'Muhammad Noor', title: 'Pembakal Banua Jingah', villageName: 'Banua Jingah', villageCode: '63.07.06.2014' },
  holderPassphrase: 'frasa-pembakal-bench', validityDays: 365,
})
const key = openPrivateKey(holder.keyPem, 'frasa-pembakal-bench')
const chain = [certDer(ca.certPem)]
const cert = certDer(holder.certPem)
const pdf = await renderLetterPdf(sampleLetter())
console.log(`letter PDF: ${pdf.length} bytes; key RSA-2048, SHA-256`)
const input = { key, certDer: cert, chainDer: chain, signerName: 'Muhammad Noor', reason: 'Surat Keterangan Domisili', location: 'Desa Banua Jingah', contactInfo: '', signingTime: new Date() }

const data = randomBytes(1024)
const floor = await rate('floor: node:crypto RSA-2048 sign', 5, () => nodeSign('sha256', data, key))
const letters = await rate('signPdf (PAdES, key already open)', 10, () => signPdf({ ...input, pdf }))
const withKey = await rate('open encrypted key + signPdf', 10, () => signPdf({ ...input, key: openPrivateKey(holder.keyPem, 'frasa-pembakal-bench'), pdf }))
const signed = await signPdf({ ...input, pdf })
const verify = await rate('checkPdfSignature (Balai verification)', 5, () => checkPdfSignature(signed))
console.log(`ratio signed letters / plain signatures: ${(letters / floor).toFixed(3)} (with key opening: ${(withKey / floor).toFixed(3)}); verification ${verify.toFixed(0)} /s`)
