// The first start on a real SQLite file: an empty store answers only setup, nobody signs in, setup.initialize creates
// the store once, and a refused setup writes nothing.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandInput } from '../src/contract';
import type { Harness } from './testkit';
import { harness } from './testkit';
import { DB_FILE } from './index';
import { SETTING_HQ_URL, saveEnrollment } from '../db';

const STORE: CommandInput<'setup.initialize'> = {
  branch: { code: 'TIENDA1', name: 'Almacén Don Pepe', taxId: '1023456029', address: 'Av. Busch 123, Santa Cruz', phone: '3-3456789', timeZone: 'America/La_Paz', currency: 'BOB', defaultTaxRateBp: 1300 },
  registers: [
    { code: 'CAJA1', name: 'Caja principal', specialty: 'MIXED' },
    { code: 'CAJA2', name: 'Caja rápida', specialty: 'SALES_ONLY' },
  ],
  admin: { username: 'pepe', name: 'José Pérez', pin: '2580', pinConfirm: '2580' },
};

const rowCount = (h: Harness): Record<string, number> => {
  const tables = (h.engine.store.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations'").all() as { name: string }[]).map((t) => t.name);
  return Object.fromEntries(tables.map((t) => [t, (h.engine.store.sqlite.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get() as { n: number }).n]));
};

let h: Harness;
afterEach(() => h.close());

describe('first start (standalone)', () => {
  it('an empty data folder is not set up, answers every other command NOT_INITIALIZED and lets nobody sign in', () => {
    h = harness({ demo: false });
    const fresh = rowCount(h);
    expect(h.ok('setup.status', {})).toMatchObject({ initialized: false, mode: null, branch: null });
    expect(h.call('auth.login', { username: 'admin', pin: '1111' })).toMatchObject({ ok: false, error: { code: 'NOT_INITIALIZED' } });
    expect(h.call('auth.users', {})).toMatchObject({ ok: false, error: { code: 'NOT_INITIALIZED' } });
    expect(h.call('registers.list', {}, 'any-token')).toMatchObject({ ok: false, error: { code: 'NOT_INITIALIZED' } });
    expect(rowCount(h)).toEqual(fresh);
    expect(fresh['branches']).toBe(0);
    expect(fresh['users']).toBe(0);
  });

  it('setup.initialize creates the branch, header, registers and administrator in one go; the admin signs in and sees the registers', () => {
    h = harness({ demo: false });
    const out = h.ok('setup.initialize', STORE);
    expect(out.registers.map((r) => [r.code, r.specialty, r.currency])).toEqual([['CAJA1', 'MIXED', 'BOB'], ['CAJA2', 'SALES_ONLY', 'BOB']]);
    expect(h.ok('setup.status', {})).toMatchObject({ initialized: true, mode: 'standalone', branch: { code: 'TIENDA1', timeZone: 'America/La_Paz', currency: 'BOB' } });
    const token = h.login('pepe', '2580');
    expect(h.ok('auth.me', {}, token).user).toMatchObject({ username: 'pepe', role: 'ADMIN' });
    expect(h.ok('registers.list', {}, token).registers.map((r) => r.code)).toEqual(['CAJA1', 'CAJA2']);
    expect(h.ok('print.settings', { registerId: out.registers[0]!.id }, token).header).toMatchObject({ taxId: '1023456029', address: 'Av. Busch 123, Santa Cruz', phone: '3-3456789' });
    // The default tax rate reaches a product created without one.
    const p = h.ok('products.create', { sku: 'X-1', name: 'Galletas', price: 450 }, token);
    expect(p.product.taxRateBp).toBe(1300);
    // No demo user exists.
    expect(h.call('auth.login', { username: 'admin', pin: '1111' })).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
  });

  it('a second setup.initialize (or setup.demo) is refused and changes nothing', () => {
    h = harness({ demo: false });
    h.ok('setup.initialize', STORE);
    const file = path.join(h.dir, DB_FILE);
    h.engine.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const before = createHash('sha256').update(readFileSync(file)).digest('hex');
    const counts = rowCount(h);
    expect(h.call('setup.initialize', { ...STORE, branch: { ...STORE.branch, code: 'OTRA' } })).toMatchObject({ ok: false, error: { code: 'ALREADY_INITIALIZED' } });
    expect(h.call('setup.demo', {})).toMatchObject({ ok: false, error: { code: 'ALREADY_INITIALIZED' } });
    expect(rowCount(h)).toEqual(counts);
    h.engine.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
  });

  it.each([
    ['0000', '0000', 'PIN_TRIVIAL'],
    ['1111', '1111', 'PIN_TRIVIAL'],
    ['1234', '1234', 'PIN_TRIVIAL'],
    ['4321', '4321', 'PIN_TRIVIAL'],
    ['56789', '56789', 'PIN_TRIVIAL'],
    ['2580', '2581', 'PIN_MISMATCH'],
    ['12', '12', 'VALIDATION_FAILED'],
  ])('PIN %s / %s is refused (%s) and nothing is written', (pin, pinConfirm, code) => {
    h = harness({ demo: false });
    const fresh = rowCount(h);
    expect(h.call('setup.initialize', { ...STORE, admin: { ...STORE.admin, pin, pinConfirm } })).toMatchObject({ ok: false, error: { code } });
    expect(rowCount(h)).toEqual(fresh);
    expect(h.ok('setup.status', {}).initialized).toBe(false);
  });

  it('refuses an unknown time zone, repeated register codes and a currency outside the list, naming the field', () => {
    h = harness({ demo: false });
    const fresh = rowCount(h);
    const tz = h.call('setup.initialize', { ...STORE, branch: { ...STORE.branch, timeZone: 'Mars/Olympus' } });
    expect(tz).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: 'branch.timeZone' }] } } });
    const dup = h.call('setup.initialize', { ...STORE, registers: [STORE.registers[0]!, { ...STORE.registers[1]!, code: 'CAJA1' }] });
    expect(dup).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: 'registers.1.code' }] } } });
    // @ts-expect-error: a currency the app does not support
    const cur = h.call('setup.initialize', { ...STORE, branch: { ...STORE.branch, currency: 'XYZ' } });
    expect(cur).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: 'branch.currency' }] } } });
    expect(rowCount(h)).toEqual(fresh);
  });

  it('"probar la demo" seeds the demo store on an empty one only', () => {
    h = harness({ demo: false });
    expect(h.ok('setup.demo', {})).toEqual({ seeded: true });
    expect(h.ok('setup.status', {})).toMatchObject({ initialized: true, mode: 'standalone', branch: { code: 'SUC001' } });
    h.login('maria');
  });
});

