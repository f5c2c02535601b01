// Whether a product may be sold on a line and at what price. Invariant: only an active product is sold; a quantity
// fits the product's unit; a unit price other than the catalog's needs `sales:price_override`. Codes produced here:
// PRODUCT_INACTIVE, QUANTITY_INVALID, PRICE_OVERRIDE_FORBIDDEN, AMOUNT_TOO_LARGE (a unit price or a line past the
// amount ceiling, src/money/ceilings.ts, decided before the line is ever multiplied out).
import type { Minor } from '../money';
import { AMOUNT_CEILING, productAtMost } from '../money/ceilings';
import type { Result } from '../result';
import { fail, ok } from '../result';
import type { QuantityInput, Unit } from './quantity';
import { fitsUnit, parseQuantity } from './quantity';

/**
 * The quantity (thousandths) and unit price (minor units) of line `index` of a sale for `product`. `unitPrice` absent
 * means the catalog price; `mayOverridePrice` is whether the seller holds `sales:price_override`. Details name the
 * request's field (`lines.{index}.quantity`, `lines.{index}.unitPrice`).
 */
export function priceLine(
  product: { readonly id: string; readonly active: boolean; readonly price: Minor; readonly unit: Unit },
  line: { readonly quantity: QuantityInput; readonly unitPrice?: Minor | undefined },
  index: number,
  mayOverridePrice: boolean,
): Result<{ quantityMilli: number; unitPrice: Minor }> {
  if (!product.active) return fail('PRODUCT_INACTIVE', { productId: product.id });
  const quantityMilli = parseQuantity(line.quantity);
  if (quantityMilli === null || !fitsUnit(quantityMilli, product.unit)) return fail('QUANTITY_INVALID', { field: `lines.${index}.quantity`, unit: product.unit });
  const unitPrice = line.unitPrice ?? product.price;
  if (unitPrice !== product.price && !mayOverridePrice) return fail('PRICE_OVERRIDE_FORBIDDEN', { field: `lines.${index}.unitPrice` });
  // A catalog price an older version stored past the ceiling, or a line whose price × quantity would pass it.
  if (!Number.isSafeInteger(unitPrice) || unitPrice > AMOUNT_CEILING || !productAtMost(unitPrice, quantityMilli, AMOUNT_CEILING * 1000)) {
    return fail('AMOUNT_TOO_LARGE', { field: `lines.${index}`, ceiling: AMOUNT_CEILING });
  }
  return ok({ quantityMilli, unitPrice });
}
