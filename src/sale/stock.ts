// Stock on a sale. Invariant: selling below zero is allowed and flagged (the reply's stockWarnings), unless the register
// forbids it; then the whole sale is refused with OUT_OF_STOCK, produced here only. Quantities are thousandths.
import type { Result } from '../result';
import { fail, ok } from '../result';
import { formatMilli } from './quantity';

/**
 * What a sale takes from each product (thousandths, summed over its lines), checked against `stock` (thousandths, by
 * product id; a product missing counts as 0) when `allowNegative` is false: OUT_OF_STOCK `{productId, stock, requested}`
 * (as decimal strings) for the first product that would go below zero.
 */
export function takeStock(lines: readonly { readonly productId: string; readonly quantityMilli: number }[], stock: ReadonlyMap<string, number>, allowNegative: boolean): Result<Map<string, number>> {
  const taking = new Map<string, number>();
  for (const l of lines) taking.set(l.productId, (taking.get(l.productId) ?? 0) + l.quantityMilli);
  if (!allowNegative) {
    for (const [productId, q] of taking) {
      const has = stock.get(productId) ?? 0;
      if (has - q < 0) return fail('OUT_OF_STOCK', { productId, stock: formatMilli(has), requested: formatMilli(q) });
    }
  }
  return ok(taking);
}
