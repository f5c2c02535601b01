// Business ceilings on money: the largest single amount and the largest running total anything in the system may hold,
// per currency, in MINOR units. Decided once, here; the contract's zod schemas, the core's sale and count arithmetic
// and the engine's running-total check all read these figures.
// Invariant: a single amount ≤ AMOUNT_CEILING (10^11) and a running total ≤ TOTAL_CEILING (10^13), so any sum the
// system forms (a session's expected cash: 8 totals; a day: up to 800 sessions' totals) stays below 2^53 and integer
// arithmetic on numbers stays exact. A figure read from a database an older version let overflow is saturated at the
// ceiling on the way out (`saturate`), never passed on as an unsafe number.
import type { Result } from '../result';
import { fail, ok } from '../result';
import type { CurrencyCode } from './currencies';
import type { Minor } from './money';

/**
 * The largest single amount in minor units, for every currency (10^11: Bs/€/$ 1,000,000,000.00; CLP 100,000,000,000).
 * What it bounds: a unit price, a line total, a sale total, a payment or tendered amount, change, a cash movement, an
 * agent operation and its commission, each value of a count (vouchers, checks, other values, a denomination × its
 * quantity), a float, a tolerance. The contract (zod) refuses any input above it with VALIDATION_FAILED.
 */
export const AMOUNT_CEILING: Minor = 100_000_000_000;

/**
 * The largest running total in minor units (10^13, a hundred maximal amounts): each of a session's tender totals,
 * sales, deposits, withdrawals, voids, refunds, agent totals, its expected cash, and a whole count of the drawer.
 * A command that would carry one past it is refused with TOTAL_CEILING and writes nothing.
 */
export const TOTAL_CEILING: Minor = 10_000_000_000_000;

/**
 * The largest figure a report sums up to (a day across registers, a provider's day): sums saturate here. 9 × 10^15 is
 * just under 2^53, so 900 sessions at their ceiling still sum exactly.
 */
export const REPORT_CEILING: Minor = 9_000_000_000_000_000;

export interface Ceilings {
  /** Largest single amount, minor units. */
  readonly amount: Minor;
  /** Largest running total, minor units. */
  readonly total: Minor;
}

// One figure fits every currency we carry: in the weakest (ARS, COP) 10^11 minor units is still far above any sale a
// store makes (COP 1,000,000,000), in the strongest (EUR, USD) it is below what breaks exact integer sums. A currency
// whose money needs a different bound changes its own row here and nowhere else.
const SAME: Ceilings = { amount: AMOUNT_CEILING, total: TOTAL_CEILING };
export const CEILINGS: Readonly<Record<CurrencyCode, Ceilings>> = { BOB: SAME, ARS: SAME, USD: SAME, EUR: SAME, MXN: SAME, PEN: SAME, CLP: SAME, COP: SAME };

/** The ceilings of a currency (minor units). The zod contract uses the loosest of them, since it does not know the register. */
export function ceilingsOf(currency: CurrencyCode): Ceilings {
  return CEILINGS[currency];
}

/**
 * Refuses a computed single amount (a line, a sale total, a count's value) above the currency's amount ceiling with
 * AMOUNT_TOO_LARGE, naming `field`. `amount` is in minor units, any sign (the magnitude is compared).
 */
export function checkAmount(currency: CurrencyCode, field: string, amount: Minor): Result<Minor> {
  const ceiling = ceilingsOf(currency).amount;
  return Number.isSafeInteger(amount) && Math.abs(amount) <= ceiling ? ok(amount) : fail('AMOUNT_TOO_LARGE', { field, ceiling });
}

/**
 * Whether `a × b` (minor units × an integer, e.g. a price × thousandths of a unit) stays at most `limit`, computed
 * exactly (BigInt), so no unsafe product is ever formed. Non-negative operands.
 */
export function productAtMost(a: number, b: number, limit: number): boolean {
  return BigInt(a) * BigInt(b) <= BigInt(limit);
}

/**
 * A stored figure as it may be shown: itself when it is a safe integer within ±`ceiling`, else clamped to ±`ceiling`
 * (a non-finite or non-number reads as the ceiling of its sign, NaN as 0). Used only on the read side, for values an
 * older version wrote past the ceilings.
 */
export function saturate(value: number, ceiling: Minor = TOTAL_CEILING): Minor {
  if (Number.isNaN(value)) return 0;
  if (value > ceiling) return ceiling;
  if (value < -ceiling) return -ceiling;
  return Number.isInteger(value) ? value : Math.trunc(value);
}

/** `a + b` clamped to ±`ceiling` (REPORT_CEILING by default): a report's sum never leaves the safe range. */
export function addSaturating(a: Minor, b: Minor, ceiling: Minor = REPORT_CEILING): Minor {
  return saturate(saturate(a, ceiling) + saturate(b, ceiling), ceiling);
}
