import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import pdfmake from 'pdfmake'

/**
 * The one configured pdfmake of Balai. pdfmake keeps fonts and access policies on a module-wide
 * instance, so every PDF producer goes through here: fonts come from the dejavu-fonts-ttf package
 * (full Latin/Vietnamese/Cyrillic/Greek coverage, so names like "Ṣāliḥ" or "Nguyễn" print), and
 * documents may read neither URLs nor local files — a template can never make the server fetch
 * or leak anything.
 */

interface PdfmakeServer {
  virtualfs: { writeFileSync(name: string, content: Buffer): void }
  setUrlAccessPolicy(cb: (url: string) => boolean): void
  setLocalAccessPolicy(cb: (path: string) => boolean): void
  addFonts(fonts: Record<string, Record<string, string>>): void
  createPdf: typeof pdfmake.createPdf
}

export const SERIF = 'BalaiSerif'
export const SANS = 'BalaiSans'

let ready: PdfmakeServer | undefined
let boldSerif: { unitsPerEm: number; layout(text: string): { advanceWidth: number } } | undefined

/**
 * Width in points of a line set in bold DejaVu Serif, measured with the fontkit that pdfkit
 * draws with, so letterhead lines can be sized to fit on one line.
 */
export function boldSerifWidth(text: string, size: number): number {
  if (!boldSerif) {
    const require = createRequire(import.meta.url)
    const fontkitPath = createRequire(createRequire(require.resolve('pdfmake')).resolve('pdfkit')).resolve('fontkit')
    const fontkit = require(fontkitPath) as { create(b: Buffer): NonNullable<typeof boldSerif> }
    const ttf = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf', 'DejaVuSerif-Bold.ttf')
    boldSerif = fontkit.create(readFileSync(ttf))
  }

  return (boldSerif.layout(text).advanceWidth / boldSerif.unitsPerEm) * size
}

export function getPdfmake(): PdfmakeServer {
  if (ready) return ready
  const pm = pdfmake as unknown as PdfmakeServer
  const require = createRequire(import.meta.url)
  const ttf = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf')
  const files: Record<string, string> = {
    'DejaVuSerif.ttf': 'serif-normal',
    'DejaVuSerif-Bold.ttf': 'serif-bold',
    'DejaVuSerif-Italic.ttf': 'serif-italics',
    'DejaVuSerif-BoldItalic.ttf': 'serif-bolditalics',
    'DejaVuSans.ttf': 'sans-normal',
    'DejaVuSans-Bold.ttf': 'sans-bold',
    'DejaVuSans-Oblique.ttf': 'sans-italics',
    'DejaVuSans-BoldOblique.ttf': 'sans-bolditalics',
  }
  // Fonts live in pdfmake's in-memory file system, so the local-file policy can deny everything.
  for (const [file, name] of Object.entries(files)) pm.virtualfs.writeFileSync(`balai/${name}.ttf`, readFileSync(join(ttf, file)))
  const family = (prefix: string) => ({
    normal: `balai/${prefix}-normal.ttf`,
    bold: `balai/${prefix}-bold.ttf`,
    italics: `balai/${prefix}-italics.ttf`,
    bolditalics: `balai/${prefix}-bolditalics.ttf`,
  })
  pm.addFonts({ [SERIF]: family('serif'), [SANS]: family('sans') })
  shareParsedFonts(require)
  pm.setUrlAccessPolicy(() => false)
  pm.setLocalAccessPolicy(() => false)
  ready = pm

  return pm
}

interface EmbeddedFontLike {
  constructor: new (doc: unknown, font: unknown, id: string) => EmbeddedFontLike
  font: unknown
}
interface PdfmakeDocument {
  fontCache: Record<string, Record<string, EmbeddedFontLike>>
  _fontFamilies: Record<string, EmbeddedFontLike>
  _fontCount: number
  getFontType(bold: boolean, italics: boolean): string
  provideFont(family: string, bold: boolean, italics: boolean): EmbeddedFontLike
}

/**
 * pdfkit parses every embedded TTF anew for each document; for DejaVu that parse (mostly the
 * OpenType layout tables) costs ~15 ms per face, most of the time of a one-page letter. The
 * parsed fontkit font is only read by pdfkit — each document still builds its own subset in its
 * own EmbeddedFont — so for Balai's families the parse is done once and shared. Tested against
 * pdfmake 0.3.11 / pdfkit 0.19 (letter-pdf.test.ts checks output stays identical).
 */
function shareParsedFonts(require: NodeJS.Require): void {
  const pdfmakeRequire = createRequire(require.resolve('pdfmake'))
  const PDFDocument = (pdfmakeRequire('./PDFDocument.js') as { default: { prototype: PdfmakeDocument } }).default
  const proto = PDFDocument.prototype
  const original = proto.provideFont
  const shared = new Map<string, { Ctor: EmbeddedFontLike['constructor']; font: unknown }>()
  const families = new Set([SERIF, SANS])
  proto.provideFont = function (this: PdfmakeDocument, family: string, bold: boolean, italics: boolean) {
    if (!families.has(family)) return original.call(this, family, bold, italics)
    const type = this.getFontType(bold, italics)
    const cache = (this.fontCache[family] ??= {})
    if (cache[type]) return cache[type]
    const key = `${family}:${type}`
    const parsed = shared.get(key)
    if (!parsed) {
      const made = original.call(this, family, bold, italics)
      shared.set(key, { Ctor: made.constructor, font: made.font })

      return made
    }
    const made = new parsed.Ctor(this, parsed.font, `F${++this._fontCount}`)
    // Registered like pdfkit's own font(): end() embeds every font listed here.
    this._fontFamilies[key] = made
    cache[type] = made

    return made
  }
}
