// A requestId names one request: its retry (same command, same body) replays the first reply and acts once; the same id
// with another body is refused with IDEMPOTENCY_CONFLICT and writes nothing (issue 9, item 7).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Harness } from './testkit';
import { harness } from './testkit';
import { requestDigest } from './request-digest';
import { pruneIdempotency } from '../db';

let h: Harness;
let maria: string;
let juan: string;

beforeEach(() => {
  h = harness();
  maria = h.login('maria');
  juan = h.login('juan');
  h.ok('cash.open', { registerId: h.registerId('POS001'), openingAmount: 0 }, maria);
});
afterEach(() => h.close());

const count = (table: string) => (h.engine.store.sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('requestId and the request body', () => {
  it('the same body replays the stored reply; another body under the same id is IDEMPOTENCY_CONFLICT with nothing written', () => {
    const [a, b] = h.productIds();
    if (!a || !b) throw new Error('no products');
    const cart = { lines: [{ productId: a.id, quantity: 2 }], payments: [{ method: 'CASH' as const, amount: a.price * 2 }], requestId: 'cart:0001' };
    const first = h.ok('sales.create', cart, maria).sale;
    // Same body with its keys in another order: the same request.
    const replay = h.ok('sales.create', { requestId: 'cart:0001', payments: cart.payments, lines: cart.lines }, maria).sale;
    expect(replay).toEqual(first);

    const before = { sales: count('sales'), ledger: count('ledger_entries'), idem: count('idempotency') };
    const otherCart = { lines: [{ productId: b.id, quantity: 1 }], payments: [{ method: 'CASH' as const, amount: b.price }], requestId: 'cart:0001' };
    const conflict = h.call('sales.create', otherCart, maria);
    expect(conflict.ok || conflict.error).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT', details: { requestId: 'cart:0001', command: 'sales.create' } });
    // Only the tender changed (another tab paid the same cart differently): still another request.
    const otherTender = h.call('sales.create', { ...cart, payments: [{ method: 'CASH' as const, amount: a.price * 2 + 1000 }] }, maria);
    expect(otherTender.ok || otherTender.error.code).toBe('IDEMPOTENCY_CONFLICT');
    expect({ sales: count('sales'), ledger: count('ledger_entries'), idem: count('idempotency') }).toEqual(before);
    expect(h.ok('cash.current', {}, maria).session?.salesCount).toBe(1);
  });

  it('ids are per user: another cashier may use the same id', () => {
    h.ok('cash.open', { registerId: h.registerId('POS002'), openingAmount: 0 }, juan);
    h.ok('cash.deposit', { amount: 100, reason: 'OTHER', requestId: 'request-1' }, maria);
    h.ok('cash.deposit', { amount: 200, reason: 'OTHER', requestId: 'request-1' }, juan);
    expect(h.call('cash.deposit', { amount: 200, reason: 'OTHER', requestId: 'request-1' }, maria)).toMatchObject({ ok: false, error: { code: 'IDEMPOTENCY_CONFLICT' } });
  });

  it('a row stored before digests were kept still replays', () => {
    const first = h.ok('cash.deposit', { amount: 100, reason: 'OTHER', requestId: 'request-old-1' }, maria);
    h.engine.store.sqlite.prepare("UPDATE idempotency SET body_digest = NULL WHERE request_id = 'request-old-1'").run();
    expect(h.ok('cash.deposit', { amount: 999, reason: 'OTHER', requestId: 'request-old-1' }, maria)).toEqual(first);
  });

  it('the digest ignores key order and the requestId, and sees every value', () => {
    expect(requestDigest('x', { a: 1, b: [{ c: 'd', e: 2 }], requestId: 'q' })).toBe(requestDigest('x', { b: [{ e: 2, c: 'd' }], a: 1 }));
    expect(requestDigest('x', { a: 1 })).not.toBe(requestDigest('x', { a: 2 }));
    expect(requestDigest('x', { a: 1 })).not.toBe(requestDigest('y', { a: 1 }));
    expect(requestDigest('x', { a: [1, 2] })).not.toBe(requestDigest('x', { a: [2, 1] }));
  });
});

describe('retention (issue 14): replies for 7 days, rows for 90, pruned in bounded steps', () => {
  const DAY = 24 * 3600_000;
  it('a repeat within 7 days replays; after the reply is pruned it is refused, never re-run; after 90 days the row is gone', () => {
    const first = h.ok('cash.deposit', { amount: 100, reason: 'OTHER', requestId: 'request-week-1' }, maria);
    const stored = h.engine.store.sqlite.prepare("SELECT typeof(reply) AS t, length(reply) AS n FROM idempotency WHERE request_id = 'request-week-1'").get() as { t: string; n: number };
    // Stored deflated: a blob, shorter than the JSON it replays.
    expect(stored.t).toBe('blob');
    expect(stored.n).toBeLessThan(JSON.stringify({ ok: true, data: first }).length);
    expect(pruneIdempotency(h.engine.store.db, new Date(h.now().getTime() + 6 * DAY))).toBe(0);
    expect(h.ok('cash.deposit', { amount: 100, reason: 'OTHER', requestId: 'request-week-1' }, maria)).toEqual(first);

    expect(pruneIdempotency(h.engine.store.db, new Date(h.now().getTime() + 8 * DAY))).toBe(1);
    const deposits = count('cash_movements');
    expect(h.call('cash.deposit', { amount: 100, reason: 'OTHER', requestId: 'request-week-1' }, maria)).toMatchObject({ ok: false, error: { code: 'IDEMPOTENCY_EXPIRED' } });
    expect(count('cash_movements')).toBe(deposits);

    expect(pruneIdempotency(h.engine.store.db, new Date(h.now().getTime() + 91 * DAY))).toBe(1);
    expect(count('idempotency')).toBe(0);
  });

  it('a step touches at most its limit, oldest first', () => {
    for (let i = 0; i < 5; i++) {
      h.ok('cash.deposit', { amount: 100 + i, reason: 'OTHER', requestId: `request-step-${i}` }, maria);
      h.advance(60_000);
    }
    const later = new Date(h.now().getTime() + 8 * DAY);
    expect(pruneIdempotency(h.engine.store.db, later, 2)).toBe(2);
    const kept = h.engine.store.sqlite.prepare('SELECT request_id AS id FROM idempotency WHERE reply IS NOT NULL ORDER BY created_at').all() as { id: string }[];
    expect(kept.map((r) => r.id)).toEqual(['request-step-2', 'request-step-3', 'request-step-4']);
  });
});
