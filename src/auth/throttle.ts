/**
 * Counting failures (or requests) per key inside a window, and locking the key once the
 * count reaches the limit. Pure: the repository stores the state, this decides.
 */
export interface ThrottleRule {
  /** how many events are allowed in a window */
  max: number
  windowMs: number
  /** how long the key stays locked once the limit is reached */
  lockMs: number
}

export interface ThrottleState {
  count: number
  windowStart: number
  lockedUntil: number | null
}

export const STAFF_LOGIN_PER_ACCOUNT: ThrottleRule = { max: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 }
export const LOGIN_PER_ADDRESS: ThrottleRule = { max: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 }

export function isLockedState(state: ThrottleState | undefined, now: number): boolean {
  return state?.lockedUntil != null && state.lockedUntil > now
}

/** The state after one more event. */
export function countEvent(state: ThrottleState | undefined, rule: ThrottleRule, now: number): ThrottleState {
  const fresh = !state || now - state.windowStart >= rule.windowMs || (state.lockedUntil !== null && state.lockedUntil <= now)
  const count = fresh ? 1 : state.count + 1
  const windowStart = fresh ? now : state.windowStart

  return { count, windowStart, lockedUntil: count >= rule.max ? now + rule.lockMs : null }
}
