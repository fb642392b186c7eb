import type { Deps } from '../deps.ts'
import type { Actor, RequestMeta } from '../auth/actor.ts'
import { authorizeVillage } from '../auth/policy.ts'
import { recordAudit } from '../audit/audit.service.ts'
import type { AuditActor } from '../audit/audit.ts'
import { notFound } from '../lib/errors.ts'
import { findVillage } from '../tenancy/village.repository.ts'
import { rowCells } from './columns.ts'
import { applyPlan, planRows, type RowError } from './register.ts'
import { readImportFile, writeXlsx } from './spreadsheet.ts'
import { statusToCode } from './resident.ts'

/** The report of an import (and the exact `--json` shape of the CLI). */
export interface ImportReport {
  rows: number
  created: number
  updated: number
  failed: number
  duplicates: number
  errors: RowError[]
}

export type ImportPhase = 'membaca' | 'memeriksa' | 'menyimpan' | 'selesai'
export type ImportProgress = (phase: ImportPhase, done: number, total: number) => void

type ImportActor = Actor | null | { kind: 'system'; name: string }

/**
 * Imports an OpenSID spreadsheet (XLSX or CSV). A dry run reports what would happen row by
 * row; a commit writes every valid row in one transaction (so an interrupted import leaves the
 * register as it was) and reports every refused row.
 * @throws INVALID_INPUT for a file that is not a readable spreadsheet in the import format
 */
export async function importResidents(
  deps: Deps, actor: ImportActor, meta: RequestMeta, villageCode: string, bytes: Uint8Array,
  opts: { dryRun: boolean; onProgress?: ImportProgress },
): Promise<ImportReport> {
  const who = actor?.kind === 'system' ? actor : authorizeVillage(actor as Actor | null, villageCode, 'resident.import')
  if (!(await findVillage(deps.db, villageCode))) throw notFound()
  opts.onProgress?.('membaca', 0, 1)
  const sheet = await readImportFile(bytes)
  opts.onProgress?.('memeriksa', 0, sheet.rows.length)
  const report = (plan: Awaited<ReturnType<typeof planRows>>): ImportReport => ({
    rows: plan.rows, created: plan.creates.length, updated: plan.updates.length, failed: plan.failedRows, duplicates: plan.duplicates, errors: plan.errors,
  })
  if (opts.dryRun) {
    const plan = await planRows(deps.db, villageCode, sheet.rows, { allowUpdate: true })
    opts.onProgress?.('selesai', plan.rows, plan.rows)

    return report(plan)
  }
  const actorName = who.kind === 'staff' ? who.username : who.name
  const result = await deps.db.transaction().execute(async (trx) => {
    const plan = await planRows(trx, villageCode, sheet.rows, { allowUpdate: true })
    await applyPlan(trx, villageCode, plan, {
      actorName, eventSummary: `Impor data penduduk (${sheet.format.toUpperCase()})`, bulk: true,
      onProgress: (d, t) => opts.onProgress?.('menyimpan', d, t),
    })
    const r = report(plan)
    await recordAudit(trx, who as AuditActor, meta, {
      villageCode, action: 'resident.import', entityType: 'resident', entityId: null,
      summary: `Impor data penduduk: ${r.created} baru, ${r.updated} diperbarui, ${r.failed + r.duplicates} ditolak dari ${r.rows} baris`,
      data: { format: sheet.format, rows: r.rows, created: r.created, updated: r.updated, failed: r.failed, duplicates: r.duplicates },
    })

    return r
  })
  opts.onProgress?.('selesai', result.rows, result.rows)

  return result
}

/** The village's register as rows of the import format (head first within each family). */
export async function exportRows(deps: Deps, villageCode: string): Promise<Record<string, string>[]> {
  const rows = await deps.db
    .selectFrom('residents as r')
    .selectAll('r')
    .where('r.village_code', '=', villageCode)
    .orderBy('r.kk_number')
    .orderBy('r.shdk_code')
    .orderBy('r.birth_date')
    .execute()

  return rows.map((r) => rowCells(r, null, statusToCode(r.status)))
}

/** Exporting is a disclosure of personal data: it is audited. */
export async function exportResidentsXlsx(deps: Deps, actor: ImportActor, meta: RequestMeta, villageCode: string): Promise<Uint8Array> {
  const who = actor?.kind === 'system' ? actor : authorizeVillage(actor as Actor | null, villageCode, 'resident.import')
  const rows = await exportRows(deps, villageCode)
  const bytes = await writeXlsx(rows)
  await deps.db.transaction().execute(async (trx) => {
    await recordAudit(trx, who as AuditActor, meta, {
      villageCode, action: 'resident.export', entityType: 'resident', entityId: null, summary: `Ekspor data penduduk (${rows.length} orang) ke XLSX`, data: { rows: rows.length },
    })
  })

  return bytes
}
