// The catalog's store-wide defaults, shared by the product handlers and the chunked import.
// Invariant: a product created or imported without a tax rate gets the store's rate, never a silent 0 %.
import { SETTING_DEFAULT_TAX_RATE, firstBranch, getBranch, setting } from '../db';
import { defaultTaxRateBp } from '../src/catalog/tax';
import type { CurrencyCode } from '../src/money';
import type { AuthedCtx } from './context';

/** The catalog's currency: the branch's (one currency per store). */
export function catalogCurrency(ctx: Pick<AuthedCtx, 'db' | 'actor'>): CurrencyCode {
  const branch = ctx.actor.branchId ? getBranch(ctx.db, ctx.actor.branchId) : firstBranch(ctx.db);
  return (branch?.currency ?? 'BOB') as CurrencyCode;
}

/** The rate (basis points) of a product created or imported without one: the store's default. */
export const storeTaxRate = (ctx: Pick<AuthedCtx, 'db' | 'actor'>): number => defaultTaxRateBp(setting(ctx.db, SETTING_DEFAULT_TAX_RATE), catalogCurrency(ctx));
