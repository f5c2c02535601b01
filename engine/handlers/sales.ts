// Selling, voiding and refunding. Invariants: one transaction writes the document, its lines and payments, the stock
// movements and the ledger entry; a correction is a new reversing document (void, refund), never an edit; a void or a
// refund moves the session's running totals through the same reducer verification folds.
import { eq } from 'drizzle-orm';
import type { ProductRow } from '../../db';
import { appendLedger, getSession, insertSale, moveStock, nextCounter, productById, schema, totalsOf } from '../../db';
import type { CurrencyCode } from '../../src/money';
import type { PaymentMethod } from '../../src/sale/methods';
import { fitsUnit, formatMilli, parseQuantity, refundShare } from '../../src/sale/quantity';
import { settleSale } from '../../src/sale/sale';
import type { RefundPayload, SalePayload, VoidPayload } from '../../src/session/ledger';
import { expectedCash } from '../../src/session/ledger';
import { localDate, refundNumber, saleNumber } from '../../src/session/numbering';
import { allows } from '../../src/session/state';
import type { CommandOutput } from '../../src/contract';
import { fail, ok } from '../../src/result';
import type { AuthedCtx, Handler } from '../context';
import { branchOf } from '../sessions';
import { checkGrantId, consumeGrant } from '../grants';
import { heldSession, masked, visibleSession } from '../held';
import { sessionView } from '../views';

type SaleView = CommandOutput<'sales.create'>['sale'];
type RefundView = CommandOutput<'sales.refund'>['refund'];

export const create: Handler<'sales.create'> = (ctx, input) => {
  const held = heldSession(ctx);
  if (!held.ok) return held;
  const { session, register } = held.value;
  const allowed = allows(session.status, 'sell');
  if (!allowed.ok) return allowed;
  if (register.specialty === 'AGENTS_ONLY') return fail('REGISTER_SPECIALTY_MISMATCH', { specialty: register.specialty });

  const db = ctx.db;
  const found = new Map<string, ProductRow>();
  const priced: { product: ProductRow; productId: string; quantityMilli: number; unitPrice: number; discount: number; taxRateBp: number }[] = [];
  for (const [i, line] of input.lines.entries()) {
    const product = found.get(line.productId) ?? productById(db, line.productId);
    if (!product) return fail('NOT_FOUND', { field: `lines.${i}.productId`, productId: line.productId });
    found.set(product.id, product);
    if (!product.active) return fail('PRODUCT_INACTIVE', { productId: product.id });
    const quantityMilli = parseQuantity(line.quantity);
    if (quantityMilli === null || !fitsUnit(quantityMilli, product.unit)) return fail('QUANTITY_INVALID', { field: `lines.${i}.quantity`, unit: product.unit });
    const unitPrice = line.unitPrice ?? product.price;
    if (unitPrice !== product.price && !ctx.actor.permissions.has('sales:price_override')) {
      return fail('PRICE_OVERRIDE_FORBIDDEN', { field: `lines.${i}.unitPrice` });
    }
    priced.push({ product, productId: product.id, quantityMilli, unitPrice, discount: line.discount ?? 0, taxRateBp: product.taxRateBp });
  }
  const currency = register.currency as CurrencyCode;
  const settled = settleSale(currency, priced, input.payments, input.discount ?? 0);
  if (!settled.ok) return settled;

  // Stock: below zero is allowed and flagged, unless the register forbids it.
  const taking = new Map<string, number>();
  for (const l of priced) taking.set(l.productId, (taking.get(l.productId) ?? 0) + l.quantityMilli);
  if (!register.allowNegativeStock) {
    for (const [productId, q] of taking) {
      const stock = found.get(productId)?.stock ?? 0;
      if (stock - q < 0) return fail('OUT_OF_STOCK', { productId, stock: formatMilli(stock), requested: formatMilli(q) });
    }
  }

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
  };
  insertSale(db, session.id, ctx.at, payload);
  const after = new Map<string, number>();
  for (const l of payload.lines) {
    after.set(l.productId, moveStock(db, { id: ctx.newId(), productId: l.productId, delta: -l.quantity, kind: 'SALE', refId: payload.id, reason: null, userId: ctx.actor.id, at: ctx.at }));
  }
  const { row } = appendLedger(ctx.db, session, ctx.at, { kind: 'SALE', payload });
  const stockWarnings = [...after].filter(([, s]) => s < 0).map(([productId, s]) => ({ productId, stock: formatMilli(s, found.get(productId)?.unit), stockMilli: s }));
  const current = { session: sessionView(ctx.db, row), hasOpenSession: true, expectedCash: masked(ctx, held.value) ? null : expectedCash(totalsOf(row)) };
  return ok({ sale: saleFromPayload(payload, session.id, ctx.at), stockWarnings, current });
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

