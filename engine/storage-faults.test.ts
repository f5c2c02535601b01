// Storage faults reach the user as stable codes with what to do, never as SQLite's raw text; a bug's text stays in the
// log. All on real SQLite files: a disk that fills up is a database capped by `PRAGMA max_page_count`.
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ERRORS } from '../src/contract';
import { DB_FILE } from './index';
import type { Harness } from './testkit';
import { bobCount, harness } from './testkit';

let h: Harness;
let maria: string;

beforeEach(() => {
  h = harness();
  maria = h.login('maria');
  h.ok('cash.open', { registerId: h.registerId('POS001'), count: { denominations: bobCount(10000) } }, maria);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
  h.close();
});

const movements = () => (h.engine.store.sqlite.prepare('SELECT count(*) AS n FROM cash_movements').get() as { n: number }).n;

describe('storage faults', () => {
  it('a full disk answers DISK_FULL with what to do, and the refused command wrote nothing', () => {
    const { sqlite } = h.engine.store;
    const pages = sqlite.pragma('page_count', { simple: true }) as number;
    sqlite.pragma(`max_page_count = ${pages}`);
    const description = 'x'.repeat(200);
    let reply = h.call('cash.deposit', { amount: 100, reason: 'CHANGE_FUND', description }, maria);
    // The last free bytes of the file's pages still take a few rows; the first one needing a new page is refused.
    for (let i = 0; i < 1000 && reply.ok; i++) reply = h.call('cash.deposit', { amount: 100, reason: 'CHANGE_FUND', description }, maria);
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    const before = movements();
    const again = h.call('cash.deposit', { amount: 100, reason: 'CHANGE_FUND', description }, maria);
    expect(again).toEqual({ ok: false, error: { code: 'DISK_FULL', message: ERRORS.DISK_FULL.es } });
    expect(reply.error.code).toBe('DISK_FULL');
    expect(JSON.stringify(reply)).not.toMatch(/SQLITE|database or disk/i);
    expect(movements()).toBe(before);
    // Space freed: the same command goes through.
    sqlite.pragma('max_page_count = 1000000');
    expect(h.call('cash.deposit', { amount: 100, reason: 'CHANGE_FUND', description }, maria).ok).toBe(true);
  });

  it('a database locked by another writer answers STORAGE_BUSY (retry), not INTERNAL', () => {
    h.engine.store.sqlite.pragma('busy_timeout = 0');
    const other = new Database(path.join(h.dir, DB_FILE));
    try {
      other.exec('BEGIN IMMEDIATE');
      const reply = h.call('cash.deposit', { amount: 100, reason: 'CHANGE_FUND' }, maria);
      expect(reply).toEqual({ ok: false, error: { code: 'STORAGE_BUSY', message: ERRORS.STORAGE_BUSY.es } });
      other.exec('ROLLBACK');
    } finally {
      other.close();
    }
    expect(h.call('cash.deposit', { amount: 100, reason: 'CHANGE_FUND' }, maria).ok).toBe(true);
  });

  it('INTERNAL carries our sentence only; the raw error goes to the log', () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    h.engine.store.sqlite.exec('ALTER TABLE cash_movements RENAME TO cash_movements_gone');
    const reply = h.call('cash.deposit', { amount: 100, reason: 'CHANGE_FUND' }, maria);
    expect(reply).toEqual({ ok: false, error: { code: 'INTERNAL', message: ERRORS.INTERNAL.es } });
    expect(logged.mock.calls.flat().some((x) => x instanceof Error && /cash_movements/.test(x.message))).toBe(true);
  });
});
