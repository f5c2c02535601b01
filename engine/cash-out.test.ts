// The cash-out limit is one rule (src/session/cash-out.ts): a withdrawal, a void's cash, a cash refund and an agent
// cash-out all stop at expected cash, all allow it exactly, and none tells a blind cashier the figure.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Harness } from './testkit';
import { harness } from './testkit';
import { checkAllSessions, checkSession } from './verify';
import { ledgerOf } from '../db';

let h: Harness;
let maria: string;
beforeEach(() => {
  h = harness();
  maria = h.login('maria');
});
afterEach(() => h.close());

const grant = (permission: 'sales:void' | 'sales:refund' | 'cash:movements', requester: string, pin = '3333', username = 'sofia') =>
  h.ok('auth.verifySupervisor', { pin, permission, username }, requester).grantId;
const expected = (token: string) => {
  const s = h.ok('cash.current', {}, token).session;
  if (!s) throw new Error('no session');
  return checkSession(h.engine.store.db, s.id).expectedCash;
};

/** The refused cash-outs on the chain of the requester's active session. */
const refusalsOf = (token: string) => {
  const id = h.ok('cash.current', {}, token).session?.id ?? '';
  return ledgerOf(h.engine.store.db, id)
    .filter((e) => e.kind === 'CASH_OUT_REFUSED')
    .map((e) => e.payload);
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
    ];
    // No figure at all for a blind cashier: not the drawer's, not even the amount asked back.
    expect(refusals.map((r) => (r.ok ? 'ok' : r.error))).toEqual([
      { code: 'INSUFFICIENT_CASH', message: expect.any(String) },
      { code: 'INSUFFICIENT_CASH', message: expect.any(String) },
      { code: 'INSUFFICIENT_CASH', message: expect.any(String) },
    ]);
    // Each refusal is on the record (who, when, what, how much), and moved no money.
    expect(refusalsOf(maria)).toEqual([
      { kind: 'WITHDRAWAL', amount: 1, userId: h.userId('maria'), ref: null },
      { kind: 'VOID', amount: 1500, userId: h.userId('maria'), ref: sale.id },
      { kind: 'REFUND', amount: 1500, userId: h.userId('maria'), ref: sale.id },
    ]);
    expect(expected(maria)).toBe(0);
    // Three refusals: the next cash-out needs a supervisor, even one that needed none before.
    const agent = h.call('agents.create', { provider: 'BNB', kind: 'CASH_OUT', amount: 1, reference: 'B-1' }, maria);
    expect(agent.ok || agent.error).toEqual({ code: 'SUPERVISOR_REQUIRED', message: expect.any(String), details: { permission: 'cash:movements', reason: 'CASH_OUT_REFUSALS' } });
    const approved = grant('cash:movements', maria);
    const probe = h.call('agents.create', { provider: 'BNB', kind: 'CASH_OUT', amount: 1, reference: 'B-1', grantId: approved }, maria);
    expect(probe.ok || probe.error.code).toBe('INSUFFICIENT_CASH');
    // The approval was for one attempt: refused, it is spent all the same.
    const again = h.call('agents.create', { provider: 'BNB', kind: 'CASH_OUT', amount: 1, reference: 'B-1', grantId: approved }, maria);
    expect(again.ok || again.error).toMatchObject({ code: 'GRANT_INVALID', details: { reason: 'used' } });
    expect(refusalsOf(maria)).toHaveLength(4);

    // With the cash back in the drawer, a cash refund of exactly expected cash goes through, with a supervisor now.
    h.ok('cash.deposit', { amount: 1500, reason: 'CHANGE_FUND' }, maria);
    const refund = { saleId: sale.id, lines: [{ lineId: 1, quantity: 1 }], method: 'CASH' as const, reason: 'x' };
    expect(h.call('sales.refund', refund, maria)).toMatchObject({ ok: false, error: { code: 'SUPERVISOR_REQUIRED', details: { reason: 'CASH_OUT_REFUSALS' } } });
    h.ok('sales.refund', { ...refund, grantId: grant('sales:refund', maria) }, maria);
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

