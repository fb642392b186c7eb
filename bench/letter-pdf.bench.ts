/**
 * Letter PDF rendering (src/letters/letter-pdf.ts): renders per second on one core, sequentially,
 * for a typical one-page letter on F4. Floor: the same pdfmake instance rendering a one-line page
 * with the same fonts, i.e. the fixed cost of a PDF with embedded font subsets. Then the same
 * letter through the worker-thread pool the server uses, with 1 and 2 threads kept busy.
 */
import { renderLetterPdf } from '../src/letters/letter-pdf.ts'
import { sampleLetter } from '../src/letters/sample-letter.ts'
import { SERIF, getPdfmake } from '../src/letters/pdfmake.ts'
import { createRenderPool } from '../src/letters/render-pool.ts'
import { rate } from './measure.ts'

const letter = sampleLetter()

const pm = getPdfmake()
const floor = await rate('floor: one-line pdfmake page', 5, () =>
  pm.createPdf({ content: ['Balai'], defaultStyle: { font: SERIF } }).getBuffer(),
)
const letters = await rate('renderLetterPdf, F4, electronic', 10, () => renderLetterPdf(letter))
console.log(`ratio letter / floor: ${(letters / floor).toFixed(2)}`)

for (const threads of [1, 2]) {
  const pool = createRenderPool(threads)
  await Promise.all(Array.from({ length: threads * 3 }, () => pool.render(letter))) // warm-up
  const n = 200 * threads
  const t = performance.now()
  let next = 0
  await Promise.all(Array.from({ length: threads * 2 }, async () => {
    while (next++ < n) await pool.render(letter)
  }))
  const perSec = n / ((performance.now() - t) / 1000)
  console.log(`${`render pool, ${threads} thread(s), busy`.padEnd(40)} ${perSec.toFixed(1).padStart(8)} /s   (n=${n})`)
  await pool.close()
}
