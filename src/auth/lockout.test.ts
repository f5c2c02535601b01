import { describe, expect, it } from 'vitest';
import { PIN_CHECK_RATE, REQUESTER_RULE, SIGN_IN_LOCK, SIGN_IN_THROTTLE, attemptsLeft, lockedUntil, takeToken } from './lockout';

const MIN = 60_000;

describe('lockedUntil', () => {
  it('locks from the failure that reaches the threshold within the window, for lockMs', () => {
    const t = [0, 1000, 2000, 3000];
    expect(lockedUntil(REQUESTER_RULE, t, 4000)).toBeNull();
    expect(lockedUntil(REQUESTER_RULE, [...t, 4000], 4000)).toBe(4000 + 5 * MIN);
    expect(lockedUntil(REQUESTER_RULE, [...t, 4000], 4000 + 5 * MIN)).toBeNull();
  });

  it('failures spread wider than the window never lock, and order does not matter', () => {
    const spread = [0, 2 * MIN, 4 * MIN, 6 * MIN, 8 * MIN, 10 * MIN];
    expect(lockedUntil(REQUESTER_RULE, spread.reverse(), 10 * MIN)).toBeNull();
  });

  it('the throttle makes the sign-in lock cost minutes: fifteen failures at the throttled pace take at least four', () => {
    // Guess as fast as the throttle allows: three, wait until the throttle lifts, three more...
    const times: number[] = [];
    let now = 0;
    while (lockedUntil(SIGN_IN_LOCK, times, now) === null) {
      const wait = lockedUntil(SIGN_IN_THROTTLE, times, now);
      if (wait !== null) now = wait;
      times.push(now);
    }
    expect(times).toHaveLength(15);
    expect(now).toBeGreaterThanOrEqual(4 * MIN);
  });

  it('attemptsLeft counts only the window ending now', () => {
    expect(attemptsLeft(REQUESTER_RULE, [0, 1000], 2000)).toBe(3);
    expect(attemptsLeft(REQUESTER_RULE, [0, 1000], 6 * MIN)).toBe(5);
  });
});

describe('takeToken', () => {
  it('gives a burst, then one token per refill period, and says how long to wait', () => {
    let state = { tokens: PIN_CHECK_RATE.burst, at: 0 };
    for (let i = 0; i < PIN_CHECK_RATE.burst; i++) {
      const r = takeToken(PIN_CHECK_RATE, state, 0);
      expect(r.waitMs).toBe(0);
      state = r.state;
    }
    const refused = takeToken(PIN_CHECK_RATE, state, 500);
    expect(refused.waitMs).toBe(PIN_CHECK_RATE.refillMs - 500);
    expect(takeToken(PIN_CHECK_RATE, refused.state, PIN_CHECK_RATE.refillMs).waitMs).toBe(0);
  });

  it('never holds more than the burst, however long it rested', () => {
    const r = takeToken(PIN_CHECK_RATE, { tokens: 0, at: 0 }, 10 * 3600_000);
    expect(r.state.tokens).toBe(PIN_CHECK_RATE.burst - 1);
  });
});
