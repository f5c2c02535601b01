// Selling in the open session: one transaction writes the sale, its lines and payments, the stock, and the SALE entry.
import { eq, sql } from 'drizzle-orm';
import { appendLedger, nextCounter, prepared, schema } from '../../../db';
import type { CurrencyCode } from '../../../src/money';
import { settleSale } from '../../../src/sale/sale';
import type { SalePayload } from '../../../src/session/ledger';
import { localDate, saleNumber } from '../../../src/session/numbering';
import { allows } from '../../../src/session/state';
import { fail, ok } from '../../../src/result';
import type { Handler } from '../context';
import { branchOf } from '../sessions';
import { heldSession } from './cash';

export const create: Handler<'sales.create'> = (ctx, input) => {
  const held = heldSession(ctx);
  if (!held.ok) return held;
  const { session, register } = held.value;
  const allowed = allows(session.status, 'sell');
  if (!allowed.ok) return allowed;
  if (register.specialty === 'AGENTS_ONLY') return fail('REGISTER_SPECIALTY_MISMATCH', { specialty: register.specialty });

  const db = ctx.db;
  const ph = (name: string) => sql.placeholder(name);
  const productById = prepared(db, 'product.byId', () => db.select().from(schema.products).where(eq(schema.products.id, ph('id'))).prepare());
  const found = new Map<string, typeof schema.products.$inferSelect>();
  for (const l of input.lines) {
    const p = found.has(l.productId) ? undefined : productById.get({ id: l.productId });
    if (p) found.set(p.id, p);
  }
  const priced: { product: typeof schema.products.$inferSelect; productId: string; quantity: number; unitPrice: number }[] = [];
  for (const [i, line] of input.lines.entries()) {
    const product = found.get(line.productId);
    if (!product) return fail('NOT_FOUND', { field: `lines.${i}.productId`, productId: line.productId });
    if (!product.active) return fail('PRODUCT_INACTIVE', { productId: product.id });
    const unitPrice = line.unitPrice ?? product.price;
    if (unitPrice !== product.price && !ctx.actor.permissions.has('sales:price_override')) {
      return fail('PRICE_OVERRIDE_FORBIDDEN', { field: `lines.${i}.unitPrice` });
    }
    priced.push({ product, productId: product.id, quantity: line.quantity, unitPrice });
  }
  const currency = register.currency as CurrencyCode;
  const settled = settleSale(currency, priced, input.payments);
  if (!settled.ok) return settled;

  const branch = branchOf(ctx, register);
  const date = localDate(ctx.now, branch.timeZone);
  const payload: SalePayload = {
    id: ctx.newId(),
    saleNumber: saleNumber(branch.code, register.code, date, nextCounter(ctx.db, `sale:${register.id}:${date}`)),
    userId: ctx.actor.id,
    total: settled.value.total,
    change: settled.value.change,
    lines: settled.value.lines.map((l, i) => {
      const p = priced[i]?.product;
      if (!p) throw new Error('line without product');
      return { lineNo: i + 1, productId: l.productId, sku: p.sku, name: p.name, quantity: l.quantity, unitPrice: l.unitPrice, total: l.total };
    }),
    payments: settled.value.payments.map((p) => ({ id: ctx.newId(), ...p })),
  };
  prepared(db, 'sale.insert', () =>
    db
      .insert(schema.sales)
      .values({ id: ph('id'), sessionId: ph('sessionId'), saleNumber: ph('saleNumber'), userId: ph('userId'), total: ph('total'), change: ph('change'), status: 'COMPLETED', createdAt: ph('createdAt') })
      .prepare(),
  ).run({ id: payload.id, sessionId: session.id, saleNumber: payload.saleNumber, userId: ctx.actor.id, total: payload.total, change: payload.change, createdAt: ctx.at });
  const insertLine = prepared(db, 'saleLine.insert', () =>
    db
      .insert(schema.saleLines)
      .values({ saleId: ph('saleId'), lineNo: ph('lineNo'), productId: ph('productId'), sku: ph('sku'), name: ph('name'), quantity: ph('quantity'), unitPrice: ph('unitPrice'), total: ph('total') })
      .prepare(),
  );
  const takeStock = prepared(db, 'product.takeStock', () =>
    db.update(schema.products).set({ stock: sql`${schema.products.stock} - ${ph('quantity')}` }).where(eq(schema.products.id, ph('id'))).prepare(),
  );
  for (const l of payload.lines) {
    insertLine.run({ ...l, saleId: payload.id });
    takeStock.run({ quantity: l.quantity, id: l.productId });
  }
  const insertPayment = prepared(db, 'payment.insert', () =>
    db
      .insert(schema.payments)
      .values({ id: ph('id'), saleId: ph('saleId'), sessionId: ph('sessionId'), method: ph('method'), amount: ph('amount'), tendered: ph('tendered'), change: ph('change'), reference: ph('reference'), createdAt: ph('createdAt') })
      .prepare(),
  );
  for (const p of payload.payments) insertPayment.run({ ...p, saleId: payload.id, sessionId: session.id, createdAt: ctx.at });
  appendLedger(ctx.db, session, ctx.at, { kind: 'SALE', payload });
  return ok({ sale: { ...payload, lines: [...payload.lines], payments: [...payload.payments], sessionId: session.id, status: 'COMPLETED' as const, createdAt: ctx.at } });
};
