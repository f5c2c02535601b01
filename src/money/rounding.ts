// Cash rounding: the cash part of a sale rounded to a coin the drawer can give. Invariant: pure integer arithmetic on
// minor units (no float, no division result kept), the rounded amount is a multiple of the increment and never more
// than half an increment away from the amount; increment 1 is "no rounding".
import type { CurrencyCode } from './currencies';
import { CURRENCIES } from './currencies';
import type { Minor } from './money';
import { assertMinor } from './money';

/**
 * What a remainder of exactly half an increment does. HALF_UP: up (Bs 5.75 → 5.80). HALF_DOWN: down, the rule of
 * Chile's Ley 20.956: a total ending in 1 to 5 pesos rounds down, 6 to 9 up ($1.235 → $1.230, $1.236 → $1.240).
 */
export const CASH_ROUNDING_RULES = ['HALF_UP', 'HALF_DOWN'] as const;
export type CashRoundingRule = (typeof CASH_ROUNDING_RULES)[number];

export interface CashRounding {
  /** Minor units the cash total rounds to: 1 none, 10 is 0.10 in a 2-decimal currency, 10 is $10 in CLP. */
  readonly increment: Minor;
  readonly rule: CashRoundingRule;
}

export const NO_CASH_ROUNDING: CashRounding = { increment: 1, rule: 'HALF_UP' };

/**
 * `amount` (minor units, ≥ 0) rounded to the nearest multiple of `r.increment`, a tie going the way `r.rule` says.
 * Throws on a non-integer amount or an increment below 1 (bugs).
 */
export function roundCash(amount: Minor, r: CashRounding): Minor {
  assertMinor(amount);
  if (amount < 0) throw new Error(`cash rounding of a negative amount ${amount}`);
  if (!Number.isSafeInteger(r.increment) || r.increment < 1) throw new Error(`cash rounding increment ${r.increment}`);
  const rest = amount % r.increment;
  if (rest === 0) return amount;
  const down = amount - rest;
  const twice = rest * 2;
  if (twice > r.increment || (twice === r.increment && r.rule === 'HALF_UP')) return down + r.increment;
  return down;
}

/** The increments a register of `currency` may choose (minor units): none, and 0.10 / 0.50 / 1.00 of the unit or $10 in CLP. */
export function cashRoundingChoices(currency: CurrencyCode): readonly Minor[] {
  const exponent = CURRENCIES[currency].exponent;
  if (exponent === 0) return [1, 10, 50, 100];
  const unit = 10 ** exponent;
  return [1, unit / 10, unit / 2, unit];
}

/** The rounding a register applies: its own increment (null: the currency's default) with the currency's tie rule. */
export function cashRoundingFor(currency: CurrencyCode, increment: Minor | null): CashRounding {
  const own = CURRENCIES[currency].cashRounding;
  return { increment: increment ?? own.increment, rule: own.rule };
}
