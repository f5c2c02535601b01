// Currencies the registers may use, each with its cash denominations in MINOR units.
// Invariant: every denomination is a positive integer, bills and coins never share a value, lists are descending.
import type { DineroCurrency } from 'dinero.js';
import { ARS, BOB, CLP, COP, EUR, MXN, PEN, USD } from 'dinero.js';

export const CURRENCY_CODES = ['BOB', 'ARS', 'USD', 'EUR', 'MXN', 'PEN', 'CLP', 'COP'] as const;
export type CurrencyCode = (typeof CURRENCY_CODES)[number];

export interface CurrencyInfo {
  readonly code: CurrencyCode;
  readonly dinero: DineroCurrency<number>;
  readonly exponent: number;
  readonly symbol: string;
  readonly bills: readonly number[];
  readonly coins: readonly number[];
  /** Smallest coin in circulation: cash totals round to it where the store enables cash rounding. */
  readonly smallestCoin: number;
  /** A register's cash rounding unless it sets its own (src/money/rounding.ts; sources in docs/decisions.md). */
  readonly cashRounding: { readonly increment: number; readonly rule: 'HALF_UP' | 'HALF_DOWN' };
}

const def = (
  code: CurrencyCode,
  dinero: DineroCurrency<number>,
  symbol: string,
  bills: readonly number[],
  coins: readonly number[],
  cashRounding: CurrencyInfo['cashRounding'] = { increment: 1, rule: 'HALF_UP' },
): CurrencyInfo => ({
  code,
  dinero,
  exponent: dinero.exponent,
  symbol,
  bills,
  coins,
  smallestCoin: coins[coins.length - 1] ?? 1,
  cashRounding,
});

export const CURRENCIES: Readonly<Record<CurrencyCode, CurrencyInfo>> = {
  // Boliviano: bills Bs 200..10, coins Bs 5..0.10
  // The smallest coin is Bs 0.10 (the 0.05 and 0.01 coins no longer circulate): cash rounds to it, half up (practice; no law).
  BOB: def('BOB', BOB, 'Bs', [20000, 10000, 5000, 2000, 1000], [500, 200, 100, 50, 20, 10], { increment: 10, rule: 'HALF_UP' }),
  // Peso argentino: bills $20.000..$20; the $10 note and coin are counted on one (coin) row
  ARS: def('ARS', ARS, '$', [2000000, 1000000, 200000, 100000, 50000, 20000, 10000, 5000, 2000], [1000, 500, 200, 100]),
  USD: def('USD', USD, 'US$', [10000, 5000, 2000, 1000, 500, 200, 100], [50, 25, 10, 5, 1]),
  EUR: def('EUR', EUR, '€', [50000, 20000, 10000, 5000, 2000, 1000, 500], [200, 100, 50, 20, 10, 5, 2, 1]),
  // The $20 coin circulates beside the $20 bill: counted on the bill row.
  MXN: def('MXN', MXN, '$', [100000, 50000, 20000, 10000, 5000, 2000], [1000, 500, 200, 100, 50]),
  PEN: def('PEN', PEN, 'S/', [20000, 10000, 5000, 2000, 1000], [500, 200, 100, 50, 20, 10]),
  // Peso chileno has no minor unit (exponent 0)
  // Ley 20.956 (2016), art. 2: cash totals round to $10, ending in 1-5 down and 6-9 up (ties go down).
  CLP: def('CLP', CLP, '$', [20000, 10000, 5000, 2000, 1000], [500, 100, 50, 10], { increment: 10, rule: 'HALF_DOWN' }),
  // Peso colombiano: ISO exponent 2, no centavos in circulation
  COP: def('COP', COP, '$', [10000000, 5000000, 2000000, 1000000, 500000, 200000], [100000, 50000, 20000, 10000, 5000]),
};

export function isCurrencyCode(code: string): code is CurrencyCode {
  return (CURRENCY_CODES as readonly string[]).includes(code);
}

export function currencyInfo(code: CurrencyCode): CurrencyInfo {
  return CURRENCIES[code];
}

export type DenominationKind = 'BILL' | 'COIN';

export function denominationKind(currency: CurrencyCode, value: number): DenominationKind | null {
  const info = CURRENCIES[currency];
  if (info.bills.includes(value)) return 'BILL';
  if (info.coins.includes(value)) return 'COIN';
  return null;
}
