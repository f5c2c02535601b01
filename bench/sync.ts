// The sync benchmark (`npx tsx bench/sync.ts`; with PostgreSQL: `scripts/pg-test.sh npx tsx bench/sync.ts`).
// Not a test: it prints figures and always exits 0 unless the system under test misbehaves (a lost or duplicated
// session is an error, not a figure).
//
//   a. HQ ingest throughput: sessions of BENCH_SYNC_SALES (500) cash sales each, real hash-chained bundles POSTed over
//      HTTP to a real HQ (hq/cli.ts as its own process on 127.0.0.1), by BENCH_SYNC_CONCURRENCY (8) registers at once,
//      each delivering its own sessions one after another as the sync worker does. On SQLite (a fresh data folder) and
//      on PostgreSQL when DATABASE_URL_TEST names a server (a fresh schema, dropped afterwards).
//   b. Drain: a register with BENCH_SYNC_PENDING (1000) closed sessions pending in its outbox (built through the
//      engine: open, BENCH_SYNC_PENDING_SALES (3) sales, exact count, close) delivers them all with the worker's own
//      syncOnce loop to a fresh HQ; time from the first pass until the outbox is empty. Once per HQ backend, each on a
//      copy of the same register database.
//
// Knobs: BENCH_SYNC_SESSIONS (ingest sessions per backend, default 200), BENCH_SYNC_SALES, BENCH_SYNC_CONCURRENCY,
// BENCH_SYNC_PENDING (0 skips the drain), BENCH_SYNC_PENDING_SALES, BENCH_SYNC_PG=0 to skip PostgreSQL. Results: bench/out/sync.json.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { SETTING_HQ_URL, openDatabase, schema, settingKeyFor } from '../db';
import { DB_FILE } from '../engine/index';
import { bobCount, harness } from '../engine/testkit';
import { checkSession } from '../engine/verify';
import { syncOnce } from '../electron/sync/worker';
import { makeBundle } from '../hq/fixtures';
import { createKey } from '../hq/keys';
import { openHqStore } from '../hq/open-store';
import type { PgScratch } from '../hq/pg-testing';
import { pgScratch, pgTestUrl } from '../hq/pg-testing';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const HQ_CLI = path.join(ROOT, 'hq', 'cli.ts');

