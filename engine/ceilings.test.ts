// Issue 9 item 1: amounts and running totals have business ceilings (src/money/ceilings.ts). Every reproduction of the
// issue is here, on a real SQLite file: nothing over a ceiling is accepted, a refusal writes nothing, and a session that
// an older version let overflow can still be read and closed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AMOUNT_CEILING, TOTAL_CEILING } from '../src/money/ceilings';
import type { Harness } from './testkit';
import { dbFingerprint, harness, prng, writeWatch } from './testkit';

let h: Harness;
let maria: string;
let admin: string;
let pos1: string;
const MAX = Number.MAX_SAFE_INTEGER;

beforeEach(() => {
  h = harness();
  maria = h.login('maria');
  admin = h.login('admin');
  pos1 = h.registerId('POS001');
});
afterEach(() => h.close());

const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'OK' : r.error?.code);
const sql = (text: string, ...params: unknown[]) => h.engine.store.sqlite.prepare(text).run(...params);
/** Inserts a copy of a session's first row of `table` with `changes` (column → value): rows as an older version wrote them. */
function clone(table: string, sessionId: string, changes: Record<string, unknown>): void {
  const sqlite = h.engine.store.sqlite;
  const columns = sqlite.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`).all().map((c) => c.name);
  const row = sqlite.prepare(`SELECT * FROM ${table} WHERE session_id = ? LIMIT 1`).get(sessionId) as Record<string, unknown>;
  const values = columns.map((c) => (c in changes ? changes[c] : row[c]));
  sqlite.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...values);
}

/** Calls a command that must be refused with `code`, and proves the database is byte-for-byte what it was. */
function refusedWithoutWrites(name: string, input: unknown, token: string, code: string): void {
  const before = dbFingerprint(h.engine.store.sqlite);
  const r = h.engine.dispatch(name, input, token);
  expect(r.ok ? 'OK' : r.error.code).toBe(code);
  expect(dbFingerprint(h.engine.store.sqlite)).toBe(before);
}

describe('the reproductions of issue 9 item 1', () => {
  it('deposit 9007199254740991 then 1: the first is refused, the session reads and closes', () => {
    h.ok('cash.open', { registerId: pos1, openingAmount: 0 }, maria);
    refusedWithoutWrites('cash.deposit', { amount: MAX, reason: 'CHANGE_FUND' }, maria, 'VALIDATION_FAILED');
    expect(codeOf(h.call('cash.deposit', { amount: 1, reason: 'CHANGE_FUND' }, maria))).toBe('OK');
    expect(codeOf(h.call('cash.current', {}, maria))).toBe('OK');
    expect(codeOf(h.call('cash.sessions', {}, maria))).toBe('OK');
    expect(codeOf(h.call('reports.daily', {}, admin))).toBe('OK');
    h.ok('cash.close', { count: { denominations: [] }, grantId: h.ok('auth.verifySupervisor', { pin: '3333', permission: 'cash:approve_difference', username: 'sofia' }, maria).grantId }, maria);
  });

  it('deposits up to the session ceiling are taken; the one past it is TOTAL_CEILING and writes nothing', () => {
    h.ok('cash.open', { registerId: pos1, openingAmount: 0 }, maria);
    for (let i = 0; i < TOTAL_CEILING / AMOUNT_CEILING; i++) h.ok('cash.deposit', { amount: AMOUNT_CEILING, reason: 'CHANGE_FUND' }, maria);
    refusedWithoutWrites('cash.deposit', { amount: 1, reason: 'CHANGE_FUND' }, maria, 'TOTAL_CEILING');
    // Read as a supervisor: the blind cashier's own view hides the running totals expected cash is made of.
    const session = h.ok('cash.sessions', {}, h.login('sofia')).sessions.find((s) => s.registerId === pos1);
    expect(session?.depositsTotal).toBe(TOTAL_CEILING);
  });

  it('a product priced 9007199254740991 cannot be created, updated or imported', () => {
    refusedWithoutWrites('products.create', { sku: 'BIG-1', name: 'Grande', price: MAX }, admin, 'VALIDATION_FAILED');
    const p = h.product('SKU-001');
    refusedWithoutWrites('products.update', { id: p.id, price: AMOUNT_CEILING + 1 }, admin, 'VALIDATION_FAILED');
    const csv = `sku,name,price\nBIG-2,Grande,${MAX}\n`;
    const r = h.call('products.import', { csv }, admin);
    expect(codeOf(r)).toBe('IMPORT_INVALID');
    expect(h.engine.store.sqlite.prepare("SELECT count(*) AS n FROM products WHERE sku = 'BIG-2'").get()).toEqual({ n: 0 });
  });

  it('two sales of a product an older version priced 9007199254740991: refused, nothing written', () => {
    const p = h.product('SKU-001');
    sql('UPDATE products SET price = ? WHERE id = ?', MAX, p.id);
    h.ok('cash.open', { registerId: pos1, openingAmount: 0 }, maria);
    for (let i = 0; i < 2; i++) {
      refusedWithoutWrites('sales.create', { lines: [{ productId: p.id, quantity: 1 }], payments: [{ method: 'CASH', amount: AMOUNT_CEILING }] }, maria, 'AMOUNT_TOO_LARGE');
    }
  });

  it('a line or a sale total past the amount ceiling is AMOUNT_TOO_LARGE; a session past its ceiling TOTAL_CEILING', () => {
    const p = h.product('SKU-001');
    const q = h.product('SKU-002');
    h.ok('products.update', { id: p.id, price: AMOUNT_CEILING }, admin);
    h.ok('products.update', { id: q.id, price: AMOUNT_CEILING / 2 + 1 }, admin);
    h.ok('cash.open', { registerId: pos1, openingAmount: 0 }, maria);
    const card = (amount: number) => [{ method: 'QR' as const, amount }];
    refusedWithoutWrites('sales.create', { lines: [{ productId: p.id, quantity: 2 }], payments: card(AMOUNT_CEILING) }, maria, 'AMOUNT_TOO_LARGE');
    refusedWithoutWrites('sales.create', { lines: [{ productId: q.id, quantity: 1 }, { productId: q.id, quantity: 1 }], payments: [...card(AMOUNT_CEILING), ...card(2)] }, maria, 'AMOUNT_TOO_LARGE');
    // The session's QR total takes sales up to its ceiling, then no more.
    for (let i = 0; i < TOTAL_CEILING / AMOUNT_CEILING; i++) h.ok('sales.create', { lines: [{ productId: p.id, quantity: 1 }], payments: card(AMOUNT_CEILING) }, maria);
    refusedWithoutWrites('sales.create', { lines: [{ productId: q.id, quantity: 1 }], payments: card(AMOUNT_CEILING / 2 + 1) }, maria, 'TOTAL_CEILING');
  });

  it('a count with vouchers or checks at 9007199254740991 is VALIDATION_FAILED; a count past the ceiling AMOUNT_TOO_LARGE', () => {
    h.ok('cash.open', { registerId: pos1, openingAmount: 0 }, maria);
    refusedWithoutWrites('cash.count', { type: 'PARTIAL', denominations: [], vouchers: MAX }, maria, 'VALIDATION_FAILED');
    refusedWithoutWrites('cash.count', { type: 'PARTIAL', denominations: [], checks: MAX }, maria, 'VALIDATION_FAILED');
    refusedWithoutWrites('cash.close', { count: { denominations: [], vouchers: MAX, checks: MAX } }, maria, 'VALIDATION_FAILED');
    // A full denomination table at a million of each is past the count ceiling in COP-sized currencies, never unsafe.
    const all = [20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10].map((value) => ({ value, quantity: 1_000_000 }));
    expect(codeOf(h.call('cash.count', { type: 'PARTIAL', denominations: all, vouchers: AMOUNT_CEILING, checks: AMOUNT_CEILING, otherValues: AMOUNT_CEILING }, maria))).toBe('OK');
  });
});

describe('a database an older version let overflow still reads and closes', () => {
  it('seeded with SQL past every ceiling: cash.current, cash.sessions, reports, and cash.close answer, never INTERNAL', () => {
    const session = h.ok('cash.open', { registerId: pos1, openingAmount: 0 }, maria).session;
    h.ok('cash.deposit', { amount: 100, reason: 'CHANGE_FUND' }, maria);
    h.ok('cash.count', { type: 'PARTIAL', denominations: [] }, maria);
    // What the reproduction left behind on an older version (and worse): totals past 2^53, even past 2^63.
    sql(
      `UPDATE sessions SET deposits_total = 9007199254740992, total_cash = 18014398509481984, total_qr = -9007199254740993,
       sales_total = 1e300, agent_cash_in = 9223372036854775807, opening_amount = 9007199254740993 WHERE id = ?`,
      session.id,
    );
    clone('cash_movements', session.id, { id: 'seeded-move', amount: 9007199254740993n });
    clone('cash_counts', session.id, {
      id: 'seeded-count',
      total_bills: 9007199254740993n,
      total_coins: 0,
      total_cash: 9007199254740993n,
      vouchers: 9007199254740991n,
      checks: 9223372036854775807n,
      expected_amount: 0,
      difference: 9007199254740993n,
    });
    for (const [name, input, token] of [
      ['cash.current', {}, maria],
      ['cash.sessions', {}, maria],
      ['cash.sessions', {}, admin],
      ['reports.daily', {}, admin],
      ['reports.session', { sessionId: session.id }, admin],
      ['cash.counts', { sessionId: session.id }, admin],
      ['cash.movements', {}, maria],
    ] as const) {
      expect(`${name} ${codeOf(h.engine.dispatch(name, input, token))}`).toBe(`${name} OK`);
    }
    // Nothing more goes in, but the session is closed with an approval.
    refusedWithoutWrites('cash.deposit', { amount: 1, reason: 'CHANGE_FUND' }, maria, 'TOTAL_CEILING');
    const refused = h.call('cash.close', { count: { denominations: [] } }, maria);
    expect(codeOf(refused)).toBe('DIFFERENCE_NEEDS_APPROVAL');
    const grantId = h.ok('auth.verifySupervisor', { pin: '3333', permission: 'cash:approve_difference', username: 'sofia' }, maria).grantId;
    const closed = h.ok('cash.close', { count: { denominations: [] }, grantId }, maria);
    expect(closed.session.status).toBe('CLOSED');
    expect(closed.summary.depositsTotal).toBe(TOTAL_CEILING);
    expect(codeOf(h.call('reports.daily', {}, admin))).toBe('OK');
  });
});

describe('property: random huge amounts never answer INTERNAL, and a refusal writes nothing', () => {
  it('300 seeded random money commands', () => {
    const rnd = prng(0x9e3779b9);
    const huge = (): number => {
      const picks = [0, 1, AMOUNT_CEILING, AMOUNT_CEILING + 1, TOTAL_CEILING, MAX, MAX - 1, 2 ** 52, Math.floor(rnd() * AMOUNT_CEILING), Math.floor(rnd() * MAX)];
      return picks[Math.floor(rnd() * picks.length)] ?? 0;
    };
    const p = h.product('SKU-001');
    h.ok('products.update', { id: p.id, price: AMOUNT_CEILING }, admin);
    h.ok('cash.open', { registerId: pos1, openingAmount: 0 }, maria);
    h.ok('cash.open', { registerId: h.registerId('POS002'), openingAmount: 0 }, admin);
    // Start near the session ceiling, so random deposits and sales reach it.
    for (let i = 0; i < TOTAL_CEILING / AMOUNT_CEILING - 5; i++) h.ok('cash.deposit', { amount: AMOUNT_CEILING, reason: 'CHANGE_FUND' }, maria);
    const watch = writeWatch(h.engine.store.sqlite);
    const codes = new Map<string, number>();
    for (let i = 0; i < 300; i++) {
      const kind = Math.floor(rnd() * 5);
      const input: [string, unknown] =
        kind === 0
          ? ['cash.deposit', { amount: huge(), reason: 'CHANGE_FUND' }]
          : kind === 1
            ? ['sales.create', { lines: [{ productId: p.id, quantity: 1 + Math.floor(rnd() * 3), unitPrice: huge() }], payments: [{ method: 'CASH', amount: huge(), tendered: huge() }] }]
            : kind === 2
              ? ['cash.count', { type: 'AUDIT', denominations: [{ value: 20000, quantity: Math.floor(rnd() * 1_000_001) }], vouchers: huge(), checks: huge(), otherValues: huge() }]
              : kind === 3
                ? ['sales.create', { lines: [{ productId: p.id, quantity: 1 + Math.floor(rnd() * 2) }], payments: [{ method: 'QR', amount: huge() }] }]
                : ['cash.current', {}];
      const r = h.engine.dispatch(input[0], input[1], kind === 1 ? admin : maria);
      const code = r.ok ? 'OK' : r.error.code;
      codes.set(code, (codes.get(code) ?? 0) + 1);
      expect(code).not.toBe('INTERNAL');
      const wrote = watch.settle();
      if (!r.ok) expect(wrote, `${input[0]} refused with ${code} but wrote`).toBe(false);
    }
    // The run reached the ceilings, not only the schema.
    expect(codes.get('OK')).toBeGreaterThan(0);
    expect((codes.get('TOTAL_CEILING') ?? 0) + (codes.get('AMOUNT_TOO_LARGE') ?? 0)).toBeGreaterThan(0);
  });
});
