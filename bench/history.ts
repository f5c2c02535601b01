// The history benchmark (issue 14, `npm run bench`). Not a test: it prints figures against their targets, exits 0.
//
// A store of 3 registers, 2 shifts a day, through the engine (open, sell, close, every day): a first-days database
// (BENCH_HISTORY_BASE_DAYS, default 4: enough that every measured page of 5 is full, so both return the same rows) and a
// "year" database, then every list and lookup, sales.create, cash.open/close and the sync worker's idle pass timed on
// both, in one process: p50/p99 at day 1, at the year, and the ratio (target ≤ 1.2×). Then the file's growth per sale
// and per session, extrapolated to a month of the full store (250 sales a shift; target ≤ 100 MB a month), and the
// time and size of a backup of the year.
//
// Knobs: BENCH_HISTORY_DAYS (default 365), BENCH_HISTORY_SALES (sales per shift, default 8: the reduced year: every
// session of a year, a thirtieth of its sales, so it builds in a few minutes), BENCH_HISTORY_REPS (timed calls per
// command, default 200). Extrapolation: lists and lookups are index walks that stop at their page (engine/query-plans
// .test.ts holds that), so their cost depends on the page, not on the rows behind it: the session count (full here) is
// what a year adds to cash.sessions, cash.open and the outbox; a busy product's movements and the sales table grow 31×
// more at 250 sales a shift, which only deepens their B-trees by about one level (log₂₅₆ 31 ≈ 0.6). The month's size is
// measured per sale and per session and multiplied out, not extrapolated from the reduced file.
// The build runs with synchronous=OFF (durability is not what is measured while filling); timings run with FULL.
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SETTING_HQ_URL, encodeCursor, pruneIdempotency, writeBackup } from '../db';
import type { Harness } from '../engine/testkit';
import { bobCount, harness } from '../engine/testkit';
import { syncOnce } from '../electron/sync/worker';

const DAYS = positiveInt(process.env['BENCH_HISTORY_DAYS'], 365);
const SALES_PER_SHIFT = positiveInt(process.env['BENCH_HISTORY_SALES'], 8);
const REPS = positiveInt(process.env['BENCH_HISTORY_REPS'], 200);
// The baseline: the first days, enough that every measured page is full (a page of 5 sessions of one register or one
// cashier), so day 1 and the year return the same rows and differ only in what lies behind them.
const BASE_DAYS = positiveInt(process.env['BENCH_HISTORY_BASE_DAYS'], 4);
const PAGE = 5;
const FULL_SALES_PER_SHIFT = 250;
const TARGET = { ratio: 1.2, mbPerMonth: 100 } as const;
const REGISTERS = ['POS001', 'POS002', 'POS004'] as const;
const CASHIERS = ['maria', 'juan', 'ana'] as const;
const PINS: Record<string, string> = { maria: '4444', juan: '5555', ana: '7391', admin: '1111', gerente: '2222' };

function positiveInt(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`expected a positive integer, got ${raw}`);
  return n;
}

const nowNs = (): bigint => process.hrtime.bigint();
function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}
function stats(samples: readonly number[]): { p50: number; p99: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p99: percentile(s, 99) };
}

interface Store {
  readonly h: Harness;
  readonly tokens: Record<string, string>;
  readonly registerIds: string[];
  readonly busyProductId: string;
  sessions: number;
  sales: number;
}

function fileBytes(h: Harness): number {
  const file = path.join(h.dir, 'arqueo.db');
  h.engine.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  return statSync(file).size;
}

/**
 * Bytes the store keeps: pages in use once the idempotency table is pruned as the sync loop keeps it in steady state
 * (replies gone after 7 days, rows after 90; freed pages are reused by later writes, so this is what a month adds).
 */
function keptBytes(h: Harness): number {
  const sqlite = h.engine.store.sqlite;
  const later = new Date(h.now().getTime() + 91 * 86_400_000);
  const savepoint = 'bench_kept';
  sqlite.exec(`SAVEPOINT ${savepoint}`);
  while (pruneIdempotency(h.engine.store.db, later, 10_000) > 0);
  const pages = (sqlite.pragma('page_count', { simple: true }) as number) - (sqlite.pragma('freelist_count', { simple: true }) as number);
  sqlite.exec(`ROLLBACK TO ${savepoint}`);
  sqlite.exec(`RELEASE ${savepoint}`);
  return pages * (sqlite.pragma('page_size', { simple: true }) as number);
}

