import type { Executor } from '../db/database.ts'
import type { ThrottleState } from './throttle.ts'

export async function findThrottle(db: Executor, key: string): Promise<ThrottleState | undefined> {
  const row = await db.selectFrom('throttles').selectAll().where('key', '=', key).executeTakeFirst()
  if (!row) return undefined

  return {
    count: Number(row.count),
    windowStart: Date.parse(row.window_start),
    lockedUntil: row.locked_until ? Date.parse(row.locked_until) : null,
  }
}

export async function saveThrottle(db: Executor, key: string, s: ThrottleState): Promise<void> {
  const values = {
    count: s.count,
    window_start: new Date(s.windowStart).toISOString(),
    locked_until: s.lockedUntil === null ? null : new Date(s.lockedUntil).toISOString(),
  }
  await db
    .insertInto('throttles')
    .values({ key, ...values })
    .onConflict((oc) => oc.column('key').doUpdateSet(values))
    .execute()
}

export async function deleteThrottle(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('throttles').where('key', '=', key).execute()
}
