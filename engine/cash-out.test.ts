// The cash-out limit is one rule (src/session/cash-out.ts): a withdrawal, a void's cash, a cash refund and an agent
// cash-out all stop at expected cash, all allow it exactly, and none tells a blind cashier the figure.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Harness } from './testkit';
import { harness } from './testkit';
import { checkAllSessions, checkSession } from './verify';

let h: Harness;
let maria: string;
beforeEach(() => {
  h = harness();
  maria = h.login('maria');
});
afterEach(() => h.close());

const grant = (permission: 'sales:void' | 'cash:movements', requester: string, pin = '3333', username = 'sofia') =>
  h.ok('auth.verifySupervisor', { pin, permission, username }, requester).grantId;
const expected = (token: string) => {
  const s = h.ok('cash.current', {}, token).session;
  if (!s) throw new Error('no session');
  return checkSession(h.engine.store.db, s.id).expectedCash;
};

describe('one cash-out limit', () => {
  it('withdrawal, void, cash refund and agent cash-out are refused above expected cash, with no figure for a blind cashier', () => {
    h.ok('cash.open', { registerId: h.registerId('POS001'), openingAmount: 0 }, maria); // MIXED, blind close
    const p = h.product('SKU-004'); // 15.00
    const sale = h.ok('sales.create', { lines: [{ productId: p.id, quantity: 1 }], payments: [{ method: 'CASH', amount: 1500 }] }, maria).sale;
    // Equal to expected cash is allowed: the drawer is left empty.
    h.ok('cash.withdraw', { amount: 1500, reason: 'SAFE_DEPOSIT', grantId: grant('cash:movements', maria) }, maria);
    expect(expected(maria)).toBe(0);

    const refusals = [
      h.call('cash.withdraw', { amount: 1, reason: 'SAFE_DEPOSIT', grantId: grant('cash:movements', maria) }, maria),
      h.call('sales.void', { saleId: sale.id, reason: 'error', grantId: grant('sales:void', maria) }, maria),
      h.call('sales.refund', { saleId: sale.id, lines: [{ lineId: 1, quantity: 1 }], method: 'CASH', reason: 'x' }, maria),
      h.call('agents.create', { provider: 'BNB', kind: 'CASH_OUT', amount: 1, reference: 'B-1' }, maria),
    ];
    expect(refusals.map((r) => (r.ok ? 'ok' : r.error))).toEqual([
      { code: 'INSUFFICIENT_CASH', message: expect.any(String), details: { amount: 1 } },
      { code: 'INSUFFICIENT_CASH', message: expect.any(String), details: { amount: 1500 } },
      { code: 'INSUFFICIENT_CASH', message: expect.any(String), details: { amount: 1500 } },
      { code: 'INSUFFICIENT_CASH', message: expect.any(String), details: { amount: 1 } },
    ]);

    // With the cash back in the drawer, a cash refund of exactly expected cash goes through.
    h.ok('cash.deposit', { amount: 1500, reason: 'CHANGE_FUND' }, maria);
    h.ok('sales.refund', { saleId: sale.id, lines: [{ lineId: 1, quantity: 1 }], method: 'CASH', reason: 'x' }, maria);
    expect(expected(maria)).toBe(0);
    for (const c of checkAllSessions(h.engine.store.db)) expect(c.problems).toEqual([]);
  });

  it('a viewer allowed to see expected cash is told what is available', () => {
    const sofia = h.login('sofia');
    h.ok('cash.open', { registerId: h.registerId('POS001'), openingAmount: 1000 }, sofia);
    const over = h.call('cash.withdraw', { amount: 1001, reason: 'SAFE_DEPOSIT', grantId: grant('cash:movements', sofia, '2222', 'gerente') }, sofia);
    expect(over.ok || over.error.details).toEqual({ amount: 1001, available: 1000 });
  });
});
