// sales.list on real SQLite: a session's sales newest first with their status and refunds, who may list which
// session, lookup by last digits within the session, and lookup by exact number across the branch (refunds happen on
// any register of the branch, issue 3) but never across branches; pages read in index order.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Harness } from './testkit';
import { bobCount, harness } from './testkit';
import { checkAllSessions, checkStock } from './verify';
import { schema } from '../db';

let h: Harness;
let maria: string;
let juan: string;
let sofia: string;
let pos1: string;
let pos2: string;

beforeEach(() => {
  h = harness();
  maria = h.login('maria');
  juan = h.login('juan');
  sofia = h.login('sofia');
  pos1 = h.registerId('POS001');
  pos2 = h.registerId('POS002');
});
afterEach(() => h.close());

const sell = (token: string, quantity = 1) =>
  h.ok('sales.create', { lines: [{ productId: h.product('SKU-001').id, quantity }], payments: [{ method: 'CASH', amount: 500 * quantity }] }, token).sale;
const clean = () => {
  for (const c of checkAllSessions(h.engine.store.db)) expect(c.problems).toEqual([]);
  expect(checkStock(h.engine.store.db)).toEqual([]);
};

describe('sales.list', () => {
  it("lists the signed-in user's session newest first, with register, cashier, voids and refunds, in pages", () => {
    expect(h.ok('sales.list', {}, maria)).toEqual({ sales: [], pagination: { total: 0, pageSize: 20, nextCursor: null, totalCapped: false } });
    h.ok('cash.open', { registerId: pos1, openingAmount: 10000 }, maria);
    const made = [];
    for (let i = 1; i <= 5; i++) {
      made.push(sell(maria, i));
      // Two sales in the same millisecond still come out in number order.
      if (i !== 3) h.advance(1000);
    }
    const grant = h.ok('auth.verifySupervisor', { pin: '3333', permission: 'sales:void', username: 'sofia' }, maria).grantId;
    h.ok('sales.void', { saleId: made[1]?.id ?? '', reason: 'duplicado', grantId: grant }, maria);
    h.ok('sales.refund', { saleId: made[4]?.id ?? '', lines: [{ lineId: 1, quantity: 2 }], method: 'CASH', reason: 'x' }, maria);

    const all = h.ok('sales.list', {}, maria);
    expect(all.pagination).toEqual({ total: 5, pageSize: 20, nextCursor: null, totalCapped: false });
    expect(all.sales.map((s) => s.saleNumber)).toEqual([5, 4, 3, 2, 1].map((n) => `SUC001-POS001-20261122-000${n}`));
    expect(all.sales[0]).toEqual({
      id: made[4]?.id,
      saleNumber: 'SUC001-POS001-20261122-0005',
      sessionId: made[4]?.sessionId,
      registerCode: 'POS001',
      total: 2500,
      status: 'COMPLETED',
      refundedTotal: 1000,
      createdAt: made[4]?.createdAt,
      userName: 'María González',
    });
    expect(all.sales.map((s) => s.status)).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED', 'VOIDED', 'COMPLETED']);

    // Keyset pages: each page's cursor asks for the next; the last page has none.
    const page1 = h.ok('sales.list', { pageSize: 2 }, maria);
    expect(page1.sales.map((s) => s.saleNumber.slice(-4))).toEqual(['0005', '0004']);
    const cursor = page1.pagination.nextCursor ?? '';
    const page2 = h.ok('sales.list', { pageSize: 2, cursor }, maria);
    expect(page2.pagination).toMatchObject({ total: 5, pageSize: 2, totalCapped: false });
    expect(page2.sales.map((s) => s.saleNumber.slice(-4))).toEqual(['0003', '0002']);
    const page3 = h.ok('sales.list', { pageSize: 2, cursor: page2.pagination.nextCursor ?? '' }, maria);
    expect(page3.sales.map((s) => s.saleNumber.slice(-4))).toEqual(['0001']);
    expect(page3.pagination.nextCursor).toBeNull();
    expect(h.call('sales.list', { pageSize: 2, cursor: 'not-a-cursor' }, maria)).toMatchObject({ ok: false, error: { code: 'BAD_CURSOR' } });
    clean();
  });

  it('narrows the session by the last digits of a number, or by any part of it', () => {
    h.ok('cash.open', { registerId: pos1, openingAmount: 10000 }, maria);
    for (let i = 0; i < 12; i++) sell(maria);
    const n = (r: { sales: { saleNumber: string }[] }) => r.sales.map((s) => s.saleNumber.slice(-4));
    expect(n(h.ok('sales.list', { query: '2' }, maria))).toEqual(['0002']);
    expect(n(h.ok('sales.list', { query: '12' }, maria))).toEqual(['0012']);
    expect(n(h.ok('sales.list', { query: '0011' }, maria))).toEqual(['0011']);
    expect(n(h.ok('sales.list', { query: '13' }, maria))).toEqual([]);
    expect(n(h.ok('sales.list', { query: '-001' }, maria))).toEqual(['0012', '0011', '0010']);
    expect(n(h.ok('sales.list', { query: 'pos001-20261122-0003' }, maria))).toEqual(['0003']);
    // LIKE wildcards are literal.
    expect(n(h.ok('sales.list', { query: '%' }, maria))).toEqual([]);
    expect(n(h.ok('sales.list', { query: '_' }, maria))).toEqual([]);
  });

  it("another user's session needs cash:view_all; a closed session of your own stays listable", () => {
    h.ok('cash.open', { registerId: pos1, openingAmount: 10000 }, maria);
    sell(maria);
    const mine = h.ok('cash.current', {}, maria).session?.id ?? '';
    const refused = h.call('sales.list', { sessionId: mine }, juan);
    expect(refused.ok || refused.error).toMatchObject({ code: 'FORBIDDEN', details: { permission: 'cash:view_all' } });
    expect(h.ok('sales.list', { sessionId: mine }, sofia).sales).toHaveLength(1);
    const unknown = h.call('sales.list', { sessionId: randomUUID() }, sofia);
    expect(unknown.ok || unknown.error.code).toBe('NOT_FOUND');
    h.ok('cash.close', { count: { denominations: bobCount(10500) } }, maria);
    expect(h.ok('sales.list', {}, maria).sales).toEqual([]);
    expect(h.ok('sales.list', { sessionId: mine }, maria).sales).toHaveLength(1);
  });

  it('finds any sale of the branch by its exact number, from another register and a later day, and the refund follows', () => {
    h.ok('cash.open', { registerId: pos1, openingAmount: 10000 }, maria);
    sell(maria);
    const sale = sell(maria, 2);
    h.ok('cash.close', { count: { denominations: bobCount(11500) } }, maria);

    h.setNow('2026-11-23T14:00:00.000Z');
    h.ok('cash.open', { registerId: pos2, openingAmount: 5000 }, juan);
    // Juan's own session has no such sale; the number finds it across the branch, whatever the case typed.
    expect(h.ok('sales.list', { query: '2' }, juan).sales).toEqual([]);
    const found = h.ok('sales.list', { saleNumber: sale.saleNumber.toLowerCase() }, juan);
    expect(found.sales).toEqual([expect.objectContaining({ id: sale.id, registerCode: 'POS001', userName: 'María González', sessionId: sale.sessionId, total: 1000, refundedTotal: 0 })]);
    expect(found.pagination.total).toBe(1);
    // A number is exact: a prefix or a partial number finds nothing.
    expect(h.ok('sales.list', { saleNumber: sale.saleNumber.slice(0, -1) }, juan).sales).toEqual([]);
    // With a session it is looked up in that session only.
    const juans = h.ok('cash.current', {}, juan).session?.id ?? '';
    expect(h.ok('sales.list', { saleNumber: sale.saleNumber, sessionId: juans }, juan).sales).toEqual([]);

    const refund = h.ok('sales.refund', { saleId: found.sales[0]?.id ?? '', lines: [{ lineId: 1, quantity: 1 }], method: 'CASH', reason: 'cambio' }, juan).refund;
    expect(refund.refundNumber).toBe('R-SUC001-POS002-20261123-0001');
    expect(h.ok('sales.list', { saleNumber: sale.saleNumber }, juan).sales[0]?.refundedTotal).toBe(500);
    clean();
  });

  it('never finds a sale of another branch, by number or by id', () => {
    h.ok('cash.open', { registerId: pos1, openingAmount: 10000 }, maria);
    const sale = sell(maria);
    const db = h.engine.store.db;
    const other = randomUUID();
    db.insert(schema.branches).values({ id: other, code: 'SUC002', name: 'Sucursal Norte', timeZone: 'America/La_Paz', currency: 'BOB', createdAt: h.now().toISOString() }).run();
    db.update(schema.users).set({ branchId: other }).where(eq(schema.users.username, 'juan')).run();
    const away = h.login('juan');
    expect(h.ok('sales.list', { saleNumber: sale.saleNumber }, away).sales).toEqual([]);
    const get = h.call('sales.get', { saleId: sale.id }, away);
    expect(get.ok || get.error.code).toBe('NOT_FOUND');
    expect(h.ok('sales.list', { saleNumber: sale.saleNumber }, sofia).sales).toHaveLength(1);
  });

  it('pages a session through the sales_session_order index and a number through its unique index', () => {
    const plan = (sql: string) =>
      (h.engine.store.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('x') as { detail: string }[]).map((r) => r.detail).join(' | ');
    const bySession = plan('SELECT s.id FROM sales s JOIN sessions se ON se.id = s.session_id WHERE s.session_id = ? ORDER BY s.created_at DESC, s.sale_number DESC LIMIT 20');
    expect(bySession).toContain('sales_session_order');
    expect(bySession).not.toMatch(/SCAN s\b/);
    // Sorted only within a run of equal times (a tie-break), never the whole session.
    expect(bySession).not.toContain('TEMP B-TREE FOR ORDER BY');
    const byNumber = plan('SELECT s.id FROM sales s JOIN sessions se ON se.id = s.session_id WHERE s.sale_number = ?');
    expect(byNumber).toContain('sales_sale_number_unique');
  });
});
