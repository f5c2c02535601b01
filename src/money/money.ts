// Money in the core: dinero.js objects built from integer minor units, and back to integers at the boundary.
// Invariant: no float ever carries money; a non-safe-integer amount is a bug and throws.
import type { Dinero } from 'dinero.js';
import { add, dinero, multiply, toSnapshot, toDecimal } from 'dinero.js';
import type { CurrencyCode } from './currencies';
import { CURRENCIES } from './currencies';

export type Minor = number;

export function assertMinor(amount: number, what = 'amount'): asserts amount is Minor {
  if (!Number.isSafeInteger(amount)) throw new Error(`${what} must be a safe integer of minor units, got ${amount}`);
}

export function money(amount: Minor, currency: CurrencyCode): Dinero<number> {
  assertMinor(amount);
  return dinero({ amount, currency: CURRENCIES[currency].dinero });
}

/** Back to integer minor units in the currency's own scale. */
export function minor(value: Dinero<number>): Minor {
  const snap = toSnapshot(value);
  const shift = snap.scale - snap.currency.exponent;
  if (shift === 0) return snap.amount;
  throw new Error(`amount has scale ${snap.scale}, expected ${snap.currency.exponent}`);
}

export function sumMinor(amounts: readonly Minor[], currency: CurrencyCode): Minor {
  return minor(amounts.reduce((acc, a) => add(acc, money(a, currency)), money(0, currency)));
}

export function timesMinor(amount: Minor, quantity: number, currency: CurrencyCode): Minor {
  assertMinor(quantity, 'quantity');
  return minor(multiply(money(amount, currency), quantity));
}

/** "Bs 1.234,50" style for receipts and messages; the renderer formats with Intl itself. */
export function formatMinor(amount: Minor, currency: CurrencyCode, decimalSeparator: '.' | ',' = ','): string {
  const info = CURRENCIES[currency];
  const text = toDecimal(money(Math.abs(amount), currency));
  const [whole = '0', frac] = text.split('.');
  const group = decimalSeparator === ',' ? '.' : ',';
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${amount < 0 ? '-' : ''}${info.symbol} ${grouped}${frac === undefined ? '' : decimalSeparator + frac}`;
}

/**
 * Minor units as a plain decimal string in the currency's scale ("-1234.50", "0.05", "1500" for CLP): for exports and
 * machines, never for people (no symbol, no grouping). Through dinero, never a float.
 */
export function decimalMinor(amount: Minor, currency: CurrencyCode): string {
  const text = toDecimal(money(Math.abs(amount), currency));
  return amount < 0 ? `-${text}` : text;
}

export type ParseAmountError = 'EMPTY' | 'MALFORMED' | 'TOO_MANY_DECIMALS' | 'TOO_LARGE';

/**
 * Parses what a person typed ("150,50", "1.234,50", "150") into minor units, as text: never through a float.
 * The decimal separator is explicit (the store's locale); the other separator is accepted only as thousands grouping.
 */
export function parseAmount(
  text: string,
  currency: CurrencyCode,
  decimalSeparator: '.' | ',' = ',',
): { ok: true; value: Minor } | { ok: false; error: ParseAmountError } {
  const exponent = CURRENCIES[currency].exponent;
  const group = decimalSeparator === ',' ? '.' : ',';
  const trimmed = text.trim().replace(/\s/g, '');
  if (trimmed === '') return { ok: false, error: 'EMPTY' };
  const parts = trimmed.split(decimalSeparator);
  if (parts.length > 2) return { ok: false, error: 'MALFORMED' };
  const [wholeRaw = '', frac = ''] = parts;
  const groupedOk = new RegExp(`^\\d{1,3}(\\${group}\\d{3})*$`).test(wholeRaw);
  const plainOk = /^\d+$/.test(wholeRaw) || (wholeRaw === '' && parts.length === 2);
  if (!groupedOk && !plainOk) return { ok: false, error: 'MALFORMED' };
  if (parts.length === 2 && !/^\d+$/.test(frac)) return { ok: false, error: 'MALFORMED' };
  if (frac.length > exponent) return { ok: false, error: 'TOO_MANY_DECIMALS' };
  const digits = (wholeRaw.split(group).join('') || '0') + frac.padEnd(exponent, '0');
  const value = Number(digits);
  if (!Number.isSafeInteger(value)) return { ok: false, error: 'TOO_LARGE' };
  return { ok: true, value };
}
