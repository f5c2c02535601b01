// Read-only commands take no write lock: two real connections on one real SQLite file. While another connection holds
// the write lock (BEGIN IMMEDIATE, with an uncommitted write), a read command answers from the last committed state and
// a writing command cannot start (BUSY, nothing written) until the lock is released.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpenedDb } from '../db';
import { openDatabase } from '../db';
import type { CommandName } from '../src/contract';
import { COMMANDS } from '../src/contract';
import { isReadOnly } from './engine';
import { DB_FILE } from './index';
import type { Harness } from './testkit';
import { harness } from './testkit';

let h: Harness;
let other: OpenedDb;
beforeEach(() => {
  h = harness();
  other = openDatabase(path.join(h.dir, DB_FILE));
  // Fail at once instead of waiting out the busy timeout: the point is whether the lock is needed, not for how long.
  h.engine.store.sqlite.pragma('busy_timeout = 0');
});
afterEach(() => {
  if (other.sqlite.inTransaction) other.sqlite.exec('ROLLBACK');
  other.close();
  h.close();
});

describe('read-only commands', () => {
  it('are the non-mutating commands except sign-in and sign-out', () => {
    const names = Object.keys(COMMANDS) as CommandName[];
    expect(names.filter((n) => !COMMANDS[n].mutating && !isReadOnly(n))).toEqual(['auth.login', 'auth.logout']);
    for (const n of names) if (COMMANDS[n].mutating) expect(isReadOnly(n), n).toBe(false);
  });

  it('run while another connection holds the write lock, and see only what it committed', () => {
    const admin = h.login('admin');
    const maria = h.login('maria');
    const pos1 = h.registerId('POS001');
    h.ok('cash.open', { registerId: pos1, openingAmount: 10_000 }, maria);

    other.sqlite.exec('BEGIN IMMEDIATE');
    other.sqlite.prepare("UPDATE registers SET name = 'Renombrada' WHERE id = ?").run(pos1);

    const registers = h.ok('registers.list', {}, admin).registers;
    expect(registers.find((r) => r.id === pos1)?.name).toBe('Caja 1');
    expect(h.ok('cash.current', {}, maria).session?.registerId).toBe(pos1);
    expect(h.ok('products.search', { query: 'SKU-023' }, maria).products).toHaveLength(1);
    expect(h.ok('users.list', {}, admin).users.length).toBeGreaterThan(0);
    expect(h.ok('sync.status', {}, admin).pending).toBe(0);
    expect(h.ok('auth.me', {}, maria).user.username).toBe('maria');
    expect(h.engine.store.sqlite.inTransaction).toBe(false);

    other.sqlite.exec('COMMIT');
    expect(h.ok('registers.list', {}, admin).registers.find((r) => r.id === pos1)?.name).toBe('Renombrada');
  });

  it('a writing command cannot start while the lock is held, writes nothing, and runs once it is released', () => {
    const admin = h.login('admin');
    const pos2 = h.registerId('POS002');
    other.sqlite.exec('BEGIN IMMEDIATE');

    const refused = h.call('registers.update', { id: pos2, name: 'Caja Dos' }, admin);
    expect(refused).toMatchObject({ ok: false, error: { code: 'STORAGE_BUSY' } });
    // A sign-in writes its token, so it takes the write lock too.
    expect(h.call('auth.login', { username: 'juan', pin: '5555' })).toMatchObject({ ok: false, error: { code: 'STORAGE_BUSY' } });
    expect(h.engine.store.sqlite.inTransaction).toBe(false);

    other.sqlite.exec('COMMIT');
    expect(h.ok('registers.list', {}, admin).registers.find((r) => r.id === pos2)?.name).toBe('Caja 2');
    expect(h.ok('registers.update', { id: pos2, name: 'Caja Dos' }, admin).register.name).toBe('Caja Dos');
  });
});
