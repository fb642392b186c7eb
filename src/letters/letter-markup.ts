/**
 * The letter markup that templates produce and the PDF renderer draws. Deliberately tiny and
 * not HTML: nothing in it can fetch, execute or style beyond what a letter needs, and any other
 * text — including `<script>` — is printed as written.
 *
 * Blocks are separated by blank lines. Inside a block, consecutive lines of one kind form:
 *   `| Label | value |` lines        a key–value table (two cells) or a grid (three or more
 *                                    cells; a `|---|---|` line under the first row makes it a
 *                                    header)
 *   `1. …` lines                     a numbered list (numbering starts at the first number)
 *   `- …` lines                      a bullet list
 *   `## …`                           a heading
 *   anything else                    a justified paragraph; its lines are joined by spaces
 * An indented line continues the list item above it. `**bold**` works everywhere.
 */

export interface Span {
  text: string
  bold: boolean
}
export type Inline = Span[]

export type Block =
  | { kind: 'paragraph'; content: Inline }
  | { kind: 'heading'; content: Inline }
  | { kind: 'keyValue'; rows: Array<{ label: Inline; value: Inline }> }
  | { kind: 'grid'; header: Inline[] | null; rows: Inline[][] }
  | { kind: 'numbered'; start: number; items: Inline[] }
  | { kind: 'bullets'; items: Inline[] }

type LineKind = 'table' | 'separator' | 'numbered' | 'bullet' | 'heading' | 'continuation' | 'text'

const TABLE_LINE = /^\|(.*)\|$/
const SEPARATOR_LINE = /^\|(\s*:?-{3,}:?\s*\|)+$/
const NUMBERED_LINE = /^(\d{1,3})[.)]\s+(.*)$/
const BULLET_LINE = /^[-•]\s+(.*)$/
const HEADING_LINE = /^#{1,3}\s+(.*)$/

function kindOf(raw: string): LineKind {
  const line = raw.trim()
  if (SEPARATOR_LINE.test(line)) return 'separator'
  if (TABLE_LINE.test(line) && line.length > 2) return 'table'
  if (NUMBERED_LINE.test(line)) return 'numbered'
  if (BULLET_LINE.test(line)) return 'bullet'
  if (HEADING_LINE.test(line)) return 'heading'
  if (/^\s+\S/.test(raw)) return 'continuation'

  return 'text'
}

/** `**bold**` spans; an unmatched `**` stays as written. */
export function parseInline(text: string): Inline {
  const spans: Inline = []
  const re = /\*\*(.+?)\*\*/g
  let last = 0
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) spans.push({ text: text.slice(last, m.index), bold: false })
    spans.push({ text: m[1], bold: true })
    last = m.index + m[0].length
  }
  if (last < text.length) spans.push({ text: text.slice(last), bold: false })

  return mergeSpans(spans)
}

function mergeSpans(spans: Inline): Inline {
  const out: Inline = []
  for (const s of spans) {
    const prev = out.at(-1)
    if (prev && prev.bold === s.bold) prev.text += s.text
    else if (s.text) out.push({ ...s })
  }

  return out
}

function cells(line: string): string[] {
  const inner = TABLE_LINE.exec(line.trim())![1]

  return inner.split('|').map((c) => c.trim())
}

/** Parses letter markup into blocks. Never throws: any text is some block. */
export function parseLetterMarkup(markup: string): Block[] {
  const blocks: Block[] = []
  const chunks = markup.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/)
  for (const chunk of chunks) {
    const lines = chunk.split('\n').filter((l) => l.trim() !== '')
    let i = 0
    while (i < lines.length) {
      const kind = kindOf(lines[i])
      // A run: this line and the following lines that belong to the same block.
      let j = i + 1
      const joins = (k: LineKind): boolean => {
        if (kind === 'table') return k === 'table' || k === 'separator'
        if (kind === 'numbered') return k === 'numbered' || k === 'continuation'
        if (kind === 'bullet') return k === 'bullet' || k === 'continuation'
        if (kind === 'heading') return false

        return k === 'text' || k === 'continuation' || k === 'separator'
      }
      while (j < lines.length && joins(kindOf(lines[j]))) j++
      blocks.push(toBlock(kind, lines.slice(i, j)))
      i = j
    }
  }

  return blocks
}

function toBlock(kind: LineKind, lines: string[]): Block {
  switch (kind) {
    case 'table':
      return tableBlock(lines)
    case 'numbered': {
      const items = listItems(lines, (l) => NUMBERED_LINE.exec(l)?.[2])

      return { kind: 'numbered', start: Number(NUMBERED_LINE.exec(lines[0].trim())![1]), items }
    }
    case 'bullet':
      return { kind: 'bullets', items: listItems(lines, (l) => BULLET_LINE.exec(l)?.[1]) }
    case 'heading':
      return { kind: 'heading', content: parseInline(HEADING_LINE.exec(lines[0].trim())![1]) }
    default:
      return { kind: 'paragraph', content: parseInline(lines.map((l) => l.trim()).join(' ')) }
  }
}

function listItems(lines: string[], itemText: (line: string) => string | undefined): Inline[] {
  const texts: string[] = []
  for (const raw of lines) {
    const line = raw.trim()
    const start = /^\s/.test(raw) ? undefined : itemText(line)
    if (start !== undefined || texts.length === 0) texts.push(start ?? line)
    else texts[texts.length - 1] += ` ${line}`
  }

  return texts.map(parseInline)
}

function tableBlock(lines: string[]): Block {
  const hasHeader = lines.length > 1 && SEPARATOR_LINE.test(lines[1].trim())
  const rows = lines.filter((l) => !SEPARATOR_LINE.test(l.trim())).map(cells)
  const width = Math.max(...rows.map((r) => r.length))
  if (width === 2 && !hasHeader) {
    return { kind: 'keyValue', rows: rows.map((r) => ({ label: parseInline(r[0] ?? ''), value: parseInline(r[1] ?? '') })) }
  }
  const padded = rows.map((r) => Array.from({ length: width }, (_, k) => parseInline(r[k] ?? '')))

  return hasHeader ? { kind: 'grid', header: padded[0], rows: padded.slice(1) } : { kind: 'grid', header: null, rows: padded }
}

/** Plain text of a block list (for previews, e-mails and tests). */
export function markupToPlainText(blocks: Block[]): string {
  const text = (i: Inline) => i.map((s) => s.text).join('')

  return blocks
    .map((b) => {
      switch (b.kind) {
        case 'paragraph':
        case 'heading':
          return text(b.content)
        case 'keyValue':
          return b.rows.map((r) => `${text(r.label)}: ${text(r.value)}`).join('\n')
        case 'grid':
          return [...(b.header ? [b.header] : []), ...b.rows].map((r) => r.map(text).join(' | ')).join('\n')
        case 'numbered':
          return b.items.map((it, k) => `${b.start + k}. ${text(it)}`).join('\n')
        case 'bullets':
          return b.items.map((it) => `- ${text(it)}`).join('\n')
      }
    })
    .join('\n\n')
}
