import type { Deps } from '../deps.ts'
import { witaParts } from '../lib/time.ts'
import { listIssueDurations } from './services.repository.ts'

export interface LetterFigures {
  issued: number
  /** median hours from submission to the issued letter; null when nothing was issued */
  medianHours: number | null
}

/** The current calendar month in WITA as a UTC [from, to) range. */
export function currentMonthWita(now = new Date()): { from: string; to: string } {
  const { year, month } = witaParts(now)
  const start = (y: number, m: number) => new Date(`${y}-${String(m).padStart(2, '0')}-01T00:00:00+08:00`).toISOString()

  return { from: start(year, month), to: month === 12 ? start(year + 1, 1) : start(year, month + 1) }
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null
  const s = [...values].sort((a, b) => a - b)
  const mid = s.length >> 1

  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}

/** Public figures of a scope (regency front page, dashboards): aggregates only, no personal data. */
export async function letterFigures(deps: Deps, scope: string, range = currentMonthWita()): Promise<LetterFigures> {
  const rows = await listIssueDurations(deps.db, scope, range.from, range.to)
  const hours = rows.map((r) => (Date.parse(r.issued_at) - Date.parse(r.submitted_at)) / 3600_000)

  return { issued: rows.length, medianHours: median(hours) }
}