function positiveInt(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name}: expected an integer >= ${min}, got ${raw}`);
  return n;
}

const SESSIONS = positiveInt('BENCH_SYNC_SESSIONS', 200);
const SALES = positiveInt('BENCH_SYNC_SALES', 500);
const CONCURRENCY = positiveInt('BENCH_SYNC_CONCURRENCY', 8);
const PENDING = positiveInt('BENCH_SYNC_PENDING', 1000, 0);
const PENDING_SALES = positiveInt('BENCH_SYNC_PENDING_SALES', 3);
const PG_URL = process.env['BENCH_SYNC_PG'] === '0' ? null : pgTestUrl();
const BRANCH = 'SUC001';

const nowNs = (): bigint => process.hrtime.bigint();
const msSince = (start: bigint): number => Number(nowNs() - start) / 1e6;
const log = (line: string) => process.stderr.write(`${line}\n`);

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

// ---------------------------------------------------------------------------------------------------------------
// HQ as its own process, on a fresh storage.

interface HqUnderTest {
  readonly backend: 'sqlite' | 'postgres';
  readonly url: string;
  readonly adminKey: string;
  /** Register code → key. */
  readonly keys: ReadonlyMap<string, string>;
  stop(): Promise<void>;
}

async function startHq(backend: 'sqlite' | 'postgres', registers: readonly string[]): Promise<HqUnderTest> {
  let dir: string | null = null;
  let scratch: PgScratch | null = null;
  if (backend === 'sqlite') dir = mkdtempSync(path.join(os.tmpdir(), 'arqueo-bench-hq-'));
  else if (PG_URL) scratch = await pgScratch(PG_URL, 'hq_bench');
  else throw new Error('no PostgreSQL');
  const cleanup = async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    await scratch?.drop();
  };
  try {
    // Keys through the store itself (what `hq keys add` does), then the server as a separate process.
    const { store } = await openHqStore({ dataDir: dir ?? undefined, databaseUrl: scratch?.url });
    const keys = new Map<string, string>();
    let adminKey = '';
    try {
      for (const r of registers) keys.set(r, await createKey(store, { role: 'REGISTER', branchCode: BRANCH, registerCode: r }));
      adminKey = await createKey(store, { role: 'ADMIN' });
    } finally {
      await store.close();
    }
    // The drain measures HQ and the worker, not the per-key rate limit (1,000 sessions from one register at once).
    const env: NodeJS.ProcessEnv = { ...process.env, HQ_RATE_BURST: '0' };
    delete env['DATABASE_URL'];
    if (scratch) env['DATABASE_URL'] = scratch.url;
    const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', HQ_CLI, '--port', '0', ...(dir ? ['--data-dir', dir] : [])], { cwd: ROOT, env });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /HQ listening on (\S+)/.exec(out);
        if (m?.[1]) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`hq exited ${code}: ${err}`)));
    });
    return {
      backend,
      url,
      adminKey,
      keys,
      stop: async () => {
        if (child.exitCode === null) {
          const exited = new Promise((r) => child.once('exit', r));
          child.kill('SIGTERM');
          await exited;
        }
        await cleanup();
      },
    };
  } catch (e) {
    await cleanup();
    throw e;
  }
}

async function storedCount(hq: HqUnderTest): Promise<number> {
  let n = 0;
  for (let after = 0; ; ) {
    const res = await fetch(`${hq.url}/v1/sessions?limit=1000&after=${after}`, { headers: { authorization: `Bearer ${hq.adminKey}` } });
    const page = (await res.json()) as { sessions: { hqSequence: number }[]; next: number | null };
    n += page.sessions.length;
    if (page.next === null) return n;
    after = page.next;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// a. Ingest throughput.

interface IngestResult {
  backend: string;
  sessions: number;
  salesPerSession: number;
  concurrency: number;
  megabytes: number;
  seconds: number;
  sessionsPerSecond: number;
  salesPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
}

const REGISTERS = Array.from({ length: CONCURRENCY }, (_, i) => `POS${String(i + 1).padStart(3, '0')}`);

function buildBodies(): { register: string; sessionId: string; body: string }[][] {
  const t = nowNs();
  const sales = Array.from({ length: SALES }, (_, i) => 500 + ((i * 7919) % 20_000));
  const perRegister: { register: string; sessionId: string; body: string }[][] = REGISTERS.map(() => []);
  for (let i = 0; i < SESSIONS + CONCURRENCY; i++) {
    const r = i % CONCURRENCY;
    const register = REGISTERS[r] ?? 'POS001';
    const sessionId = `bench-${register}-${i}`;
    const bundle = makeBundle({ sessionId, branchCode: BRANCH, registerCode: register, sales });
    perRegister[r]?.push({ register, sessionId, body: JSON.stringify(bundle) });
  }
  log(`built ${SESSIONS + CONCURRENCY} bundles of ${SALES} sales in ${(msSince(t) / 1000).toFixed(1)} s`);
  return perRegister;
}

async function deliver(hq: HqUnderTest, item: { register: string; sessionId: string; body: string }): Promise<number> {
  const t = nowNs();
  const res = await fetch(`${hq.url}/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${hq.keys.get(item.register) ?? ''}`, 'idempotency-key': item.sessionId },
    body: item.body,
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`${item.sessionId}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return msSince(t);
}

