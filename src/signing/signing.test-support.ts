import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PDFDocument, StandardFonts } from 'pdf-lib'

/** Test helpers of the signing module (not a test file itself). */
const dir = mkdtempSync(join(tmpdir(), 'balai-pdfsig-'))

/** Runs poppler's pdfsig on bytes and returns its report (pdfsig exits non-zero on bad files). */
export function pdfsig(bytes: Uint8Array): string {
  const file = join(dir, `f${Math.random().toString(36).slice(2)}.pdf`)
  writeFileSync(file, bytes)
  try {
    return execFileSync('pdfsig', [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string }

    return `${err.stdout ?? ''}${err.stderr ?? ''}`
  }
}

export async function samplePdf(text = 'SURAT KETERANGAN DOMISILI'): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const page = doc.addPage([595, 842])
  page.drawText(text, { x: 60, y: 760, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) })

  return doc.save()
}

/** The same PDF with one byte of its page content flipped. */
export function flipOneByte(pdf: Uint8Array): Uint8Array {
  const text = Buffer.from(pdf).toString('latin1')
  const stream = text.indexOf('stream')
  const at = stream > 0 ? stream + 12 : 200
  const bad = new Uint8Array(pdf)
  bad[at] ^= 0x01

  return bad
}

export { dir as pdfsigDir }
