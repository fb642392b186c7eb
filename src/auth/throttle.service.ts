import type { Executor } from '../db/database.ts'
import { AppError } from '../lib/errors.ts'
import { countEvent, isLockedState, type ThrottleRule } from './throttle.ts'
import { deleteThrottle, findThrottle, saveThrottle } from './throttle.repository.ts'

/** Throws LOCKED when any of the keys is locked now. */
export async function assertNotLocked(db: Executor, keys: string[], now = Date.now()): Promise<void> {
  for (const key of keys) {
    if (isLockedState(await findThrottle(db, key), now)) throw new AppError('LOCKED')
  }
}

/** Counts a failure against each key; returns true when any key is now locked. */
export async function recordFailure(
  db: Executor,
  entries: { key: string; rule: ThrottleRule }[],
  now = Date.now(),
): Promise<boolean> {
  let locked = false
  for (const { key, rule } of entries) {
    const next = countEvent(await findThrottle(db, key), rule, now)
    await saveThrottle(db, key, next)
    locked ||= next.lockedUntil !== null
  }

  return locked
}

export async function clearFailures(db: Executor, keys: string[]): Promise<void> {
  for (const key of keys) await deleteThrottle(db, key)
}

/**
 * A rate limit: counts this event and throws RATE_LIMITED once the key is over its rule.
 * Used for public forms (complaints, verification look-ups) keyed by client address.
 */
export async function consumeRate(db: Executor, key: string, rule: ThrottleRule, now = Date.now()): Promise<void> {
  const state = await findThrottle(db, key)
  if (isLockedState(state, now)) throw new AppError('RATE_LIMITED')
  await saveThrottle(db, key, countEvent(state, rule, now))
}
