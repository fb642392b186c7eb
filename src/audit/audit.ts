import type { Actor, RequestMeta } from '../auth/actor.ts'

/**
 * An audit event as services describe it. `action` is a stable dotted name
 * ('village.enable', 'resident.reveal_nik', …); `data` is persisted JSON, so keep its shape
 * readable for years and never put secrets (passwords, PINs, passphrases) in it.
 */
export interface AuditInput {
  villageCode: string | null
  action: string
  entityType: string
  entityId?: string | null
  /** one Indonesian sentence for the audit trail */
  summary: string
  data?: Record<string, unknown>
}

export type AuditActor = Actor | { kind: 'system'; name: string } | { kind: 'public' }

export function actorColumns(actor: AuditActor): { actor_kind: 'staff' | 'citizen' | 'system' | 'public'; actor_id: string | null; actor_name: string } {
  switch (actor.kind) {
    case 'staff':
      return { actor_kind: 'staff', actor_id: actor.id, actor_name: actor.username }
    case 'citizen':
      return { actor_kind: 'citizen', actor_id: actor.id, actor_name: actor.name }
    case 'system':
      return { actor_kind: 'system', actor_id: null, actor_name: actor.name }
    case 'public':
      return { actor_kind: 'public', actor_id: null, actor_name: 'publik' }
  }
}


export type { RequestMeta }