describe('the blind drawer does not leak its expected cash', () => {
  it('replays the 23-probe attack: a bisection over agent cash-outs, each success undone by a cash-in, is stopped after three refusals and logged', () => {
    const register = h.registerId('POS003'); // AGENTS_ONLY, blind close
    h.ok('cash.open', { registerId: register, openingAmount: 50_000 }, maria);
    h.ok('cash.deposit', { amount: 73_457, reason: 'CHANGE_FUND' }, maria);
    const secret = expected(maria);
    expect(secret).toBe(123_457);

    const replies: unknown[] = [];
    let lo = 0; // known to be coverable
    let hi = 10_000_000; // known not to be
    let probes = 0;
    let stoppedBy: string | null = null;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      probes++;
      const r = h.call('agents.create', { provider: 'BNB', kind: 'CASH_OUT', amount: mid, reference: `P-${probes}` }, maria);
      replies.push(r);
      if (r.ok) {
        lo = mid;
        replies.push(h.ok('agents.create', { provider: 'BNB', kind: 'CASH_IN', amount: mid, reference: `U-${probes}` }, maria));
      } else if (r.error.code === 'INSUFFICIENT_CASH') {
        hi = mid;
      } else {
        stoppedBy = r.error.code;
        break;
      }
    }
    // Stopped long before the figure: three refusals, then a supervisor is needed for every further probe.
    expect(stoppedBy).toBe('SUPERVISOR_REQUIRED');
    expect(hi - lo).toBeGreaterThan(100_000);
    expect(expected(maria)).toBe(secret);
    // Every refused probe is on the record with who, what and how much.
    const refused = refusalsOf(maria);
    expect(refused).toHaveLength(3);
    for (const p of refused) expect(p).toMatchObject({ kind: 'AGENT_CASH_OUT', userId: h.userId('maria'), ref: 'BNB' });

    // No reply the cashier got, nor what she can ask for her session, carries expected cash or the figures it is made of.
    const current = h.ok('cash.current', {}, maria);
    replies.push(current, h.ok('cash.sessions', {}, maria), h.ok('agents.list', {}, maria));
    expect(current.expectedCash).toBeNull();
    expect(current.session).toMatchObject({ totals: null, salesTotal: null, depositsTotal: null, withdrawalsTotal: null, operations: null, expectedAmount: null });
    for (const r of replies) expect(JSON.stringify(r)).not.toMatch(new RegExp(`\\b${secret}\\b`));
    // A supervisor sees the same session's figures.
    const sofia = h.login('sofia');
    const seen = h.ok('reports.session', { sessionId: current.session?.id ?? '' }, sofia);
    expect(seen.expected).toBe(secret);
    expect(seen.session.depositsTotal).toBe(73_457);
    // The manager's report and the day's summary show the refusals: how many, what was asked, by whom, when.
    expect(seen.cashOutRefusals.count).toBe(3);
    expect(seen.cashOutRefusals.total).toBe(refused.reduce((a: number, p) => a + (p as { amount: number }).amount, 0));
    for (const x of seen.cashOutRefusals.items) expect(x).toMatchObject({ kind: 'AGENT_CASH_OUT', userId: h.userId('maria'), userName: expect.stringMatching(/\S/), at: expect.any(String) });
    const daily = h.ok('reports.daily', {}, h.login('gerente'));
    expect(daily.summary.cashOutRefusals).toEqual({ count: 3, total: seen.cashOutRefusals.total });
    for (const c of checkAllSessions(h.engine.store.db)) expect(c.problems).toEqual([]);
  });
});

