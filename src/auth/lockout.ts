// When wrong PINs stop further PIN checks. Invariant: a failure is charged to whoever made it when the engine knows
// (the signed-in requester), and to the named user only when nobody is signed in to charge (a sign-in at the counter);
// a user is therefore never locked out of signing in by guesses made from someone else's session. Locks are derived
// from the recorded failures and the clock, never from a counter that a success could reset.

/** A rule: `failures` less than `windowMs` apart lock for `lockMs`, counted from the failure that reached the threshold. */
export interface LockRule {
  readonly failures: number;
  readonly windowMs: number;
  readonly lockMs: number;
}

const MINUTE = 60_000;

/**
 * The signed-in user asking (auth.verifySupervisor, or auth.login sent with a token): five wrong PINs in five minutes,
 * whoever they named, lock that requester out of every PIN check for five minutes.
 */
export const REQUESTER_RULE: LockRule = { failures: 5, windowMs: 5 * MINUTE, lockMs: 5 * MINUTE };

/**
 * Anonymous sign-ins naming a user (auth.login with no one signed in): three wrong PINs within a minute make the next
 * sign-in of that user wait out the minute (a throttle a person barely notices) ...
 */
export const SIGN_IN_THROTTLE: LockRule = { failures: 3, windowMs: MINUTE, lockMs: MINUTE };

/**
 * ... and fifteen within thirty minutes lock that user's anonymous sign-in for fifteen minutes. With the throttle, the
 * lock takes at least four minutes of sustained guessing to trigger; the user can still unlock her own suspended session
 * (a sign-in carrying her own token is charged to her, not to this rule).
 */
export const SIGN_IN_LOCK: LockRule = { failures: 15, windowMs: 30 * MINUTE, lockMs: 15 * MINUTE };

/**
 * Approvals naming a user (auth.verifySupervisor), from any requester: past `free` wrong PINs within `windowMs`, each
 * further approval naming her waits after the latest one, `baseMs` doubling per failure up to `maxMs`. A delay, not a
 * lock: a cashier's wrong guesses can hold a supervisor's approvals back by at most `maxMs` after her last one (and
 * she is locked herself after five, REQUESTER_RULE), so nobody can lock every supervisor out; several requesters'
 * sprays still add up to at most one guess per `maxMs` at her PIN. Never touches her sign-in. The manager sees these
 * failures on the users list (who named whom, for a day: APPROVAL_NOTICE_MS).
 */
export interface DelayRule {
  readonly free: number;
  readonly windowMs: number;
  readonly baseMs: number;
  readonly maxMs: number;
}
export const APPROVER_DELAY: DelayRule = { free: 4, windowMs: 15 * MINUTE, baseMs: 5_000, maxMs: MINUTE };

/** How long wrong approval PINs naming a user stay on the manager's notice (the users list). */
export const APPROVAL_NOTICE_MS = 24 * 60 * MINUTE;

/**
 * Until when (epoch ms) approvals naming a user wait under `rule`, or null when they need not wait at `nowMs`.
 * `failureTimes` are epoch milliseconds of wrong PINs naming her, in any order; only those within `rule.windowMs` of
 * `nowMs` count. With k of them (k > free) the wait is min(maxMs, baseMs × 2^(k − free − 1)) after the latest.
 */
export function approverDelayUntil(rule: DelayRule, failureTimes: readonly number[], nowMs: number): number | null {
  const recent = failureTimes.filter((t) => nowMs - t < rule.windowMs);
  if (recent.length <= rule.free) return null;
  const steps = Math.min(recent.length - rule.free - 1, 30);
  const wait = Math.min(rule.maxMs, rule.baseMs * 2 ** steps);
  const until = Math.max(...recent) + wait;
  return until > nowMs ? until : null;
}

/** How far back failures matter to `rule` at any moment (older ones can neither start nor extend a lock). */
export const lookbackMs = (rule: LockRule): number => rule.windowMs + rule.lockMs;

/**
 * When the lock `rule` puts on these failures ends, as epoch milliseconds, or null when it is not locked at `nowMs`.
 * `failureTimes` are epoch milliseconds in any order. A lock starts at each failure that makes `rule.failures` of them
 * fall less than `rule.windowMs` apart, and lasts `rule.lockMs` from it.
 */
export function lockedUntil(rule: LockRule, failureTimes: readonly number[], nowMs: number): number | null {
  const times = [...failureTimes].sort((a, b) => a - b);
  let until: number | null = null;
  for (let i = rule.failures - 1; i < times.length; i++) {
    const reached = times[i] as number;
    if (reached - (times[i - rule.failures + 1] as number) < rule.windowMs) {
      const end = reached + rule.lockMs;
      if (end > nowMs && (until === null || end > until)) until = end;
    }
  }
  return until;
}

/** Wrong PINs still allowed by `rule` before it locks: `rule.failures` less those within the window ending now. */
export function attemptsLeft(rule: LockRule, failureTimes: readonly number[], nowMs: number): number {
  const recent = failureTimes.filter((t) => nowMs - t < rule.windowMs).length;
  return Math.max(0, rule.failures - recent);
}

/** A token bucket over every PIN check of one machine: `burst` at once, then one more every `refillMs`. */
export interface RateLimit {
  readonly burst: number;
  readonly refillMs: number;
}

/** Ten PIN checks at once, then one every two seconds: far above a counter's needs, far below a guessing script's. */
export const PIN_CHECK_RATE: RateLimit = { burst: 10, refillMs: 2000 };

export interface BucketState {
  readonly tokens: number;
  /** Monotonic milliseconds of the last refill. */
  readonly at: number;
}

/**
 * Takes one token at monotonic time `nowMs`: the new state and 0, or the unchanged state and the milliseconds until a
 * token is available. Tokens are fractional while refilling; the bucket never holds more than `burst`.
 */
export function takeToken(limit: RateLimit, state: BucketState, nowMs: number): { state: BucketState; waitMs: number } {
  const elapsed = Math.max(0, nowMs - state.at);
  const tokens = Math.min(limit.burst, state.tokens + elapsed / limit.refillMs);
  if (tokens >= 1) return { state: { tokens: tokens - 1, at: nowMs }, waitMs: 0 };
  return { state: { tokens, at: nowMs }, waitMs: Math.ceil((1 - tokens) * limit.refillMs) };
}

/** Through which command a wrong PIN came: a sign-in (auth.login) or an approval (auth.verifySupervisor). */
export const PIN_FAILURE_KINDS = ['SIGN_IN', 'APPROVAL'] as const;
export type PinFailureKind = (typeof PIN_FAILURE_KINDS)[number];
