// The cash drawer and cash rounding through the engine, on a real SQLite file: every opening is a chained DRAWER_OPENED
// entry (no-sale: permission, reason, note, drawer, supervisor grant where the register asks), counted in the X/Z
// report and in the seal HQ verifies; the cash part of sales and cash refunds is rounded, recorded, and expected cash
// includes it exactly, so a drawer that gave change rounded closes at zero.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildBundle, ledgerOf, schema, sha256Hex } from '../db';
import { roundCash } from '../src/money';
import { verifyBundle } from '../src/sync/protocol';
import type { Harness } from './testkit';
import { bobCount, harness } from './testkit';
import { checkSession } from './verify';

let h: Harness;
let admin: string;
let maria: string;
let pos1: string;

const DRAWER_PRINTER = {
  target: { kind: 'ESCPOS_TCP' as const, host: '127.0.0.1', port: 9100, paper: 'MM80' as const, codepage: 'cp858' as const },
  autoPrintReceipt: false,
  drawer: { pin: 2 as const, onMs: 100, offMs: 500 },
};

beforeEach(() => {
  h = harness();
  admin = h.login('admin');
  maria = h.login('maria');
  pos1 = h.registerId('POS001');
  h.ok('print.configure', { registerId: pos1, settings: DRAWER_PRINTER }, admin);
});
afterEach(() => h.close());

const grant = (permission: 'cash:approve_no_sale' | 'cash:movements' | 'sales:refund' | 'sales:void', token = maria) =>
  h.ok('auth.verifySupervisor', { pin: '3333', permission, username: 'sofia' }, token).grantId;
const drawerEntries = (sessionId: string) => ledgerOf(h.engine.store.db, sessionId).filter((e) => e.kind === 'DRAWER_OPENED');
const causes = (sessionId: string) => drawerEntries(sessionId).map((e) => (e.payload as { cause: string }).cause);

/** A sale line of `grams` of tomato (Bs 8.00/kg): weights make totals that end in any centavo. */
function tomato(grams: number) {
  const p = h.engine.store.db.select().from(schema.products).all().find((x) => x.name === 'Tomate (kg)');
  if (!p) throw new Error('no tomato');
  return { productId: p.id, quantity: `${Math.floor(grams / 1000)}.${String(grams % 1000).padStart(3, '0')}` };
}
/**
 * The sale total of `lines` as the engine prices it, read from the refusal of a card tender far above it (no tender at
 * all would sell a total whose cash due rounds to nothing).
 */
function totalOf(lines: ReturnType<typeof tomato>[]): number {
  const probe = h.call('sales.create', { lines, payments: [{ method: 'QR', amount: 100_000_000 }] }, maria);
  if (probe.ok || probe.error.code !== 'NON_CASH_OVERPAYMENT') throw new Error(`probe: ${JSON.stringify(probe)}`);
  return Number(probe.error.details?.['total']);
}
/** Grams of tomato whose total ends in `cents` centavos (mod 10). */
function gramsEndingIn(cents: number, from = 101): number {
  for (let g = from; g < from + 2000; g++) if (Math.round((g * 800) / 1000) % 10 === cents) return g;
  throw new Error('none');
}