async function ingest(backend: 'sqlite' | 'postgres', bodies: { register: string; sessionId: string; body: string }[][]): Promise<IngestResult> {
  const hq = await startHq(backend, REGISTERS);
  try {
    // Warm-up: each register's first session (connections, JIT, caches), not timed.
    await Promise.all(bodies.map((list) => (list[0] ? deliver(hq, list[0]) : Promise.resolve(0))));
    const timed = bodies.map((list) => list.slice(1));
    const bytes = timed.flat().reduce((a, x) => a + Buffer.byteLength(x.body), 0);
    const latencies: number[] = [];
    const t = nowNs();
    await Promise.all(
      timed.map(async (list) => {
        for (const item of list) latencies.push(await deliver(hq, item));
      }),
    );
    const ms = msSince(t);
    const n = latencies.length;
    const stored = await storedCount(hq);
    if (stored !== n + bodies.length) throw new Error(`${backend}: HQ holds ${stored} sessions, expected ${n + bodies.length}`);
    latencies.sort((a, b) => a - b);
    return {
      backend,
      sessions: n,
      salesPerSession: SALES,
      concurrency: CONCURRENCY,
      megabytes: bytes / 1e6,
      seconds: ms / 1000,
      sessionsPerSecond: n / (ms / 1000),
      salesPerSecond: (n * SALES) / (ms / 1000),
      latencyMs: { p50: percentile(latencies, 50), p90: percentile(latencies, 90), p99: percentile(latencies, 99), max: latencies[latencies.length - 1] ?? Number.NaN },
    };
  } finally {
    await hq.stop();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// b. Drain of a register with many pending sessions.

interface DrainResult {
  backend: string;
  pending: number;
  salesPerSession: number;
  seconds: number;
  sessionsPerSecond: number;
  passes: number;
}

/** A consistent copy of a SQLite database (WAL content included). */
function vacuumInto(from: string, to: string): void {
  const db = new Database(from, { readonly: true });
  try {
    db.prepare('VACUUM INTO ?').run(to);
  } finally {
    db.close();
  }
}

/** A register database with PENDING closed sessions in its outbox; returns its file (the caller copies it). */
function buildRegister(workDir: string): { file: string; buildSeconds: number } {
  // The engine clock starts days back and moves a couple of minutes per session: every outbox row is due now, and no
  // business day holds more sessions than the 3-digit session number allows.
  const start = new Date(Date.now() - (Math.ceil((PENDING * 2) / 1440) + 2) * 86_400_000);
  const h = harness({ start: start.toISOString() });
  const t = nowNs();
  try {
    const token = h.login('maria');
    const registerId = h.registerId('POS001');
    const products = h.productIds();
    for (let s = 0; s < PENDING; s++) {
      const session = h.ok('cash.open', { registerId, openingAmount: 10_000 }, token).session;
      for (let i = 0; i < PENDING_SALES; i++) {
        const p = products[(s + i) % products.length];
        if (!p) throw new Error('no products');
        h.ok('sales.create', { lines: [{ productId: p.id, quantity: 1 }], payments: [{ method: 'CASH', amount: p.price }] }, token);
        h.advance(5_000);
      }
      const expected = checkSession(h.engine.store.db, session.id).expectedCash;
      h.ok('cash.close', { count: { denominations: bobCount(expected) } }, token);
      h.advance(120_000);
      if ((s + 1) % 250 === 0) log(`  register: ${s + 1}/${PENDING} sessions closed`);
    }
    const buildSeconds = msSince(t) / 1000;
    const file = path.join(workDir, 'register.db');
    vacuumInto(path.join(h.dir, DB_FILE), file);
    return { file, buildSeconds };
  } finally {
    h.close();
  }
}

async function drain(backend: 'sqlite' | 'postgres', registerFile: string, workDir: string): Promise<DrainResult> {
  const copy = path.join(workDir, `register-${backend}`, DB_FILE);
  mkdirSync(path.dirname(copy), { recursive: true });
  vacuumInto(registerFile, copy);
  const hq = await startHq(backend, ['POS001']);
  const opened = openDatabase(copy);
  try {
    const db = opened.db;
    const set = (key: string, value: string) => db.insert(schema.settings).values({ key, value }).onConflictDoUpdate({ target: schema.settings.key, set: { value } }).run();
    set(SETTING_HQ_URL, hq.url);
    set(settingKeyFor('POS001'), hq.keys.get('POS001') ?? '');
    const pending = db.select().from(schema.outbox).all().filter((o) => o.status === 'PENDING').length;
    if (pending !== PENDING) throw new Error(`expected ${PENDING} pending sessions, found ${pending}`);
    let passes = 0;
    const t = nowNs();
    for (;;) {
      const pass = await syncOnce(db);
      passes++;
      if (pass.state === 'IDLE') break;
      if (pass.state !== 'MORE') throw new Error(`drain stopped: ${JSON.stringify(pass)}`);
    }
    const ms = msSince(t);
    const sent = db.select().from(schema.outbox).all().filter((o) => o.status === 'SENT').length;
    const stored = await storedCount(hq);
    if (sent !== PENDING || stored !== PENDING) throw new Error(`${backend}: ${sent} SENT, ${stored} at HQ, expected ${PENDING}`);
    return { backend, pending: PENDING, salesPerSession: PENDING_SALES, seconds: ms / 1000, sessionsPerSecond: PENDING / (ms / 1000), passes };
  } finally {
    opened.close();
    await hq.stop();
  }
}

// ---------------------------------------------------------------------------------------------------------------

class SkipDrain extends Error {}

async function main(): Promise<void> {
  const backends: ('sqlite' | 'postgres')[] = PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];
  if (!PG_URL) log('PostgreSQL: skipped (DATABASE_URL_TEST not set; run through scripts/pg-test.sh to include it)');
  log(`sync bench: ${SESSIONS} sessions x ${SALES} sales, ${CONCURRENCY} registers at once; drain of ${PENDING} pending sessions x ${PENDING_SALES} sales`);

  const bodies = buildBodies();
  const ingestResults: IngestResult[] = [];
  for (const b of backends) {
    log(`ingest on ${b} ...`);
    ingestResults.push(await ingest(b, bodies));
  }

  const workDir = mkdtempSync(path.join(os.tmpdir(), 'arqueo-bench-sync-'));
  const drainResults: DrainResult[] = [];
  let buildSeconds = Number.NaN;
  try {
    if (PENDING === 0) throw new SkipDrain();
    log(`building a register with ${PENDING} closed sessions through the engine ...`);
    const built = buildRegister(workDir);
    buildSeconds = built.buildSeconds;
    for (const b of backends) {
      log(`drain to ${b} ...`);
      drainResults.push(await drain(b, built.file, workDir));
    }
  } catch (e) {
    if (!(e instanceof SkipDrain)) throw e;
    log('drain: skipped (BENCH_SYNC_PENDING=0)');
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }

  const f1 = (n: number) => n.toFixed(1);
  const rows: string[][] = [
    ['figure', 'backend', 'value', 'detail'],
    ...ingestResults.map((r) => [
      `HQ ingest (${r.salesPerSession} sales/session)`,
      r.backend,
      `${f1(r.sessionsPerSecond)} sessions/s`,
      `${r.sessions} sessions, ${f1(r.megabytes)} MB in ${r.seconds.toFixed(2)} s, ${Math.round(r.salesPerSecond)} sales/s, ${r.concurrency} concurrent; latency p50 ${f1(r.latencyMs.p50)} / p99 ${f1(r.latencyMs.p99)} ms`,
    ]),
    ...drainResults.map((r) => [
      `drain ${r.pending} pending`,
      r.backend,
      `${r.seconds.toFixed(2)} s`,
      `${f1(r.sessionsPerSecond)} sessions/s, ${r.salesPerSession} sales/session, ${r.passes} worker passes (register built in ${buildSeconds.toFixed(1)} s)`,
    ]),
  ];
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  for (const [i, r] of rows.entries()) {
    console.log(r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c] ?? 0))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }

  const outDir = path.join(HERE, 'out');
  mkdirSync(outDir, { recursive: true });
  const out = {
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${os.platform()} ${os.release()}` },
    settings: { sessions: SESSIONS, sales: SALES, concurrency: CONCURRENCY, pending: PENDING, pendingSales: PENDING_SALES, postgres: PG_URL !== null },
    ingest: ingestResults,
    drain: { registerBuildSeconds: buildSeconds, results: drainResults },
  };
  writeFileSync(path.join(outDir, 'sync.json'), `${JSON.stringify(out, null, 2)}\n`);
  log(`wrote ${path.relative(ROOT, path.join(outDir, 'sync.json'))}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
