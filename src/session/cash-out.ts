// The one cash-out limit: cash leaving the drawer (a withdrawal, a void's cash, a cash refund, an agent cash-out) may
// not exceed the session's expected cash. Invariant: INSUFFICIENT_CASH is produced here only, and its details carry
// figures only for a viewer who may see expected cash (see visibility.ts): a blind cashier learns that the drawer
// cannot cover it, never by how much, not even the amount asked back. Every refusal is recorded (a CASH_OUT_REFUSED
// ledger entry) and, after CASH_OUT_REFUSALS_BEFORE_GRANT of them in a session, every further cash-out needs a
// supervisor's grant, so the refusal cannot be used as an oracle to find expected cash by bisection.
import type { Minor } from '../money';
import type { Result } from '../result';
import { fail, ok } from '../result';
import type { SessionTotals } from './ledger';
import { expectedCash } from './ledger';

/** What is left after an allowed cash-out (minor units). */
export interface CashOutRoom {
  /** Expected cash before the cash-out. */
  readonly available: Minor;
  /** Expected cash after it (never negative). */
  readonly remaining: Minor;
}

/**
 * Whether `amount` (minor units, ≥ 0) may leave a drawer whose running totals are `totals`: allowed up to and including
 * the expected cash. Refusal: INSUFFICIENT_CASH with `{amount}`, plus `{available}` only when `expectedVisible`.
 */
export function checkCashOut(totals: SessionTotals, amount: Minor, expectedVisible: boolean): Result<CashOutRoom> {
  const available = expectedCash(totals);
  if (amount > available) return expectedVisible ? fail('INSUFFICIENT_CASH', { amount, available }) : fail('INSUFFICIENT_CASH');
  return ok({ available, remaining: available - amount });
}

/**
 * Refused cash-outs a session tolerates before every further cash-out (an agent cash-out, a cash refund; withdrawals
 * and voids need a grant anyway) needs a supervisor's grant. Three: a cashier who mistypes twice is not stopped, a
 * bisection (about 20 probes for a drawer of a few thousand) is stopped after three and needs a supervisor per probe.
 */
export const CASH_OUT_REFUSALS_BEFORE_GRANT = 3;

/** Whether the next cash-out of a session with `refusals` recorded refusals needs a supervisor's grant. */
export function cashOutNeedsGrant(refusals: number): boolean {
  return refusals >= CASH_OUT_REFUSALS_BEFORE_GRANT;
}

/**
 * Whether an allowed cash-out was near the drawer's limit: it took more than it left (more than half of expected cash).
 * A bisection for expected cash succeeds with such probes as well as it is refused by the ones above; counted with the
 * refusals (`cashOutNeedsGrant(refusals + nearLimit)`), they stop it the same way. An ordinary payout, small beside the
 * drawer, never counts. The cashier is not told which of hers counted (only, at the threshold, that a supervisor is
 * needed), so the count itself leaks at most that one bit.
 */
export function nearLimit(room: CashOutRoom, amount: Minor): boolean {
  return amount > room.remaining;
}
