// Whether a sale may be voided or refunded, how much a refund gives back, and when it needs a supervisor. Decided here
// once for the engine (which enforces it) and the renderer (which enables its buttons and shows the amount), from plain
// values either side holds: the sale's status, session, lines and what they already gave back.
// Invariants: a void is whole-sale, from the session that took the money while it runs, before any refund; a refund
// never gives back more than sold less refunded, line by line, and the last of a line takes its exact remainder.
// Codes produced here: SALE_VOIDED, SALE_NOT_VOIDABLE, SESSION_STATE, NOT_FOUND, VALIDATION_FAILED, QUANTITY_INVALID,
// REFUND_EXCEEDS_SOLD, SUPERVISOR_REQUIRED.
import type { CashRounding, Minor } from '../money';
import { roundCash } from '../money';
import type { Result } from '../result';
import { fail, ok } from '../result';
import type { SessionStatus } from '../session/state';
import { allows } from '../session/state';
import type { PaymentMethod } from './methods';
import type { QuantityInput, Unit } from './quantity';
import { fitsUnit, formatMilli, parseQuantity, refundShare } from './quantity';

export type SaleStatus = 'COMPLETED' | 'VOIDED';

/** The session acting on a sale: the signed-in cashier's own active session. */
export interface ActingSession {
  readonly id: string;
  readonly status: SessionStatus;
}

/** What a void needs to know of a sale. */
export interface VoidCandidate {
  readonly id: string;
  readonly status: SaleStatus;
  /** The session that made the sale. */
  readonly sessionId: string;
  /** Whether any refund was given against it (a refund always gives back money, so `refundedTotal > 0`). */
  readonly hasRefunds: boolean;
}

/**
 * Whether `sale` may be voided from `session`, checked in this order: SALE_VOIDED (already voided);
 * SALE_NOT_VOIDABLE `{reason: 'other_session'}` (only the drawer that took the money gives it back whole);
 * SESSION_STATE (the session must be OPEN); SALE_NOT_VOIDABLE `{reason: 'refunded'}` (refund the rest instead).
 * The supervisor's `sales:void` grant and the cash-out limit are checked after this, by the engine.
 */
export function voidEligibility(sale: VoidCandidate, session: ActingSession): Result<void> {
  if (sale.status === 'VOIDED') return fail('SALE_VOIDED', { saleId: sale.id });
  if (sale.sessionId !== session.id) return fail('SALE_NOT_VOIDABLE', { saleId: sale.id, reason: 'other_session' });
  const allowed = allows(session.status, 'move');
  if (!allowed.ok) return allowed;
  if (sale.hasRefunds) return fail('SALE_NOT_VOIDABLE', { saleId: sale.id, reason: 'refunded' });
  return ok(undefined);
}

/** What a line already gave back: thousandths and minor units (total and included tax). */
export interface Refunded {
  readonly milli: number;
  readonly total: Minor;
  readonly tax: Minor;
}

export const NOTHING_REFUNDED: Refunded = { milli: 0, total: 0, tax: 0 };

/** A sold line as a refund sees it. */
export interface RefundableLine {
  readonly lineNo: number;
  readonly productId: string;
  readonly unit: Unit;
  /** Sold, in thousandths. */
  readonly quantityMilli: number;
  /** Minor units the line added to the sale (net of discounts), and the tax included in it. */
  readonly total: Minor;
  readonly tax: Minor;
  readonly refunded: Refunded;
}

export interface RefundableSale {
  readonly id: string;
  readonly status: SaleStatus;
  readonly lines: readonly RefundableLine[];
}

/** One requested line: the sale's line number and a quantity (whole units, or a decimal string for weighed items). */
export interface RefundRequestLine {
  readonly lineId: number;
  readonly quantity: QuantityInput;
}

export interface RefundPlanLine {
  readonly lineNo: number;
  readonly productId: string;
  /** Thousandths given back. */
  readonly quantity: number;
  /** Minor units given back, and the tax included in them. */
  readonly total: Minor;
  readonly tax: Minor;
}

