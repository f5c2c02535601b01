// Quick-cash amounts for the payment dialog: the exact amount due and the notes a customer is likely to hand over.
// Invariant: every amount is integer minor units, at least the total, strictly increasing, built only from the
// currency's bill table (no float, no rounding of the total itself).
import type { CurrencyCode } from './currencies';
import { CURRENCIES } from './currencies';
import type { Minor } from './money';
import { assertMinor } from './money';

/**
 * The buttons of the pay dialog for a cash total `total` (minor units, ≥ 0): first the exact amount, then, for each
 * bill of the currency from the smallest up, the smallest multiple of that bill above the total (Bs 57,30 → 57,30,
 * 60, 100, 200), without repeats, at most `max` amounts in all (default 4). A total of 0 gives no buttons.
 * Throws on a negative or non-integer total (a bug in the caller).
 */
export function quickCashAmounts(total: Minor, currency: CurrencyCode, max = 4): Minor[] {
  assertMinor(total, 'total');
  if (total < 0) throw new Error(`total must not be negative, got ${total}`);
  if (total === 0 || max < 1) return [];
  const out: Minor[] = [total];
  const bills = [...CURRENCIES[currency].bills].sort((a, b) => a - b);
  for (const bill of bills) {
    if (out.length >= max) break;
    const above = Math.floor(total / bill) * bill + bill; // the next multiple strictly above the total
    const last = out[out.length - 1] ?? 0;
    if (above > last) out.push(above);
  }
  return out;
}