type SaleRow = typeof schema.sales.$inferSelect;
type LineRow = typeof schema.saleLines.$inferSelect;

interface Refunded {
  readonly milli: number;
  readonly total: number;
  readonly tax: number;
}

function refundedByLine(ctx: AuthedCtx, saleId: string): Map<number, Refunded> {
  const rows = ctx.sqlite
    .prepare<[string], { line_no: number; q: number; t: number; x: number }>(
      'SELECT line_no, SUM(quantity) AS q, SUM(total) AS t, SUM(tax) AS x FROM refund_lines WHERE sale_id = ? GROUP BY line_no',
    )
    .all(saleId);
  return new Map(rows.map((r) => [r.line_no, { milli: r.q, total: r.t, tax: r.x }]));
}

function saleView(ctx: AuthedCtx, sale: SaleRow): SaleView {
  const lines = ctx.db.select().from(schema.saleLines).where(eq(schema.saleLines.saleId, sale.id)).orderBy(schema.saleLines.lineNo).all();
  const payments = ctx.db.select().from(schema.payments).where(eq(schema.payments.saleId, sale.id)).all();
  const voided = ctx.db.select().from(schema.saleVoids).where(eq(schema.saleVoids.saleId, sale.id)).get();
  const refunded = refundedByLine(ctx, sale.id);
  return {
    id: sale.id,
    sessionId: sale.sessionId,
    saleNumber: sale.saleNumber,
    gross: lines.reduce((a, l) => a + l.gross, 0),
    discount: lines.reduce((a, l) => a + l.discount, 0),
    tax: sale.tax,
    total: sale.total,
    change: sale.change,
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

function refundView(ctx: AuthedCtx, r: typeof schema.refunds.$inferSelect, saleNumber: string): RefundView {
  const lines = ctx.db.select().from(schema.refundLines).where(eq(schema.refundLines.refundId, r.id)).orderBy(schema.refundLines.lineNo).all();
  const units = new Map(
    ctx.db
      .select({ lineNo: schema.saleLines.lineNo, unit: schema.saleLines.unit })
      .from(schema.saleLines)
      .where(eq(schema.saleLines.saleId, r.saleId))
      .all()
      .map((x) => [x.lineNo, x.unit]),
  );
  return {
    id: r.id,
    refundNumber: r.refundNumber,
    saleId: r.saleId,
    saleNumber,
    sessionId: r.sessionId,
    method: r.method as PaymentMethod,
    total: r.total,
    tax: r.tax,
    reason: r.reason,
    damaged: r.damaged,
    restocked: !r.damaged,
    authorizedBy: r.authorizedBy,
    lines: lines.map((l) => ({ lineNo: l.lineNo, productId: l.productId, quantity: formatMilli(l.quantity, units.get(l.lineNo) ?? 'UNIT'), quantityMilli: l.quantity, total: l.total, tax: l.tax })),
    createdAt: r.createdAt,
  };
}

/** A sale of the actor's branch (refunds and lookups never cross branches). */
function branchSale(ctx: AuthedCtx, saleId: string, branchId: string | null) {
  const sale = ctx.db.select().from(schema.sales).where(eq(schema.sales.id, saleId)).get();
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
  const refunds = ctx.db.select().from(schema.refunds).where(eq(schema.refunds.saleId, sale.id)).orderBy(schema.refunds.createdAt).all();
  return ok({ sale: saleView(ctx, sale), refunds: refunds.map((r) => refundView(ctx, r, sale.saleNumber)) });
};

type ListItem = CommandOutput<'sales.list'>['sales'][number];

/** `LIKE` text matching `text` literally (with `ESCAPE '\\'`). */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * A session's sales newest first (in `sales_session_created` index order, so a page reads only its rows), or one sale
 * of the branch by its exact number. A cashier may not list another's session, but may find any sale of the branch by
 * number: a refund may be given on any register of the branch (issue 3), and sales.get opens it the same way.
 */
export const list: Handler<'sales.list'> = (ctx, input) => {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const empty = () => ok({ sales: [], pagination: { total: 0, page: input.page, pageSize: input.pageSize, totalPages: 0 } });
  if (input.sessionId !== undefined || input.saleNumber === undefined) {
    const held = input.sessionId === undefined ? heldSession(ctx) : visibleSession(ctx, input.sessionId);
    if (!held.ok) return input.sessionId === undefined ? empty() : held;
    where.push('s.session_id = ?');
    params.push(held.value.session.id);
  }
  if (input.saleNumber !== undefined) {
    where.push('s.sale_number = ?');
    params.push(input.saleNumber.toUpperCase());
    // Never across branches (a user without a branch, the store's admin, sees every branch, as with sales.get).
    if (ctx.actor.branchId !== null) {
      where.push('se.branch_id = ?');
      params.push(ctx.actor.branchId);
    }
  }
  if (input.query !== undefined) {
    // Digits alone are the sequence at the end of the number ("12" is …-0012); anything else is part of the number.
    const q = input.query.toUpperCase();
    where.push("s.sale_number LIKE ? ESCAPE '\\'");
    params.push(/^\d+$/.test(q) ? `%-${q.padStart(4, '0')}` : `%${likeLiteral(q)}%`);
  }
  const from = 'FROM sales s JOIN sessions se ON se.id = s.session_id';
  const clause = `WHERE ${where.join(' AND ')}`;
  const total = ctx.sqlite.prepare<(string | number)[], { n: number }>(`SELECT COUNT(*) AS n ${from} ${clause}`).get(...params)?.n ?? 0;
  const rows = ctx.sqlite
    .prepare<(string | number)[], { id: string; sale_number: string; session_id: string; register_code: string; total: number; voided: number; refunded: number; created_at: string; user_name: string }>(
      `SELECT s.id, s.sale_number, s.session_id, r.code AS register_code, s.total, s.created_at, u.name AS user_name,
         EXISTS (SELECT 1 FROM sale_voids v WHERE v.sale_id = s.id) AS voided,
         (SELECT COALESCE(SUM(f.total), 0) FROM refunds f WHERE f.sale_id = s.id) AS refunded
       ${from} JOIN registers r ON r.id = se.register_id JOIN users u ON u.id = s.user_id
       ${clause}
       ORDER BY s.created_at DESC, s.sale_number DESC LIMIT ? OFFSET ?`,
    )
    .all(...params, input.pageSize, (input.page - 1) * input.pageSize);
  const sales: ListItem[] = rows.map((r) => ({
    id: r.id,
    saleNumber: r.sale_number,
    sessionId: r.session_id,
    registerCode: r.register_code,
    total: r.total,
    status: r.voided ? 'VOIDED' : 'COMPLETED',
    refundedTotal: r.refunded,
    createdAt: r.created_at,
    userName: r.user_name,
  }));
  return ok({ sales, pagination: { total, page: input.page, pageSize: input.pageSize, totalPages: Math.ceil(total / input.pageSize) } });
};

export const voidSale: Handler<'sales.void'> = (ctx, input) => {
  const held = heldSession(ctx);
  if (!held.ok) return held;
  const { session } = held.value;
  const sale = ctx.db.select().from(schema.sales).where(eq(schema.sales.id, input.saleId)).get();
  if (!sale) return fail('NOT_FOUND', { saleId: input.saleId });
  if (ctx.db.select().from(schema.saleVoids).where(eq(schema.saleVoids.saleId, sale.id)).get()) return fail('SALE_VOIDED', { saleId: sale.id });
  // Only the drawer that took the money can give it back whole, and only while that session is still running.
  if (sale.sessionId !== session.id) return fail('SALE_NOT_VOIDABLE', { saleId: sale.id, reason: 'other_session' });
  const allowed = allows(session.status, 'move');
  if (!allowed.ok) return allowed;
  if (ctx.db.select().from(schema.refunds).where(eq(schema.refunds.saleId, sale.id)).get()) return fail('SALE_NOT_VOIDABLE', { saleId: sale.id, reason: 'refunded' });
  const grant = checkGrantId(ctx, input.grantId, 'sales:void');
  if (!grant.ok) return grant;

  const payments = ctx.db.select().from(schema.payments).where(eq(schema.payments.saleId, sale.id)).all();
  const cash = payments.filter((p) => p.method === 'CASH').reduce((a, p) => a + p.amount, 0);
  const available = expectedCash(totalsOf(session));
  if (cash > available) return fail('INSUFFICIENT_CASH', masked(ctx, held.value) ? { amount: cash } : { amount: cash, available });
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
  };
  ctx.db.insert(schema.saleVoids).values({ id: payload.id, saleId: sale.id, sessionId: session.id, total: sale.total, reason: input.reason, userId: ctx.actor.id, authorizedBy: grant.value.grantorId, createdAt: ctx.at }).run();
  const lines = ctx.db.select().from(schema.saleLines).where(eq(schema.saleLines.saleId, sale.id)).all();
  for (const l of lines) moveStock(ctx.db, { id: ctx.newId(), productId: l.productId, delta: l.quantity, kind: 'VOID', refId: payload.id, reason: input.reason, userId: ctx.actor.id, at: ctx.at });
  appendLedger(ctx.db, session, ctx.at, { kind: 'SALE_VOIDED', payload });
  return ok({ sale: saleView(ctx, sale) });
};

export const refund: Handler<'sales.refund'> = (ctx, input) => {
  const held = heldSession(ctx);
  if (!held.ok) return held;
  const { session, register } = held.value;
  const allowed = allows(session.status, 'sell');
  if (!allowed.ok) return allowed;
  if (register.specialty === 'AGENTS_ONLY') return fail('REGISTER_SPECIALTY_MISMATCH', { specialty: register.specialty });
  const found = branchSale(ctx, input.saleId, register.branchId);
  if (!found.ok) return found;
  const { sale } = found.value;
  if (ctx.db.select().from(schema.saleVoids).where(eq(schema.saleVoids.saleId, sale.id)).get()) return fail('SALE_VOIDED', { saleId: sale.id });

  const lines = new Map<number, LineRow>(ctx.db.select().from(schema.saleLines).where(eq(schema.saleLines.saleId, sale.id)).all().map((l) => [l.lineNo, l]));
  const already = refundedByLine(ctx, sale.id);
  const seen = new Set<number>();
  const out: RefundPayload['lines'][number][] = [];
  for (const [i, r] of input.lines.entries()) {
    const line = lines.get(r.lineId);
    if (!line) return fail('NOT_FOUND', { field: `lines.${i}.lineId`, lineId: r.lineId });
    if (seen.has(r.lineId)) return fail('VALIDATION_FAILED', { field: `lines.${i}.lineId`, reason: 'repeated' });
    seen.add(r.lineId);
    const q = parseQuantity(r.quantity);
    if (q === null || !fitsUnit(q, line.unit)) return fail('QUANTITY_INVALID', { field: `lines.${i}.quantity`, unit: line.unit });
    const before = already.get(line.lineNo) ?? { milli: 0, total: 0, tax: 0 };
    if (before.milli + q > line.quantity) {
      return fail('REFUND_EXCEEDS_SOLD', {
        lineId: line.lineNo,
        sold: formatMilli(line.quantity, line.unit),
        refunded: formatMilli(before.milli, line.unit),
        requested: formatMilli(q, line.unit),
      });
    }
    out.push({
      lineNo: line.lineNo,
      productId: line.productId,
      quantity: q,
      total: refundShare(line.total, line.quantity, before.milli, before.total, q),
      tax: refundShare(line.tax, line.quantity, before.milli, before.tax, q),
    });
  }
  const total = out.reduce((a, l) => a + l.total, 0);
  // Nothing to give back (a line sold free): a refund document must carry money; return such goods by adjustment.
  if (total === 0) return fail('VALIDATION_FAILED', { field: 'lines', reason: 'nothing to refund' });
  let authorizedBy: string | null = null;
  if (total > register.refundApprovalAbove) {
    if (input.grantId === undefined) return fail('SUPERVISOR_REQUIRED', { permission: 'sales:refund', limit: register.refundApprovalAbove });
    const grant = checkGrantId(ctx, input.grantId, 'sales:refund');
    if (!grant.ok) return grant;
    authorizedBy = grant.value.grantorId;
  }
  if (input.method === 'CASH') {
    const available = expectedCash(totalsOf(session));
    if (total > available) return fail('INSUFFICIENT_CASH', masked(ctx, held.value) ? { amount: total } : { amount: total, available });
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
    tax: out.reduce((a, l) => a + l.tax, 0),
    lines: out,
    reason: input.reason,
    damaged,
    userId: ctx.actor.id,
    authorizedBy,
  };
  ctx.db
    .insert(schema.refunds)
    .values({
      id: payload.id,
      refundNumber: payload.refundNumber,
      saleId: sale.id,
      sessionId: session.id,
      method: input.method,
      total,
      tax: payload.tax,
      reason: input.reason,
      damaged,
      userId: ctx.actor.id,
      authorizedBy,
      createdAt: ctx.at,
    })
    .run();
  for (const l of out) {
    ctx.db.insert(schema.refundLines).values({ refundId: payload.id, saleId: sale.id, lineNo: l.lineNo, productId: l.productId, quantity: l.quantity, total: l.total, tax: l.tax }).run();
    // Damaged goods are written off: they never come back into sellable stock.
    if (!damaged) moveStock(ctx.db, { id: ctx.newId(), productId: l.productId, delta: l.quantity, kind: 'REFUND', refId: payload.id, reason: input.reason, userId: ctx.actor.id, at: ctx.at });
  }
  appendLedger(ctx.db, session, ctx.at, { kind: 'REFUND', payload });
  const row = ctx.db.select().from(schema.refunds).where(eq(schema.refunds.id, payload.id)).get();
  if (!row) throw new Error('refund not written');
  return ok({ refund: refundView(ctx, row, sale.saleNumber), sale: saleView(ctx, sale) });
};
