// The engine benchmark (`npm run bench`). Not a test: it prints figures against their targets and always exits 0.
//
//   a. per-sale commit latency (p50/p99) of `sales.create` through engine.dispatch, and the same rows written with raw
//      better-sqlite3 (one transaction per sale) into a fresh file with equivalent plain tables; ratio engine/raw.
//   b. `cash.current` cost at 100 sales vs at N sales in the session (the running totals make it O(1)).
//   c. `cash.close` latency with N sales in the session, closed with an exact BOB count of the expected cash.
//
// Real SQLite files in a temp folder, journal_mode=WAL and synchronous=FULL as the engine sets them. One process,
// one writer, timings with process.hrtime.bigint(). BENCH_SALES=<n> shortens the run (default 10000).
// Results also go to bench/out/results.json (git-ignored).
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openEngine } from '../engine';
import type { Engine } from '../engine';
import { checkSession } from '../engine/verify';
import { prng } from '../engine/testkit';

// ---------------------------------------------------------------------------------------------------------------
// Settings

const SALES = positiveInt(process.env['BENCH_SALES'], 10_000);
const SMALL = Math.min(100, SALES);
const CURRENT_CALLS = positiveInt(process.env['BENCH_CURRENT_CALLS'], 2_000);
const CLOSE_REPEATS = 3; // the session itself plus two VACUUM INTO copies of it, for a median instead of one sample
const OPENING = 50_000; // Bs 500.00 float
const BOB_DENOMINATIONS = [20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10] as const;

const TARGET = { commitRatio: 3, currentRatio: 1.5, closeMs: 50 } as const;

function positiveInt(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`expected a positive integer, got ${raw}`);
  return n;
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers


const nowNs = (): bigint => process.hrtime.bigint();
const msSince = (start: bigint): number => Number(nowNs() - start) / 1e6;

/** Nearest-rank percentile of an ascending array. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

function summarize(samples: readonly number[]) {
  const s = [...samples].sort((x, y) => x - y);
  const mean = s.reduce((acc, v) => acc + v, 0) / Math.max(1, s.length);
  return { n: s.length, p50: percentile(s, 50), p90: percentile(s, 90), p99: percentile(s, 99), max: s[s.length - 1] ?? Number.NaN, mean };
}
type Summary = ReturnType<typeof summarize>;

function call<T>(engine: Engine, name: string, input: unknown, token: string | null): T {
  const reply = engine.dispatch(name, input, token);
  if (!reply.ok) throw new Error(`${name} failed: ${reply.error.code} ${reply.error.message} ${JSON.stringify(reply.error.details ?? {})}`);
  return reply.data as T;
}

/** Greedy BOB count adding up to `amount` (minor units); any remainder below the smallest coin is left out. */
function greedyCount(amount: number): { denominations: { value: number; quantity: number }[]; counted: number } {
  let left = Math.max(0, amount);
  const denominations: { value: number; quantity: number }[] = [];
  for (const value of BOB_DENOMINATIONS) {
    const quantity = Math.floor(left / value);
    if (quantity > 0) denominations.push({ value, quantity });
    left -= quantity * value;
  }
  return { denominations, counted: amount - left };
}

// ---------------------------------------------------------------------------------------------------------------
// Carts

interface ProductRef {
  readonly id: string;
  readonly price: number;
}

interface SaleInput {
  lines: { productId: string; quantity: number }[];
  payments: { method: string; amount: number; tendered?: number }[];
}

