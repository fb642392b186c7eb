import type { Executor } from '../db/database.ts'
import type { AuditEventRow, AuditEventTable } from './audit.table.ts'

export async function insertAuditEvent(db: Executor, row: AuditEventTable): Promise<void> {
  await db.insertInto('audit_events').values(row).execute()
}

export interface AuditQuery {
  /** a village code, or a district/regency code: events of every village inside it */
  scope: string
  action?: string
  limit: number
  offset: number
}

/** Events inside a scope, newest first. Regency-wide events (no village) show to the regency. */
export async function listAuditEvents(db: Executor, q: AuditQuery): Promise<AuditEventRow[]> {
  let query = db.selectFrom('audit_events').selectAll()
  const isRegency = /^\d{2}\.\d{2}$/.test(q.scope)
  query = query.where((eb) =>
    isRegency
      ? eb.or([eb('village_code', 'like', `${q.scope}.%`), eb('village_code', 'is', null)])
      : eb.or([eb('village_code', '=', q.scope), eb('village_code', 'like', `${q.scope}.%`)]),
  )
  if (q.action) query = query.where('action', '=', q.action)

  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.limit).offset(q.offset).execute()
}
