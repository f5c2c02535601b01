// Discount authority: a cashier discounts up to the register's ceilings, a percentage (basis points of the gross) and an
// amount (minor units), on each line and on the sale as a whole; beyond either, or for a sale left with nothing to pay,
// a supervisor's `sales:discount` grant is needed. Invariant: percentages are compared in integers (BigInt cross
// products), never as fractions.
import type { Minor } from '../money';
import type { Result } from '../result';
import { fail, ok } from '../result';

/** A register's discount ceilings: `discountMaxBp` basis points of the gross (10000 = 100 %), `discountMaxAmount` minor units. */
export interface DiscountCeilings {
  readonly discountMaxBp: number;
  readonly discountMaxAmount: Minor;
}

/** A priced line: its gross (minor units) and its own discount (not its share of the sale discount). */
export interface DiscountedLine {
  readonly gross: Minor;
  readonly ownDiscount: Minor;
}

/** Why a discount needs a supervisor: over a ceiling, or the sale is given away (total 0, nothing paid). */
export type DiscountApprovalReason = 'DISCOUNT_LIMIT' | 'NO_PAYMENT';

/** Whether `discount` of `gross` passes a ceiling: more than `maxBp` of it, or more than `maxAmount`. */
function exceeds(discount: Minor, gross: Minor, c: DiscountCeilings): boolean {
  if (discount === 0) return false;
  return discount > c.discountMaxAmount || BigInt(discount) * 10_000n > BigInt(c.discountMaxBp) * BigInt(gross);
}

/**
 * Why this sale's discounts need a supervisor, or null when they do not: each line's own discount against its gross,
 * the whole sale's discount (lines plus `saleDiscount`) against the sale's gross, and a total of 0 whatever the
 * ceilings say. Minor units throughout.
 */
export function discountApprovalReason(lines: readonly DiscountedLine[], saleDiscount: Minor, ceilings: DiscountCeilings): DiscountApprovalReason | null {
  const gross = lines.reduce((a, l) => a + l.gross, 0);
  const discount = lines.reduce((a, l) => a + l.ownDiscount, 0) + saleDiscount;
  if (gross - discount <= 0) return 'NO_PAYMENT';
  if (lines.some((l) => exceeds(l.ownDiscount, l.gross, ceilings)) || exceeds(discount, gross, ceilings)) return 'DISCOUNT_LIMIT';
  return null;
}

/**
 * The approval rule of a sale's discounts: ok(false) when none is needed, ok(true) when a `sales:discount` grant is
 * needed and one was given (the engine then checks it), SUPERVISOR_REQUIRED `{permission: 'sales:discount', reason,
 * maxBp, maxAmount}` when needed and none was given.
 */
export function discountApproval(lines: readonly DiscountedLine[], saleDiscount: Minor, ceilings: DiscountCeilings, grantGiven: boolean): Result<boolean> {
  const reason = discountApprovalReason(lines, saleDiscount, ceilings);
  if (reason === null) return ok(false);
  if (grantGiven) return ok(true);
  return fail('SUPERVISOR_REQUIRED', { permission: 'sales:discount', reason, maxBp: ceilings.discountMaxBp, maxAmount: ceilings.discountMaxAmount });
}
