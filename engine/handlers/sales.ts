// Selling, voiding and refunding. Invariants: one transaction writes the document, its lines and payments, the stock
// movements and the ledger entry; a correction is a new reversing document (void, refund), never an edit; a void or a
// refund moves the session's running totals through the same reducer verification folds.
import type { PaymentRow, ProductRow, RefundLineRow, RefundRow, SaleLineRow, SaleRow } from '../../db';
import {
  appendLedger,
  getSession,
  hasRefunds,
  insertRefund,
  insertSale,
  insertVoid,
  isVoided,
  listSales,
  moveStock,
  nextCounter,
  paymentsOf,
  productById,
  refundedByLine,
  refundsOfSale,
  saleById,
  saleLinesOf,
  totalsOf,
} from '../../db';
import type { CurrencyCode } from '../../src/money';
import { cashRoundingFor } from '../../src/money';
import type { PaymentMethod } from '../../src/sale/methods';
import type { Unit } from '../../src/sale/quantity';
import { formatMilli } from '../../src/sale/quantity';
import type { Refunded } from '../../src/sale/eligibility';
import { cashRefundPayout, NOTHING_REFUNDED, planRefund, refundApproval, refundWithinTender, voidEligibility } from '../../src/sale/eligibility';
import { settleSale } from '../../src/sale/sale';
import { discountApproval } from '../../src/sale/discount-authority';
import { takeStock } from '../../src/sale/stock';
import { priceLine } from '../../src/sale/line';
import { allowsUse } from '../../src/session/register-rules';
import type { RefundPayload, SalePayload, VoidPayload } from '../../src/session/ledger';
import { checkCashOut } from '../../src/session/cash-out';
import { localDate, refundNumber, saleNumber } from '../../src/session/numbering';
import { allows } from '../../src/session/state';
import type { CommandOutput } from '../../src/contract';
import { fail, ok } from '../../src/result';
import type { AuthedCtx, Handler } from '../context';
import { branchOf } from '../sessions';
import { checkGrantId, consumeGrant } from '../grants';
import { currentView, heldSession, seesExpected, visibleSession } from '../held';
import { roomIn } from '../ceiling';
import { noteAllowedCashOut, refuseCashOut, refusalsNeedGrant } from '../refused-cash-out';

type SaleView = CommandOutput<'sales.create'>['sale'];
type RefundView = CommandOutput<'sales.refund'>['refund'];

