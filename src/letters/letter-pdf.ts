import type pdfmake from 'pdfmake'
import type { Content } from 'pdfmake'
import { parseLetterMarkup, type Block, type Inline } from './letter-markup.ts'
import { SANS, SERIF, boldSerifWidth, getPdfmake } from './pdfmake.ts'
import { activeRenderPool } from './render-pool.ts'

export interface LetterPdfInput {
  paperSize: 'A4' | 'F4'
  letterhead: { lines: string[]; address: string; logoPng?: Uint8Array | null }
  /** 'SURAT KETERANGAN DOMISILI' */
  title: string
  /** '470/001/63.07.06.2014/XII/2026', printed as 'Nomor: …' */
  number: string
  /** template output in letter markup (see letter-markup.ts) */
  bodyMarkup: string
  /** 'Banua Jingah' and '4 Desember 2026' */
  place: string
  date: string
  signature: {
    /** 'a.n. Pembakal Banua Jingah' or a u.b. line, above the signer's title */
    onBehalf?: string
    title: string
    name: string
    nip?: string
    mode: 'electronic' | 'hand'
  }
  /** the public verification address, printed as a QR code with a caption */
  qr: { url: string; caption: string }
  /**
   * The PDF's creation time. Everything else is a function of the input, so the same input and
   * the same time give the same bytes (default: now).
   */
  createdAt?: Date
}

type DocDefinition = Parameters<typeof pdfmake.createPdf>[0]

const MM = 72 / 25.4
/** Page sizes in points. F4 (folio) is the 215 × 330 mm sheet Indonesian offices use. */
export const PAGE_SIZES = {
  A4: { width: 210 * MM, height: 297 * MM },
  F4: { width: 215 * MM, height: 330 * MM },
} as const
/** Left 3 cm for binding, 2 cm elsewhere (2.5 cm at the foot for the page footer). */
const MARGINS: [number, number, number, number] = [30 * MM, 20 * MM, 20 * MM, 25 * MM]

const BODY_SIZE = 11.5

/**
 * Scripts DejaVu Serif lacks but DejaVu Sans has (Arabic, Hebrew, Armenian, Georgian, N'Ko, …):
 * such a run switches to the sans face so it prints as letters rather than empty boxes.
 */
const SANS_ONLY = /[\u0530-\u08FF\u10A0-\u10FF\u2D00-\u2D2F\uFB13-\uFDFF\uFE70-\uFEFF]+/g

function inline(spans: Inline): Array<{ text: string; bold?: boolean; font?: string }> {
  return spans.flatMap((s) => {
    const bold = s.bold ? { bold: true } : {}
    const parts: Array<{ text: string; bold?: boolean; font?: string }> = []
    let last = 0
    for (const m of s.text.matchAll(SANS_ONLY)) {
      if (m.index > last) parts.push({ text: s.text.slice(last, m.index), ...bold })
      parts.push({ text: m[0], font: SANS, ...bold })
      last = m.index + m[0].length
    }
    if (last < s.text.length || parts.length === 0) parts.push({ text: s.text.slice(last), ...bold })

    return parts
  })
}

function blockContent(b: Block): Content {
  switch (b.kind) {
    case 'paragraph':
      return { text: inline(b.content), alignment: 'justify', margin: [0, 0, 0, 8] }
    case 'heading':
      return { text: inline(b.content), bold: true, fontSize: BODY_SIZE + 0.5, margin: [0, 4, 0, 6] }
    case 'keyValue':
      return {
        table: {
          widths: [140, 8, '*'],
          body: b.rows.map((r) => [{ text: inline(r.label) }, { text: ':' }, { text: inline(r.value) }]),
        },
        layout: 'noBorders',
        margin: [24, 0, 0, 8],
      }
    case 'grid': {
      const header = b.header ? [b.header.map((c) => ({ text: inline(c), bold: true, fillColor: '#eeeeee' }))] : []
      const all = [...(b.header ? [b.header] : []), ...b.rows]
      const width = all[0]?.length ?? 0
      // Narrow columns (numbers, codes) take only their width; text columns share the rest.
      const narrow = (k: number) => all.every((r) => r[k].reduce((n, sp) => n + sp.text.length, 0) <= 4)

      return {
        table: {
          headerRows: header.length,
          widths: Array.from({ length: width }, (_, k) => (narrow(k) ? 'auto' : '*')),
          body: [...header, ...b.rows.map((r) => r.map((c) => ({ text: inline(c) })))],
        },
        fontSize: BODY_SIZE - 1,
        margin: [0, 0, 0, 8],
      }
    }
    case 'numbered':
      return { ol: b.items.map((it) => ({ text: inline(it), alignment: 'justify' })), start: b.start, margin: [12, 0, 0, 8] }
    case 'bullets':
      return { ul: b.items.map((it) => ({ text: inline(it), alignment: 'justify' })), margin: [12, 0, 0, 8] }
  }
}

