// A line discount as the cashier types it: "10%" is a percentage of the line, "10" an amount in the currency's units
// (the sell screen's convention). Invariant: a percentage is basis points 0..10000 (two decimals at most), applied to
// the line's gross with round_half_up in integer arithmetic, and a discount never exceeds the gross it applies to.
import type { CurrencyCode } from '../money/currencies';
import type { Minor, ParseAmountError } from '../money/money';
import { parseAmount } from '../money/money';
import { mulDivRound } from './quantity';

export type LineDiscount = { readonly kind: 'PERCENT'; readonly bp: number } | { readonly kind: 'AMOUNT'; readonly minor: Minor };

export type ParseDiscountError = ParseAmountError | 'OVER_100';

/**
 * Parses a typed line discount. A trailing `%` ("10%", "12,5 %") gives `{kind: 'PERCENT', bp}` (1000 = 10 %; at most two
 * decimals and 100 %, else TOO_MANY_DECIMALS / OVER_100); anything else is an amount parsed by `parseAmount` into
 * minor units (`{kind: 'AMOUNT', minor}`). `decimalSeparator` is the locale's; the other one is read as a decimal point
 * in a percentage too ("12.5%"), since a percentage has no thousands.
 */
export function parseDiscount(
  text: string,
  currency: CurrencyCode,
  decimalSeparator: '.' | ',' = ',',
): { ok: true; value: LineDiscount } | { ok: false; error: ParseDiscountError } {
  const compact = text.trim().replace(/\s/g, '');
  if (!compact.endsWith('%')) {
    const amount = parseAmount(compact, currency, decimalSeparator);
    return amount.ok ? { ok: true, value: { kind: 'AMOUNT', minor: amount.value } } : amount;
  }
  const m = /^(\d{1,3})(?:[.,](\d+))?%$/.exec(compact);
  if (m === null) return { ok: false, error: compact === '%' ? 'EMPTY' : 'MALFORMED' };
  const frac = m[2] ?? '';
  if (frac.length > 2) return { ok: false, error: 'TOO_MANY_DECIMALS' };
  const bp = Number(m[1]) * 100 + Number(frac.padEnd(2, '0'));
  if (bp > 10_000) return { ok: false, error: 'OVER_100' };
  return { ok: true, value: { kind: 'PERCENT', bp } };
}

/** The discount in minor units on a line whose gross is `gross` (minor units): a percentage rounded half up, an amount capped at the gross. */
export function discountMinor(gross: Minor, discount: LineDiscount): Minor {
  return discount.kind === 'PERCENT' ? mulDivRound(gross, discount.bp, 10_000) : Math.min(gross, discount.minor);
}

/** "10%", "12,5%" from basis points, without a float. */
export function formatPercent(bp: number, decimalSeparator: '.' | ',' = ','): string {
  const frac = String(bp % 100).padStart(2, '0').replace(/0+$/, '');
  return `${Math.floor(bp / 100)}${frac ? decimalSeparator + frac : ''}%`;
}