/** A demo store with a third selling register and cashier; sales never refused for stock. */
function newStore(start: string): Store {
  const h = harness({ start });
  const admin = h.login('admin');
  h.ok('registers.create', { code: 'POS004', name: 'Caja 4', specialty: 'MIXED', currency: 'BOB' }, admin);
  h.ok('users.create', { username: 'ana', name: 'Ana', role: 'CASHIER', pin: PINS['ana'] ?? '' }, admin);
  const registerIds = REGISTERS.map((c) => h.registerId(c));
  for (const id of registerIds) h.ok('registers.update', { id, allowNegativeStock: true }, admin);
  return { h, tokens: { admin }, registerIds, busyProductId: h.product('SKU-001').id, sessions: 0, sales: 0 };
}

/** One day: two shifts on each register, each selling `perShift` 3-line sales (one line always the busy product). */
function day(s: Store, dayIndex: number, perShift: number, startMs: number): void {
  const { h } = s;
  const products = h.productIds().filter((p) => p.id !== s.busyProductId && p.price % 10 === 0);
  const busyPrice = h.product('SKU-001').price;
  for (let shift = 0; shift < 2; shift++) {
    h.setNow(new Date(startMs + dayIndex * 86_400_000 + (12 + shift * 6) * 3_600_000).toISOString());
    for (const [r, registerId] of s.registerIds.entries()) {
      const user = CASHIERS[r] ?? 'maria';
      const token = (s.tokens[user] ??= h.login(user, PINS[user]));
      h.ok('cash.open', { registerId, openingAmount: 10_000 }, token);
      let cash = 10_000;
      for (let i = 0; i < perShift; i++) {
        const a = products[(dayIndex * 7 + i * 3 + r) % products.length];
        const b = products[(dayIndex * 11 + i * 5 + r + 1) % products.length];
        if (!a || !b) throw new Error('no products');
        const total = busyPrice + a.price + b.price;
        h.ok('sales.create', { lines: [{ productId: s.busyProductId, quantity: 1 }, { productId: a.id, quantity: 1 }, { productId: b.id, quantity: 1 }], payments: [{ method: 'CASH', amount: total }], requestId: `sale-${dayIndex}-${shift}-${r}-${i}` }, token);
        cash += total;
        h.advance(20_000);
        s.sales++;
      }
      h.ok('cash.close', { count: { denominations: bobCount(cash) } }, token);
      s.sessions++;
    }
  }
}

type Timed = { name: string; run: (s: Store) => void };

/** Every list and lookup, the hot writes, and the worker's idle pass, as a callable per store. */
function commands(): Timed[] {
  const call = (s: Store, name: string, input: unknown, token: string) => {
    const r = s.h.engine.dispatch(name as never, input, token);
    if (!r.ok) throw new Error(`${name}: ${r.error.code}`);
    return r.data as Record<string, unknown>;
  };
  const manager = (s: Store) => (s.tokens['gerente'] ??= s.h.login('gerente', '2222'));
  const cashier = (s: Store) => (s.tokens['maria'] ??= s.h.login('maria', '4444'));
  return [
    { name: 'cash.sessions page 1', run: (s) => void call(s, 'cash.sessions', { pageSize: PAGE }, manager(s)) },
    // The deepest page: keyset from the oldest session's key (OFFSET used to read everything before it).
    { name: 'cash.sessions oldest page', run: (s) => void call(s, 'cash.sessions', { pageSize: PAGE, cursor: encodeCursor(['2026-01-02', '', '']) }, manager(s)) },
    { name: 'cash.sessions status=CLOSED', run: (s) => void call(s, 'cash.sessions', { status: 'CLOSED', pageSize: PAGE }, manager(s)) },
    { name: 'cash.sessions register', run: (s) => void call(s, 'cash.sessions', { registerId: s.registerIds[0], pageSize: PAGE }, manager(s)) },
    { name: 'cash.sessions own (cashier)', run: (s) => void call(s, 'cash.sessions', { pageSize: PAGE }, cashier(s)) },
    { name: 'products.movements busy', run: (s) => void call(s, 'products.movements', { productId: s.busyProductId, limit: 100 }, manager(s)) },
    { name: 'products.list', run: (s) => void call(s, 'products.list', { pageSize: PAGE }, manager(s)) },
    { name: 'products.search', run: (s) => void call(s, 'products.search', { query: 'agua', limit: 20 }, cashier(s)) },
    { name: 'sales.list (open session)', run: (s) => void call(s, 'sales.list', { pageSize: PAGE }, cashier(s)) },
    { name: 'sales.get', run: (s) => void call(s, 'sales.get', { saleId: (s.tokens['lastSale'] ??= String((call(s, 'sales.list', { pageSize: 1 }, cashier(s))['sales'] as { id: string }[])[0]?.id)) }, cashier(s)) },
    { name: 'cash.current', run: (s) => void call(s, 'cash.current', {}, cashier(s)) },
    { name: 'sync.status', run: (s) => void call(s, 'sync.status', {}, manager(s)) },
    { name: 'sync.entries', run: (s) => void call(s, 'sync.entries', { limit: PAGE }, manager(s)) },
    { name: 'reports.daily', run: (s) => void call(s, 'reports.daily', {}, manager(s)) },
    {
      name: 'sales.create',
      run: (s) => {
        const p = s.h.product('SKU-002');
        call(s, 'sales.create', { lines: [{ productId: s.busyProductId, quantity: 1 }, { productId: p.id, quantity: 1 }, { productId: p.id, quantity: 2 }], payments: [{ method: 'CASH', amount: s.h.product('SKU-001').price + p.price * 3 }] }, cashier(s));
      },
    },
    {
      name: 'sync idle pass + prune step',
      run: (s) => {
        void syncOnce(s.h.engine.store.db, { now: () => s.h.now() });
        pruneIdempotency(s.h.engine.store.db, s.h.now());
      },
    },
  ];
}

