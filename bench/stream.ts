// The streaming benchmark (`npx tsx bench/stream.ts`; with PostgreSQL: `scripts/pg-test.sh npx tsx bench/stream.ts`).
// Not a test: it prints figures with their targets and exits 0 unless the system misbehaves (an entry lost or stored
// twice is an error, not a figure).
//
//   a. Commit → at HQ: a real register (engine on a SQLite file) with the real sync worker thread (default batching:
//      250 ms after a commit) streaming to a real HQ process (SQLite) on 127.0.0.1. BENCH_STREAM_SALES (150) sales, one
//      every BENCH_STREAM_GAP_MS (200) ms; for each, the time from the sale's commit until the register holds HQ's
//      acknowledgement of its entry (polled every 2 ms on a separate connection): an upper bound of "visible at HQ",
//      which is earlier by the answer's trip. Target p95 ≤ 2 s.
//   b. A sale's commit cost: `sales.create` latency (durable commit) with streaming off (no HQ address: the worker
//      idles), on to a stub HQ process that only acknowledges (the register's own cost), and on to the real HQ on this
//      same machine (whose fsyncs and CPU then compete with the register's), in alternating blocks on the same
//      register; p50 and p95. Target: p50 with streaming ≤ 5 % over off.
//   c. HQ ingest of live entries: BENCH_STREAM_REGISTERS (200) registers, each posting one batch with one sale entry per
//      second (what a register selling a sale a second sends with the default batching) for BENCH_STREAM_SECONDS (20)
//      s, over HTTP to a real HQ process; on SQLite and on PostgreSQL when DATABASE_URL_TEST names a server
//      (BENCH_STREAM_PG=0 skips it). Entries/s stored, POST latency p50/p95, and HQ's CPU (user+system time of its
//      process over the run, from /proc) as a share of one core. Afterwards every entry is at HQ once.
// Results: bench/out/stream.json.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { eq } from 'drizzle-orm';
import { SETTING_HQ_URL, anchorOf, openDatabase, schema, settingKeyFor } from '../db';
import { DB_FILE } from '../engine/index';
import { harness } from '../engine/testkit';
import { SYNC_TRIGGERS, startSyncWorker } from '../electron/sync/thread';
import { makeBundle } from '../hq/fixtures';
import { createKey } from '../hq/keys';
import { openHqStore } from '../hq/open-store';
import type { PgScratch } from '../hq/pg-testing';
import { pgScratch, pgTestUrl } from '../hq/pg-testing';
import type { EntryBatch } from '../src/sync/stream';

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
const SALES = positiveInt('BENCH_STREAM_SALES', 150);
const GAP_MS = positiveInt('BENCH_STREAM_GAP_MS', 200, 0);
const COST_SALES = positiveInt('BENCH_STREAM_COST_SALES', 400);
const REGISTERS = positiveInt('BENCH_STREAM_REGISTERS', 200);
const SECONDS = positiveInt('BENCH_STREAM_SECONDS', 20);
const PG_URL = process.env['BENCH_STREAM_PG'] === '0' ? null : pgTestUrl();
/** Which parts to run: a and b share a register ('ab'), c is the ingest; default all. */
const PARTS = process.env['BENCH_STREAM_PARTS'] ?? 'abc';
const BRANCH = 'SUC001';

const nowNs = (): bigint => process.hrtime.bigint();
const msSince = (start: bigint): number => Number(nowNs() - start) / 1e6;
const log = (line: string) => process.stderr.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
function pct(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1] ?? Number.NaN;
}
const r1 = (n: number) => Math.round(n * 10) / 10;
const r3 = (n: number) => Math.round(n * 1000) / 1000;