/** 1–5 lines; about half cash with change, some exact cash, the rest cards/QR and a few split card+cash. */
function makeCart(rand: () => number, products: readonly ProductRef[]): SaleInput {
  const lineCount = 1 + Math.floor(rand() * 5);
  const used = new Set<number>();
  const lines: SaleInput['lines'] = [];
  let total = 0;
  while (lines.length < lineCount) {
    const i = Math.floor(rand() * products.length);
    if (used.has(i)) continue;
    used.add(i);
    const p = products[i];
    if (!p) continue;
    const quantity = 1 + Math.floor(rand() * 3);
    lines.push({ productId: p.id, quantity });
    total += p.price * quantity;
  }
  const roll = rand();
  let payments: SaleInput['payments'];
  if (roll < 0.5) {
    // Cash with change: the customer hands over the next round bill amount above the total.
    const step = total <= 5000 ? 5000 : total <= 20000 ? 10000 : 20000;
    const tendered = (Math.floor(total / step) + 1) * step;
    payments = [{ method: 'CASH', amount: total, tendered }];
  } else if (roll < 0.6) {
    payments = [{ method: 'CASH', amount: total }];
  } else if (roll < 0.75) {
    payments = [{ method: 'DEBIT_CARD', amount: total }];
  } else if (roll < 0.85) {
    payments = [{ method: 'CREDIT_CARD', amount: total }];
  } else if (roll < 0.93) {
    payments = [{ method: 'QR', amount: total }];
  } else {
    // Split: part on card, the rest in cash with change.
    const card = Math.max(1, Math.floor(total / 2));
    const rest = total - card;
    payments = rest > 0 ? [{ method: 'DEBIT_CARD', amount: card }, { method: 'CASH', amount: rest, tendered: rest + 1000 }] : [{ method: 'DEBIT_CARD', amount: total }];
  }
  return { lines, payments };
}

// ---------------------------------------------------------------------------------------------------------------
// Raw baseline: the same rows, plain tables with the same keys and secondary indexes, no FKs, triggers or checks.

interface SaleRows {
  sale: { id: string; sessionId: string; saleNumber: string; userId: string; total: number; change: number; status: string; createdAt: string };
  lines: { lineNo: number; productId: string; sku: string; name: string; quantity: number; unitPrice: number; total: number }[];
  payments: { id: string; method: string; amount: number; tendered: number; change: number; reference: string | null }[];
  /** Filled after the run for the full baseline: the other rows the engine wrote for this sale. */
  stock?: { id: string; product_id: string; delta: number; kind: string; ref_id: string; created_at: string }[];
  ledger?: { session_id: string; seq: number; kind: string; at: string; payload: string; prev_hash: string; hash: string };
}

