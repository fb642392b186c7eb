import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { PDFDocument } from 'pdf-lib'
import QRCode from 'qrcode'
import { describe, expect, it } from 'vitest'
import { PAGE_SIZES, renderLetterPdf } from './letter-pdf.ts'
import { sampleLetter } from './sample-letter.ts'
import { getPdfmake } from './pdfmake.ts'

const dir = mkdtempSync(join(tmpdir(), 'balai-letter-'))

function pdfText(bytes: Uint8Array): string {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.pdf`)
  writeFileSync(file, bytes)

  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
}

const input = sampleLetter

async function pageSizes(bytes: Uint8Array): Promise<Array<{ width: number; height: number }>> {
  const doc = await PDFDocument.load(bytes)

  return doc.getPages().map((p) => p.getSize())
}

describe('renderLetterPdf', () => {
  it('renders F4 (215 × 330 mm) and A4 (210 × 297 mm) pages', async () => {
    const f4 = await pageSizes(await renderLetterPdf(input({ paperSize: 'F4' })))
    const a4 = await pageSizes(await renderLetterPdf(input({ paperSize: 'A4' })))
    const mm = (pt: number) => Math.round((pt * 25.4) / 72)
    expect(f4.map((s) => [mm(s.width), mm(s.height)])).toEqual([[215, 330]])
    expect(a4.map((s) => [mm(s.width), mm(s.height)])).toEqual([[210, 297]])
    expect(a4[0].width).toBeCloseTo(PAGE_SIZES.A4.width, 1)
  })

  it('prints letterhead, title, number, body, place and date, signer and the QR caption', async () => {
    const text = pdfText(await renderLetterPdf(input()))
    for (const s of [
      'PEMERINTAH KABUPATEN HULU SUNGAI TENGAH',
      'DESA BANUA JINGAH',
      'Jalan Murakata No. 1, Barabai 71311',
      'SURAT KETERANGAN DOMISILI',
      'Nomor: 470/001/63.07.06.2014/XII/2026',
      '6307061204900001',
      'Banua Jingah, 4 Desember 2026',
      'Pembakal Banua Jingah',
      'H. Ahmad Rizani',
      'Pindai untuk memeriksa keaslian surat ini',
    ]) expect(text).toContain(s)
  })

  it('prints any Unicode name, in the body and in the signature block', async () => {
    const text = pdfText(
      await renderLetterPdf(
        input({
          bodyMarkup: '| Nama | Ṣāliḥ ʿAbd al-Qādir |\n| Ayah | Nguyễn Văn Thưởng |\n| Ibu | Zoë Ødegård-Łukasiewicz |\n| Wali | محمد علي |',
          signature: { title: 'Pembakal', name: 'Ḥājjah Ṣiti Nur’Aini', mode: 'hand' },
        }),
      ),
    ).normalize('NFC')
    for (const name of ['Ṣāliḥ ʿAbd al-Qādir', 'Nguyễn Văn Thưởng', 'Zoë Ødegård-Łukasiewicz', 'Ḥājjah Ṣiti Nur’Aini']) {
      expect(text).toContain(name)
    }
    // Arabic script falls back to DejaVu Sans: its letters are present (shaped, so compare loosely).
    expect(text).toMatch(/[\u0600-\u06FF\uFE70-\uFEFF]/)
    // Extracted text proves the characters are there; the fonts must also hold their glyphs
    // (a missing glyph would print as an empty box yet still extract).
    const require = createRequire(import.meta.url)
    const fonts = dirname(require.resolve('dejavu-fonts-ttf/package.json'))
    // fontkit is what pdfkit draws with; load the very copy pdfkit uses.
    const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as { create(b: Buffer): { glyphsForString(s: string): Array<{ id: number }> } }
    const missing = (file: string, s: string) =>
      fontkit.create(readFileSync(join(fonts, 'ttf', file)))
        .glyphsForString(s.replace(/\s/g, ''))
        .filter((g) => g.id === 0).length
    for (const file of ['DejaVuSerif.ttf', 'DejaVuSerif-Bold.ttf']) {
      expect(missing(file, 'Ṣāliḥ ʿAbd al-Qādir Nguyễn Văn Thưởng Zoë Ødegård-Łukasiewicz Ḥājjah Ṣiti Nur’Aini')).toBe(0)
    }
    expect(missing('DejaVuSans.ttf', 'محمد علي')).toBe(0)
  })

  it('prints HTML and script in the markup as text, never interpreting it', async () => {
    const text = pdfText(await renderLetterPdf(input({ bodyMarkup: 'Keperluan: <script>alert("x")</script> <img src="http://127.0.0.1:1/x.png">' })))
    expect(text).toContain('<script>alert("x")</script>')
    expect(text).toContain('<img src="http://127.0.0.1:1/x.png">')
  })

  it('marks an electronic signature and leaves room for a wet one otherwise', async () => {
    const electronic = pdfText(await renderLetterPdf(input()))
    expect(electronic).toContain('Ditandatangani secara elektronik')
    const hand = pdfText(await renderLetterPdf(input({ signature: { onBehalf: 'a.n. Pembakal Banua Jingah', title: 'Sekretaris Desa', name: 'Rahmah', nip: '197001012000032001', mode: 'hand' } })))
    expect(hand).not.toContain('Ditandatangani secara elektronik')
    expect(hand).toContain('a.n. Pembakal Banua Jingah')
    expect(hand).toContain('NIP. 197001012000032001')
  })

  it('embeds the QR code and the logo as images', async () => {
    const logoPng = await QRCode.toBuffer('logo', { type: 'png', width: 64 })
    const bytes = await renderLetterPdf(input({ letterhead: { ...input().letterhead, logoPng } }))
    const file = join(dir, 'images.pdf')
    writeFileSync(file, bytes)
    const list = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
    // The QR is vector art; the logo is the one raster image.
    const rows = list.trim().split('\n').slice(2).map((l) => l.trim().split(/\s+/))
    expect(rows.filter((r) => r[2] === 'image').map((r) => [r[3], r[4]])).toEqual([['64', '64']])
    const withoutLogo = await renderLetterPdf(input())
    expect(Buffer.from(withoutLogo).includes('/XObject')).toBe(false)
  })

  it('gives identical bytes for identical input and creation time', async () => {
    const a = await renderLetterPdf(input())
    const b = await renderLetterPdf(input())
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true)
  })

  it('flows a long body onto more pages, numbered, keeping the signature block whole', async () => {
    const para = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore. '.repeat(12)
    const bytes = await renderLetterPdf(input({ bodyMarkup: Array.from({ length: 12 }, () => para).join('\n\n') }))
    const pages = (await pageSizes(bytes)).length
    expect(pages).toBeGreaterThan(1)
    const text = pdfText(bytes)
    expect(text).toContain(`Halaman ${pages} dari ${pages}`)
    const last = text.split('\f').filter((p) => p.trim()).at(-1)!
    expect(last).toContain('H. Ahmad Rizani')
    expect(last).toContain('Banua Jingah, 4 Desember 2026')
  })

  it('denies documents any local file or URL access', async () => {
    const pm = getPdfmake()
    await expect(pm.createPdf({ content: [{ image: '/etc/hostname' }] }).getBuffer()).rejects.toThrow(/Access to local file denied/)
    let requests = 0
    const server = createServer((_req, res) => {
      requests++
      res.writeHead(404).end()
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/logo.png`
    try {
      await expect(pm.createPdf({ images: { logo: url }, content: [{ image: 'logo' }] }).getBuffer()).rejects.toThrow(/Access to URL denied/)
      expect(requests).toBe(0)
    } finally {
      await new Promise<void>((r) => server.close(() => r()))
    }
  })
})