export const create: Handler<'sales.create'> = (ctx, input) => {
  const held = heldSession(ctx);
  if (!held.ok) return held;
  const { session, register } = held.value;
  const allowed = allows(session.status, 'sell');
  if (!allowed.ok) return allowed;
  const use = allowsUse(register.specialty, 'sales');
  if (!use.ok) return use;

  const db = ctx.db;
  const found = new Map<string, ProductRow>();
  const priced: { product: ProductRow; productId: string; quantityMilli: number; unitPrice: number; discount: number; taxRateBp: number }[] = [];
  for (const [i, line] of input.lines.entries()) {
    const product = found.get(line.productId) ?? productById(db, line.productId);
    if (!product) return fail('NOT_FOUND', { field: `lines.${i}.productId`, productId: line.productId });
    found.set(product.id, product);
    const sold = priceLine(product, line, i, ctx.actor.permissions.has('sales:price_override'));
    if (!sold.ok) return sold;
    const { quantityMilli, unitPrice } = sold.value;
    priced.push({ product, productId: product.id, quantityMilli, unitPrice, discount: line.discount ?? 0, taxRateBp: product.taxRateBp });
  }
  const currency = register.currency as CurrencyCode;
  const settled = settleSale(currency, priced, input.payments, input.discount ?? 0, cashRoundingFor(currency, register.cashRounding));
  if (!settled.ok) return settled;
  // Discount authority: past the register's ceilings, or nothing left to pay, a supervisor approves (src/sale/discount.ts).
  const discounted = settled.value.lines.map((l, i) => ({ gross: l.gross, ownDiscount: priced[i]?.discount ?? 0 }));
  const approval = discountApproval(discounted, input.discount ?? 0, register, input.grantId !== undefined);
  if (!approval.ok) return approval;
  let discountApprovedBy: string | null = null;
  if (approval.value && input.grantId !== undefined) {
    const grant = checkGrantId(ctx, input.grantId, 'sales:discount');
    if (!grant.ok) return grant;
    discountApprovedBy = grant.value.grantorId;
  }

  const stock = takeStock(priced, new Map([...found].map(([id, p]) => [id, p.stock])), register.allowNegativeStock);
  if (!stock.ok) return stock;

  if (discountApprovedBy !== null && input.grantId !== undefined) consumeGrant(ctx, input.grantId, 'sales.create');
  const branch = branchOf(ctx, register);
  const date = localDate(ctx.now, branch.timeZone);
  const payload: SalePayload = {
    id: ctx.newId(),
    saleNumber: saleNumber(branch.code, register.code, date, nextCounter(ctx.db, `sale:${register.id}:${date}`)),
    userId: ctx.actor.id,
    total: settled.value.total,
    change: settled.value.change,
    discount: input.discount ?? 0,
    tax: settled.value.tax,
    lines: settled.value.lines.map((l, i) => {
      const p = priced[i]?.product;
      if (!p) throw new Error('line without product');
      return {
        lineNo: i + 1,
        productId: l.productId,
        sku: p.sku,
        name: p.name,
        quantity: l.quantityMilli,
        unitPrice: l.unitPrice,
        total: l.total,
        unit: p.unit,
        gross: l.gross,
        discount: l.discount,
        taxRateBp: l.taxRateBp,
        tax: l.tax,
      };
    }),
    payments: settled.value.payments.map((p) => ({ id: ctx.newId(), ...p })),
    ...(settled.value.cashRounding === 0 ? {} : { cashRounding: settled.value.cashRounding }),
    ...(discountApprovedBy === null ? {} : { discountApprovedBy }),
  };
  const room = roomIn(session, { kind: 'SALE', payload });
  if (!room.ok) return room;
  insertSale(db, session.id, ctx.at, payload);
  const after = new Map<string, number>();
  for (const l of payload.lines) {
    after.set(l.productId, moveStock(db, { id: ctx.newId(), productId: l.productId, delta: -l.quantity, kind: 'SALE', refId: payload.id, reason: null, userId: ctx.actor.id, at: ctx.at }));
  }
  const { row } = appendLedger(ctx.db, session, ctx.at, { kind: 'SALE', payload });
  const stockWarnings = [...after].filter(([, s]) => s < 0).map(([productId, s]) => ({ productId, stock: formatMilli(s, found.get(productId)?.unit), stockMilli: s }));
  return ok({ sale: saleFromPayload(payload, session.id, ctx.at), stockWarnings, current: currentView(ctx, { session: row, register }) });
};

function saleFromPayload(p: SalePayload, sessionId: string, at: string): SaleView {
  return {
    id: p.id,
    sessionId,
    saleNumber: p.saleNumber,
    gross: p.lines.reduce((a, l) => a + (l.gross ?? l.total), 0),
    discount: p.lines.reduce((a, l) => a + (l.discount ?? 0), 0),
    tax: p.tax ?? 0,
    total: p.total,
    change: p.change,
    cashRounding: p.cashRounding ?? 0,
    status: 'COMPLETED',
    createdAt: at,
    refundedTotal: 0,
    lines: p.lines.map((l) => ({
      lineNo: l.lineNo,
      productId: l.productId,
      sku: l.sku,
      name: l.name,
      unit: l.unit ?? 'UNIT',
      quantity: formatMilli(l.quantity, l.unit ?? 'UNIT'),
      quantityMilli: l.quantity,
      unitPrice: l.unitPrice,
      gross: l.gross ?? l.total,
      discount: l.discount ?? 0,
      total: l.total,
      taxRateBp: l.taxRateBp ?? 0,
      tax: l.tax ?? 0,
      refundedMilli: 0,
    })),
    payments: p.payments.map((x) => ({ ...x, cardLast4: x.cardLast4 ?? null, authCode: x.authCode ?? null })),
  };
}

