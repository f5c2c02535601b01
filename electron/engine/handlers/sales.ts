// Selling in the open session: one transaction writes the sale, its lines and payments, the stock, and the SALE entry.
import { eq, inArray, sql } from 'drizzle-orm';
import { appendLedger, nextCounter, schema } from '../../../db';
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

  const ids = [...new Set(input.lines.map((l) => l.productId))];
  const found = new Map(ctx.db.select().from(schema.products).where(inArray(schema.products.id, ids)).all().map((p) => [p.id, p]));
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
  ctx.db
    .insert(schema.sales)
    .values({ id: payload.id, sessionId: session.id, saleNumber: payload.saleNumber, userId: ctx.actor.id, total: payload.total, change: payload.change, status: 'COMPLETED', createdAt: ctx.at })
    .run();
  ctx.db.insert(schema.saleLines).values(payload.lines.map((l) => ({ ...l, saleId: payload.id }))).run();
  if (payload.payments.length) {
    ctx.db.insert(schema.payments).values(payload.payments.map((p) => ({ ...p, saleId: payload.id, sessionId: session.id, createdAt: ctx.at }))).run();
  }
  for (const l of payload.lines) {
    ctx.db.update(schema.products).set({ stock: sql`${schema.products.stock} - ${l.quantity}` }).where(eq(schema.products.id, l.productId)).run();
  }
  appendLedger(ctx.db, session, ctx.at, { kind: 'SALE', payload });
  return ok({ sale: { ...payload, lines: [...payload.lines], payments: [...payload.payments], sessionId: session.id, status: 'COMPLETED' as const, createdAt: ctx.at } });
};
