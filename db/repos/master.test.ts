// Applying HQ's master data to a register database (real SQLite file): a page applies only on top of the version it
// was asked after (a second puller's copy of the same page writes nothing), a changed PIN clears a lock-out, a
// deactivated user loses every sign-in, and a product's barcodes follow HQ's list.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { MasterChange } from '../../src/sync/master';
import type { OpenedDb } from '../open';
import { openDatabase } from '../open';
import { SETTING_HQ_URL } from './settings';
import { applyMasterPage, hqEnrollment, masterProgress, saveEnrollment, storeInitialized } from './master';

const HASH_A = `scrypt$1024$8$1$${'a'.repeat(32)}$${'b'.repeat(64)}`;
const HASH_B = `scrypt$1024$8$1$${'c'.repeat(32)}$${'d'.repeat(64)}`;
let dir: string;
let store: OpenedDb;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'arqueo-master-'));
  store = openDatabase(path.join(dir, 'arqueo.db'));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const branch: MasterChange = { version: 1, entity: 'BRANCH', key: 'SUC001', branch: 'SUC001', data: { id: 'b1', code: 'SUC001', name: 'Centro', timeZone: 'America/La_Paz', currency: 'BOB', taxId: null, address: null, phone: null, defaultTaxRateBp: 1300, receiptName: null, receiptFooter: '' } };
const user = (version: number, pinHash: string, active: boolean): MasterChange => ({ version, entity: 'USER', key: 'maria', branch: 'SUC001', data: { id: 'u1', username: 'maria', name: 'María', role: 'CASHIER', pinHash, active, branchCode: 'SUC001' } });
const product = (version: number, barcodes: string[], price: number): MasterChange => ({ version, entity: 'PRODUCT', key: 'CAFE', branch: null, data: { id: 'p1', sku: 'CAFE', name: 'Café', price, unit: 'UNIT', category: null, taxRateBp: 1300, barcodes, active: true } });
const apply = (after: number, changes: MasterChange[], head: number) =>
  store.sqlite.transaction(() => applyMasterPage(store.db, { after, changes, next: changes.at(-1)?.version ?? after, head }, '2026-11-29T12:00:00.000Z')).immediate();

it('applies a page once, on top of the version it was asked after; a stale copy writes nothing', () => {
  expect(storeInitialized(store.db)).toBe(false);
  store.sqlite.transaction(() => saveEnrollment(store.db, { branchCode: 'SUC001', registerCode: 'POS001', registerId: 'r1', enrolledAt: 'x' }, SETTING_HQ_URL, 'http://127.0.0.1:9', 0)).immediate();
  expect(storeInitialized(store.db)).toBe(true);
  expect(hqEnrollment(store.db)?.registerCode).toBe('POS001');
  expect(apply(0, [branch, user(2, HASH_A, true), product(3, ['7771000000019'], 1250)], 3)).toBe(true);
  expect(apply(0, [branch, user(2, HASH_A, true), product(3, ['7771000000019'], 1250)], 3)).toBe(false);
  expect(masterProgress(store.db)).toMatchObject({ version: 3, head: 3 });
  const q = (sql: string) => store.sqlite.prepare(sql).all();
  expect(q('SELECT sku, price, barcode, stock FROM products')).toEqual([{ sku: 'CAFE', price: 1250, barcode: '7771000000019', stock: 0 }]);
  expect(q('SELECT count(*) AS n FROM users')).toEqual([{ n: 1 }]);
});

it('a PIN changed at HQ clears the lock-out; a deactivation revokes every token; barcodes follow HQ', () => {
  store.sqlite.transaction(() => saveEnrollment(store.db, { branchCode: 'SUC001', registerCode: 'POS001', registerId: 'r1', enrolledAt: 'x' }, SETTING_HQ_URL, 'http://127.0.0.1:9', 0)).immediate();
  apply(0, [branch, user(2, HASH_A, true), product(3, ['7771000000019'], 1250)], 3);
  store.sqlite.prepare("UPDATE users SET locked_until = '2099-01-01' WHERE id = 'u1'").run();
  store.sqlite.prepare("INSERT INTO pin_failures (id, at, requester_id, target_id, kind) VALUES ('f1', 'x', NULL, 'u1', 'SIGN_IN'), ('f2', 'x', 'u9', 'u1', 'APPROVAL')").run();
  store.sqlite.prepare("INSERT INTO auth_tokens (token_hash, user_id, created_at) VALUES ('t1', 'u1', 'x'), ('t2', 'u1', 'x')").run();
  apply(3, [user(4, HASH_B, true), product(5, ['7771000000026', '7771000000033'], 1400)], 5);
  expect(store.sqlite.prepare("SELECT pin_hash, locked_until FROM users WHERE id = 'u1'").get()).toEqual({ pin_hash: HASH_B, locked_until: null });
  expect(store.sqlite.prepare("SELECT count(*) AS n FROM pin_failures WHERE target_id = 'u1'").get()).toEqual({ n: 0 });
  expect(store.sqlite.prepare('SELECT code FROM product_barcodes ORDER BY code').all()).toEqual([{ code: '7771000000026' }, { code: '7771000000033' }]);
  // The new PIN ended her sign-ins; a later one, made with it, lasts until she is deactivated.
  expect(store.sqlite.prepare('SELECT count(*) AS n FROM auth_tokens WHERE revoked_at IS NULL').get()).toEqual({ n: 0 });
  store.sqlite.prepare("INSERT INTO auth_tokens (token_hash, user_id, created_at) VALUES ('t3', 'u1', 'x')").run();
  apply(5, [user(6, HASH_B, false)], 6);
  expect(store.sqlite.prepare('SELECT count(*) AS n FROM auth_tokens WHERE revoked_at IS NULL').get()).toEqual({ n: 0 });
  expect(store.sqlite.prepare("SELECT active FROM users WHERE id = 'u1'").get()).toEqual({ active: 0 });
});
