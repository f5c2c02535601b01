// Copies of a sale's papers (the receipt, a refund's slip) and where papers asked for from a screen go: the register
// the asker stands at. Invariants: reads only; every figure is the stored one (nothing re-priced); a sale is visible to
// anyone of its branch (as sales.get), never across branches.
import { activeSessionOfUser, getRegister, getSession, getUser, isVoided, listRegisters, paymentsOf, productById, refundsOfSale, saleById, saleLinesOf } from '../db';
import { printerSettingsOf } from '../db/repos/print-settings';
import type { CommandOutput } from '../src/contract';
import type { PaymentMethod } from '../src/sale/methods';
import { formatMilli } from '../src/sale/quantity';
import { fail, ok } from '../src/result';
import type { AuthedCtx, Outcome } from './context';

type Copy = Omit<CommandOutput<'print.receipt'>, 'printer' | 'registerId'>;
type PrinterKind = CommandOutput<'print.receipt'>['printer'];

/**
 * The receipt of `saleId` as stored (and, with `refundId`, that refund's slip), for a copy. NOT_FOUND for a sale of
 * another branch or a refund of another sale. Amounts in minor units.
 */
export function receiptCopy(ctx: AuthedCtx, saleId: string, refundId: string | undefined): Outcome<Copy & { readonly saleRegisterId: string }> {
  const sale = saleById(ctx.db, saleId);
  const session = sale ? getSession(ctx.db, sale.sessionId) : undefined;
  if (!sale || !session || (ctx.actor.branchId !== null && session.branchId !== ctx.actor.branchId)) return fail('NOT_FOUND', { saleId });
  const lines = saleLinesOf(ctx.db, sale.id);
  const receipt: Copy['receipt'] = {
    saleId: sale.id,
    sessionId: sale.sessionId,
    saleNumber: sale.saleNumber,
    createdAt: sale.createdAt,
    total: sale.total,
    change: sale.change,
    cashRounding: sale.cashRounding,
    saleDiscount: sale.discount,
    voided: isVoided(ctx.db, sale.id),
    lines: lines.map((l) => ({ name: l.name, unit: l.unit, quantity: formatMilli(l.quantity, l.unit), unitPrice: l.unitPrice, gross: l.gross, discount: l.discount, taxRateBp: l.taxRateBp, tax: l.tax })),
    payments: paymentsOf(ctx.db, sale.id).map((p) => ({ method: p.method as PaymentMethod, amount: p.amount, tendered: p.tendered, change: p.change, reference: p.reference })),
  };
  let refund: Copy['refund'] = null;
  if (refundId !== undefined) {
    const r = refundsOfSale(ctx.db, sale.id).find((x) => x.id === refundId);
    if (!r) return fail('NOT_FOUND', { refundId });
    const units = new Map(lines.map((l) => [l.lineNo, l.unit]));
    refund = {
      refundId: r.id,
      refundNumber: r.refundNumber,
      saleNumber: sale.saleNumber,
      sessionId: r.sessionId,
      method: r.method as PaymentMethod,
      total: r.total,
      tax: r.tax,
      reason: r.reason,
      approver: r.authorizedBy ? (getUser(ctx.db, r.authorizedBy)?.name ?? null) : null,
      createdAt: r.createdAt,
      lines: r.lines.map((l) => ({ name: productById(ctx.db, l.productId)?.name ?? l.productId, quantity: formatMilli(l.quantity, units.get(l.lineNo) ?? 'UNIT').replace('.', ','), total: l.total })),
    };
  }
  return ok({ receipt, refund, saleRegisterId: session.registerId });
}

/** The register a paper asked for at the counter prints on: the asker's open session's, else `fallback`. */
export function counterRegister(ctx: AuthedCtx, fallback: string | null): { registerId: string | null; printer: PrinterKind } {
  const registerId = activeSessionOfUser(ctx.db, ctx.actor.id)?.registerId ?? fallback;
  return { registerId, printer: registerId === null ? 'NONE' : printerSettingsOf(ctx.db, registerId).target.kind };
}

/**
 * Where a report of the branch (the daily report, A4) prints: `registerId` when given (NOT_FOUND unless of the
 * branch), else the asker's open session's register, else the branch's first register with an A4 system printer,
 * else its first with any printer; `registerId` null when the branch has no printer at all.
 */
export function reportRegister(ctx: AuthedCtx, branchId: string, registerId: string | undefined): Outcome<{ registerId: string | null; printer: PrinterKind }> {
  if (registerId !== undefined) {
    const register = getRegister(ctx.db, registerId);
    if (!register || register.branchId !== branchId) return fail('NOT_FOUND', { registerId });
    return ok({ registerId, printer: printerSettingsOf(ctx.db, registerId).target.kind });
  }
  const own = activeSessionOfUser(ctx.db, ctx.actor.id);
  if (own && own.branchId === branchId) return ok(counterRegister(ctx, null));
  const withPrinter = listRegisters(ctx.db, false)
    .filter((r) => r.branchId === branchId)
    .map((r) => ({ id: r.id, target: printerSettingsOf(ctx.db, r.id).target }))
    .filter((r) => r.target.kind !== 'NONE');
  const chosen = withPrinter.find((r) => r.target.kind === 'SYSTEM' && r.target.paper === 'A4') ?? withPrinter[0];
  return ok(chosen ? { registerId: chosen.id, printer: chosen.target.kind } : { registerId: null, printer: 'NONE' });
}