/** A stored sale as the contract shows it; `refunded` is what each line already gave back. */
function saleView(sale: SaleRow, lines: readonly SaleLineRow[], payments: readonly PaymentRow[], voided: boolean, refunded: ReadonlyMap<number, Refunded>): SaleView {
  return {
    id: sale.id,
    sessionId: sale.sessionId,
    saleNumber: sale.saleNumber,
    gross: lines.reduce((a, l) => a + l.gross, 0),
    discount: lines.reduce((a, l) => a + l.discount, 0),
    tax: sale.tax,
    total: sale.total,
    change: sale.change,
    cashRounding: sale.cashRounding,
    status: voided ? 'VOIDED' : 'COMPLETED',
    createdAt: sale.createdAt,
    refundedTotal: [...refunded.values()].reduce((a, r) => a + r.total, 0),
    lines: lines.map((l) => ({
      lineNo: l.lineNo,
      productId: l.productId,
      sku: l.sku,
      name: l.name,
      unit: l.unit,
      quantity: formatMilli(l.quantity, l.unit),
      quantityMilli: l.quantity,
      unitPrice: l.unitPrice,
      gross: l.gross,
      discount: l.discount,
      total: l.total,
      taxRateBp: l.taxRateBp,
      tax: l.tax,
      refundedMilli: refunded.get(l.lineNo)?.milli ?? 0,
    })),
    payments: payments.map((p) => ({
      id: p.id,
      method: p.method as PaymentMethod,
      amount: p.amount,
      tendered: p.tendered,
      change: p.change,
      reference: p.reference,
      cardLast4: p.cardLast4,
      authCode: p.authCode,
    })),
  };
}

/** A refund as written (its payload) or stored (its row and lines); `units` are the sale's line units by line number. */
function refundView(
  r: Pick<RefundRow, 'id' | 'refundNumber' | 'saleId' | 'sessionId' | 'total' | 'tax' | 'reason' | 'damaged' | 'authorizedBy' | 'createdAt'> & {
    readonly method: string;
    readonly cashRounding?: number | undefined;
    readonly lines: readonly Pick<RefundLineRow, 'lineNo' | 'productId' | 'quantity' | 'total' | 'tax'>[];
  },
  saleNumber: string,
  units: ReadonlyMap<number, Unit>,
): RefundView {
  return {
    id: r.id,
    refundNumber: r.refundNumber,
    saleId: r.saleId,
    saleNumber,
    sessionId: r.sessionId,
    method: r.method as PaymentMethod,
    total: r.total,
    tax: r.tax,
    cashRounding: r.cashRounding ?? 0,
    reason: r.reason,
    damaged: r.damaged,
    restocked: !r.damaged,
    authorizedBy: r.authorizedBy,
    lines: r.lines.map((l) => ({ lineNo: l.lineNo, productId: l.productId, quantity: formatMilli(l.quantity, units.get(l.lineNo) ?? 'UNIT'), quantityMilli: l.quantity, total: l.total, tax: l.tax })),
    createdAt: r.createdAt,
  };
}

const unitsOf = (lines: readonly SaleLineRow[]) => new Map(lines.map((l) => [l.lineNo, l.unit]));

/** A sale of the actor's branch (refunds and lookups never cross branches). */
function branchSale(ctx: AuthedCtx, saleId: string, branchId: string | null) {
  const sale = saleById(ctx.db, saleId);
  if (!sale) return fail('NOT_FOUND', { saleId });
  const session = getSession(ctx.db, sale.sessionId);
  if (!session) throw new Error(`sale ${sale.id} without session`);
  if (branchId !== null && session.branchId !== branchId) return fail('NOT_FOUND', { saleId });
  return ok({ sale, session });
}

export const get: Handler<'sales.get'> = (ctx, input) => {
  const found = branchSale(ctx, input.saleId, ctx.actor.branchId);
  if (!found.ok) return found;
  const { sale } = found.value;
  const lines = saleLinesOf(ctx.db, sale.id);
  const units = unitsOf(lines);
  return ok({
    sale: saleView(sale, lines, paymentsOf(ctx.db, sale.id), isVoided(ctx.db, sale.id), refundedByLine(ctx.db, sale.id)),
    refunds: refundsOfSale(ctx.db, sale.id).map((r) => refundView(r, sale.saleNumber, units)),
  });
};

/**
 * A session's sales newest first (in `sales_session_created` index order, so a page reads only its rows), or one sale
 * of the branch by its exact number. A cashier may not list another's session, but may find any sale of the branch by
 * number: a refund may be given on any register of the branch (issue 3), and sales.get opens it the same way.
 */
