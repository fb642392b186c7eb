import { createHash } from 'node:crypto'
import type { Executor } from '../db/database.ts'
import { newSecret } from '../lib/ids.ts'
import { nowIso } from '../lib/time.ts'
import type { SessionRow } from './auth.table.ts'
import type { RequestMeta } from './actor.ts'
import { deleteSession, findSession, insertSession } from './session.repository.ts'

const WEB_TTL_MS = 12 * 3600_000
const API_TTL_MS = 30 * 24 * 3600_000

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex')

/** Starts a session; returns the secret for the cookie or bearer token (shown once). */
export async function startSession(
  db: Executor,
  opts: { kind: 'staff' | 'citizen'; subjectId: string; villageCode: string | null; via: 'web' | 'api'; meta: RequestMeta },
): Promise<{ token: string; expiresAt: string }> {
  const token = newSecret()
  const now = Date.now()
  const expiresAt = new Date(now + (opts.via === 'api' ? API_TTL_MS : WEB_TTL_MS)).toISOString()
  await insertSession(db, {
    id: hashToken(token),
    kind: opts.kind,
    subject_id: opts.subjectId,
    village_code: opts.villageCode,
    via: opts.via,
    ip: opts.meta.ip,
    user_agent: opts.meta.userAgent.slice(0, 300),
    created_at: new Date(now).toISOString(),
    expires_at: expiresAt,
  })

  return { token, expiresAt }
}

export async function resolveSession(db: Executor, token: string): Promise<SessionRow | undefined> {
  if (!token || token.length > 200) return undefined

  return findSession(db, hashToken(token), nowIso())
}

export async function endSession(db: Executor, token: string): Promise<void> {
  await deleteSession(db, hashToken(token))
}
