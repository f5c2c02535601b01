// Issue 4 on real SQLite: sales by the store's hour in the X/Z and daily reports, the daily report's operations and
// currency, when a session was suspended and its register's specialty, and a supervisor-approved resume.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Harness } from './testkit';
import { bobCount, harness } from './testkit';
import { checkAllSessions, checkSession } from './verify';
import { buildBundle, schema, sha256Hex } from '../db';
import { verifyBundle } from '../src/sync/protocol';

let h: Harness;
let maria: string;
let juan: string;
let gerente: string;
let pos1: string;
let pos2: string;
let pos3: string;

beforeEach(() => {
  // 09:05 in La Paz (UTC-4): every hour below is the store's, not UTC's.
  h = harness({ start: '2026-11-22T13:05:00.000Z' });
  maria = h.login('maria');
  juan = h.login('juan');
  gerente = h.login('gerente');
  pos1 = h.registerId('POS001');
  pos2 = h.registerId('POS002');
  pos3 = h.registerId('POS003');
});
afterEach(() => h.close());

const sell = (token: string, sku: string, quantity: number, method: 'CASH' | 'QR' = 'CASH') => {
  const p = h.product(sku);
  return h.ok('sales.create', { lines: [{ productId: p.id, quantity }], payments: [{ method, amount: p.price * quantity }] }, token).sale;
};
const grant = (permission: 'sales:void' | 'cash:resume' | 'cash:movements', requester: string, username = 'sofia', pin = '3333') =>
  h.ok('auth.verifySupervisor', { pin, permission, username }, requester).grantId;
const expected = (token: string) => {
  const s = h.ok('cash.current', {}, token).session;
  if (!s) throw new Error('no session');
  return checkSession(h.engine.store.db, s.id).expectedCash;
};
const clean = () => {
  for (const c of checkAllSessions(h.engine.store.db)) expect(c.problems).toEqual([]);
};

describe('sales by hour', () => {
  it('X/Z report: store-local hours, voided sales left out, refunds in the hour they were paid; net adds up to the session', () => {
    const session = h.ok('cash.open', { registerId: pos1, openingAmount: 10000 }, maria).session;
    const a = sell(maria, 'SKU-004', 2); // 3000 at 09:05
    h.setNow('2026-11-22T13:59:59.999Z');
    sell(maria, 'SKU-001', 1, 'QR'); // 500 at 09:59
    h.setNow('2026-11-22T14:00:00.000Z');
    const voided = sell(maria, 'SKU-004', 1); // 1500 at 10:00, voided at 10:30: not in any hour
    h.setNow('2026-11-22T14:30:00.000Z');
    h.ok('sales.void', { saleId: voided.id, reason: 'error', grantId: grant('sales:void', maria) }, maria);
    h.setNow('2026-11-22T15:15:00.000Z');
    // Sale of 09:05 refunded at 11:15: the refund sits in hour 11, the sale stays in hour 9.
    h.ok('sales.refund', { saleId: a.id, lines: [{ lineId: 1, quantity: 1 }], method: 'CASH', reason: 'x' }, maria);
    // Past local midnight (04:00 UTC) the session goes on: its late sales are hour 23 and hour 0.
    h.setNow('2026-11-23T03:45:00.000Z');
    sell(maria, 'SKU-001', 2); // 1000 at 23:45
    h.setNow('2026-11-23T04:05:00.000Z');
    sell(maria, 'SKU-001', 3); // 1500 at 00:05

    const x = h.ok('reports.session', { sessionId: session.id }, gerente);
    expect(x.kind).toBe('X');
    expect(x.salesByHour).toEqual([
      { hour: 0, count: 1, total: 1500, refundsCount: 0, refundsTotal: 0, net: 1500 },
      { hour: 9, count: 2, total: 3500, refundsCount: 0, refundsTotal: 0, net: 3500 },
      { hour: 11, count: 0, total: 0, refundsCount: 1, refundsTotal: 1500, net: -1500 },
      { hour: 23, count: 1, total: 1000, refundsCount: 0, refundsTotal: 0, net: 1000 },
    ]);
    expect(x.salesByHour.reduce((s, r) => s + r.net, 0)).toBe(x.sales.total);
    expect(x.salesByHour.reduce((s, r) => s + r.count, 0)).toBe(x.sales.count);

    h.ok('cash.close', { count: { denominations: bobCount(expected(maria)) } }, maria);
    const z = h.ok('reports.session', { sessionId: session.id }, gerente);
    expect(z.kind).toBe('Z');
    expect(z.salesByHour).toEqual(x.salesByHour);
    clean();
  });

  it('follows the branch time zone, including one offset by half an hour', () => {
    h.engine.store.sqlite.prepare("UPDATE branches SET time_zone = 'Asia/Kolkata'").run(); // UTC+5:30
    h.ok('cash.open', { registerId: pos1, openingAmount: 0 }, maria);
    h.setNow('2026-11-22T14:29:00.000Z'); // 19:59 IST
    sell(maria, 'SKU-001', 1);
    h.setNow('2026-11-22T14:30:00.000Z'); // 20:00 IST: same UTC hour, next local hour
    sell(maria, 'SKU-001', 2);
    const s = h.ok('cash.current', {}, maria).session;
    const x = h.ok('reports.session', { sessionId: s?.id ?? '' }, h.login('sofia'));
    expect(x.salesByHour.map((r) => [r.hour, r.count, r.total])).toEqual([
      [19, 1, 500],
      [20, 1, 1000],
    ]);
  });

  it('an empty session has no hours', () => {
    const s = h.ok('cash.open', { registerId: pos1, openingAmount: 0 }, maria).session;
    expect(h.ok('reports.session', { sessionId: s.id }, h.login('sofia')).salesByHour).toEqual([]);
  });
});