function letterhead(input: LetterPdfInput, contentWidth: number): Content[] {
  const lines = input.letterhead.lines.filter((l) => l.trim() !== '')
  const logo = input.letterhead.logoPng
  const side = 58
  const available = contentWidth - 2 * (side + 6)
  // Lines shrink (never below 9 pt) to stay on one line. The upper lines (regency, district)
  // share one size; the last line names the village and is the largest, as on printed kop surat.
  const fit = (line: string, preferred: number) => Math.max(9, Math.min(preferred, Math.floor((preferred * available * 4) / Math.max(1, boldSerifWidth(line, preferred))) / 4))
  const upper = Math.min(12.5, ...lines.slice(0, -1).map((l) => fit(l, 12.5)))
  const centred: Content[] = lines.map((line, k) => ({
    text: line,
    bold: true,
    alignment: 'center',
    fontSize: k === lines.length - 1 ? fit(line, 16) : upper,
  }))
  if (input.letterhead.address.trim()) {
    const address = input.letterhead.address
    const fontSize = Math.max(7, Math.min(9, available / (address.length * 0.55)))
    centred.push({ text: address, italics: true, fontSize: Math.round(fontSize * 4) / 4, alignment: 'center', margin: [0, 2, 0, 0] })
  }

  return [
    {
      columns: [
        logo && logo.length > 0 ? { image: 'logo', fit: [side, side], width: side } : { text: '', width: side },
        { stack: centred, width: '*' },
        // Same width on the right keeps the lines centred on the page, logo or not.
        { text: '', width: side },
      ],
      columnGap: 6,
    },
    {
      canvas: [
        { type: 'line', x1: 0, y1: 5, x2: contentWidth, y2: 5, lineWidth: 2.2 },
        { type: 'line', x1: 0, y1: 8.5, x2: contentWidth, y2: 8.5, lineWidth: 0.7 },
      ],
      margin: [0, 0, 0, 14],
    },
  ]
}

function signatureBlock(input: LetterPdfInput): Content {
  const s = input.signature
  const right: Content[] = [{ text: `${input.place}, ${input.date}` }]
  if (s.onBehalf?.trim()) right.push({ text: s.onBehalf })
  right.push({ text: s.title, margin: [0, 0, 0, 0] })
  if (s.mode === 'electronic') {
    right.push({ text: 'Ditandatangani secara elektronik', italics: true, fontSize: 9, color: '#333333', margin: [0, 10, 0, 10] })
  } else {
    // Room for the wet signature and the village stamp.
    right.push({ text: '', margin: [0, 0, 0, 64] })
  }
  right.push({ text: s.name, bold: true, decoration: 'underline' })
  if (s.nip?.trim()) right.push({ text: `NIP. ${s.nip}` })

  return {
    unbreakable: true,
    margin: [0, 16, 0, 0],
    columns: [
      {
        width: '45%',
        stack: [
          { qr: input.qr.url, fit: 92, eccLevel: 'M', margin: [0, 4, 0, 4] },
          { text: input.qr.caption, fontSize: 7.5, font: SANS, color: '#333333' },
        ],
      },
      { width: '*', stack: right, alignment: 'center' },
    ],
  }
}

/**
 * Renders an issued letter as a PDF: letterhead, title and number, body, signature block, QR.
 * On a worker thread when the server has set a render pool (render-pool.ts), else in-process.
 */
export async function renderLetterPdf(input: LetterPdfInput): Promise<Uint8Array> {
  const pool = activeRenderPool()

  return pool ? pool.render(input) : renderInProcess(input)
}

async function renderInProcess(input: LetterPdfInput): Promise<Uint8Array> {
  const pdf = getPdfmake()
  const page = PAGE_SIZES[input.paperSize]
  const contentWidth = page.width - MARGINS[0] - MARGINS[2]
  const electronic = input.signature.mode === 'electronic'
  const logo = input.letterhead.logoPng
  const createdAt = input.createdAt ?? new Date()

  const doc: DocDefinition = {
    pageSize: { width: page.width, height: page.height },
    pageMargins: MARGINS,
    info: {
      title: `${input.title} ${input.number}`,
      subject: input.title,
      creator: 'Balai',
      producer: 'Balai',
      creationDate: createdAt,
      modDate: createdAt,
    },
    defaultStyle: { font: SERIF, fontSize: BODY_SIZE, lineHeight: 1.2 },
    images: logo && logo.length > 0 ? { logo: `data:image/png;base64,${Buffer.from(logo).toString('base64')}` } : {},
    footer: (current: number, total: number) => {
      const parts: Content[] = []
      if (electronic) {
        parts.push({
          text: 'Dokumen ini ditandatangani secara elektronik. Keaslian dan keabsahannya dapat diperiksa dengan memindai kode QR atau membuka alamat verifikasi yang tertera.',
          fontSize: 7,
          font: SANS,
          color: '#444444',
          alignment: 'center',
        })
      }
      if (total > 1) parts.push({ text: `Halaman ${current} dari ${total}`, fontSize: 8, font: SANS, alignment: 'right' })

      return { stack: parts, margin: [MARGINS[0], 8, MARGINS[2], 0] }
    },
    content: [
      ...letterhead(input, contentWidth),
      { text: input.title, bold: true, decoration: 'underline', alignment: 'center', fontSize: 13 },
      { text: `Nomor: ${input.number}`, alignment: 'center', margin: [0, 2, 0, 16] },
      ...parseLetterMarkup(input.bodyMarkup).map(blockContent),
      signatureBlock(input),
    ],
  }

  const buffer = await pdf.createPdf(doc).getBuffer()

  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
}
