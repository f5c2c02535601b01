// Replies carry what the next screen needs, so the renderer does not ask again: each reply below must equal what the
// follow-up command it replaces would have answered, on a real engine and SQLite file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Harness } from './testkit';
import { harness } from './testkit';

let h: Harness;
let maria: string;

beforeEach(() => {
  h = harness();
  maria = h.login('maria');
  h.ok('cash.open', { registerId: h.registerId('POS001'), openingAmount: 10000 }, maria);
});
afterEach(() => h.close());

const sell = (sku: string, quantity: number) => {
  const p = h.product(sku);
  return h.ok('sales.create', { lines: [{ productId: p.id, quantity }], payments: [{ method: 'CASH', amount: p.price * quantity }] }, maria);
};

describe('sales.create', () => {
  it('answers the session as cash.current has it after the sale, blind or not', () => {
    const blind = sell('SKU-001', 2);
    expect(blind.current).toEqual(h.ok('cash.current', {}, maria));
    expect(blind.current.expectedCash).toBeNull();
    // Blind: the count of sales, never a running figure expected cash could be computed from.
    expect(blind.current.session).toMatchObject({ salesCount: 1, salesTotal: null, totals: null, depositsTotal: null, withdrawalsTotal: null, operations: null });

    h.ok('registers.update', { id: h.registerId('POS001'), blindClose: false }, h.login('admin'));
    const seen = sell('SKU-003', 1);
    expect(seen.current).toEqual(h.ok('cash.current', {}, maria));
    expect(seen.current.expectedCash).toBe(10000 + blind.sale.total + seen.sale.total);
    expect(seen.current.session).toMatchObject({ salesCount: 2, salesTotal: blind.sale.total + seen.sale.total });
  });
});

describe('sales.refund', () => {
  it('answers the sale as sales.get has it after the refund', () => {
    const { sale } = sell('SKU-001', 3);
    const reply = h.ok('sales.refund', { saleId: sale.id, lines: [{ lineId: 1, quantity: 1 }], method: 'CASH', reason: 'vencido' }, maria);
    const after = h.ok('sales.get', { saleId: sale.id }, maria);
    expect(reply.sale).toEqual(after.sale);
    expect(reply.sale.lines[0]?.refundedMilli).toBe(1000);
    expect(reply.sale.refundedTotal).toBe(reply.refund.total);
    expect(after.refunds.at(-1)).toEqual(reply.refund);
  });
});

describe('registers.list', () => {
  it("names each register's holder as cash.status does, free ones null", () => {
    const { registers } = h.ok('registers.list', {}, maria);
    expect(registers.map((r) => [r.code, r.currentSession?.userName ?? null])).toEqual([
      ['POS001', 'María González'],
      ['POS002', null],
      ['POS003', null],
    ]);
    for (const r of registers) expect(r.currentSession).toEqual(h.ok('cash.status', { registerId: r.id }, maria).currentSession);
  });
});

describe('cash.close', () => {
  it('answers the Z report as reports.session has it after the close', () => {
    const { sale } = sell('SKU-001', 2);
    const closed = h.ok('cash.close', { count: { denominations: [{ value: 10000, quantity: 1 }, { value: sale.total, quantity: 1 }] } }, maria);
    expect(closed.report.kind).toBe('Z');
    expect(closed.report).toEqual(h.ok('reports.session', { sessionId: closed.session.id }, maria));
    expect(closed.report).toMatchObject({ sales: { count: 1, total: sale.total }, counted: 10000 + sale.total, difference: 0 });
    expect(h.ok('cash.current', {}, maria)).toEqual({ session: null, hasOpenSession: false, expectedCash: null });
  });
});
