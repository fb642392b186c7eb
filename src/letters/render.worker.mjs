// Runs renderLetterPdf on a worker thread (see render-pool.ts). Plain JavaScript so that it
// starts the same under `tsx`, `node --import tsx` and Vitest: it registers tsx itself before
// loading the TypeScript.
import { parentPort } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
const { renderLetterPdf } = await import('./letter-pdf.ts')

parentPort.on('message', async ({ id, input }) => {
  try {
    const pdf = await renderLetterPdf(input)
    // Transfer, not copy: hand over a buffer that holds exactly this PDF.
    const own = pdf.byteOffset === 0 && pdf.byteLength === pdf.buffer.byteLength ? pdf : pdf.slice()
    parentPort.postMessage({ id, pdf: own }, [own.buffer])
  } catch (e) {
    parentPort.postMessage({ id, error: e instanceof Error ? e.message : String(e) })
  }
})
