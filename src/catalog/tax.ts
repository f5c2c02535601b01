// The store's default tax rate: what a product gets when it is created or imported without one. Invariant: a rate is
// basis points 0..10000 (1300 = 13 %); a store's explicit setting wins, else the standard VAT of the one country whose
// currency the store uses (prices are tax-inclusive there), else 0 where a currency spans countries or prices exclude tax.
import type { CurrencyCode } from '../money/currencies';

/**
 * Standard VAT of the country behind a single-country currency, in basis points: Bolivia IVA 13 %, Argentina IVA 21 %,
 * Mexico IVA 16 %, Peru IGV 18 %, Chile IVA 19 %, Colombia IVA 19 %. USD and EUR: 0 (no single rate; set it explicitly).
 */
export const STANDARD_VAT_BP: Readonly<Record<CurrencyCode, number>> = { BOB: 1300, ARS: 2100, MXN: 1600, PEN: 1800, CLP: 1900, COP: 1900, USD: 0, EUR: 0 };

/**
 * The default rate in basis points: `setting` (the stored text of the store's `catalog.defaultTaxRateBp`, an integer
 * 0..10000) when it is valid, else the standard VAT of `currency`.
 */
export function defaultTaxRateBp(setting: string | null, currency: CurrencyCode): number {
  if (setting !== null && /^\d{1,5}$/.test(setting)) {
    const bp = Number(setting);
    if (bp <= 10_000) return bp;
  }
  return STANDARD_VAT_BP[currency];
}
