import { Worker } from 'node:worker_threads'
import type { LetterPdfInput } from './letter-pdf.ts'

/**
 * Letter rendering on worker threads. A one-page letter takes ~20 ms of pure CPU; on the
 * server's main thread a burst of approvals would stall every page for that long per letter.
 * The pool moves that work off the event loop and onto the other cores.
 */
export interface RenderPool {
  render(input: LetterPdfInput): Promise<Uint8Array>
  close(): Promise<void>
  readonly threads: number
}

interface Slot {
  worker: Worker
  pending: Map<number, { resolve: (pdf: Uint8Array) => void; reject: (e: Error) => void }>
}

export function createRenderPool(threads: number): RenderPool {
  const size = Math.max(1, Math.floor(threads))
  let nextId = 1
  let closed = false
  const slots: Slot[] = []

  const spawn = (): Slot => {
    const slot: Slot = { worker: new Worker(new URL('./render.worker.mjs', import.meta.url)), pending: new Map() }
    slot.worker.on('message', (m: { id: number; pdf?: Uint8Array; error?: string }) => {
      const task = slot.pending.get(m.id)
      if (!task) return
      slot.pending.delete(m.id)
      if (m.pdf) task.resolve(m.pdf)
      else task.reject(new Error(m.error ?? 'Gagal membuat PDF'))
    })
    const fail = (e: Error) => {
      for (const t of slot.pending.values()) t.reject(e)
      slot.pending.clear()
      // A crashed thread is replaced so the pool keeps its size.
      const k = slots.indexOf(slot)
      if (k >= 0 && !closed) slots[k] = spawn()
    }
    slot.worker.on('error', fail)
    slot.worker.on('exit', (code) => {
      if (!closed) fail(new Error(`Utas pembuat PDF berhenti (kode ${code})`))
    })
    // Idle threads must not keep a CLI process alive.
    slot.worker.unref()

    return slot
  }
  for (let i = 0; i < size; i++) slots.push(spawn())

  return {
    threads: size,
    render(input) {
      if (closed) return Promise.reject(new Error('Kumpulan utas PDF sudah ditutup'))
      const slot = slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a))
      const id = nextId++

      return new Promise<Uint8Array>((resolve, reject) => {
        slot.pending.set(id, { resolve, reject })
        slot.worker.ref()
        slot.worker.postMessage({ id, input })
      }).finally(() => {
        if (slot.pending.size === 0) slot.worker.unref()
      })
    },
    async close() {
      closed = true
      await Promise.all(slots.map((s) => s.worker.terminate()))
      for (const s of slots) for (const t of s.pending.values()) t.reject(new Error('Kumpulan utas PDF ditutup'))
    },
  }
}

let active: RenderPool | null = null

/**
 * Routes renderLetterPdf through a pool (the server sets one at start; tests and CLI commands
 * render in-process). Returns the previous pool.
 */
export function useRenderPool(pool: RenderPool | null): RenderPool | null {
  const previous = active
  active = pool

  return previous
}

export const activeRenderPool = (): RenderPool | null => active
