// HQ's report facts (src/sync/report-facts.ts) read from a bundle the real engine sealed agree with the register's own
// Z report of the same session: the figures HQ's daily and over/short reports add up are the register's, not a second
// opinion. A session with a discount, a void, a refund, a no-sale drawer opening, a refused cash-out, sales in two local
// hours, and a short close.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildBundle, sha256Hex } from '../db';
import { factsOf } from '../src/sync/report-facts';
import { verifyBundle } from '../src/sync/protocol';
import type { Harness } from './testkit';
import { bobCount, harness } from './testkit';

let h: Harness;
let maria: string;
let pos1: string;

const DRAWER_PRINTER = {
  target: { kind: 'ESCPOS_TCP' as const, host: '127.0.0.1', port: 9100, paper: 'MM80' as const, codepage: 'cp858' as const },
  autoPrintReceipt: false,
  drawer: { pin: 2 as const, onMs: 100, offMs: 500 },
};

beforeEach(() => {
  // 09:50 in La Paz (UTC−4).
  h = harness({ start: '2026-11-23T13:50:00.000Z' });
  maria = h.login('maria');
  pos1 = h.registerId('POS001');
  h.ok('print.configure', { registerId: pos1, settings: DRAWER_PRINTER }, h.login('admin'));
});
afterEach(() => h.close());

const grant = (permission: 'sales:void', requester: string) => h.ok('auth.verifySupervisor', { pin: '3333', permission, username: 'sofia' }, requester).grantId;

describe('HQ report facts from an engine-sealed session', () => {
  it('match the register’s Z report: sales, tenders, voids, refunds, discounts, no-sales, refused cash-outs, hours, difference', () => {
    const session = h.ok('cash.open', { registerId: pos1, openingAmount: 10000 }, maria).session;
    const [a, b] = h.productIds();
    if (!a || !b) throw new Error('demo products');
    const discount = Math.floor(a.price / 20);
    const s1 = h.ok('sales.create', { lines: [{ productId: a.id, quantity: 2, discount }], payments: [{ method: 'QR', amount: 2 * a.price - discount }] }, maria).sale;
    h.setNow('2026-11-23T14:20:00.000Z'); // 10:20 local
    const s2 = h.ok('sales.create', { lines: [{ productId: b.id, quantity: 1 }], payments: [{ method: 'QR', amount: b.price }] }, maria).sale;
    h.ok('sales.create', { lines: [{ productId: b.id, quantity: 3 }], payments: [{ method: 'CARD_TERMINAL', amount: 3 * b.price }] }, maria);
    h.ok('sales.void', { saleId: s2.id, reason: 'error', grantId: grant('sales:void', maria) }, maria);
    h.ok('sales.refund', { saleId: s1.id, lines: [{ lineId: 1, quantity: 1 }], method: 'QR', reason: 'cambio' }, maria);
    h.ok('cash.openDrawer', { reason: 'CHANGE_REQUEST' }, maria);
    const refused = h.call('agents.create', { provider: 'BNB', kind: 'CASH_OUT', amount: 500_000, reference: 'X-1' }, maria);
    expect(refused.ok || refused.error.code).toBe('INSUFFICIENT_CASH');
    // Bs 5.00 short, within the register's Bs 10.00 tolerance.
    h.ok('cash.close', { count: { denominations: bobCount(9500) } }, maria);

    const bundle = buildBundle(h.engine.store.db, session.id);
    const verified = verifyBundle(sha256Hex, bundle);
    expect(verified.ok).toBe(true);
    const facts = factsOf(bundle, 'America/La_Paz');
    const z = h.ok('reports.session', { sessionId: session.id }, h.login('gerente'));

    expect(facts.cashierId).toBe(h.userId('maria'));
    expect(facts.difference).toBe(-500);
    expect(facts.difference).toBe(z.difference);
    expect(facts.expectedAmount).toBe(z.expected);
    expect(facts.closingAmount).toBe(z.counted);
    expect(facts.salesCount).toBe(z.sales.count);
    expect(facts.salesTotal).toBe(z.sales.total);
    expect(facts.byMethod).toEqual(z.totals);
    expect({ count: facts.voidsCount, total: facts.voidsTotal }).toEqual(z.voids);
    expect({ count: facts.refundsCount, total: facts.refundsTotal }).toEqual(z.refunds);
    expect({ count: facts.discountsCount, total: facts.discountsTotal }).toEqual(z.discounts);
    expect(facts.discountsTotal).toBe(discount);
    expect({ count: facts.cashOutRefusedCount, total: facts.cashOutRefusedTotal }).toEqual({ count: z.cashOutRefusals.count, total: z.cashOutRefusals.total });
    expect(facts.cashOutRefusedCount).toBe(1);
    expect({ openings: facts.drawerOpenings, noSale: facts.noSaleCount }).toEqual({ openings: z.drawer.openings, noSale: z.drawer.noSale });
    expect(facts.noSaleCount).toBe(1);
    expect(facts.hours).toEqual(z.salesByHour);
    expect(facts.hours.map((x) => x.hour)).toEqual([9, 10]);
  });
});