/** A fresh WAL + synchronous=FULL file with plain sale tables (same keys and secondary indexes as the engine's). */
function openRaw(file: string, extraSchema = ''): { sqlite: Database.Database; writeSale: (r: SaleRows) => void } {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.exec(`
    CREATE TABLE sales (id TEXT PRIMARY KEY, session_id TEXT NOT NULL, sale_number TEXT NOT NULL UNIQUE, user_id TEXT NOT NULL,
      total INTEGER NOT NULL, change INTEGER NOT NULL, status TEXT NOT NULL, created_at TEXT NOT NULL);
    CREATE INDEX sales_session_created ON sales (session_id, created_at);
    CREATE TABLE sale_lines (sale_id TEXT NOT NULL, line_no INTEGER NOT NULL, product_id TEXT NOT NULL, sku TEXT NOT NULL, name TEXT NOT NULL,
      quantity INTEGER NOT NULL, unit_price INTEGER NOT NULL, total INTEGER NOT NULL, PRIMARY KEY (sale_id, line_no));
    CREATE TABLE payments (id TEXT PRIMARY KEY, sale_id TEXT NOT NULL, session_id TEXT NOT NULL, method TEXT NOT NULL, amount INTEGER NOT NULL,
      tendered INTEGER NOT NULL, change INTEGER NOT NULL, reference TEXT, created_at TEXT NOT NULL);
    CREATE INDEX payments_sale ON payments (sale_id);
    CREATE INDEX payments_session ON payments (session_id);
    ${extraSchema}
  `);
  const insSale = sqlite.prepare('INSERT INTO sales VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const insLine = sqlite.prepare('INSERT INTO sale_lines VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const insPay = sqlite.prepare('INSERT INTO payments VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const writeSale = (r: SaleRows): void => {
    const s = r.sale;
    insSale.run(s.id, s.sessionId, s.saleNumber, s.userId, s.total, s.change, s.status, s.createdAt);
    for (const l of r.lines) insLine.run(s.id, l.lineNo, l.productId, l.sku, l.name, l.quantity, l.unitPrice, l.total);
    for (const p of r.payments) insPay.run(p.id, s.id, s.sessionId, p.method, p.amount, p.tendered, p.change, p.reference, s.createdAt);
  };
  return { sqlite, writeSale };
}

/** Times one IMMEDIATE transaction per sale. */
function timeEach(write: { immediate: (r: SaleRows) => void }, rows: readonly SaleRows[]): number[] {
  return rows.map((r) => {
    const t = nowNs();
    write.immediate(r);
    return msSince(t);
  });
}

function rawBaseline(file: string, rows: readonly SaleRows[]): number[] {
  const { sqlite, writeSale } = openRaw(file);
  const samples = timeEach(sqlite.transaction(writeSale), rows);
  const n = (sqlite.prepare('SELECT COUNT(*) AS n FROM sales').get() as { n: number }).n;
  if (n !== rows.length) throw new Error(`raw baseline wrote ${n} sales, expected ${rows.length}`);
  sqlite.close();
  return samples;
}

/**
 * The same comparison against every row a sale makes the engine write: besides the sale, its lines and payments, the
 * stock movements, the SALE ledger entry, the product stock, the session's running totals and the sale counter. What
 * is left between the two is the engine's own work (validation, settlement, hashing, mapping), not extra I/O.
 */
function rawFullBaseline(file: string, rows: readonly SaleRows[]): number[] {
  const { sqlite, writeSale } = openRaw(
    file,
    `CREATE TABLE stock_movements (id TEXT PRIMARY KEY, product_id TEXT NOT NULL, delta INTEGER NOT NULL, kind TEXT NOT NULL, ref_id TEXT, created_at TEXT NOT NULL);
    CREATE INDEX stock_movements_product ON stock_movements (product_id);
    CREATE TABLE ledger_entries (session_id TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL, at TEXT NOT NULL, payload TEXT NOT NULL,
      prev_hash TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (session_id, seq));
    CREATE TABLE products (id TEXT PRIMARY KEY, stock INTEGER NOT NULL);
    CREATE TABLE sessions (id TEXT PRIMARY KEY, sales_count INTEGER NOT NULL, sales_total INTEGER NOT NULL, total_cash INTEGER NOT NULL,
      ledger_seq INTEGER NOT NULL, chain_head TEXT NOT NULL);
    CREATE TABLE counters (scope TEXT PRIMARY KEY, value INTEGER NOT NULL);`,
  );
  const insProduct = sqlite.prepare('INSERT OR IGNORE INTO products VALUES (?, 0)');
  for (const r of rows) for (const m of r.stock ?? []) insProduct.run(m.product_id);
  const first = rows[0];
  if (first) sqlite.prepare('INSERT INTO sessions VALUES (?, 0, 0, 0, 0, ?)').run(first.sale.sessionId, '');
  const insStock = sqlite.prepare('INSERT INTO stock_movements VALUES (?, ?, ?, ?, ?, ?)');
  const takeStock = sqlite.prepare('UPDATE products SET stock = stock + ? WHERE id = ?');
  const insLedger = sqlite.prepare('INSERT INTO ledger_entries VALUES (?, ?, ?, ?, ?, ?, ?)');
  const totals = sqlite.prepare('UPDATE sessions SET sales_count = sales_count + 1, sales_total = sales_total + ?, total_cash = total_cash + ?, ledger_seq = ?, chain_head = ? WHERE id = ?');
  const counter = sqlite.prepare('INSERT INTO counters VALUES (?, 1) ON CONFLICT(scope) DO UPDATE SET value = value + 1');
  const write = sqlite.transaction((r: SaleRows) => {
    writeSale(r);
    const s = r.sale;
    for (const m of r.stock ?? []) {
      insStock.run(m.id, m.product_id, m.delta, m.kind, m.ref_id, m.created_at);
      takeStock.run(m.delta, m.product_id);
    }
    const e = r.ledger;
    if (!e) throw new Error(`sale ${s.id} has no ledger entry`);
    insLedger.run(e.session_id, e.seq, e.kind, e.at, e.payload, e.prev_hash, e.hash);
    const cash = r.payments.filter((p) => p.method === 'CASH').reduce((sum, p) => sum + p.amount, 0);
    totals.run(s.total, cash, e.seq, e.hash, s.sessionId);
    counter.run(`sale:${s.sessionId}`);
  });
  const samples = timeEach(write, rows);
  sqlite.close();
  return samples;
}

// ---------------------------------------------------------------------------------------------------------------
// The run

function currentCost(engine: Engine, token: string, calls: number): Summary {
  for (let i = 0; i < 200; i++) call(engine, 'cash.current', {}, token); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t = nowNs();
    const reply = engine.dispatch('cash.current', {}, token);
    samples.push(msSince(t));
    if (!reply.ok) throw new Error(`cash.current failed: ${reply.error.code}`);
  }
  return summarize(samples);
}