export interface RefundPlan {
  readonly lines: readonly RefundPlanLine[];
  /** Minor units. */
  readonly total: Minor;
  readonly tax: Minor;
}

/**
 * Whether a refund may be started on `sale` at all (the renderer's button): not voided (SALE_VOIDED) and some line not
 * yet given back whole (REFUND_EXCEEDS_SOLD `{saleId}`). The engine refuses the same requests line by line in
 * `planRefund`.
 */
export function refundEligibility(sale: { readonly id: string; readonly status: SaleStatus; readonly lines: readonly { readonly quantityMilli: number; readonly refundedMilli: number }[] }): Result<void> {
  if (sale.status === 'VOIDED') return fail('SALE_VOIDED', { saleId: sale.id });
  if (!sale.lines.some((l) => l.quantityMilli > l.refundedMilli)) return fail('REFUND_EXCEEDS_SOLD', { saleId: sale.id });
  return ok(undefined);
}

/**
 * What a refund of `requested` gives back, line by line: `round_half_up(lineTotal × q / lineQuantity)`, the last of a
 * line its exact remainder (tax the same way). Refusals, in order: SALE_VOIDED; per line NOT_FOUND (no such line),
 * VALIDATION_FAILED (a line twice), QUANTITY_INVALID (not a quantity, or not whole for a UNIT line), REFUND_EXCEEDS_SOLD
 * (more than sold less refunded); VALIDATION_FAILED when it gives back nothing (a line sold free: return such goods by
 * stock adjustment). Field names in details are the request's (`lines.{i}.lineId`, `lines.{i}.quantity`).
 */
export function planRefund(sale: RefundableSale, requested: readonly RefundRequestLine[]): Result<RefundPlan> {
  if (sale.status === 'VOIDED') return fail('SALE_VOIDED', { saleId: sale.id });
  const byNo = new Map(sale.lines.map((l) => [l.lineNo, l]));
  const seen = new Set<number>();
  const lines: RefundPlanLine[] = [];
  for (const [i, r] of requested.entries()) {
    const line = byNo.get(r.lineId);
    if (!line) return fail('NOT_FOUND', { field: `lines.${i}.lineId`, lineId: r.lineId });
    if (seen.has(r.lineId)) return fail('VALIDATION_FAILED', { field: `lines.${i}.lineId`, reason: 'repeated' });
    seen.add(r.lineId);
    const q = parseQuantity(r.quantity);
    if (q === null || !fitsUnit(q, line.unit)) return fail('QUANTITY_INVALID', { field: `lines.${i}.quantity`, unit: line.unit });
    const before = line.refunded;
    if (before.milli + q > line.quantityMilli) {
      return fail('REFUND_EXCEEDS_SOLD', {
        lineId: line.lineNo,
        sold: formatMilli(line.quantityMilli, line.unit),
        refunded: formatMilli(before.milli, line.unit),
        requested: formatMilli(q, line.unit),
      });
    }
    lines.push({
      lineNo: line.lineNo,
      productId: line.productId,
      quantity: q,
      total: refundShare(line.total, line.quantityMilli, before.milli, before.total, q),
      tax: refundShare(line.tax, line.quantityMilli, before.milli, before.tax, q),
    });
  }
  const total = lines.reduce((a, l) => a + l.total, 0);
  if (total === 0) return fail('VALIDATION_FAILED', { field: 'lines', reason: 'nothing to refund' });
  return ok({ lines, total, tax: lines.reduce((a, l) => a + l.tax, 0) });
}

/** Whether refunds of `total` (minor units) need a supervisor: strictly above the register's `refundApprovalAbove`. */
export function refundNeedsApproval(total: Minor, approvalAbove: Minor): boolean {
  return total > approvalAbove;
}