/** cash.open + cash.close of a session with no sales (the open reads the register's last sealed session). */
function openClose(s: Store): { open: number[]; close: number[] } {
  const token = s.h.login('juan', '5555');
  const registerId = s.registerIds[1] ?? '';
  const out = { open: [] as number[], close: [] as number[] };
  for (let i = 0; i < Math.min(REPS, 60); i++) {
    let t = nowNs();
    s.h.ok('cash.open', { registerId, openingAmount: 10_000 }, token);
    out.open.push(Number(nowNs() - t) / 1e6);
    t = nowNs();
    s.h.ok('cash.close', { count: { denominations: bobCount(10_000) } }, token);
    out.close.push(Number(nowNs() - t) / 1e6);
    s.h.advance(60_000);
  }
  return out;
}

function measure(s: Store): Map<string, { p50: number; p99: number }> {
  s.h.engine.store.sqlite.pragma('synchronous = FULL');
  // The worker's idle pass as it runs every 5 s with HQ configured and the queue's head backing off (no network).
  const sqlite = s.h.engine.store.sqlite;
  sqlite.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(SETTING_HQ_URL, 'http://127.0.0.1:9');
  sqlite.prepare("UPDATE outbox SET next_attempt_at = ? WHERE status = 'PENDING'").run(new Date(s.h.now().getTime() + 240_000).toISOString());
  const out = new Map<string, { p50: number; p99: number }>();
  const oc = openClose(s);
  // A session open for the cashier's reads and sales.
  s.h.ok('cash.open', { registerId: s.registerIds[0] ?? '', openingAmount: 10_000 }, s.tokens['maria'] ?? (s.tokens['maria'] = s.h.login('maria', '4444')));
  const p = s.h.product('SKU-002');
  for (let i = 0; i < 30; i++) s.h.ok('sales.create', { lines: [{ productId: p.id, quantity: 1 }], payments: [{ method: 'CASH', amount: p.price }] }, s.tokens['maria'] ?? '');
  for (const c of commands()) {
    for (let i = 0; i < 20; i++) c.run(s); // warm the cache and the prepared statements
    const samples: number[] = [];
    for (let i = 0; i < REPS; i++) {
      const t = nowNs();
      c.run(s);
      samples.push(Number(nowNs() - t) / 1e6);
    }
    out.set(c.name, stats(samples));
  }
  out.set('cash.open', stats(oc.open));
  out.set('cash.close (empty session)', stats(oc.close));
  return out;
}

function build(days: number, perShift: number, label: string): Store {
  const startMs = Date.parse('2026-01-01T00:00:00.000Z');
  const s = newStore('2026-01-01T10:00:00.000Z');
  s.h.engine.store.sqlite.pragma('synchronous = OFF');
  const t = nowNs();
  for (let d = 0; d < days; d++) {
    day(s, d, perShift, startMs);
    if (d % 30 === 29) process.stdout.write(`  ${label}: day ${d + 1}/${days}, ${s.sessions} sessions, ${s.sales} sales, ${(Number(nowNs() - t) / 1e9).toFixed(0)} s\n`);
  }
  // The measurements happen the next day, with the register's reply pruning caught up.
  s.h.setNow(new Date(startMs + days * 86_400_000 + 11 * 3_600_000).toISOString());
  while (pruneIdempotency(s.h.engine.store.db, s.h.now(), 5_000) > 0);
  return s;
}

