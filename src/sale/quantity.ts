// Quantities and the one rounding rule of a sale line. Invariant: a quantity is an integer of thousandths of the
// product's unit (`quantityMilli`: 1 unit = 1000, 1.250 kg = 1250); money is integer minor units; every product of
// a price and a quantity is computed in BigInt and rounded half up to the minor unit exactly once, per line.
import type { Minor } from '../money';

export const MILLI = 1000;
export const UNITS = ['UNIT', 'KG'] as const;
export type Unit = (typeof UNITS)[number];

/** A quantity as sent over the contract: a whole number of units, or a decimal string with up to 3 decimals. */
export type QuantityInput = number | string;

/** The largest quantity either form can express: 999,999,999.999 units. The text and the number paths share it. */
export const MAX_QUANTITY_MILLI = 999_999_999_999;
const DECIMAL = /^(\d{1,9})(?:\.(\d{1,3}))?$/;

/** Parses a quantity into thousandths without ever going through a float. Null when malformed or not positive. */
export function parseQuantity(q: QuantityInput): number | null {
  if (typeof q === 'number') {
    // Whole units only: a float is never trusted to mean thousandths.
    return Number.isSafeInteger(q) && q > 0 && q * MILLI <= MAX_QUANTITY_MILLI ? q * MILLI : null;
  }
  const m = DECIMAL.exec(q.trim());
  if (!m) return null;
  const milli = Number(m[1]) * MILLI + Number((m[2] ?? '').padEnd(3, '0'));
  return milli > 0 ? milli : null;
}

/** Like parseQuantity but accepts a sign (stock adjustments); zero is refused. */
export function parseSignedQuantity(q: QuantityInput): number | null {
  if (typeof q === 'number') {
    const v = parseQuantity(Math.abs(q));
    return v === null ? null : q < 0 ? -v : v;
  }
  const t = q.trim();
  const negative = t.startsWith('-');
  const v = parseQuantity(negative ? t.slice(1) : t.startsWith('+') ? t.slice(1) : t);
  return v === null ? null : negative ? -v : v;
}

/** "1.250" for a weighed item, "3" for a unit item; negative values keep their sign. */
export function formatMilli(milli: number, unit: Unit = 'KG'): string {
  const sign = milli < 0 ? '-' : '';
  const abs = Math.abs(milli);
  const whole = Math.floor(abs / MILLI);
  const frac = abs % MILLI;
  if (unit === 'UNIT' && frac === 0) return `${sign}${whole}`;
  return `${sign}${whole}.${String(frac).padStart(3, '0')}`;
}

/** Whether a quantity is legal for the unit: UNIT items sell in whole units only. */
export function fitsUnit(milli: number, unit: Unit): boolean {
  return unit === 'KG' || milli % MILLI === 0;
}

/** round_half_up(a * b / d) for non-negative integers, in BigInt so no intermediate product loses precision. */
export function mulDivRound(a: number, b: number, d: number): number {
  if (a < 0 || b < 0 || d <= 0) throw new Error(`mulDivRound expects non-negative operands: ${a} ${b} ${d}`);
  // Fast path, exact: when 2ab + d is a safe integer every step below is an exact integer operation (the remainder
  // is subtracted first, so the division has no fraction to round).
  const twice = 2 * a * b + d;
  if (Number.isSafeInteger(twice) && Number.isSafeInteger(2 * d)) return (twice - (twice % (2 * d))) / (2 * d);
  const n = BigInt(a) * BigInt(b);
  const q = (n * 2n + BigInt(d)) / (2n * BigInt(d));
  const out = Number(q);
  if (!Number.isSafeInteger(out)) throw new Error('amount out of range');
  return out;
}

/** The line rule: gross = round_half_up(unitPrice × quantityMilli / 1000). */
export function lineGross(unitPrice: Minor, quantityMilli: number): Minor {
  return mulDivRound(unitPrice, quantityMilli, MILLI);
}

/** Tax included in a tax-inclusive amount at `rateBp` basis points (1300 = 13 %): round_half_up(net × r / (10000 + r)). */
export function includedTax(amount: Minor, rateBp: number): Minor {
  return rateBp === 0 ? 0 : mulDivRound(amount, rateBp, 10_000 + rateBp);
}

/**
 * Splits `amount` across `weights` proportionally, by largest remainder (ties to the earlier index), so the parts add
 * up to `amount` exactly. All weights zero: nothing can be allocated (the caller refuses such a discount).
 */
export function allocate(amount: Minor, weights: readonly number[]): Minor[] {
  const total = weights.reduce((a, b) => a + b, 0);
  if (total === 0) return weights.map(() => 0);
  const big = weights.map((w) => BigInt(amount) * BigInt(w));
  const parts = big.map((b) => Number(b / BigInt(total)));
  let left = amount - parts.reduce((a, b) => a + b, 0);
  const order = big.map((b, i) => ({ i, r: b % BigInt(total) })).sort((x, y) => (y.r > x.r ? 1 : y.r < x.r ? -1 : x.i - y.i));
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left--;
  }
  return parts;
}

/**
 * What a partial refund of a line gives back: its share of the line's net total, rounded half up; the refund that
 * takes the last of the quantity takes the exact remainder, so a line never returns more or less than it took.
 */
export function refundShare(lineTotal: Minor, lineMilli: number, alreadyMilli: number, alreadyAmount: Minor, refundMilli: number): Minor {
  if (alreadyMilli + refundMilli === lineMilli) return lineTotal - alreadyAmount;
  return Math.min(mulDivRound(lineTotal, refundMilli, lineMilli), lineTotal - alreadyAmount);
}
