// A drawer count: denominations of the register's currency times integer quantities, plus non-cash values counted
// beside it. Invariant: cash is compared with expected CASH only; vouchers and checks are never added to it.
import type { CurrencyCode } from '../money';
import { denominationKind, sumMinor, timesMinor } from '../money';
import { ceilingsOf, productAtMost } from '../money/ceilings';
import type { Minor } from '../money';
import type { Result } from '../result';
import { fail, ok } from '../result';

export const COUNT_TYPES = ['OPENING', 'PARTIAL', 'AUDIT', 'CLOSING', 'TRANSFER'] as const;
export type CountType = (typeof COUNT_TYPES)[number];
export const DIFFERENCE_TYPES = ['SURPLUS', 'SHORTAGE'] as const;
export type DifferenceType = (typeof DIFFERENCE_TYPES)[number];

export interface DenominationLine {
  readonly value: Minor;
  readonly quantity: number;
}

export interface CountInput {
  readonly denominations: readonly DenominationLine[];
  readonly vouchers?: Minor | undefined;
  readonly checks?: Minor | undefined;
  readonly otherValues?: Minor | undefined;
}

export interface CountTotals {
  readonly totalBills: Minor;
  readonly totalCoins: Minor;
  readonly totalCash: Minor;
  readonly vouchers: Minor;
  readonly checks: Minor;
  readonly otherValues: Minor;
  readonly totalWithOthers: Minor;
}

/**
 * Totals of a count in minor units: bills, coins, cash, and cash plus vouchers, checks and other values. Refuses an
 * unknown denomination (UNKNOWN_DENOMINATION), a repeated one (VALIDATION_FAILED), a row or a value past the amount
 * ceiling and a whole count past the total ceiling (AMOUNT_TOO_LARGE; src/money/ceilings.ts).
 */
export function countTotals(currency: CurrencyCode, input: CountInput): Result<CountTotals> {
  const bills: Minor[] = [];
  const coins: Minor[] = [];
  const seen = new Set<number>();
  for (const line of input.denominations) {
    const kind = denominationKind(currency, line.value);
    if (kind === null) return fail('UNKNOWN_DENOMINATION', { value: line.value, currency });
    if (seen.has(line.value)) return fail('VALIDATION_FAILED', { field: 'denominations', reason: 'duplicate', value: line.value });
    seen.add(line.value);
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 0) {
      return fail('VALIDATION_FAILED', { field: 'denominations.quantity', value: line.quantity });
    }
    // Checked before multiplying: a row past the amount ceiling is refused, never formed (src/money/ceilings.ts).
    if (!productAtMost(line.value, line.quantity, ceilingsOf(currency).amount)) {
      return fail('AMOUNT_TOO_LARGE', { field: 'denominations', value: line.value, ceiling: ceilingsOf(currency).amount });
    }
    (kind === 'BILL' ? bills : coins).push(timesMinor(line.value, line.quantity, currency));
  }
  const totalBills = sumMinor(bills, currency);
  const totalCoins = sumMinor(coins, currency);
  const totalCash = sumMinor([totalBills, totalCoins], currency);
  const vouchers = input.vouchers ?? 0;
  const checks = input.checks ?? 0;
  const otherValues = input.otherValues ?? 0;
  // Each value is within the amount ceiling (the contract's schema); the whole count within the total ceiling.
  const { amount, total } = ceilingsOf(currency);
  for (const [field, value] of [['vouchers', vouchers], ['checks', checks], ['otherValues', otherValues]] as const) {
    if (!Number.isSafeInteger(value) || value > amount) return fail('AMOUNT_TOO_LARGE', { field, ceiling: amount });
  }
  if (totalCash + vouchers + checks + otherValues > total) return fail('AMOUNT_TOO_LARGE', { field: 'count', ceiling: total });
  return ok({
    totalBills,
    totalCoins,
    totalCash,
    vouchers,
    checks,
    otherValues,
    totalWithOthers: sumMinor([totalCash, vouchers, checks, otherValues], currency),
  });
}

export function differenceType(difference: Minor): DifferenceType | null {
  if (difference > 0) return 'SURPLUS';
  if (difference < 0) return 'SHORTAGE';
  return null;
}

export function exceedsTolerance(difference: Minor, tolerance: Minor): boolean {
  return Math.abs(difference) > tolerance;
}