async function main(): Promise<void> {
  console.log(`history bench: ${DAYS} days × 3 registers × 2 shifts × ${SALES_PER_SHIFT} sales (full store: ${FULL_SALES_PER_SHIFT}), ${REPS} timed calls per command`);
  // Bytes per sale and per session, measured on a day at full rate.
  const probe = newStore('2026-01-01T10:00:00.000Z');
  probe.h.engine.store.sqlite.pragma('synchronous = OFF');
  const startMs = Date.parse('2026-01-01T00:00:00.000Z');
  day(probe, 0, 1, startMs);
  let before = keptBytes(probe.h);
  day(probe, 1, 1, startMs);
  const perSessionWithOneSale = (keptBytes(probe.h) - before) / 6;
  before = keptBytes(probe.h);
  const beforeFile = fileBytes(probe.h);
  const salesBefore = probe.sales;
  day(probe, 2, 100, startMs);
  const perSale = (keptBytes(probe.h) - before - 6 * perSessionWithOneSale) / (probe.sales - salesBefore - 6);
  const perSaleWritten = (fileBytes(probe.h) - beforeFile - 6 * perSessionWithOneSale) / (probe.sales - salesBefore - 6);
  probe.h.close();

  const day1 = build(BASE_DAYS, SALES_PER_SHIFT, 'day 1');
  const t0 = nowNs();
  const year = build(DAYS, SALES_PER_SHIFT, 'year');
  const buildS = Number(nowNs() - t0) / 1e9;
  const yearBytes = fileBytes(year.h);

  const a = measure(day1);
  const b = measure(year);
  console.log(`\n${'command'.padEnd(32)} ${'day 1 p50/p99 ms'.padStart(18)} ${'year p50/p99 ms'.padStart(18)} ${'ratio p50/p99'.padStart(15)}`);
  const rows: Record<string, unknown>[] = [];
  let worst = 0;
  for (const [name, x] of a) {
    const y = b.get(name);
    if (!y) continue;
    const r50 = y.p50 / x.p50;
    const r99 = y.p99 / x.p99;
    worst = Math.max(worst, r50, r99);
    rows.push({ name, day1: x, year: y, ratioP50: r50, ratioP99: r99 });
    const flag = r50 <= TARGET.ratio && r99 <= TARGET.ratio ? 'PASS' : 'MISS';
    console.log(`${name.padEnd(32)} ${`${x.p50.toFixed(3)}/${x.p99.toFixed(3)}`.padStart(18)} ${`${y.p50.toFixed(3)}/${y.p99.toFixed(3)}`.padStart(18)} ${`${r50.toFixed(2)}/${r99.toFixed(2)}`.padStart(15)} ${flag}`);
  }

  const sessionsPerMonth = 3 * 2 * 30;
  const salesPerMonth = sessionsPerMonth * FULL_SALES_PER_SHIFT;
  const monthMb = (sessionsPerMonth * perSessionWithOneSale + (salesPerMonth - sessionsPerMonth) * perSale) / 1e6;
  console.log(`\nbytes per 3-line sale: ${perSaleWritten.toFixed(0)} the week it is written (reply kept), ${perSale.toFixed(0)} kept; per session (with one sale) ${perSessionWithOneSale.toFixed(0)}`);
  console.log(`database per month at ${FULL_SALES_PER_SHIFT} sales a shift: ${monthMb.toFixed(1)} MB (target ≤ ${TARGET.mbPerMonth}) ${monthMb <= TARGET.mbPerMonth ? 'PASS' : 'MISS'}`);
  console.log(`reduced year: ${year.sessions} sessions, ${year.sales} sales, ${(yearBytes / 1e6).toFixed(1)} MB, built in ${buildS.toFixed(0)} s`);

  const dir = mkdtempSync(path.join(os.tmpdir(), 'arqueo-history-backup-'));
  const t = nowNs();
  const bytes = await writeBackup(year.h.engine.store.sqlite, path.join(dir, 'year.db'));
  const backupMs = Number(nowNs() - t) / 1e6;
  rmSync(dir, { recursive: true, force: true });
  const fullYearMb = monthMb * 12;
  const mbPerS = bytes / 1e6 / (backupMs / 1000);
  console.log(`backup of the reduced year: ${(backupMs / 1000).toFixed(2)} s for ${(bytes / 1e6).toFixed(1)} MB (${mbPerS.toFixed(0)} MB/s); a full year of this store (~${fullYearMb.toFixed(0)} MB) at that rate: ~${(fullYearMb / mbPerS).toFixed(1)} s`);
  console.log(`worst ratio ${worst.toFixed(2)} (target ≤ ${TARGET.ratio})`);

  const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'out');
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'history.json'), JSON.stringify({ days: DAYS, salesPerShift: SALES_PER_SHIFT, reps: REPS, rows, perSale, perSaleWritten, perSessionWithOneSale, monthMb, yearBytes, backupMs, backupBytes: bytes }, null, 2));
  day1.h.close();
  year.h.close();
}

await main();
