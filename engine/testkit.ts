// Test and bench helpers: a real engine on a real SQLite file in a fresh temp folder, with a settable clock.
// Not used by the app. PIN hashing uses real scrypt at a lower cost so suites stay fast.
import { eq } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CommandInput, CommandName, CommandOutput, Reply } from '../src/contract';
import { schema } from '../db';
import type { RateLimit } from '../src/auth/lockout';
import type { Engine } from './engine';
import { openEngine } from './index';

export const TEST_PIN_COST = { N: 1024, r: 8, p: 1 } as const;

/**
 * The machine's PIN rate limit is a policy with its own tests (engine/pin-locks.test.ts); suites about other rules sign
 * in as often as they like, so the harness lifts it unless a test passes one.
 */
export const UNLIMITED_PIN_RATE: RateLimit = { burst: 1_000_000, refillMs: 1 };

export interface Harness {
  readonly engine: Engine;
  readonly dir: string;
  /** Moves the engine's clock. */
  setNow(iso: string): void;
  advance(ms: number): void;
  now(): Date;
  call<N extends CommandName>(name: N, input: CommandInput<N>, token?: string | null): Reply<CommandOutput<N>>;
  /** Calls and unwraps, failing loudly with the error when the reply is not ok. */
  ok<N extends CommandName>(name: N, input: CommandInput<N>, token?: string | null): CommandOutput<N>;
  login(username: string, pin?: string): string;
  registerId(code: string): string;
  productIds(): { id: string; price: number }[];
  /** The product row with this SKU; throws when there is none. */
  product(sku: string): typeof schema.products.$inferSelect;
  userId(username: string): string;
  close(): void;
}

export const DEMO_PINS: Record<string, string> = { admin: '1111', gerente: '2222', sofia: '3333', maria: '4444', juan: '5555' };

export function harness(options: { demo?: boolean; start?: string; pinRate?: RateLimit; monotonic?: () => number } = {}): Harness {
  const dir = mkdtempSync(path.join(tmpdir(), 'arqueo-test-'));
  let now = new Date(options.start ?? '2026-11-22T14:00:00.000Z');
  const { engine } = openEngine(dir, {
    demo: options.demo ?? true,
    clock: () => now,
    pinCost: TEST_PIN_COST,
    pinRate: options.pinRate ?? UNLIMITED_PIN_RATE,
    ...(options.monotonic ? { monotonic: options.monotonic } : {}),
  });
  const h: Harness = {
    engine,
    dir,
    setNow: (iso) => {
      now = new Date(iso);
    },
    advance: (ms) => {
      now = new Date(now.getTime() + ms);
    },
    now: () => now,
    call: (name, input, token = null) => engine.dispatch(name, input, token) as Reply<CommandOutput<typeof name>>,
    ok: (name, input, token = null) => {
      const r = engine.dispatch(name, input, token);
      if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message} ${JSON.stringify(r.error.details ?? {})}`);
      return r.data as CommandOutput<typeof name>;
    },
    login: (username, pin = DEMO_PINS[username] ?? '0000') => h.ok('auth.login', { username, pin }).token,
    registerId: (code) => {
      const r = engine.store.db.select().from(schema.registers).all().find((x) => x.code === code);
      if (!r) throw new Error(`no register ${code}`);
      return r.id;
    },
    productIds: () => engine.store.db.select().from(schema.products).all().map((p) => ({ id: p.id, price: p.price })),
    product: (sku) => {
      const p = engine.store.db.select().from(schema.products).where(eq(schema.products.sku, sku)).get();
      if (!p) throw new Error(`no product ${sku}`);
      return p;
    },
    userId: (username) => {
      const u = engine.store.db.select().from(schema.users).all().find((x) => x.username === username);
      if (!u) throw new Error(`no user ${username}`);
      return u.id;
    },
    close: () => {
      engine.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}

/** A BOB count (minor units) adding up to exactly `amount`, greedy over the denomination table. */
export function bobCount(amount: number): { value: number; quantity: number }[] {
  const values = [20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10];
  let left = amount;
  const out: { value: number; quantity: number }[] = [];
  for (const value of values) {
    const quantity = Math.floor(left / value);
    if (quantity > 0) out.push({ value, quantity });
    left -= quantity * value;
  }
  if (left !== 0) throw new Error(`${amount} cannot be counted in BOB denominations`);
  return out;
}

/** Deterministic PRNG (mulberry32): the same seed gives the same carts and delays, so a failing run can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A digest of every row of every table (migrations' bookkeeping aside): equal before and after a command exactly when
 * it left the database as it was. For "a refused command writes nothing" checks.
 */
export function dbFingerprint(sqlite: Database.Database): string {
  const hash = createHash('sha256');
  const tables = sqlite.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name").all();
  for (const { name } of tables) {
    hash.update(`\0${name}\0`);
    // Some tables are WITHOUT ROWID: rows are hashed in a sorted order of their own text, whatever the scan order.
    const rows = sqlite.prepare(`SELECT * FROM "${name}"`).raw().all().map((row) => JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
    for (const row of rows.sort()) hash.update(row);
  }
  return hash.digest('hex');
}

/**
 * Watches a database for writes that stay: `settle()` after each command answers whether the database now differs
 * from what it was after the previous `settle()`. Cheap when nothing was attempted (SQLite's total_changes() did not
 * move); otherwise compares `dbFingerprint`s, so a write rolled back does not count as one.
 */
export function writeWatch(sqlite: Database.Database): { settle(): boolean } {
  const changes = sqlite.prepare<[], { n: number }>('SELECT total_changes() AS n');
  let seen = changes.get()?.n ?? 0;
  let print = dbFingerprint(sqlite);
  return {
    settle() {
      const n = changes.get()?.n ?? 0;
      if (n === seen) return false;
      seen = n;
      const next = dbFingerprint(sqlite);
      const changed = next !== print;
      print = next;
      return changed;
    },
  };
}
