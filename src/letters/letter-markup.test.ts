import { describe, expect, it } from 'vitest'
import { markupToPlainText, parseInline, parseLetterMarkup } from './letter-markup.ts'

describe('letter markup', () => {
  it('splits blocks on blank lines and joins paragraph lines', () => {
    const blocks = parseLetterMarkup('Yang bertanda tangan\ndi bawah ini:\n\nDemikian.')
    expect(blocks).toEqual([
      { kind: 'paragraph', content: [{ text: 'Yang bertanda tangan di bawah ini:', bold: false }] },
      { kind: 'paragraph', content: [{ text: 'Demikian.', bold: false }] },
    ])
  })

  it('reads a key–value table, also right after a paragraph line', () => {
    const blocks = parseLetterMarkup('menerangkan bahwa:\n| Nama | **Siti** |\n| NIK | 630706xxxxxxxxxx |')
    expect(blocks[0]).toEqual({ kind: 'paragraph', content: [{ text: 'menerangkan bahwa:', bold: false }] })
    expect(blocks[1]).toEqual({
      kind: 'keyValue',
      rows: [
        { label: [{ text: 'Nama', bold: false }], value: [{ text: 'Siti', bold: true }] },
        { label: [{ text: 'NIK', bold: false }], value: [{ text: '630706xxxxxxxxxx', bold: false }] },
      ],
    })
  })

  it('reads a grid with a header row and pads short rows', () => {
    const [b] = parseLetterMarkup('| No | Nama | Hubungan |\n|---|---|---|\n| 1 | Siti | Istri |\n| 2 | Amat |')
    expect(b.kind).toBe('grid')
    if (b.kind !== 'grid') return
    expect(b.header?.map((c) => c[0].text)).toEqual(['No', 'Nama', 'Hubungan'])
    expect(b.rows).toHaveLength(2)
    expect(b.rows[1][2]).toEqual([])
  })

  it('reads numbered and bullet lists with continuation lines', () => {
    const blocks = parseLetterMarkup('3. satu\n   lanjutan\n4. dua\n\n- a\n- **b**')
    expect(blocks[0]).toEqual({
      kind: 'numbered',
      start: 3,
      items: [[{ text: 'satu lanjutan', bold: false }], [{ text: 'dua', bold: false }]],
    })
    expect(blocks[1]).toEqual({ kind: 'bullets', items: [[{ text: 'a', bold: false }], [{ text: 'b', bold: true }]] })
  })

  it('reads headings', () => {
    expect(parseLetterMarkup('## Keperluan')).toEqual([{ kind: 'heading', content: [{ text: 'Keperluan', bold: false }] }])
  })

  it('keeps HTML and unmatched markers as plain text', () => {
    const text = markupToPlainText(parseLetterMarkup('<script>alert(1)</script> <b>x</b> 2 ** 3'))
    expect(text).toBe('<script>alert(1)</script> <b>x</b> 2 ** 3')
    expect(parseInline('a **b** c **d')).toEqual([
      { text: 'a ', bold: false },
      { text: 'b', bold: true },
      { text: ' c **d', bold: false },
    ])
  })

  it('treats Windows line endings and empty input sensibly', () => {
    expect(parseLetterMarkup('a\r\n\r\nb')).toHaveLength(2)
    expect(parseLetterMarkup('')).toEqual([])
    expect(parseLetterMarkup('\n\n  \n')).toEqual([])
  })
})