describe('"Abrir cajón" with no sale', () => {
  it('needs a reason (a note for OTHER) and a register with a drawer; each refusal writes nothing', () => {
    const session = h.ok('cash.open', { registerId: pos1, openingAmount: 10000 }, maria).session;
    const seq = () => ledgerOf(h.engine.store.db, session.id).length;
    const before = seq();
    expect(h.call('cash.openDrawer', {} as never, maria)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(h.call('cash.openDrawer', { reason: 'OTHER' }, maria)).toMatchObject({ ok: false, error: { code: 'NOTE_REQUIRED' } });
    expect(h.call('cash.openDrawer', { reason: 'OTHER', note: '   ' }, maria)).toMatchObject({ ok: false, error: { code: 'NOTE_REQUIRED' } });
    expect(seq()).toBe(before);

    const opened = h.ok('cash.openDrawer', { reason: 'CHANGE_REQUEST' }, maria).opening;
    expect(opened).toMatchObject({ sessionId: session.id, cause: 'NO_SALE', reason: 'CHANGE_REQUEST', note: null, authorizedBy: null, drawerOpenings: 1, noSaleOpenings: 1 });
    const other = h.ok('cash.openDrawer', { reason: 'OTHER', note: 'Cliente pidió ver un billete' }, maria).opening;
    expect(other).toMatchObject({ note: 'Cliente pidió ver un billete', noSaleOpenings: 2 });
    expect(drawerEntries(session.id).map((e) => e.payload)).toEqual([
      { id: opened.id, cause: 'NO_SALE', reference: null, reason: 'CHANGE_REQUEST', note: null, userId: h.userId('maria'), authorizedBy: null },
      { id: other.id, cause: 'NO_SALE', reference: null, reason: 'OTHER', note: 'Cliente pidió ver un billete', userId: h.userId('maria'), authorizedBy: null },
    ]);

    // POS002 has no printer: its drawer cannot open, so nothing is recorded.
    const juan = h.login('juan');
    const other2 = h.ok('cash.open', { registerId: h.registerId('POS002'), openingAmount: 0 }, juan).session;
    expect(h.call('cash.openDrawer', { reason: 'CHANGE_REQUEST' }, juan)).toMatchObject({ ok: false, error: { code: 'DRAWER_NOT_CONFIGURED' } });
    expect(drawerEntries(other2.id)).toEqual([]);
    // Only in an OPEN session.
    h.ok('cash.suspend', {}, maria);
    expect(h.call('cash.openDrawer', { reason: 'CHANGE_REQUEST' }, maria)).toMatchObject({ ok: false, error: { code: 'SESSION_STATE' } });
  });

  it('cashiers may open it (cash:no_sale) but not approve it; a register that asks for approval takes a supervisor grant, once', () => {
    expect(h.ok('auth.me', {}, maria).user.permissions).toContain('cash:no_sale');
    expect(h.ok('auth.me', {}, maria).user.permissions).not.toContain('cash:approve_no_sale');
    const juan = h.login('juan');
    expect(h.call('auth.verifySupervisor', { pin: '5555', permission: 'cash:approve_no_sale', username: 'juan' }, maria)).toMatchObject({ ok: false, error: { code: 'NOT_PERMITTED_TO_APPROVE' } });
    expect(juan).toBeTruthy();

    h.ok('registers.update', { id: pos1, noSaleNeedsApproval: true }, admin);
    const session = h.ok('cash.open', { registerId: pos1, openingAmount: 10000 }, maria).session;
    expect(h.call('cash.openDrawer', { reason: 'CHECK_CASH' }, maria)).toMatchObject({ ok: false, error: { code: 'SUPERVISOR_REQUIRED', details: { permission: 'cash:approve_no_sale' } } });
    const wrong = grant('cash:movements');
    expect(h.call('cash.openDrawer', { reason: 'CHECK_CASH', grantId: wrong }, maria)).toMatchObject({ ok: false, error: { code: 'GRANT_INVALID' } });
    const g = grant('cash:approve_no_sale');
    const opened = h.ok('cash.openDrawer', { reason: 'CHECK_CASH', grantId: g }, maria).opening;
    expect(opened.authorizedBy).toBe(h.userId('sofia'));
    expect(h.call('cash.openDrawer', { reason: 'CHECK_CASH', grantId: g }, maria)).toMatchObject({ ok: false, error: { code: 'GRANT_INVALID' } });
    expect(drawerEntries(session.id)).toHaveLength(1);
    const x = h.ok('reports.session', { sessionId: session.id }, h.login('sofia'));
    expect(x.drawer.noSaleOpenings).toEqual([
      { at: h.now().toISOString(), userId: h.userId('maria'), userName: 'María González', reason: 'CHECK_CASH', note: null, authorizedBy: h.userId('sofia'), authorizedByName: 'Sofía Supervisora' },
    ]);
  });
});

describe('every opening is a ledger entry with its cause', () => {
  it('cash events open the drawer, card-only sales do not; the X and Z reports count them; the chain and HQ verify them', () => {
    const session = h.ok('cash.open', { registerId: pos1, openingAmount: 10000 }, maria).session;
    const agua = h.product('SKU-001');
    const cashSale = h.ok('sales.create', { lines: [{ productId: agua.id, quantity: 2 }], payments: [{ method: 'CASH', amount: agua.price * 2 }] }, maria).sale;
    h.ok('sales.create', { lines: [{ productId: agua.id, quantity: 1 }], payments: [{ method: 'DEBIT_CARD', amount: agua.price }] }, maria);
    h.ok('sales.create', { lines: [{ productId: agua.id, quantity: 1 }], payments: [{ method: 'QR', amount: agua.price }] }, maria);
    const split = h.ok('sales.create', { lines: [{ productId: agua.id, quantity: 2 }], payments: [{ method: 'QR', amount: agua.price }, { method: 'CASH', amount: agua.price }] }, maria).sale;
    h.ok('cash.deposit', { amount: 5000, reason: 'CHANGE_FUND' }, maria);
    h.ok('cash.withdraw', { amount: 1000, reason: 'SAFE_DEPOSIT', grantId: grant('cash:movements') }, maria);
    h.ok('cash.count', { type: 'PARTIAL', denominations: [{ value: 10000, quantity: 1 }] }, maria);
    h.ok('sales.refund', { saleId: cashSale.id, lines: [{ lineId: 1, quantity: 1 }], method: 'CASH', reason: 'x', grantId: grant('sales:refund') }, maria);
    h.ok('sales.refund', { saleId: split.id, lines: [{ lineId: 1, quantity: 1 }], method: 'QR', reason: 'x', grantId: grant('sales:refund') }, maria);
    // A refused void (the sale has a refund) opens nothing; a void of a cash sale does.
    expect(h.call('sales.void', { saleId: split.id, reason: 'x', grantId: grant('sales:void') }, maria)).toMatchObject({ ok: false, error: { code: 'SALE_NOT_VOIDABLE' } });
    const third = h.ok('sales.create', { lines: [{ productId: agua.id, quantity: 1 }], payments: [{ method: 'CASH', amount: agua.price }] }, maria).sale;
    h.ok('sales.void', { saleId: third.id, reason: 'x', grantId: grant('sales:void') }, maria);
    for (const reason of ['CHANGE_REQUEST', 'WRONG_CHANGE', 'STORE_RECEIPT'] as const) h.ok('cash.openDrawer', { reason }, maria);
    expect(causes(session.id)).toEqual(['SALE_CASH', 'SALE_CASH', 'DEPOSIT', 'WITHDRAWAL', 'COUNT', 'REFUND_CASH', 'SALE_CASH', 'VOID_CASH', 'NO_SALE', 'NO_SALE', 'NO_SALE']);
    // Each entry names the document that opened the drawer.
    expect((drawerEntries(session.id)[0]?.payload as { reference: string }).reference).toBe(cashSale.id);
    expect(checkSession(h.engine.store.db, session.id).problems).toEqual([]);

    const x = h.ok('reports.session', { sessionId: session.id }, h.login('sofia'));
    expect(x.kind).toBe('X');
    expect(x.drawer).toMatchObject({ openings: 11, noSale: 3, cashRounding: 0 });
    expect(x.drawer.noSaleOpenings.map((o) => o.reason)).toEqual(['CHANGE_REQUEST', 'WRONG_CHANGE', 'STORE_RECEIPT']);

    const expected = 10000 + agua.price * 2 + agua.price + 5000 - 1000 - agua.price;
    const closed = h.ok('cash.close', { count: { denominations: bobCount(expected) } }, maria);
    expect(closed.summary.difference).toBe(0);
    // The closing count opened the drawer too (CLOSE_COUNT, before the seal).
    expect(closed.report).toMatchObject({ kind: 'Z', drawer: { openings: 12, noSale: 3 } });
    expect(causes(session.id).at(-1)).toBe('CLOSE_COUNT');
    expect(checkSession(h.engine.store.db, session.id).problems).toEqual([]);

    // HQ: the bundle (with its DRAWER_OPENED entries and the seal's drawer totals) verifies; a forged one does not.
    const bundle = buildBundle(h.engine.store.db, session.id);
    expect(verifyBundle(sha256Hex, bundle).ok).toBe(true);
    const last = bundle.entries[bundle.entries.length - 1];
    if (last?.kind !== 'SESSION_CLOSED') throw new Error('not sealed');
    expect(last.payload.drawer).toEqual({ drawerOpenings: 12, noSaleOpenings: 3, cashRounding: 0 });
    const { drawer: _dropped, ...withoutDrawer } = last.payload;
    expect(verifyBundle(sha256Hex, { ...bundle, entries: [...bundle.entries.slice(0, -1), { ...last, payload: withoutDrawer }] }).ok).toBe(false);
    const fewer = { ...last, payload: { ...last.payload, drawer: { drawerOpenings: 12, noSaleOpenings: 2, cashRounding: 0 } } };
    expect(verifyBundle(sha256Hex, { ...bundle, entries: [...bundle.entries.slice(0, -1), fewer] }).ok).toBe(false);
    const renamed = bundle.entries.map((e) => (e.kind === 'DRAWER_OPENED' && (e.payload as { cause: string }).cause === 'NO_SALE' ? { ...e, payload: { ...e.payload, cause: 'SALE_CASH' as const } } : e));
    expect(verifyBundle(sha256Hex, { ...bundle, entries: renamed }).ok).toBe(false);
    const unknownReason = bundle.entries.map((e) => (e.kind === 'DRAWER_OPENED' ? { ...e, payload: { ...e.payload, reason: 'BORED' } } : e));
    expect(verifyBundle(sha256Hex, { ...bundle, entries: unknownReason }).ok).toBe(false);
  });

  it('a register without a drawer records no openings, and its seal hashes as before (no drawer totals)', () => {
    h.ok('print.configure', { registerId: pos1, settings: { ...DRAWER_PRINTER, drawer: null } }, admin);
    const session = h.ok('cash.open', { registerId: pos1, openingAmount: 10000 }, maria).session;
    const agua = h.product('SKU-001');
    h.ok('sales.create', { lines: [{ productId: agua.id, quantity: 1 }], payments: [{ method: 'CASH', amount: agua.price }] }, maria);
    h.ok('cash.close', { count: { denominations: bobCount(10000 + agua.price) } }, maria);
    expect(drawerEntries(session.id)).toEqual([]);
    const bundle = buildBundle(h.engine.store.db, session.id);
    const last = bundle.entries[bundle.entries.length - 1];
    expect(last && 'drawer' in (last.payload as object)).toBe(false);
    expect(verifyBundle(sha256Hex, bundle).ok).toBe(true);
  });
});

describe('the counts that end a session and agent operations', () => {
  it('a refused close, the close, the handover and every agent operation open the drawer with their cause; HQ verifies the chain', () => {
    const session = h.ok('cash.open', { registerId: pos1, openingAmount: 10000 }, maria).session;
    const op = h.ok('agents.create', { provider: 'TIGO_MONEY', kind: 'CASH_IN', amount: 5000, reference: 'A-1' }, maria).operation;
    h.ok('agents.create', { provider: 'TIGO_MONEY', kind: 'TOP_UP', amount: 1000, reference: 'A-2' }, maria);
    h.ok('agents.create', { provider: 'TIGO_MONEY', kind: 'CASH_OUT', amount: 2000, reference: 'A-3' }, maria);
    expect(causes(session.id)).toEqual(['AGENT_CASH', 'AGENT_CASH', 'AGENT_CASH']);
    expect((drawerEntries(session.id)[0]?.payload as { reference: string }).reference).toBe(op.id);
    // A close refused for its difference keeps its count, and the opening to count it.
    const refused = h.call('cash.close', { count: { denominations: bobCount(10000) } }, maria);
    expect(refused.ok || refused.error.code).toBe('DIFFERENCE_NEEDS_APPROVAL');
    expect(causes(session.id).at(-1)).toBe('CLOSE_COUNT');
    const closed = h.ok('cash.close', { count: { denominations: bobCount(10000 + 5000 + 1000 - 2000) } }, maria);
    expect(closed.report.drawer).toMatchObject({ openings: 5, noSale: 0 });
    const entries = ledgerOf(h.engine.store.db, session.id);
    // The opening precedes the seal, which counts it.
    expect(entries.at(-2)?.kind).toBe('DRAWER_OPENED');
    expect(causes(session.id)).toEqual(['AGENT_CASH', 'AGENT_CASH', 'AGENT_CASH', 'CLOSE_COUNT', 'CLOSE_COUNT']);
    const bundle = buildBundle(h.engine.store.db, session.id);
    expect(verifyBundle(sha256Hex, bundle).ok).toBe(true);

    // The handover: the count opens the drawer; the outgoing session's seal counts it, the new session starts at zero.
    const second = h.ok('cash.open', { registerId: pos1, openingAmount: 10000 }, maria).session;
    const juanGrant = h.ok('auth.verifySupervisor', { pin: '5555', permission: 'cash:open', username: 'juan' }, maria).grantId;
    const t = h.ok('cash.transfer', { toUserId: h.userId('juan'), count: { denominations: bobCount(10000) }, incomingGrantId: juanGrant }, maria);
    expect(causes(second.id)).toEqual(['HANDOVER']);
    expect(t.closedSession.id).toBe(second.id);
    const handed = buildBundle(h.engine.store.db, second.id);
    const seal = handed.entries.at(-1);
    expect(seal?.kind).toBe('SESSION_TRANSFERRED');
    expect((seal?.payload as { drawer?: unknown }).drawer).toEqual({ drawerOpenings: 1, noSaleOpenings: 0, cashRounding: 0 });
    expect(verifyBundle(sha256Hex, handed).ok).toBe(true);
    expect(drawerEntries(t.newSession.id)).toEqual([]);
  });
});

describe('cash rounding', () => {
  it('BOB: the cash part is rounded to Bs 0.10 and recorded; card is not; refunds in cash are paid rounded; the Z shows it', () => {
    const session = h.ok('cash.open', { registerId: pos1, openingAmount: 10000 }, maria).session;
    const up = [tomato(gramsEndingIn(7))];
    const upTotal = totalOf(up);
    const a = h.ok('sales.create', { lines: up, payments: [{ method: 'CASH', amount: upTotal + 3, tendered: upTotal + 1003 }] }, maria).sale;
    expect(a).toMatchObject({ total: upTotal, cashRounding: 3, change: 1000, payments: [{ method: 'CASH', amount: upTotal + 3 }] });
    const down = [tomato(gramsEndingIn(4))];
    const downTotal = totalOf(down);
    const b = h.ok('sales.create', { lines: down, payments: [{ method: 'CASH', amount: downTotal - 4 }] }, maria).sale;
    expect(b).toMatchObject({ total: downTotal, cashRounding: -4 });
    const card = h.ok('sales.create', { lines: up, payments: [{ method: 'CREDIT_CARD', amount: upTotal }] }, maria).sale;
    expect(card.cashRounding).toBe(0);
    // Paying the unrounded amount in cash is short of the rounded one.
    expect(h.call('sales.create', { lines: up, payments: [{ method: 'CASH', amount: upTotal }] }, maria)).toMatchObject({ ok: false, error: { code: 'PAYMENT_INSUFFICIENT', details: { total: upTotal + 3, cashRounding: 3 } } });
    expect(h.ok('sales.get', { saleId: a.id }, maria).sale.cashRounding).toBe(3);

    // A cash refund of the whole rounded-up sale pays back exactly what was taken.
    const refund = h.ok('sales.refund', { saleId: a.id, lines: [{ lineId: 1, quantity: up[0]!.quantity }], method: 'CASH', reason: 'x', grantId: grant('sales:refund') }, maria).refund;
    expect(refund).toMatchObject({ total: upTotal, cashRounding: 3 });
    // A void gives back the cash taken and reverses the sale's rounding.
    h.ok('sales.void', { saleId: b.id, reason: 'x', grantId: grant('sales:void') }, maria);

    const x = h.ok('reports.session', { sessionId: session.id }, h.login('sofia'));
    expect(x.drawer.cashRounding).toBe(3 - 4 - 3 + 4);
    const expected = 10000 + upTotal + 3 - (upTotal + 3);
    expect(checkSession(h.engine.store.db, session.id).expectedCash).toBe(expected);
    const c = h.ok('sales.create', { lines: up, payments: [{ method: 'CASH', amount: 5000, tendered: 5000 }] }, maria).sale;
    expect(c.change).toBe(5000 - upTotal - 3);
    const closed = h.ok('cash.close', { count: { denominations: bobCount(expected + upTotal + 3) } }, maria);
    expect(closed.summary.difference).toBe(0);
    expect(closed.report.drawer.cashRounding).toBe(3);
    expect(checkSession(h.engine.store.db, session.id).problems).toEqual([]);
    expect(verifyBundle(sha256Hex, buildBundle(h.engine.store.db, session.id)).ok).toBe(true);
  });

  it('a rounded-down cash sale refunds in cash in full without a supervisor; refunds in slices never pay out more than the sale took', () => {
    h.ok('cash.open', { registerId: pos1, openingAmount: 10000 }, maria);
    // Bs x.x4 paid Bs x.x0 in cash: its full cash refund is that sale's own tender, not "another tender".
    const down = [tomato(gramsEndingIn(4))];
    const downTotal = totalOf(down);
    const b = h.ok('sales.create', { lines: down, payments: [{ method: 'CASH', amount: downTotal - 4 }] }, maria).sale;
    const whole = h.ok('sales.refund', { saleId: b.id, lines: [{ lineId: 1, quantity: down[0]!.quantity }], method: 'CASH', reason: 'x' }, maria).refund;
    expect(whole).toMatchObject({ total: downTotal, cashRounding: -4 });
    // 100 g sold for cash (Bs 0.80), refunded 5 g (Bs 0.04) at a time: each slice alone would round to Bs 0.00 or
    // Bs 0.10; over the running sum the slices pay out exactly the Bs 0.80 taken, never more.
    const sale = h.ok('sales.create', { lines: [tomato(100)], payments: [{ method: 'CASH', amount: 80 }] }, maria).sale;
    let paid = 0;
    for (let i = 0; i < 20; i++) {
      const r = h.ok('sales.refund', { saleId: sale.id, lines: [{ lineId: 1, quantity: tomato(5).quantity }], method: 'CASH', reason: 'x' }, maria).refund;
      paid += r.total + r.cashRounding;
      expect(paid).toBeLessThanOrEqual(80);
    }
    expect(paid).toBe(80);
  });

  it('a cash sale whose cash due rounds to 0 (Bs 0.04 at Bs 0.10) completes with no tender, takes no cash, and the chain verifies', () => {
    const session = h.ok('cash.open', { registerId: pos1, openingAmount: 10000 }, maria).session;
    const tiny = [tomato(5)];
    // A cash tender of Bs 0.10 would be all change (PAYMENT_EXCEEDS_TOTAL, the standing rule); nothing to hand over is the way.
    expect(h.call('sales.create', { lines: tiny, payments: [{ method: 'CASH', amount: 10 }] }, maria)).toMatchObject({ ok: false, error: { code: 'PAYMENT_EXCEEDS_TOTAL' } });
    const sale = h.ok('sales.create', { lines: tiny, payments: [] }, maria).sale;
    expect(sale).toMatchObject({ total: 4, cashRounding: -4, change: 0, payments: [] });
    // Without rounding (increment 1) nothing-to-pay is still refused for a total above 0.
    const pos2 = h.registerId('POS002');
    h.ok('registers.update', { id: pos2, cashRounding: 1 }, admin);
    const closed = h.ok('cash.close', { count: { denominations: bobCount(10000) } }, maria);
    expect(closed.summary.difference).toBe(0);
    expect(closed.report.drawer.cashRounding).toBe(-4);
    expect(checkSession(h.engine.store.db, session.id).problems).toEqual([]);
    expect(verifyBundle(sha256Hex, buildBundle(h.engine.store.db, session.id)).ok).toBe(true);
    const juan = h.login('juan');
    h.ok('cash.open', { registerId: pos2, openingAmount: 0 }, juan);
    expect(h.call('sales.create', { lines: tiny, payments: [] }, juan)).toMatchObject({ ok: false, error: { code: 'PAYMENT_INSUFFICIENT' } });
  });

  it('a register may turn rounding off or pick another increment; one its currency does not offer is refused', () => {
    expect(h.ok('registers.list', {}, admin).registers.find((r) => r.id === pos1)).toMatchObject({ cashRounding: null, cashRoundingApplied: 10 });
    expect(h.call('registers.update', { id: pos1, cashRounding: 7 }, admin)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { field: 'cashRounding' } } });
    expect(h.ok('registers.update', { id: pos1, cashRounding: 1 }, admin).register).toMatchObject({ cashRounding: 1, cashRoundingApplied: 1 });
    h.ok('cash.open', { registerId: pos1, openingAmount: 10000 }, maria);
    const lines = [tomato(gramsEndingIn(7))];
    const total = totalOf(lines);
    expect(h.ok('sales.create', { lines, payments: [{ method: 'CASH', amount: total }] }, maria).sale.cashRounding).toBe(0);
    expect(h.ok('registers.update', { id: pos1, cashRounding: 50 }, admin).register.cashRoundingApplied).toBe(50);
    const s = h.ok('sales.create', { lines, payments: [{ method: 'CASH', amount: 5000, tendered: 5000 }] }, maria).sale;
    expect(s.cashRounding).toBe(roundCash(total, { increment: 50, rule: 'HALF_UP' }) - total);
  });

  it('property: expected cash = opening + cash sales rounded + deposits − withdrawals − cash refunds rounded; change given rounded closes at zero', () => {
    const op = fc.oneof(
      { weight: 5, arbitrary: fc.record({ t: fc.constant('sale' as const), grams: fc.integer({ min: 1, max: 5000 }), card: fc.nat(3), note: fc.constantFrom(0, 1000, 2000, 5000) }) },
      { weight: 2, arbitrary: fc.record({ t: fc.constant('refund' as const), pick: fc.nat(50), grams: fc.integer({ min: 1, max: 900 }), cash: fc.boolean() }) },
      { weight: 1, arbitrary: fc.record({ t: fc.constant('deposit' as const), amount: fc.integer({ min: 1, max: 500 }).map((n) => n * 10) }) },
      { weight: 1, arbitrary: fc.record({ t: fc.constant('withdraw' as const), amount: fc.integer({ min: 1, max: 500 }).map((n) => n * 10) }) },
    );
    const bob = { increment: 10, rule: 'HALF_UP' as const };
    fc.assert(
      fc.property(fc.array(op, { minLength: 3, maxLength: 15 }), (ops) => {
        h.close();
        h = harness();
        maria = h.login('maria');
        const session = h.ok('cash.open', { registerId: h.registerId('POS001'), openingAmount: 20000 }, maria).session;
        let expected = 20000;
        const sold: { id: string; grams: number; refunded: number; cashRefunded: number }[] = [];
        for (const o of ops) {
          if (o.t === 'sale') {
            const lines = [tomato(o.grams)];
            const total = totalOf(lines);
            // card: 0 none, 1 a quarter by card, 2 half, 3 everything by card.
            const card = o.card === 3 ? total : Math.floor((total * o.card) / 4);
            const cashPart = total - card;
            const due = cashPart === 0 ? 0 : roundCash(cashPart, bob);
            if (cashPart > 0 && due === 0) continue; // a few centavos in cash round to nothing: not a tender
            const tendered = Math.max(due, o.note);
            const payments = [...(card > 0 ? [{ method: 'DEBIT_CARD' as const, amount: card }] : []), ...(cashPart > 0 ? [{ method: 'CASH' as const, amount: due, tendered }] : [])];
            const sale = h.ok('sales.create', { lines, payments }, maria).sale;
            expect(sale.change).toBe(tendered > due && cashPart > 0 ? tendered - due : 0);
            expected += due;
            sold.push({ id: sale.id, grams: o.grams, refunded: 0, cashRefunded: 0 });
          } else if (o.t === 'refund') {
            const target = sold[o.pick % Math.max(1, sold.length)];
            if (!target || target.refunded + o.grams > target.grams) continue;
            const lines = [{ lineId: 1, quantity: tomato(o.grams).quantity }];
            const r = h.call('sales.refund', { saleId: target.id, lines, method: o.cash ? 'CASH' : 'QR', reason: 'p', grantId: grant('sales:refund') }, maria);
            if (!r.ok) {
              expect(['INSUFFICIENT_CASH', 'VALIDATION_FAILED']).toContain(r.error.code);
              continue;
            }
            target.refunded += o.grams;
            // A cash refund pays out the sale's running sum of cash refunds rounded, less what already left.
            if (o.cash) {
              const before = target.cashRefunded;
              target.cashRefunded += r.data.refund.total;
              expected -= roundCash(target.cashRefunded, bob) - roundCash(before, bob);
            }
          } else if (o.t === 'deposit') {
            h.ok('cash.deposit', { amount: o.amount, reason: 'CHANGE_FUND' }, maria);
            expected += o.amount;
          } else {
            const r = h.call('cash.withdraw', { amount: o.amount, reason: 'SAFE_DEPOSIT', grantId: grant('cash:movements') }, maria);
            if (o.amount > expected) {
              expect(r.ok || r.error.code).toBe('INSUFFICIENT_CASH');
              continue;
            }
            expected -= o.amount;
          }
          expect(checkSession(h.engine.store.db, session.id).expectedCash).toBe(expected);
        }
        // Every amount the drawer moved is a multiple of its smallest coin, so the count matches to the centavo.
        expect(expected % 10).toBe(0);
        const closed = h.ok('cash.close', { count: { denominations: bobCount(expected) } }, maria);
        expect(closed.summary.expectedAmount).toBe(expected);
        expect(closed.summary.difference).toBe(0);
        expect(checkSession(h.engine.store.db, session.id).problems).toEqual([]);
      }),
      { numRuns: 15 },
    );
  });
});