interface Row {
  readonly label: string;
  readonly value: string;
  readonly target: string;
  readonly verdict: 'PASS' | 'MISS' | '';
}

function printTable(rows: readonly Row[]): void {
  const head: Row = { label: 'measure', value: 'value', target: 'target', verdict: '' };
  const all = [head, ...rows];
  const w = (k: keyof Row) => Math.max(...all.map((r) => r[k].length));
  const line = (r: Row) => `  ${r.label.padEnd(w('label'))}  ${r.value.padStart(w('value'))}  ${r.target.padEnd(w('target'))}  ${r.verdict}`;
  console.log(line(head));
  console.log(`  ${'-'.repeat(w('label') + w('value') + w('target') + 10)}`);
  for (const r of rows) console.log(line(r));
}

const ms = (v: number) => `${v.toFixed(3)} ms`;
const x = (v: number) => `${v.toFixed(2)}×`;
const verdict = (ok: boolean): 'PASS' | 'MISS' => (ok ? 'PASS' : 'MISS');

function main(): void {
  const started = nowNs();
  const root = mkdtempSync(path.join(os.tmpdir(), 'arqueo-bench-'));
  console.log(`Arqueo bench: ${SALES} sales, node ${process.version}, ${os.cpus().length} cpu(s) (${os.cpus()[0]?.model ?? '?'}), data in ${root}`);
  try {
    const engineDir = path.join(root, 'engine');
    const { engine } = openEngine(engineDir, { demo: true });
    const journal = engine.store.sqlite.pragma('journal_mode', { simple: true });
    const synchronous = engine.store.sqlite.pragma('synchronous', { simple: true });
    if (journal !== 'wal' || synchronous !== 2) throw new Error(`engine pragmas: journal_mode=${String(journal)} synchronous=${String(synchronous)}`);

    const { token } = call<{ token: string }>(engine, 'auth.login', { username: 'maria', pin: '4444' }, null);
    const { registers } = call<{ registers: { id: string; code: string }[] }>(engine, 'registers.list', {}, token);
    const register = registers.find((r) => r.code === 'POS001');
    if (!register) throw new Error('demo register POS001 missing');
    const { session } = call<{ session: { id: string } }>(engine, 'cash.open', { registerId: register.id, openingAmount: OPENING }, token);
    const { products } = call<{ products: ProductRef[] }>(engine, 'products.list', { pageSize: 200 }, token);
    if (products.length === 0) throw new Error('no products');

    // a. sales through the engine
    const rand = prng(20240601);
    const carts = Array.from({ length: SALES }, () => makeCart(rand, products));
    const engineSamples: number[] = [];
    const rows: SaleRows[] = [];
    let currentAtSmall: Summary | null = null;
    process.stdout.write('  selling');
    for (const [i, cart] of carts.entries()) {
      const t = nowNs();
      const reply = engine.dispatch('sales.create', cart, token);
      engineSamples.push(msSince(t));
      if (!reply.ok) throw new Error(`sales.create #${i + 1} failed: ${reply.error.code} ${JSON.stringify(reply.error.details ?? {})}`);
      const { sale } = reply.data as { sale: SaleRows['sale'] & { lines: SaleRows['lines']; payments: SaleRows['payments'] } };
      rows.push({
        sale: { id: sale.id, sessionId: sale.sessionId, saleNumber: sale.saleNumber, userId: '', total: sale.total, change: sale.change, status: sale.status, createdAt: sale.createdAt },
        lines: sale.lines,
        payments: sale.payments,
      });
      if (i + 1 === SMALL) currentAtSmall = currentCost(engine, token, CURRENT_CALLS); // b. at 100 sales
      if ((i + 1) % Math.max(1, Math.floor(SALES / 20)) === 0) process.stdout.write('.');
    }
    process.stdout.write('\n');
    const me = call<{ user: { id: string } }>(engine, 'auth.me', {}, token).user.id;
    for (const r of rows) r.sale.userId = me;
    const stockOf = engine.store.sqlite.prepare('SELECT id, product_id, delta, kind, ref_id, created_at FROM stock_movements WHERE ref_id = ?');
    const saleEntries = new Map(
      (engine.store.sqlite.prepare(`SELECT *, json_extract(payload, '$.id') AS sale_id FROM ledger_entries WHERE session_id = ? AND kind = 'SALE'`).all(session.id) as (NonNullable<SaleRows['ledger']> & { sale_id: string })[]).map((e) => [e.sale_id, e]),
    );
    for (const r of rows) {
      r.stock = stockOf.all(r.sale.id) as NonNullable<SaleRows['stock']>;
      const { sale_id: _saleId, ...entry } = saleEntries.get(r.sale.id) ?? ({} as NonNullable<SaleRows['ledger']> & { sale_id: string });
      r.ledger = entry;
    }
    const engineStats = summarize(engineSamples);

    // b. at N sales
    const currentAtN = currentCost(engine, token, CURRENT_CALLS);
    if (!currentAtSmall) throw new Error('unreachable');

    // c. close: expected cash from the ledger recompute (maria's register is blind), an exact greedy count.
    let t = nowNs();
    const check = checkSession(engine.store.db, session.id);
    const checkMs = msSince(t);
    if (check.problems.length) throw new Error(`session inconsistent before close: ${check.problems.join('; ')}`);
    if (check.running.salesCount !== SALES) throw new Error(`session has ${check.running.salesCount} sales, expected ${SALES}`);
    const count = greedyCount(check.expectedCash);

    // Copies first (the same state), then close the original and each copy.
    const copies: string[] = [];
    for (let k = 1; k < CLOSE_REPEATS; k++) {
      const dir = path.join(root, `close-copy-${k}`);
      mkdirSync(dir, { recursive: true });
      engine.store.sqlite.prepare('VACUUM INTO ?').run(path.join(dir, 'arqueo.db'));
      copies.push(dir);
    }
    const closeSamples: number[] = [];
    const closeOnce = (e: Engine): void => {
      const start = nowNs();
      const reply = e.dispatch('cash.close', { count: { denominations: count.denominations } }, token);
      closeSamples.push(msSince(start));
      if (!reply.ok) throw new Error(`cash.close failed: ${reply.error.code} ${JSON.stringify(reply.error.details ?? {})}`);
      const closed = (reply.data as { summary: { difference: number; salesCount: number } }).summary;
      if (closed.difference !== count.counted - check.expectedCash || closed.salesCount !== SALES) throw new Error(`unexpected close summary ${JSON.stringify(closed)}`);
    };
    closeOnce(engine);
    const after = checkSession(engine.store.db, session.id);
    if (after.problems.length) throw new Error(`session inconsistent after close: ${after.problems.join('; ')}`);
    engine.close();
    for (const dir of copies) {
      const copy = openEngine(dir, {}).engine;
      for (let i = 0; i < 50; i++) call(copy, 'cash.current', {}, token); // warm the copy's page cache like the original's
      closeOnce(copy);
      copy.close();
    }
    const closeStats = summarize(closeSamples);

    // a'. raw baseline, same rows, fresh file
    process.stdout.write('  raw baseline...\n');
    const rawSamples = rawBaseline(path.join(root, 'raw.db'), rows);
    const rawStats = summarize(rawSamples);
    process.stdout.write('  raw baseline, every row a sale writes...\n');
    const fullStats = summarize(rawFullBaseline(path.join(root, 'raw-full.db'), rows));
    const fullRatioP50 = engineStats.p50 / fullStats.p50;
    const fullRatioP99 = engineStats.p99 / fullStats.p99;

    const ratioP50 = engineStats.p50 / rawStats.p50;
    const ratioP99 = engineStats.p99 / rawStats.p99;
    const currentRatio = currentAtN.p50 / currentAtSmall.p50;
    const totalSeconds = Number(nowNs() - started) / 1e9;

    console.log('');
    printTable([
      { label: `sales.create via engine, p50 (n=${SALES})`, value: ms(engineStats.p50), target: '', verdict: '' },
      { label: 'sales.create via engine, p99', value: ms(engineStats.p99), target: '', verdict: '' },
      { label: 'raw better-sqlite3 sale txn, p50', value: ms(rawStats.p50), target: '', verdict: '' },
      { label: 'raw better-sqlite3 sale txn, p99', value: ms(rawStats.p99), target: '', verdict: '' },
      { label: 'engine / raw, p50', value: x(ratioP50), target: `≤ ${TARGET.commitRatio}×`, verdict: verdict(ratioP50 <= TARGET.commitRatio) },
      { label: 'engine / raw, p99', value: x(ratioP99), target: `≤ ${TARGET.commitRatio}×`, verdict: verdict(ratioP99 <= TARGET.commitRatio) },
      { label: 'raw, every row a sale writes, p50', value: ms(fullStats.p50), target: '', verdict: '' },
      { label: 'raw, every row a sale writes, p99', value: ms(fullStats.p99), target: '', verdict: '' },
      { label: 'engine / raw every row, p50', value: x(fullRatioP50), target: `≤ ${TARGET.commitRatio}×`, verdict: verdict(fullRatioP50 <= TARGET.commitRatio) },
      { label: 'engine / raw every row, p99', value: x(fullRatioP99), target: `≤ ${TARGET.commitRatio}×`, verdict: verdict(fullRatioP99 <= TARGET.commitRatio) },
      { label: `cash.current median at ${SMALL} sales`, value: ms(currentAtSmall.p50), target: '', verdict: '' },
      { label: `cash.current median at ${SALES} sales`, value: ms(currentAtN.p50), target: '', verdict: '' },
      { label: `cash.current ${SALES} / ${SMALL}`, value: x(currentRatio), target: `≤ ${TARGET.currentRatio}×`, verdict: verdict(currentRatio <= TARGET.currentRatio) },
      { label: `cash.close with ${SALES} sales, median of ${closeStats.n}`, value: ms(closeStats.p50), target: `≤ ${TARGET.closeMs} ms`, verdict: verdict(closeStats.p50 <= TARGET.closeMs) },
      { label: 'cash.close, worst', value: ms(closeStats.max), target: `≤ ${TARGET.closeMs} ms`, verdict: verdict(closeStats.max <= TARGET.closeMs) },
      { label: `checkSession recompute, ${SALES} sales (info)`, value: ms(checkMs), target: '', verdict: '' },
    ]);
    console.log(`\n  expected cash ${check.expectedCash} counted ${count.counted}; sessions consistent before and after close; ${totalSeconds.toFixed(1)} s total`);

    const outDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'out');
    mkdirSync(outDir, { recursive: true });
    const results = {
      at: new Date().toISOString(),
      environment: { node: process.version, platform: `${os.platform()} ${os.release()}`, cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? null, journalMode: journal, synchronous: 'FULL' },
      settings: { sales: SALES, smallSessionSales: SMALL, currentCalls: CURRENT_CALLS, closeRepeats: CLOSE_REPEATS, openingAmount: OPENING },
      unit: 'ms',
      commit: { engine: engineStats, raw: rawStats, ratioP50, ratioP99, target: TARGET.commitRatio, pass: ratioP50 <= TARGET.commitRatio && ratioP99 <= TARGET.commitRatio },
      commitEveryRow: { raw: fullStats, ratioP50: fullRatioP50, ratioP99: fullRatioP99, pass: fullRatioP50 <= TARGET.commitRatio && fullRatioP99 <= TARGET.commitRatio },
      current: { atSmall: currentAtSmall, atN: currentAtN, ratio: currentRatio, target: TARGET.currentRatio, pass: currentRatio <= TARGET.currentRatio },
      close: { samples: closeSamples, ...closeStats, expectedCash: check.expectedCash, counted: count.counted, targetMs: TARGET.closeMs, pass: closeStats.max <= TARGET.closeMs },
      checkSessionMs: checkMs,
      totalSeconds,
    };
    const outFile = path.join(outDir, 'results.json');
    writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`  results written to ${path.relative(process.cwd(), outFile)}`);
  } catch (e) {
    console.error('bench aborted:', e instanceof Error ? e.message : e);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main();
process.exitCode = 0;