export const list: Handler<'sales.list'> = (ctx, input) => {
  const empty = () => ok({ sales: [], pagination: { total: 0, page: input.page, pageSize: input.pageSize, totalPages: 0 } });
  let sessionId: string | undefined;
  if (input.sessionId !== undefined || input.saleNumber === undefined) {
    const held = input.sessionId === undefined ? heldSession(ctx) : visibleSession(ctx, input.sessionId);
    if (!held.ok) return input.sessionId === undefined ? empty() : held;
    sessionId = held.value.session.id;
  }
  const saleNumber = input.saleNumber?.toUpperCase();
  // Never across branches (a user without a branch, the store's admin, sees every branch, as with sales.get).
  const branchId = saleNumber !== undefined && ctx.actor.branchId !== null ? ctx.actor.branchId : undefined;
  const { rows, total } = listSales(ctx.db, { sessionId, saleNumber, branchId, query: input.query }, input.page, input.pageSize);
  const sales: ListItem[] = rows.map(({ voided, ...r }) => ({ ...r, status: voided ? 'VOIDED' : 'COMPLETED' }));
  return ok({ sales, pagination: { total, page: input.page, pageSize: input.pageSize, totalPages: Math.ceil(total / input.pageSize) } });
};

type ListItem = CommandOutput<'sales.list'>['sales'][number];

export const voidSale: Handler<'sales.void'> = (ctx, input) => {
  const held = heldSession(ctx);
  if (!held.ok) return held;
  const { session } = held.value;
  const sale = saleById(ctx.db, input.saleId);
  if (!sale) return fail('NOT_FOUND', { saleId: input.saleId });
  const status = isVoided(ctx.db, sale.id) ? 'VOIDED' : 'COMPLETED';
  const eligible = voidEligibility({ id: sale.id, status, sessionId: sale.sessionId, hasRefunds: hasRefunds(ctx.db, sale.id) }, session);
  if (!eligible.ok) return eligible;
  const grant = checkGrantId(ctx, input.grantId, 'sales:void');
  if (!grant.ok) return grant;

  const payments = paymentsOf(ctx.db, sale.id);
  const cash = payments.filter((p) => p.method === 'CASH').reduce((a, p) => a + p.amount, 0);
  const room = checkCashOut(totalsOf(session), cash, seesExpected(ctx, held.value));
  if (!room.ok) return refuseCashOut(ctx, session, { kind: 'VOID', amount: cash, ref: sale.id }, room.error, 'sales.void', input.grantId);
  consumeGrant(ctx, input.grantId, 'sales.void');

  const payload: VoidPayload = {
    id: ctx.newId(),
    saleId: sale.id,
    saleNumber: sale.saleNumber,
    total: sale.total,
    payments: payments.map((p) => ({ method: p.method as PaymentMethod, amount: p.amount })),
    reason: input.reason,
    userId: ctx.actor.id,
    authorizedBy: grant.value.grantorId,
    ...(sale.cashRounding === 0 ? {} : { cashRounding: sale.cashRounding }),
  };
  const fits = roomIn(session, { kind: 'SALE_VOIDED', payload });
  if (!fits.ok) return fits;
  insertVoid(ctx.db, session.id, ctx.at, payload);
  const lines = saleLinesOf(ctx.db, sale.id);
  for (const l of lines) moveStock(ctx.db, { id: ctx.newId(), productId: l.productId, delta: l.quantity, kind: 'VOID', refId: payload.id, reason: input.reason, userId: ctx.actor.id, at: ctx.at });
  appendLedger(ctx.db, session, ctx.at, { kind: 'SALE_VOIDED', payload });
  // A voidable sale has no refunds: nothing was given back.
  return ok({ sale: saleView(sale, lines, payments, true, new Map()) });
};