/** Why a refund needs a supervisor: above the register's limit, to a tender the sale did not pay in, or past the session's refused cash-outs. */
export type RefundApprovalReason = 'LIMIT' | 'OTHER_TENDER' | 'CASH_OUT_REFUSALS';

/**
 * Whether a refund of `total` in `method` goes back to what the sale paid in that tender: the sale's net payments in
 * `method` less what its earlier refunds already gave back in it (minor units). Beyond that (a cash refund of a QR sale,
 * say) the money would leave by a tender the customer never used, so a supervisor decides, whatever the amount.
 */
export function refundWithinTender(
  paid: readonly { readonly method: PaymentMethod; readonly amount: Minor }[],
  refunded: readonly { readonly method: PaymentMethod; readonly total: Minor }[],
  method: PaymentMethod,
  total: Minor,
): boolean {
  const took = paid.filter((p) => p.method === method).reduce((a, p) => a + p.amount, 0);
  const gave = refunded.filter((r) => r.method === method).reduce((a, r) => a + r.total, 0);
  return total <= took - gave;
}

/**
 * What a cash refund of `total` (minor units) pays out: the running sum of the sale's cash refunds (`earlierTotal` before
 * rounding, `earlierPaid` already paid out) rounded by `rounding`, less what already left; never below 0. Rounding the
 * running sum, not each refund, keeps a sale refunded in slices from paying out more than its own cash (twenty refunds
 * of Bs 0.05 each rounded up to Bs 0.10 would pay Bs 2.00 for Bs 1.00 sold).
 */
export function cashRefundPayout(earlierTotal: Minor, earlierPaid: Minor, total: Minor, rounding: CashRounding): Minor {
  return Math.max(0, roundCash(earlierTotal + total, rounding) - earlierPaid);
}

/**
 * The approval rule of a refund: ok(false) when none is needed, ok(true) when a `sales:refund` grant is needed and one
 * was given (the engine then checks that grant), SUPERVISOR_REQUIRED `{permission: 'sales:refund', reason, limit?}` when
 * needed and none was given. Needed when this refund plus the sale's earlier refunds made without a supervisor
 * (`unapprovedEarlier`, minor units) pass the register's `approvalAbove` (so ten one-unit refunds cannot slip a whole
 * sale past the limit), and regardless of the amount when the refund leaves by another tender than the sale's
 * (`offTender`) or the session has refused too many cash-outs (`afterRefusals`, cash refunds only: see
 * src/session/cash-out.ts).
 */
export function refundApproval(
  total: Minor,
  approvalAbove: Minor,
  grantGiven: boolean,
  also: { readonly offTender?: boolean; readonly afterRefusals?: boolean; readonly unapprovedEarlier?: Minor } = {},
): Result<boolean> {
  const overLimit = refundNeedsApproval((also.unapprovedEarlier ?? 0) + total, approvalAbove);
  const reason: RefundApprovalReason | null = also.offTender ? 'OTHER_TENDER' : overLimit ? 'LIMIT' : also.afterRefusals ? 'CASH_OUT_REFUSALS' : null;
  if (reason === null) return ok(false);
  if (grantGiven) return ok(true);
  return fail('SUPERVISOR_REQUIRED', reason === 'LIMIT' ? { permission: 'sales:refund', limit: approvalAbove, reason } : { permission: 'sales:refund', reason });
}

/** What each line already gave back, summed from refunds as the renderer holds them (`sales.get`'s `refunds`). */
export function refundedByLine(refunds: readonly { readonly lines: readonly { readonly lineNo: number; readonly quantityMilli: number; readonly total: Minor; readonly tax: Minor }[] }[]): Map<number, Refunded> {
  const out = new Map<number, Refunded>();
  for (const r of refunds) {
    for (const l of r.lines) {
      const b = out.get(l.lineNo) ?? NOTHING_REFUNDED;
      out.set(l.lineNo, { milli: b.milli + l.quantityMilli, total: b.total + l.total, tax: b.tax + l.tax });
    }
  }
  return out;
}
