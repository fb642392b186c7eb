import { afterAll, describe, expect, it } from 'vitest'
import { renderLetterPdf } from './letter-pdf.ts'
import { sampleLetter } from './sample-letter.ts'
import { createRenderPool, useRenderPool } from './render-pool.ts'

const input = sampleLetter({ paperSize: 'A4', signature: { title: 'Pembakal Banua Jingah', name: 'Nguyễn Ṣāliḥ', mode: 'hand' } })

describe('render pool', () => {
  const pool = createRenderPool(2)
  afterAll(async () => {
    useRenderPool(null)
    await pool.close()
  })

  it('renders on worker threads the same bytes as in-process', async () => {
    const local = await renderLetterPdf(input)
    useRenderPool(pool)
    const pooled = await Promise.all(Array.from({ length: 4 }, () => renderLetterPdf(input)))
    useRenderPool(null)
    for (const pdf of pooled) expect(Buffer.from(pdf).equals(Buffer.from(local))).toBe(true)
  })

  it('reports a bad input as an error and keeps working', async () => {
    await expect(pool.render({ ...input, paperSize: 'B5' as never })).rejects.toThrow()
    expect((await pool.render(input)).byteLength).toBeGreaterThan(1000)
  })

  it('refuses work once closed', async () => {
    const p = createRenderPool(1)
    await p.close()
    await expect(p.render(input)).rejects.toThrow('Kumpulan utas PDF sudah ditutup')
  })
})
