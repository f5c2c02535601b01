// The running-total ceiling of a session (src/money/ceilings.ts): whether one more ledger entry keeps every running
// total and the expected cash within it. Invariant: decided before anything is written, by the same reducer
// (`applyEntry`) that then moves the stored totals, so the check and the write can never disagree.
import type { CurrencyCode, Minor } from '../money';
import { ceilingsOf } from '../money/ceilings';
import { PAYMENT_METHODS } from '../sale/methods';
import type { Result } from '../result';
import { fail, ok } from '../result';
import type { LedgerBody, SessionTotals } from './ledger';
import { applyEntry, expectedCash } from './ledger';

/** Every money figure of `t` by name (minor units), expected cash included. */
export function moneyFigures(t: SessionTotals): [string, Minor][] {
  return [
    ['openingAmount', t.openingAmount],
    ['salesTotal', t.salesTotal],
    ['depositsTotal', t.depositsTotal],
    ['withdrawalsTotal', t.withdrawalsTotal],
    ['voidsTotal', t.voidsTotal],
    ['refundsTotal', t.refundsTotal],
    ['agentCashIn', t.agentCashIn],
    ['agentCashOut', t.agentCashOut],
    ['agentTopUp', t.agentTopUp],
    ['agentCommission', t.agentCommission],
    ...PAYMENT_METHODS.map((m): [string, Minor] => [`totals.${m}`, t.byMethod[m]]),
    ['expectedCash', expectedCash(t)],
  ];
}

/** The first figure of `t` past the currency's total ceiling (by magnitude), or null when all are within it. */
export function overCeiling(t: SessionTotals, currency: CurrencyCode): { field: string; ceiling: Minor } | null {
  const ceiling = ceilingsOf(currency).total;
  for (const [field, value] of moneyFigures(t)) if (!Number.isSafeInteger(value) || Math.abs(value) > ceiling) return { field, ceiling };
  return null;
}

/**
 * The session's totals after `body`, or TOTAL_CEILING (details: `field`, `ceiling` in minor units) when one running
 * total or the expected cash would pass the currency's ceiling. Entries that move no money always pass.
 */
export function roomFor(t: SessionTotals, body: LedgerBody, currency: CurrencyCode): Result<SessionTotals> {
  const after = applyEntry(t, body);
  const over = overCeiling(after, currency);
  return over ? fail('TOTAL_CEILING', over) : ok(after);
}