describe('one answer to "is this store set up?" (storeInitialized)', () => {
  it('an enrolled register whose first pull has not brought its branch yet is set up: setup.initialize and setup.demo are refused and write nothing', () => {
    h = harness({ demo: false });
    // What setup.enroll writes once HQ accepted the code, before the first page of changes arrives (HQ unreachable
    // right after enrolling, or the pull still on its way).
    h.engine.store.sqlite
      .transaction(() => saveEnrollment(h.engine.store.db, { branchCode: 'SUC001', registerCode: 'POS001', registerId: '0193a000-0000-7000-8000-000000000001', enrolledAt: h.now().toISOString() }, SETTING_HQ_URL, 'http://127.0.0.1:9', 0))
      .immediate();
    expect(rowCount(h)['branches']).toBe(0);
    const counts = rowCount(h);
    expect(h.ok('setup.status', {})).toMatchObject({ initialized: true, mode: 'enrolled', branch: null });
    expect(h.call('setup.initialize', STORE)).toMatchObject({ ok: false, error: { code: 'ALREADY_INITIALIZED' } });
    expect(h.call('setup.demo', {})).toMatchObject({ ok: false, error: { code: 'ALREADY_INITIALIZED' } });
    expect(rowCount(h)).toEqual(counts);
    // The gate agrees: it is not "before setup" any more, so sign-in is asked of the (not yet pulled) users.
    expect(h.call('auth.login', { username: 'pepe', pin: '2580' })).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
  });
});
