// A drawer count: denominations of the register's currency times integer quantities, plus non-cash values counted
// beside it. Invariant: cash is compared with expected CASH only; vouchers and checks are never added to it.
import type { CurrencyCode } from '../money';
import { denominationKind, sumMinor, timesMinor } from '../money';
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
    (kind === 'BILL' ? bills : coins).push(timesMinor(line.value, line.quantity, currency));
  }
  const totalBills = sumMinor(bills, currency);
  const totalCoins = sumMinor(coins, currency);
  const totalCash = sumMinor([totalBills, totalCoins], currency);
  const vouchers = input.vouchers ?? 0;
  const checks = input.checks ?? 0;
  const otherValues = input.otherValues ?? 0;
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