describe('daily report', () => {
  it('adds operations, agent totals, the branch currency and sales by hour across the sessions of the day', () => {
    h.ok('cash.open', { registerId: pos1, openingAmount: 10000 }, maria);
    const a = sell(maria, 'SKU-004', 2); // 3000 at 09:05
    const b = sell(maria, 'SKU-001', 2); // 1000 at 09:05
    h.ok('sales.void', { saleId: b.id, reason: 'x', grantId: grant('sales:void', maria) }, maria);
    h.setNow('2026-11-22T16:20:00.000Z'); // 12:20
    h.ok('cash.open', { registerId: pos2, openingAmount: 5000 }, juan);
    h.ok('sales.refund', { saleId: a.id, lines: [{ lineId: 1, quantity: 1 }], method: 'CASH', reason: 'x' }, juan);
    sell(juan, 'SKU-001', 1); // 500 at 12:20
    h.ok('cash.close', { count: { denominations: bobCount(expected(juan)) } }, juan);
    h.ok('cash.open', { registerId: pos3, openingAmount: 20000 }, juan);
    h.ok('agents.create', { provider: 'TIGO_MONEY', kind: 'CASH_IN', amount: 15000, commission: 150, reference: 'TM-1' }, juan);
    h.ok('agents.create', { provider: 'BNB', kind: 'CASH_OUT', amount: 4000, commission: 40, reference: 'B-1' }, juan);
    h.ok('agents.create', { provider: 'ENTEL', kind: 'TOP_UP', amount: 1000, reference: 'E-1' }, juan);
    // A register in another currency: listed, never added to bolivianos.
    const usd = h.ok('registers.create', { code: 'POS009', name: 'Caja dólares', specialty: 'MIXED', currency: 'USD' }, h.login('admin')).register;
    h.ok('cash.open', { registerId: usd.id, openingAmount: 777 }, h.login('sofia'));

    const d = h.ok('reports.daily', {}, gerente);
    expect(d.date).toBe('2026-11-22');
    expect(d.currency).toBe('BOB');
    expect(d.sessions).toHaveLength(4);
    expect(d.summary).toMatchObject({
      totalSessions: 4,
      openSessions: 3,
      closedSessions: 1,
      otherCurrencySessions: 1,
      salesCount: 2,
      salesTotal: 3000 + 500 - 1500,
      operations: {
        voidsCount: 1,
        voidsTotal: 1000,
        refundsCount: 1,
        refundsTotal: 1500,
        agentCount: 3,
        agentCashIn: 15000,
        agentCashOut: 4000,
        agentTopUp: 1000,
        agentCommission: 190,
      },
    });
    expect(d.summary.agents).toMatchObject({ count: 3, byKind: { CASH_IN: 15000, CASH_OUT: 4000, TOP_UP: 1000 }, commission: 190, netCash: 12000 });
    expect(d.summary.agents.byProvider.map((p) => `${p.provider}:${p.kind}:${p.amount}`)).toEqual(['BNB:CASH_OUT:4000', 'ENTEL:TOP_UP:1000', 'TIGO_MONEY:CASH_IN:15000']);
    expect(d.summary.salesByHour).toEqual([
      { hour: 9, count: 1, total: 3000, refundsCount: 0, refundsTotal: 0, net: 3000 },
      { hour: 12, count: 1, total: 500, refundsCount: 1, refundsTotal: 1500, net: -1000 },
    ]);
    expect(d.summary.salesByHour.reduce((s, r) => s + r.net, 0)).toBe(d.summary.salesTotal);
    // Another day has nothing of this one.
    expect(h.ok('reports.daily', { date: '2026-11-21' }, gerente).summary).toMatchObject({ totalSessions: 0, salesByHour: [], otherCurrencySessions: 0 });
    clean();
  });
});

