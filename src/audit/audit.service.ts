import type { Executor } from '../db/database.ts'
import type { Deps } from '../deps.ts'
import type { Actor } from '../auth/actor.ts'
import { authorizeScope } from '../auth/policy.ts'
import { newId } from '../lib/ids.ts'
import { nowIso } from '../lib/time.ts'
import { actorColumns, type AuditActor, type AuditInput, type RequestMeta } from './audit.ts'
import { insertAuditEvent, listAuditEvents, type AuditQuery } from './audit.repository.ts'
import type { AuditEventRow } from './audit.table.ts'

/**
 * Records an audit event. Call it with the same transaction as the change it describes, so the
 * event and the change commit or roll back together.
 */
export async function recordAudit(
  trx: Executor,
  actor: AuditActor,
  meta: RequestMeta,
  event: AuditInput,
): Promise<void> {
  await insertAuditEvent(trx, {
    id: newId(),
    village_code: event.villageCode,
    ...actorColumns(actor),
    action: event.action,
    entity_type: event.entityType,
    entity_id: event.entityId ?? null,
    summary: event.summary,
    data: JSON.stringify(event.data ?? {}),
    ip: meta.ip,
    user_agent: meta.userAgent.slice(0, 300),
    created_at: nowIso(),
  })
}

/** The audit trail of a scope, for regency and village admins of that scope. */
export async function readAuditTrail(deps: Deps, actor: Actor | null, q: AuditQuery): Promise<AuditEventRow[]> {
  authorizeScope(actor, q.scope, 'audit.read')

  return listAuditEvents(deps.db, q)
}
