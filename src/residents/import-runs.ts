import { newToken } from '../lib/ids.ts'
import type { ImportPhase, ImportReport } from './import.service.ts'

/**
 * Imports started from the staff UI run in the background of this process, so the page can
 * show progress (it refreshes itself, no script). The register change itself is one
 * transaction: if the process stops, nothing of the import remains and staff simply start
 * again; only this progress record is lost, which is why it can live in memory.
 */
export interface ImportRun {
  id: string
  villageCode: string
  ownerId: string
  dryRun: boolean
  phase: ImportPhase
  done: number
  total: number
  report?: ImportReport
  error?: string
  startedAt: number
}

const runs = new Map<string, ImportRun>()
const KEEP_MS = 60 * 60 * 1000

export function startRun(villageCode: string, ownerId: string, dryRun: boolean, work: (progress: (phase: ImportPhase, done: number, total: number) => void) => Promise<ImportReport>, onError: (e: unknown) => string): ImportRun {
  for (const [k, r] of runs) if (Date.now() - r.startedAt > KEEP_MS) runs.delete(k)
  const run: ImportRun = { id: newToken(20), villageCode, ownerId, dryRun, phase: 'membaca', done: 0, total: 0, startedAt: Date.now() }
  runs.set(run.id, run)
  void work((phase, done, total) => {
    run.phase = phase
    run.done = done
    run.total = total
  }).then(
    (report) => {
      run.report = report
      run.phase = 'selesai'
    },
    (e) => {
      run.error = onError(e)
    },
  )

  return run
}

/** A run of this village started by this staff member; undefined otherwise (404). */
export function findRun(id: string, villageCode: string, ownerId: string): ImportRun | undefined {
  const r = runs.get(id)

  return r && r.villageCode === villageCode && r.ownerId === ownerId ? r : undefined
}
