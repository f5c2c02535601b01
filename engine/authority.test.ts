// Money out without authority (issue 9, item 6): discounts past the register's ceilings or down to nothing, and refunds
// by another tender than the sale's, need a supervisor's grant; a refused one writes nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledgerOf } from '../db';
import type { Harness } from './testkit';
import { harness } from './testkit';
import { checkAllSessions } from './verify';

let h: Harness;
let maria: string;
beforeEach(() => {
  h = harness();
  maria = h.login('maria');
});
afterEach(() => h.close());

const grant = (permission: 'sales:discount' | 'sales:refund', requester: string) => h.ok('auth.verifySupervisor', { pin: '3333', permission, username: 'sofia' }, requester).grantId;
const salesCount = () => h.engine.store.sqlite.prepare('SELECT COUNT(*) AS n FROM sales').get() as { n: number };

describe('discount authority', () => {
  it('the reproduced fault: a 100 % discount with no payment needs a sales:discount grant and writes nothing without it', () => {
    const session = h.ok('cash.open', { registerId: h.registerId('POS001'), openingAmount: 0 }, maria).session;
    const p = h.product('SKU-004'); // 15.00
    const free = { lines: [{ productId: p.id, quantity: 1, discount: p.price }], payments: [] };
    const refused = h.call('sales.create', free, maria);
    expect(refused.ok || refused.error).toMatchObject({ code: 'SUPERVISOR_REQUIRED', details: { permission: 'sales:discount', reason: 'NO_PAYMENT' } });
    expect(salesCount().n).toBe(0);
    expect(h.product('SKU-004').stock).toBe(100_000);
    // A sale discount to nothing is the same sale.
    const refused2 = h.call('sales.create', { lines: [{ productId: p.id, quantity: 1 }], discount: p.price, payments: [] }, maria);
    expect(refused2.ok || refused2.error.code).toBe('SUPERVISOR_REQUIRED');

    const sale = h.ok('sales.create', { ...free, grantId: grant('sales:discount', maria) }, maria).sale;
    expect(sale.total).toBe(0);
    const entry = ledgerOf(h.engine.store.db, session.id).find((e) => e.kind === 'SALE');
    expect(entry?.payload).toMatchObject({ discountApprovedBy: h.userId('sofia') });
    for (const c of checkAllSessions(h.engine.store.db)) expect(c.problems).toEqual([]);
  });

  it('up to the register ceilings (demo: 10 % and Bs 50) a cashier discounts alone; past either, per line or per sale, a supervisor approves', () => {
    h.ok('cash.open', { registerId: h.registerId('POS001'), openingAmount: 0 }, maria);
    const p = h.product('SKU-004'); // 15.00
    const sell = (extra: object) => h.call('sales.create', { lines: [{ productId: p.id, quantity: 10, discount: 0 }], payments: [{ method: 'CASH', amount: 100_000 }], ...extra }, maria);
    expect(h.call('sales.create', { lines: [{ productId: p.id, quantity: 10, discount: 1_500 }], payments: [{ method: 'CASH', amount: 13_500 }] }, maria).ok).toBe(true);
    const line = h.call('sales.create', { lines: [{ productId: p.id, quantity: 10, discount: 1_501 }], payments: [{ method: 'DEBIT_CARD', amount: 13_499 }] }, maria);
    expect(line.ok || line.error).toMatchObject({ code: 'SUPERVISOR_REQUIRED', details: { permission: 'sales:discount', reason: 'DISCOUNT_LIMIT', maxBp: 1_000, maxAmount: 5_000 } });
    const whole = sell({ discount: 1_501 });
    expect(whole.ok || whole.error.code).toBe('SUPERVISOR_REQUIRED');
    // The amount ceiling: 10 % of Bs 600 is Bs 60, above Bs 50.
    const big = h.call('sales.create', { lines: [{ productId: p.id, quantity: 40 }], discount: 5_001, payments: [{ method: 'CASH', amount: 60_000 }] }, maria);
    expect(big.ok || big.error.code).toBe('SUPERVISOR_REQUIRED');
    expect(sell({ discount: 1_501, grantId: grant('sales:discount', maria) }).ok).toBe(true);
    // The X report and the day's summary count the discounted sales and sum their discounts.
    const sessionId = h.ok('cash.current', {}, maria).session?.id ?? '';
    expect(h.ok('reports.session', { sessionId }, h.login('sofia')).discounts).toEqual({ count: 2, total: 1_500 + 1_501 });
    expect(h.ok('reports.daily', {}, h.login('gerente')).summary.discounts).toEqual({ count: 2, total: 3_001 });

    // The admin sets a register's ceilings; 0 makes every discount a supervisor's.
    const admin = h.login('admin');
    const reg = h.ok('registers.update', { id: h.registerId('POS001'), discountMaxBp: 0, discountMaxAmount: 0 }, admin).register;
    expect(reg).toMatchObject({ discountMaxBp: 0, discountMaxAmount: 0 });
    const one = h.call('sales.create', { lines: [{ productId: p.id, quantity: 1, discount: 1 }], payments: [{ method: 'DEBIT_CARD', amount: 1_499 }] }, maria);
    expect(one.ok || one.error.code).toBe('SUPERVISOR_REQUIRED');
    expect(h.call('registers.update', { id: h.registerId('POS001'), discountMaxBp: 10_001 }, admin)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });
});

describe('refunds go back to the sale tender', () => {
  it('the reproduced fault: a QR sale of another register refunded in cash here, under the refund limit, is refused without a grant', () => {
    const juan = h.login('juan');
    h.ok('cash.open', { registerId: h.registerId('POS002'), openingAmount: 0 }, juan);
    const p = h.product('SKU-001'); // 5.00, under the demo's Bs 50 refund limit
    const sale = h.ok('sales.create', { lines: [{ productId: p.id, quantity: 2 }], payments: [{ method: 'QR', amount: 1_000, reference: 'QR-1' }] }, juan).sale;
    h.ok('cash.open', { registerId: h.registerId('POS001'), openingAmount: 10_000 }, maria);

    const cash = { saleId: sale.id, lines: [{ lineId: 1, quantity: 1 }], method: 'CASH' as const, reason: 'cambio' };
    const refused = h.call('sales.refund', cash, maria);
    expect(refused.ok || refused.error).toMatchObject({ code: 'SUPERVISOR_REQUIRED', details: { permission: 'sales:refund', reason: 'OTHER_TENDER' } });
    expect(h.engine.store.sqlite.prepare('SELECT COUNT(*) AS n FROM refunds').get()).toEqual({ n: 0 });

    // Back by QR, the sale's own tender, it needs nobody under the limit.
    const byQr = h.ok('sales.refund', { ...cash, method: 'QR' }, maria).refund;
    expect(byQr.authorizedBy).toBeNull();
    // In cash, with a supervisor's sales:refund grant.
    const approved = h.ok('sales.refund', { ...cash, grantId: grant('sales:refund', maria) }, maria).refund;
    expect(approved.authorizedBy).toBe(h.userId('sofia'));
    for (const c of checkAllSessions(h.engine.store.db)) expect(c.problems).toEqual([]);
  });

  it('a mixed sale refunds in cash up to the cash it took, less earlier cash refunds', () => {
    h.ok('cash.open', { registerId: h.registerId('POS001'), openingAmount: 10_000 }, maria);
    const p = h.product('SKU-001'); // 5.00
    const sale = h.ok('sales.create', { lines: [{ productId: p.id, quantity: 1 }, { productId: p.id, quantity: 1 }], payments: [{ method: 'CASH', amount: 500 }, { method: 'QR', amount: 500 }] }, maria).sale;
    h.ok('sales.refund', { saleId: sale.id, lines: [{ lineId: 1, quantity: 1 }], method: 'CASH', reason: 'x' }, maria);
    const second = h.call('sales.refund', { saleId: sale.id, lines: [{ lineId: 2, quantity: 1 }], method: 'CASH', reason: 'x' }, maria);
    expect(second.ok || second.error).toMatchObject({ code: 'SUPERVISOR_REQUIRED', details: { reason: 'OTHER_TENDER' } });
    expect(h.call('sales.refund', { saleId: sale.id, lines: [{ lineId: 2, quantity: 1 }], method: 'QR', reason: 'x' }, maria).ok).toBe(true);
  });
});