export const refund: Handler<'sales.refund'> = (ctx, input) => {
  const held = heldSession(ctx);
  if (!held.ok) return held;
  const { session, register } = held.value;
  const allowed = allows(session.status, 'sell');
  if (!allowed.ok) return allowed;
  const use = allowsUse(register.specialty, 'sales');
  if (!use.ok) return use;
  const found = branchSale(ctx, input.saleId, register.branchId);
  if (!found.ok) return found;
  const { sale } = found.value;
  const voided = isVoided(ctx.db, sale.id);
  const already = refundedByLine(ctx.db, sale.id);
  const saleLines = saleLinesOf(ctx.db, sale.id);
  const plan = planRefund(
    {
      id: sale.id,
      status: voided ? 'VOIDED' : 'COMPLETED',
      lines: saleLines.map((l) => ({ lineNo: l.lineNo, productId: l.productId, unit: l.unit, quantityMilli: l.quantity, total: l.total, tax: l.tax, refunded: already.get(l.lineNo) ?? NOTHING_REFUNDED })),
    },
    input.lines,
  );
  if (!plan.ok) return plan;
  const { total, lines: out } = plan.value;
  // Back to the tender the sale was paid in; money out by another tender (cash for a QR sale) is a supervisor's call.
  const salePayments = paymentsOf(ctx.db, sale.id).map((p) => ({ method: p.method as PaymentMethod, amount: p.amount }));
  const earlierRefunds = refundsOfSale(ctx.db, sale.id);
  // What left by each tender (a cash refund's own rounding included), so a rounded cash sale refunds in cash in full.
  const earlier = earlierRefunds.map((r) => ({ method: r.method as PaymentMethod, total: r.total + r.cashRounding }));
  // A cash refund is paid out rounded like a cash sale, by this register's rounding, over the sale's running sum of cash refunds.
  const earlierCash = earlierRefunds.filter((r) => r.method === 'CASH');
  const payout =
    input.method === 'CASH'
      ? cashRefundPayout(
          earlierCash.reduce((a, r) => a + r.total, 0),
          earlierCash.reduce((a, r) => a + r.total + r.cashRounding, 0),
          total,
          cashRoundingFor(register.currency as CurrencyCode, register.cashRounding),
        )
      : total;
  const approval = refundApproval(total, register.refundApprovalAbove, input.grantId !== undefined, {
    offTender: !refundWithinTender(salePayments, earlier, input.method, payout),
    afterRefusals: input.method === 'CASH' && refusalsNeedGrant(ctx, session),
  });
  if (!approval.ok) return approval;
  let authorizedBy: string | null = null;
  if (approval.value && input.grantId !== undefined) {
    const grant = checkGrantId(ctx, input.grantId, 'sales:refund');
    if (!grant.ok) return grant;
    authorizedBy = grant.value.grantorId;
  }
  const cashRounding = payout - total;
  if (input.method === 'CASH') {
    const sees = seesExpected(ctx, held.value);
    const room = checkCashOut(totalsOf(session), total + cashRounding, sees);
    if (!room.ok) return refuseCashOut(ctx, session, { kind: 'REFUND', amount: total + cashRounding, ref: sale.id }, room.error, 'sales.refund', authorizedBy === null ? undefined : input.grantId);
    noteAllowedCashOut(ctx, session, room.value, total + cashRounding, !sees, authorizedBy !== null);
  }
  if (authorizedBy !== null && input.grantId !== undefined) consumeGrant(ctx, input.grantId, 'sales.refund');

  const branch = branchOf(ctx, register);
  const date = localDate(ctx.now, branch.timeZone);
  const damaged = input.damaged ?? false;
  const payload: RefundPayload = {
    id: ctx.newId(),
    refundNumber: refundNumber(branch.code, register.code, date, nextCounter(ctx.db, `refund:${register.id}:${date}`)),
    saleId: sale.id,
    saleNumber: sale.saleNumber,
    saleSessionId: sale.sessionId,
    method: input.method,
    total,
    tax: plan.value.tax,
    lines: out,
    reason: input.reason,
    damaged,
    userId: ctx.actor.id,
    authorizedBy,
    ...(cashRounding === 0 ? {} : { cashRounding }),
  };
  const fits = roomIn(session, { kind: 'REFUND', payload });
  if (!fits.ok) return fits;
  insertRefund(ctx.db, session.id, ctx.at, payload);
  // Damaged goods are written off: they never come back into sellable stock.
  if (!damaged) {
    for (const l of out) moveStock(ctx.db, { id: ctx.newId(), productId: l.productId, delta: l.quantity, kind: 'REFUND', refId: payload.id, reason: input.reason, userId: ctx.actor.id, at: ctx.at });
  }
  appendLedger(ctx.db, session, ctx.at, { kind: 'REFUND', payload });
  // The sale as it now stands, from what was read and just written: each line's refunded share plus this refund.
  const refunded = new Map(already);
  for (const l of out) {
    const r = refunded.get(l.lineNo) ?? NOTHING_REFUNDED;
    refunded.set(l.lineNo, { milli: r.milli + l.quantity, total: r.total + l.total, tax: r.tax + l.tax });
  }
  return ok({
    refund: refundView({ ...payload, sessionId: session.id, createdAt: ctx.at }, sale.saleNumber, unitsOf(saleLines)),
    sale: saleView(sale, saleLines, paymentsOf(ctx.db, sale.id), voided, refunded),
  });
};