describe('session view', () => {
  it("carries the register's specialty and, only while SUSPENDED, when the last suspension began", () => {
    const s = h.ok('cash.open', { registerId: pos3, openingAmount: 0 }, maria).session;
    expect(s).toMatchObject({ specialty: 'AGENTS_ONLY', suspendedAt: null });
    h.setNow('2026-11-22T13:30:00.000Z');
    expect(h.ok('cash.suspend', {}, maria).session.suspendedAt).toBe('2026-11-22T13:30:00.000Z');
    h.setNow('2026-11-22T13:45:00.000Z');
    expect(h.ok('cash.current', {}, maria).session?.suspendedAt).toBe('2026-11-22T13:30:00.000Z');
    expect(h.ok('cash.resume', {}, maria).session.suspendedAt).toBeNull();
    h.setNow('2026-11-22T14:10:00.000Z');
    h.ok('cash.suspend', {}, maria);
    const listed = h.ok('cash.sessions', {}, maria).sessions[0];
    expect(listed).toMatchObject({ id: s.id, status: 'SUSPENDED', suspendedAt: '2026-11-22T14:10:00.000Z', specialty: 'AGENTS_ONLY' });
    // Closed straight from SUSPENDED: no longer suspended.
    const closed = h.ok('cash.close', { count: { denominations: [] } }, maria);
    expect(closed.session).toMatchObject({ status: 'CLOSED', suspendedAt: null });
    expect(h.ok('cash.open', { registerId: pos1, openingAmount: 0 }, maria).session.specialty).toBe('MIXED');
  });
});