describe('refused closes are no oracle for expected cash (issue 9 item 5, attacker pass)', () => {
  it('a blind cashier bisecting with closes is stopped after two refusals: the third count needs a supervisor and writes nothing', () => {
    h.ok('cash.open', { registerId: h.registerId('POS001'), openingAmount: 10_000 }, maria);
    const coins = (minor: number) => ({ denominations: [{ value: 10, quantity: minor / 10 }] });
    // Expected cash is Bs 100.00 and the demo's tolerance is small: far-off counts are refused.
    for (const guess of [2_000, 50_000]) expect(h.call('cash.close', { count: coins(guess) }, maria)).toMatchObject({ ok: false, error: { code: 'DIFFERENCE_NEEDS_APPROVAL' } });
    const ledger = ledgerOf(h.engine.store.db, h.ok('cash.current', {}, maria).session?.id ?? '').length;
    const third = h.call('cash.close', { count: coins(10_000) }, maria);
    expect(third).toMatchObject({ ok: false, error: { code: 'SUPERVISOR_REQUIRED', details: { permission: 'cash:approve_difference', reason: 'CLOSE_ATTEMPTS' } } });
    expect(ledgerOf(h.engine.store.db, h.ok('cash.current', {}, maria).session?.id ?? '').length).toBe(ledger);
    // With a supervisor standing by, the right count closes (the grant is spent even though no difference needed it).
    const grantId = h.ok('auth.verifySupervisor', { pin: '3333', permission: 'cash:approve_difference', username: 'sofia' }, maria).grantId;
    const closed = h.ok('cash.close', { count: coins(10_000), grantId }, maria);
    expect(closed.summary.difference).toBe(0);
    expect(h.engine.store.sqlite.prepare('SELECT consumed_at IS NOT NULL AS spent FROM grants WHERE id = ?').get(grantId)).toEqual({ spent: 1 });
    for (const c of checkAllSessions(h.engine.store.db)) expect(c.problems).toEqual([]);
  });
});

describe('successful cash-outs near the limit count like refusals (a bisection by successes)', () => {
  it('a blind cashier climbing with agent cash-outs and cash-ins is stopped after three near the limit; small payouts never count', () => {
    h.ok('cash.open', { registerId: h.registerId('POS003'), openingAmount: 100_000 }, maria); // AGENTS_ONLY, blind close
    const out = (amount: number) => h.call('agents.create', { provider: 'BNB', kind: 'CASH_OUT', amount, reference: `P-${amount}` }, maria);
    const back = (amount: number) => h.ok('agents.create', { provider: 'BNB', kind: 'CASH_IN', amount, reference: `R-${amount}` }, maria);
    // Everyday payouts, each small beside the drawer: any number of them, no supervisor.
    for (let i = 0; i < 10; i++) {
      expect(out(2_000).ok).toBe(true);
      back(2_000);
    }
    // The probe: take a lot, put it back, take more. Each success that took more than it left counts (the cashier is
    // not told which); the third one is the last free one.
    for (const amount of [40_000, 60_000, 70_000, 80_000]) {
      const r = out(amount);
      expect(r.ok).toBe(true);
      back(amount);
    }
    const stopped = out(90_000);
    expect(stopped.ok || stopped.error).toEqual({ code: 'SUPERVISOR_REQUIRED', message: expect.any(String), details: { permission: 'cash:movements', reason: 'CASH_OUT_REFUSALS' } });
    // Even an everyday payout now asks for the supervisor, whose PIN each further probe costs.
    expect(out(2_000)).toMatchObject({ ok: false, error: { code: 'SUPERVISOR_REQUIRED' } });
    expect(refusalsOf(maria)).toEqual([]);
    expect(expected(maria)).toBe(100_000);
  });

  it('a viewer who sees expected cash is not counted: she already knows the figure', () => {
    const sofia = h.login('sofia');
    h.ok('registers.update', { id: h.registerId('POS003'), blindClose: false }, h.login('admin'));
    h.ok('cash.open', { registerId: h.registerId('POS003'), openingAmount: 100_000 }, sofia);
    for (let i = 0; i < 5; i++) {
      h.ok('agents.create', { provider: 'BNB', kind: 'CASH_OUT', amount: 90_000, reference: `S-${i}` }, sofia);
      h.ok('agents.create', { provider: 'BNB', kind: 'CASH_IN', amount: 90_000, reference: `T-${i}` }, sofia);
    }
  });
});