/** CPU seconds (user + system) a process has used, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100/s on Linux)
}

interface HqUnderTest {
  readonly url: string;
  readonly pid: number;
  readonly adminKey: string;
  readonly keys: ReadonlyMap<string, string>;
  stop(): Promise<void>;
}

async function startHq(backend: 'sqlite' | 'postgres', registers: readonly string[]): Promise<HqUnderTest> {
  let dir: string | null = null;
  let scratch: PgScratch | null = null;
  if (backend === 'sqlite') dir = mkdtempSync(path.join(os.tmpdir(), 'arqueo-bench-stream-'));
  else if (PG_URL) scratch = await pgScratch(PG_URL, 'hq_bench_stream');
  else throw new Error('no PostgreSQL');
  const { store } = await openHqStore({ dataDir: dir ?? undefined, databaseUrl: scratch?.url });
  const keys = new Map<string, string>();
  let adminKey = '';
  try {
    for (const r of registers) keys.set(r, await createKey(store, { role: 'REGISTER', branchCode: BRANCH, registerCode: r }));
    adminKey = await createKey(store, { role: 'ADMIN' });
  } finally {
    await store.close();
  }
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
    url,
    pid: child.pid ?? 0,
    adminKey,
    keys,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      if (dir) rmSync(dir, { recursive: true, force: true });
      await scratch?.drop();
    },
  };
}

/** An HQ stand-in that acknowledges every batch at once (last entry's seq and hash) and stores nothing. */
async function startStubHq(): Promise<{ url: string; stop(): Promise<void> }> {
  const code = `
    const http = require('node:http');
    const s = http.createServer((req, res) => {
      let b = '';
      req.on('data', (c) => (b += c));
      req.on('end', () => {
        const batch = JSON.parse(b);
        const last = batch.entries[batch.entries.length - 1];
        const body = JSON.stringify({ sessionId: batch.sessionId, seq: last.seq, hash: last.hash, stored: batch.entries.length, sealed: false });
        res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      });
    });
    s.keepAliveTimeout = 5000;
    s.listen(0, '127.0.0.1', () => console.log('STUB ' + s.address().port));`;
  const child = spawn(process.execPath, ['-e', code]);
  const port = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /STUB (\d+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (c) => reject(new Error(`stub exited ${c}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// a + b: a register with its worker thread.

interface RegisterResult {
  commitToAck: { sales: number; p50: number; p95: number; max: number };
  commitCost: Record<string, number>;
}

async function registerBench(): Promise<RegisterResult> {
  const hq = await startHq('sqlite', ['POS001']);
  const h = harness({ start: new Date().toISOString() });
  const probe = openDatabase(path.join(h.dir, DB_FILE));
  const set = (key: string, value: string | null) => {
    if (value === null) h.engine.store.db.delete(schema.settings).where(eq(schema.settings.key, key)).run();
    else h.engine.store.db.insert(schema.settings).values({ key, value }).onConflictDoUpdate({ target: schema.settings.key, set: { value } }).run();
  };
  set(settingKeyFor('POS001'), hq.keys.get('POS001') ?? '');
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (markReady = r));
  const handle = startSyncWorker(path.join(h.dir, DB_FILE), {
    script: `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'electron', 'sync', 'thread.ts')).href)}); });`,
    eval: true,
    ...(process.env['BENCH_STREAM_IDLE_MS'] ? { idleMs: Number(process.env['BENCH_STREAM_IDLE_MS']) } : {}),
    onMessage: (m) => {
      if (m.type === 'pass') markReady();
      if (m.type === 'error') log(`[sync] ${m.message}`);
      if (m.type === 'pass' && m.pass.failed > 0) log(`[sync] a pass failed: ${m.status.lastError?.message ?? JSON.stringify(m.pass)}`);
    },
  });
  h.engine.afterCommit = (name) => {
    if (SYNC_TRIGGERS.has(name)) handle.now();
    else handle.stream();
  };
  try {
    const token = h.login('maria');
    const session = h.ok('cash.open', { registerId: h.registerId('POS001'), openingAmount: 10_000 }, token).session;
    const products = h.productIds();
    let i = 0;
    const sale = (): number => {
      h.setNow(new Date().toISOString());
      const p = products[i++ % products.length];
      if (!p) throw new Error('no products');
      const t = nowNs();
      h.ok('sales.create', { lines: [{ productId: p.id, quantity: 1 }], payments: [{ method: 'CASH', amount: p.price }] }, token);
      return msSince(t);
    };
    const seqNow = () => h.engine.store.db.select({ s: schema.sessions.ledgerSeq }).from(schema.sessions).all().reduce((m, x) => Math.max(m, x.s), 0);

    // Warm-up, not timed: the thread has started (it compiles its TypeScript in development) and streamed once.
    await ready;
    set(SETTING_HQ_URL, hq.url);
    sale();
    const warm = seqNow();
    while ((anchorOf(probe.db, session.id)?.ackedSeq ?? 0) < warm) await sleep(10);

    // a. Commit → acknowledged by HQ.
    const pending = new Map<number, bigint>();
    const lat: number[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling || pending.size > 0) {
        const acked = anchorOf(probe.db, session.id)?.ackedSeq ?? 0;
        for (const [seq, t] of pending) {
          if (seq <= acked) {
            lat.push(msSince(t));
            pending.delete(seq);
          }
        }
        await sleep(2);
      }
    })();
    for (let n = 0; n < SALES; n++) {
      sale();
      pending.set(seqNow(), nowNs());
      await sleep(GAP_MS);
    }
    polling = false;
    const deadline = Date.now() + 30_000;
    while (pending.size > 0 && Date.now() < deadline) await sleep(10);
    if (pending.size > 0) throw new Error(`${pending.size} entries never acknowledged`);
    await poller;
    const commitToAck = { sales: lat.length, p50: r1(pct(lat, 50)), p95: r1(pct(lat, 95)), max: r1(pct(lat, 100)) };
    log(`a. commit → acknowledged by HQ over ${lat.length} sales, one per ${GAP_MS} ms: p50 ${commitToAck.p50} ms, p95 ${commitToAck.p95} ms  (target p95 ≤ 2000 ms: ${commitToAck.p95 <= 2000 ? 'PASS' : 'MISS'})`);

    // b. Commit cost, streaming off vs on, in alternating blocks of 50 sales 20 ms apart (a busy counter). "on" twice:
    // to the real HQ on this machine (its fsyncs and CPU compete with the register's, as they would not in a store),
    // and to a stub HQ process that only acknowledges (the register's own cost: worker reads, HTTP, anchor writes).
    const stub = await startStubHq();
    const off: number[] = [];
    const onReal: number[] = [];
    const onStub: number[] = [];
    const modes = [
      { url: null, into: off },
      { url: hq.url, into: onReal },
      { url: stub.url, into: onStub },
    ] as const;
    try {
      for (let round = 0; round < Math.ceil(COST_SALES / 50); round++) {
        for (const mode of modes) {
          set(SETTING_HQ_URL, mode.url);
          await sleep(300);
          for (let n = 0; n < 50; n++) {
            mode.into.push(sale());
            await sleep(20);
          }
        }
      }
    } finally {
      await stub.stop();
    }
    const offP50 = pct(off, 50);
    const over = (xs: number[]) => r1(((pct(xs, 50) - offP50) / offP50) * 100);
    const commitCost = {
      salesPerMode: off.length,
      offP50: r3(offP50),
      offP95: r3(pct(off, 95)),
      onStubP50: r3(pct(onStub, 50)),
      onStubP95: r3(pct(onStub, 95)),
      onRealP50: r3(pct(onReal, 50)),
      onRealP95: r3(pct(onReal, 95)),
      p50OverheadPct: over(onStub),
      p50OverheadWithLocalHqPct: over(onReal),
    };
    log(
      `b. sales.create commit p50/p95 (${off.length} sales each): off ${commitCost.offP50}/${commitCost.offP95} ms; streaming (stub HQ) ${commitCost.onStubP50}/${commitCost.onStubP95} ms = ${commitCost.p50OverheadPct} % (target ≤ 5 % at p50: ${commitCost.p50OverheadPct <= 5 ? 'PASS' : 'MISS'}); streaming to the real HQ on this machine ${commitCost.onRealP50}/${commitCost.onRealP95} ms = ${commitCost.p50OverheadWithLocalHqPct} %`,
    );
    return { commitToAck, commitCost };
  } finally {
    await handle.stop();
    probe.close();
    h.close();
    await hq.stop();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// c. HQ ingest: REGISTERS registers × one sale a second.

interface IngestResult {
  backend: string;
  retries: number;
  registers: number;
  seconds: number;
  entries: number;
  entriesPerSecond: number;
  postP50: number;
  postP95: number;
  hqCpuCoreShare: number;
  /** HQ process CPU per stored entry: the capacity figure that holds on a machine not shared with other work. */
  hqCpuMsPerEntry: number;
}

async function ingestBench(backend: 'sqlite' | 'postgres'): Promise<IngestResult> {
  const codes = Array.from({ length: REGISTERS }, (_, i) => `POS${String(i + 1).padStart(3, '0')}`);
  const hq = await startHq(backend, codes);
  try {
    // Each register's session: the opening and one sale per second (the seal is never sent: the sessions stay open).
    const chains = codes.map((code) => {
      const bundle = makeBundle({ sessionId: `live-${backend}-${code}`, branchCode: BRANCH, registerCode: code, sales: Array.from({ length: SECONDS + 1 }, (_, i) => 1000 + i) });
      const { status: _s, entries, ...header } = bundle;
      return { code, header, entries: entries.slice(0, -1) };
    });
    let retries = 0;
    const post = async (code: string, batch: EntryBatch): Promise<number> => {
      const t = nowNs();
      let res: Response | null = null;
      // A reset or refused connection is retried at once, as the worker would (after its backoff), and counted.
      for (let attempt = 0; res === null; attempt++) {
        try {
          res = await fetch(`${hq.url}/v1/entries`, { method: 'POST', body: JSON.stringify(batch), headers: { 'content-type': 'application/json', authorization: `Bearer ${hq.keys.get(code) ?? ''}` } });
        } catch (e) {
          if (attempt >= 5) throw e;
          retries++;
        }
      }
      const text = await res.text();
      if (res.status !== 200) throw new Error(`${code}: HTTP ${res.status} ${text.slice(0, 300)}`);
      return msSince(t);
    };
    // Warm-up (not timed): each register streams its opening.
    await Promise.all(chains.map((c) => post(c.code, { ...c.header, entries: c.entries.slice(0, 1) as EntryBatch['entries'], backlog: { entries: 0, sessions: 0 } })));
    const lat: number[] = [];
    const cpu0 = cpuSeconds(hq.pid);
    const t0 = nowNs();
    await Promise.all(
      chains.map(async (c, r) => {
        await sleep((r / REGISTERS) * 1000); // spread over the second, as independent registers are
        for (let s = 1; s <= SECONDS; s++) {
          const due = (r / REGISTERS) * 1000 + s * 1000;
          const wait = due - msSince(t0);
          if (wait > 0) await sleep(wait);
          lat.push(await post(c.code, { ...c.header, entries: c.entries.slice(s, s + 1) as EntryBatch['entries'], backlog: { entries: 0, sessions: 0 } }));
        }
      }),
    );
    const seconds = msSince(t0) / 1000;
    const cpu = cpuSeconds(hq.pid) - cpu0;
    // Every entry at HQ once: each register's head is its last seq.
    const res = await fetch(`${hq.url}/v1/stream/registers`, { headers: { authorization: `Bearer ${hq.adminKey}` } });
    const regs = ((await res.json()) as { registers: { open: { headSeq: number }[] }[] }).registers;
    const heads = regs.flatMap((x) => x.open.map((o) => o.headSeq));
    if (heads.length !== REGISTERS || heads.some((hd) => hd !== SECONDS + 1)) throw new Error(`heads at HQ: ${JSON.stringify(heads.slice(0, 10))}`);
    const entries = REGISTERS * SECONDS;
    const out = { backend, registers: REGISTERS, seconds: r1(seconds), entries, retries, entriesPerSecond: r1(entries / seconds), postP50: r1(pct(lat, 50)), postP95: r1(pct(lat, 95)), hqCpuCoreShare: r3(cpu / seconds), hqCpuMsPerEntry: r3((cpu * 1000) / entries) };
    log(`c. HQ ingest (${backend}): ${REGISTERS} registers × 1 sale/s for ${SECONDS} s: ${out.entriesPerSecond} entries/s, POST p50 ${out.postP50} ms p95 ${out.postP95} ms (${retries} network retries), HQ CPU ${(out.hqCpuCoreShare * 100).toFixed(0)} % of one core, ${out.hqCpuMsPerEntry} ms per entry (load average ${os.loadavg()[0]?.toFixed(1)})`);
    return out;
  } finally {
    await hq.stop();
  }
}

async function main(): Promise<void> {
  log(`bench/stream.ts on ${os.cpus().length} cpus (${os.cpus()[0]?.model ?? 'unknown'}), node ${process.version}, load average ${os.loadavg()[0]?.toFixed(1)}`);
  const register = PARTS.includes('a') || PARTS.includes('b') ? await registerBench() : null;
  const ingest = PARTS.includes('c') ? [await ingestBench('sqlite')] : [];
  if (PARTS.includes('c') && PG_URL) ingest.push(await ingestBench('postgres'));
  else if (PARTS.includes('c')) log('c. PostgreSQL skipped (no DATABASE_URL_TEST; run under scripts/pg-test.sh)');
  const outDir = path.join(HERE, 'out');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'stream.json'), `${JSON.stringify({ at: new Date().toISOString(), machine: { cpus: os.cpus().length, node: process.version }, register, ingest }, null, 2)}\n`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
