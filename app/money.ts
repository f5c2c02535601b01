// Amounts on screen. Money is integer minor units end to end; it is divided by 10^exponent only to hand a number to
// Intl for display, and a typed amount is parsed as text by the core's parseAmount, never through a float.
import type { CurrencyCode } from '../src/money/currencies';
import { CURRENCIES } from '../src/money/currencies';
import type { ParseAmountError } from '../src/money/money';
import { parseAmount } from '../src/money/money';

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(locale: string, currency: CurrencyCode): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let f = formatters.get(key);
  if (f === undefined) {
    const digits = CURRENCIES[currency].exponent;
    f = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
    formatters.set(key, f);
  }
  return f;
}

/** "Bs 1.234,50" (es-BO) / "BOB 1,234.50" (en-US) from 123450 minor units. */
export function formatMoney(minor: number, currency: CurrencyCode, locale: string): string {
  return formatter(locale, currency).format(minor / 10 ** CURRENCIES[currency].exponent);
}

/** The locale's decimal separator, as parseAmount accepts it. */
export function decimalSeparator(locale: string): '.' | ',' {
  const part = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal');
  return part?.value === ',' ? ',' : '.';
}

/**
 * A typed amount in minor units. The locale's decimal separator comes first ("1.234,50" in es); the other separator is
 * also read as decimal when it cannot be a thousands group: once, followed by fewer than three digits ("500.00").
 */
export function parseTypedAmount(
  text: string,
  currency: CurrencyCode,
  locale: string,
): { ok: true; value: number } | { ok: false; error: ParseAmountError } {
  const sep = decimalSeparator(locale);
  const first = parseAmount(text, currency, sep);
  if (first.ok || first.error !== 'MALFORMED') return first;
  const other = sep === ',' ? '.' : ',';
  const compact = text.trim().replace(/\s/g, '');
  const unambiguous = new RegExp(`^\\d+\\${other}\\d{1,2}$`).test(compact);
  return unambiguous ? parseAmount(compact, currency, other) : first;
}

/** A bill or coin: "Bs 200", "Bs 0,50" (no decimals when whole). */
export function formatDenomination(minor: number, currency: CurrencyCode, locale: string): string {
  const exp = CURRENCIES[currency].exponent;
  const whole = minor % 10 ** exp === 0;
  return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: whole ? 0 : exp, maximumFractionDigits: exp }).format(
    minor / 10 ** exp,
  );
}

/** "13 %" from basis points, without a float: 1300 → "13", 1050 → "10,5". */
export function ratePercent(bp: number, locale: string): string {
  const whole = Math.floor(bp / 100);
  const frac = String(bp % 100).padStart(2, '0').replace(/0+$/, '');
  const sep = decimalSeparator(locale);
  return `${whole}${frac ? sep + frac : ''} %`;
}