describe('supervisor resume', () => {
  const resumedPayloads = (sessionId: string) =>
    h.engine.store.db
      .select()
      .from(schema.ledgerEntries)
      .where(and(eq(schema.ledgerEntries.sessionId, sessionId), eq(schema.ledgerEntries.kind, 'RESUMED')))
      .orderBy(schema.ledgerEntries.seq)
      .all()
      .map((e) => JSON.parse(e.payload) as unknown);

  it("a supervisor's cash:resume grant, asked for by the cashier, resumes her session once and is recorded on the ledger", () => {
    const s = h.ok('cash.open', { registerId: pos1, openingAmount: 10000 }, maria).session;
    h.ok('cash.suspend', {}, maria);
    expect(h.ok('auth.me', {}, h.login('sofia')).user.permissions).toContain('cash:resume');
    // A cashier holds no cash:resume to give.
    expect(h.call('auth.verifySupervisor', { pin: '5555', permission: 'cash:resume', username: 'juan' }, maria)).toMatchObject({ ok: false, error: { code: 'NOT_PERMITTED_TO_APPROVE' } });
    const wrong = grant('cash:movements', maria);
    expect(h.call('cash.resume', { grantId: wrong }, maria)).toMatchObject({ ok: false, error: { code: 'GRANT_INVALID', details: { reason: 'permission' } } });
    const forJuan = grant('cash:resume', juan);
    expect(h.call('cash.resume', { grantId: forJuan }, maria)).toMatchObject({ ok: false, error: { code: 'GRANT_INVALID', details: { reason: 'requester' } } });

    const g = grant('cash:resume', maria);
    const resumed = h.ok('cash.resume', { grantId: g }, maria).session;
    expect(resumed).toMatchObject({ id: s.id, status: 'OPEN', suspendedAt: null });
    expect(h.engine.store.db.select().from(schema.grants).where(eq(schema.grants.id, g)).get()).toMatchObject({ consumedFor: 'cash.resume' });
    expect(resumedPayloads(s.id)).toEqual([{ userId: h.userId('maria'), approvedBy: h.userId('sofia') }]);

    // Single use.
    h.ok('cash.suspend', {}, maria);
    expect(h.call('cash.resume', { grantId: g }, maria)).toMatchObject({ ok: false, error: { code: 'GRANT_INVALID', details: { reason: 'used' } } });
    // Without a grant her own resume works as before and records no approver.
    h.ok('cash.resume', {}, maria);
    expect(resumedPayloads(s.id)[1]).toEqual({ userId: h.userId('maria') });

    // A resume refused for the state does not spend the grant.
    const early = grant('cash:resume', maria);
    expect(h.call('cash.resume', { grantId: early }, maria)).toMatchObject({ ok: false, error: { code: 'SESSION_STATE' } });
    expect(h.engine.store.db.select().from(schema.grants).where(eq(schema.grants.id, early)).get()?.consumedAt).toBeNull();

    // The sealed ledger, approver and all, verifies as HQ would.
    const closed = h.ok('cash.close', { count: { denominations: bobCount(10000) } }, maria);
    expect(verifyBundle(sha256Hex, buildBundle(h.engine.store.db, closed.session.id)).ok).toBe(true);
    clean();
  });

  it("never resumes someone else's session: identity is the token's, with or without a grant", () => {
    h.ok('cash.open', { registerId: pos1, openingAmount: 0 }, maria);
    h.ok('cash.suspend', {}, maria);
    const sofia = h.login('sofia');
    expect(h.call('cash.resume', {}, sofia)).toMatchObject({ ok: false, error: { code: 'NO_OPEN_SESSION' } });
    const g = grant('cash:resume', juan);
    expect(h.call('cash.resume', { grantId: g }, juan)).toMatchObject({ ok: false, error: { code: 'NO_OPEN_SESSION' } });
    expect(h.ok('cash.current', {}, maria).session?.status).toBe('SUSPENDED');
  });
});

describe('the blind close keeps the X report from the cashier (issue 9 item 5)', () => {
  it("a blind cashier gets BLIND_X_REPORT for her open shift's X report, on screen and on paper; a supervisor gets it; the Z after the close is hers", () => {
    const session = h.ok('cash.open', { registerId: pos1, openingAmount: 20_000 }, maria).session;
    sell(maria, 'SKU-001', 3);
    h.ok('cash.deposit', { amount: 5_000, reason: 'CHANGE_FUND' }, maria);
    expect(h.call('reports.session', { sessionId: session.id }, maria)).toMatchObject({ ok: false, error: { code: 'BLIND_X_REPORT' } });
    expect(h.call('print.report', { sessionId: session.id }, maria)).toMatchObject({ ok: false, error: { code: 'BLIND_X_REPORT' } });
    // Her figures add up to expected cash for whoever may see it.
    const x = h.ok('reports.session', { sessionId: session.id }, h.login('sofia'));
    expect(x.kind).toBe('X');
    expect(x.expected).toBe(20_000 + 3 * h.product('SKU-001').price + 5_000);
    // A register without blind close shows her the X report.
    h.engine.store.sqlite.prepare('UPDATE registers SET blind_close = 0 WHERE id = ?').run(pos1);
    expect(h.ok('reports.session', { sessionId: session.id }, maria).kind).toBe('X');
    h.engine.store.sqlite.prepare('UPDATE registers SET blind_close = 1 WHERE id = ?').run(pos1);
    const grant = h.ok('auth.verifySupervisor', { pin: '3333', permission: 'cash:approve_difference', username: 'sofia' }, maria).grantId;
    const closed = h.ok('cash.close', { count: { denominations: bobCount(20_000) }, grantId: grant }, maria);
    expect(h.ok('reports.session', { sessionId: closed.session.id }, maria)).toMatchObject({ kind: 'Z', expected: x.expected });
  });
});
