// The sync worker against a real HQ (hq/cli.ts as its own process on loopback, SQLite in a temp folder), with real
// registers (the engine harness: open, sell, close) and a fault-injecting proxy in between. After every scenario each
// sealed session of the register is at HQ exactly once and its stored entries are byte-for-byte the register's
// ledger (canonical JSON).
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../src/session/numbering';
import { eq } from 'drizzle-orm';
import type { OpenedDb } from '../../db';
import { SETTING_HQ_URL, buildBundle, ledgerOf, openDatabase, schema, settingKeyFor, syncEntries, syncNow, syncStatus } from '../../db';
import type { Receipt, SessionBundle } from '../../src/sync/protocol';
import { canonicalEntries } from '../../src/sync/protocol';
import type { Harness } from '../../engine/testkit';
import { bobCount, harness } from '../../engine/testkit';
import { DB_FILE } from '../../engine/index';
import { checkSession } from '../../engine/verify';
import type { HttpPost, SyncOptions, SyncPass } from './worker';
import { streamOnce } from './stream';
import { anchorOf, sha256Hex } from '../../db';
import type { LedgerEntry } from '../../src/sync/chain';
import { entryHash } from '../../src/sync/chain';
import { canonicalJson } from '../../src/sync/canonical';
import type { Canonical } from '../../src/sync/canonical';
import { backoffDelay, fetchPost, syncOnce } from './worker';
import type { SyncWorkerMessage } from './thread';
import { startSyncWorker } from './thread';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const HQ_CLI = path.join(ROOT, 'hq', 'cli.ts');
// A developer's own DATABASE_URL must not send this test's HQ to their PostgreSQL.
const HQ_ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'DATABASE_URL'));

// ---------------------------------------------------------------------------------------------------------------
// HQ as a separate process (the layer rules keep electron from importing hq, and this is the real thing anyway).

interface HqProcess {
  child: ChildProcessWithoutNullStreams;
  url: string;
}
let hqDir: string;
let hq: HqProcess;
let hqPort = 0;
const keys: Record<string, string> = {};
let adminKey = '';

function runCli(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', HQ_CLI, ...args], { cwd: ROOT, env: HQ_ENV });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`hq ${args.join(' ')} exited ${code}: ${err}`))));
  });
}

function startHq(port: number): Promise<HqProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', HQ_CLI, '--port', String(port), '--data-dir', hqDir], { cwd: ROOT, env: HQ_ENV });
    let buf = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /HQ listening on (\S+)/.exec(buf);
      if (m?.[1]) resolve({ child, url: m[1] });
    });
    child.once('exit', (code) => reject(new Error(`hq exited ${code}: ${err}`)));
  });
}

async function stopHq(): Promise<void> {
  if (hq.child.exitCode !== null) return;
  const exited = new Promise((r) => hq.child.once('exit', r));
  hq.child.kill('SIGKILL');
  await exited;
}

async function hqGet<T>(p: string): Promise<{ status: number; json: T }> {
  const res = await fetch(`${hq.url}${p}`, { headers: { authorization: `Bearer ${adminKey}` } });
  return { status: res.status, json: (await res.json()) as T };
}

beforeAll(async () => {
  hqDir = mkdtempSync(path.join(tmpdir(), 'arqueo-hq-sync-'));
  for (const r of ['POS001', 'POS002']) keys[r] = await runCli(['keys', 'add', '--branch', 'SUC001', '--register', r, '--data-dir', hqDir]);
  adminKey = await runCli(['keys', 'add-admin', '--data-dir', hqDir]);
  hq = await startHq(0);
  hqPort = Number(new URL(hq.url).port);
});
afterAll(async () => {
  await stopHq();
  rmSync(hqDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------------------------
// A proxy in front of HQ that can fail, delay, or cut requests, one behaviour per request.

type Fault = 'pass' | '500' | 'reset-before' | 'reset-after' | 'slow' | 'hold-after';
interface Proxy {
  url: string;
  faults: Fault[];
  seen: number;
  delayMs: number;
  /** Resolves when a 'hold-after' request has been answered by HQ (and is being held). */
  held: Promise<void>;
  close(): Promise<void>;
}

async function startProxy(): Promise<Proxy> {
  let markHeld: () => void = () => undefined;
  const proxy: Proxy = {
    url: '',
    faults: [],
    seen: 0,
    delayMs: 0,
    held: new Promise<void>((r) => (markHeld = r)),
    close: async () => undefined,
  };
  const forward = (req: http.IncomingMessage, body: Buffer) =>
    fetch(`${hq.url}${req.url ?? '/'}`, {
      method: req.method ?? 'POST',
      headers: Object.fromEntries(Object.entries(req.headers).filter(([k]) => ['authorization', 'content-type', 'idempotency-key'].includes(k)) as [string, string][]),
      body: body.toString('utf8'),
    });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      proxy.seen++;
      const fault = proxy.faults.shift() ?? 'pass';
      const body = Buffer.concat(chunks);
      const relay = async (answer: Response) => {
        const text = await answer.text();
        if (!res.destroyed) res.writeHead(answer.status, { 'content-type': 'application/json' }).end(text);
      };
      void (async () => {
        switch (fault) {
          case '500':
            res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"code":"INTERNAL","message":"boom"}}');
            return;
          case 'reset-before':
            req.socket.destroy();
            return;
          case 'reset-after':
            await (await forward(req, body)).text();
            req.socket.destroy();
            return;
          case 'slow': {
            const answer = await forward(req, body);
            await new Promise((r) => setTimeout(r, proxy.delayMs));
            await relay(answer);
            return;
          }
          case 'hold-after':
            await (await forward(req, body)).text();
            markHeld();
            return; // never answers; the client is killed while waiting
          case 'pass':
            await relay(await forward(req, body));
        }
      })().catch(() => req.socket.destroy());
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return proxy;
}

// ---------------------------------------------------------------------------------------------------------------
// Registers.

const open: { h: Harness; worker: OpenedDb; proxy: Proxy | null }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    o.worker.close();
    o.h.close();
    await o.proxy?.close();
  }
});

interface Register {
  h: Harness;
  /** The worker's own connection to the register database. */
  db: OpenedDb;
  proxy: Proxy | null;
  tokens: { maria: string; juan: string };
}

let registersMade = 0;
function register(url: string | null, proxy: Proxy | null = null): Register {
  // The engine clock at real time: outbox rows are due when written, as in the app.
  const h = harness({ start: new Date().toISOString() });
  const db = openDatabase(path.join(h.dir, DB_FILE));
  open.push({ h, worker: db, proxy });
  // Every test's register is a fresh install of POS001/POS002 delivering to the same HQ, which keeps one session per
  // (branch, register, session number): start each one's numbering where the previous ones cannot reach.
  registersMade += 1;
  for (const code of ['POS001', 'POS002']) {
    for (const day of [-1, 0, 1]) {
      const date = localDate(new Date(Date.now() + day * 86_400_000), 'America/La_Paz');
      db.db.insert(schema.counters).values({ scope: `session:${h.registerId(code)}:${date}`, value: registersMade * 100 }).run();
    }
  }
  const set = (key: string, value: string) => db.db.insert(schema.settings).values({ key, value }).onConflictDoUpdate({ target: schema.settings.key, set: { value } }).run();
  if (url) set(SETTING_HQ_URL, url);
  for (const [code, key] of Object.entries(keys)) set(settingKeyFor(code), key);
  return { h, db, proxy, tokens: { maria: h.login('maria'), juan: h.login('juan') } };
}

/** Opens a session on `registerCode`, makes `sales` cash sales (and a card sale), closes it with an exact count. */
function closedSession(r: Register, registerCode: 'POS001' | 'POS002', sales: number, who: 'maria' | 'juan' = 'maria'): string {
  const token = r.tokens[who];
  const session = r.h.ok('cash.open', { registerId: r.h.registerId(registerCode), openingAmount: 10_000 }, token).session;
  const products = r.h.productIds();
  for (let i = 0; i < sales; i++) {
    const p = products[i % products.length];
    if (!p) throw new Error('no products');
    r.h.ok('sales.create', { lines: [{ productId: p.id, quantity: 1 + (i % 3) }], payments: [{ method: 'CASH', amount: p.price * (1 + (i % 3)) }] }, token);
  }
  const p = products[0];
  if (p) r.h.ok('sales.create', { lines: [{ productId: p.id, quantity: 1 }], payments: [{ method: 'DEBIT_CARD', amount: p.price }] }, token);
  const expected = checkSession(r.h.engine.store.db, session.id).expectedCash;
  r.h.ok('cash.close', { count: { denominations: bobCount(expected) } }, token);
  return session.id;
}

const FAST: SyncOptions = { baseMs: 2, capMs: 10, timeoutMs: 1_000, random: () => 0.5 };

/** Runs passes until the outbox is empty (or `maxPasses`), sleeping through the (tiny) backoffs. */
async function drain(r: Register, options: SyncOptions = {}, maxPasses = 50): Promise<SyncPass[]> {
  const passes: SyncPass[] = [];
  for (let i = 0; i < maxPasses; i++) {
    const pass = await syncOnce(r.db.db, { ...FAST, ...options });
    passes.push(pass);
    if (pass.state === 'IDLE' || pass.state === 'NOT_CONFIGURED') return passes;
    if (pass.state === 'BACKING_OFF' && pass.nextAttemptAt) await new Promise((res) => setTimeout(res, Math.min(50, Math.max(0, Date.parse(pass.nextAttemptAt ?? '') - Date.now()))));
  }
  throw new Error(`outbox did not drain: ${JSON.stringify(passes.slice(-3))}`);
}

const outbox = (r: Register) => r.db.db.select().from(schema.outbox).orderBy(schema.outbox.id).all();
const sealedSessions = (r: Register) =>
  r.db.db
    .select({ id: schema.sessions.id })
    .from(schema.sessions)
    .all()
    .map((s) => s.id)
    .filter((id) => {
      const st = r.db.db.select({ status: schema.sessions.status }).from(schema.sessions).where(eq(schema.sessions.id, id)).get()?.status;
      return st === 'CLOSED' || st === 'TRANSFERRED';
    });

/** Every sealed session of the register: SENT, at HQ exactly once, and byte-for-byte the register's ledger. */
async function expectExactlyOnceAtHq(r: Register): Promise<void> {
  const ids = sealedSessions(r);
  expect(ids.length).toBeGreaterThan(0);
  const listed = (await hqGet<{ sessions: { sessionId: string; hqSequence: number }[] }>('/v1/sessions?limit=1000')).json.sessions;
  for (const id of ids) {
    expect(listed.filter((s) => s.sessionId === id)).toHaveLength(1);
    const { status, json } = await hqGet<{ bundle: SessionBundle }>(`/v1/sessions/${id}`);
    expect(status).toBe(200);
    expect(canonicalEntries(json.bundle.entries)).toBe(canonicalEntries(ledgerOf(r.db.db, id)));
  }
  const rows = outbox(r);
  expect(rows.map((o) => o.sessionId).sort()).toEqual([...ids].sort());
  expect(rows.every((o) => o.status === 'SENT')).toBe(true);
  for (const o of rows) {
    const receipt = JSON.parse(o.receipt ?? 'null') as Receipt;
    expect(receipt.sessionId).toBe(o.sessionId);
    expect(listed.find((s) => s.sessionId === o.sessionId)?.hqSequence).toBe(receipt.hqSequence);
  }
}

// ---------------------------------------------------------------------------------------------------------------

describe('backoff', () => {
  it('is full jitter under a capped exponential ceiling', () => {
    expect(backoffDelay(1, 1000, 300_000, () => 0.999)).toBe(999);
    expect(backoffDelay(4, 1000, 300_000, () => 0.5)).toBe(4000);
    expect(backoffDelay(30, 1000, 300_000, () => 0.999)).toBe(299_700);
    expect(backoffDelay(10_000, 1000, 300_000, () => 0)).toBe(0);
  });
});

describe('sync worker against a real HQ', () => {
  it('with no HQ configured the outbox simply waits', async () => {
    const r = register(null);
    closedSession(r, 'POS001', 2);
    const calls: string[] = [];
    const pass = await syncOnce(r.db.db, { ...FAST, post: (u, b, h, t) => (calls.push(u), fetchPost(u, b, h, t)) });
    expect(pass.state).toBe('NOT_CONFIGURED');
    expect(calls).toHaveLength(0);
    expect(syncStatus(r.db.db)).toMatchObject({ configured: false, pending: 1, sent: 0, rejected: 0, lastSuccessAt: null, lastError: null });
  });

  it('delivers several closed and transferred sessions in outbox order, each exactly once', async () => {
    const r = register(hq.url);
    closedSession(r, 'POS001', 3);
    closedSession(r, 'POS002', 1, 'juan');
    closedSession(r, 'POS001', 5);
    // A handover: the outgoing session is TRANSFERRED and goes to HQ as well.
    const s = r.h.ok('cash.open', { registerId: r.h.registerId('POS002'), openingAmount: 5000 }, r.tokens.maria).session;
    const g = r.h.ok('auth.verifySupervisor', { pin: '5555', permission: 'cash:open', username: 'juan' }, r.tokens.maria).grantId;
    r.h.ok('cash.transfer', { toUserId: r.h.userId('juan'), count: { denominations: bobCount(5000) }, incomingGrantId: g }, r.tokens.maria);
    expect(syncStatus(r.db.db)).toMatchObject({ configured: true, pending: 4, sent: 0 });

    await drain(r);
    await expectExactlyOnceAtHq(r);
    const seqs = outbox(r).map((o) => (JSON.parse(o.receipt ?? '{}') as Receipt).hqSequence);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(outbox(r).find((o) => o.sessionId === s.id)?.status).toBe('SENT');
    const status = syncStatus(r.db.db);
    expect(status).toMatchObject({ pending: 0, sent: 4, rejected: 0, lastError: null, nextAttemptAt: null });
    expect(status.lastSuccessAt).not.toBeNull();
    expect(syncEntries(r.db.db).map((e) => e.status)).toEqual(['SENT', 'SENT', 'SENT', 'SENT']);
    expect(syncEntries(r.db.db)[0]?.hqSequence).toBe(seqs[3]);
  });

  it('HQ down for a while, then up: backs off, keeps the error and the schedule in the row, then delivers', async () => {
    const r = register(hq.url);
    closedSession(r, 'POS001', 2);
    closedSession(r, 'POS001', 1);
    await stopHq();
    try {
      const now = new Date();
      const slow: SyncOptions = { ...FAST, baseMs: 60_000, capMs: 300_000, now: () => now };
      const first = await syncOnce(r.db.db, slow);
      expect(first).toMatchObject({ state: 'BACKING_OFF', failed: 1, sent: 0 });
      const head = outbox(r)[0];
      expect(head).toMatchObject({ status: 'PENDING', attempts: 1, nextAttemptAt: new Date(now.getTime() + 30_000).toISOString() });
      expect(head?.lastError).toMatch(/^NETWORK: ECONNREFUSED/);
      // Not due yet: a pass does nothing, the row behind it waits too (delivery is in order).
      const calls: string[] = [];
      const again = await syncOnce(r.db.db, { ...slow, post: (u, b, h, t) => (calls.push(u), fetchPost(u, b, h, t)) });
      expect(again.state).toBe('BACKING_OFF');
      expect(calls).toHaveLength(0);
      expect(syncStatus(r.db.db)).toMatchObject({ pending: 2, lastError: { sessionId: head?.sessionId, attempts: 1 }, nextAttemptAt: head?.nextAttemptAt });
      // The schedule survives a restart of the worker (a new connection sees the same row).
      r.db.close();
      r.db = openDatabase(path.join(r.h.dir, DB_FILE));
      open[open.length - 1] = { h: r.h, worker: r.db, proxy: null };
      expect(outbox(r)[0]).toMatchObject({ attempts: 1, nextAttemptAt: head?.nextAttemptAt });
      // sync.now makes it due; it fails again (still down) and the attempt count grows.
      expect(syncNow(r.db.db, now)).toBe(2);
      await syncOnce(r.db.db, slow);
      expect(outbox(r)[0]?.attempts).toBe(2);
    } finally {
      hq = await startHq(hqPort);
    }
    syncNow(r.db.db);
    await drain(r);
    await expectExactlyOnceAtHq(r);
    expect(outbox(r)[0]?.attempts).toBe(3);
  });

  it('builds a session\'s bundle once: every retry, after a restart too, posts the bytes its first attempt stored', async () => {
    const r = register(hq.url);
    const id = closedSession(r, 'POS001', 3);
    const head = ledgerOf(r.db.db, id).at(-1)?.hash;
    const bodies: string[] = [];
    let failures = 2;
    const post: HttpPost = (u, b, h, t) => {
      bodies.push(b);
      return failures-- > 0 ? Promise.reject(new Error('network down')) : fetchPost(u, b, h, t);
    };
    expect((await syncOnce(r.db.db, { ...FAST, post })).state).toBe('BACKING_OFF');
    expect(outbox(r)[0]).toMatchObject({ status: 'PENDING', attempts: 1, bundle: bodies[0], chainHead: head });
    // Mark the stored copy (the same bundle in other bytes): a retry that rebuilt it would post the compact JSON again.
    const marked = JSON.stringify(JSON.parse(bodies[0] ?? 'null'), null, 1);
    expect(marked).not.toBe(bodies[0]);
    r.db.sqlite.prepare('UPDATE outbox SET bundle = ? WHERE session_id = ?').run(marked, id);
    // A restart of the worker (a new connection) in between: the stored copy is still what goes out.
    r.db.close();
    r.db = openDatabase(path.join(r.h.dir, DB_FILE));
    open[open.length - 1] = { h: r.h, worker: r.db, proxy: null };
    syncNow(r.db.db);
    await drain(r, { post });
    expect(bodies).toEqual([bodies[0], marked, marked]);
    // Delivered: the copy is dropped, the head kept.
    expect(outbox(r)[0]).toMatchObject({ status: 'SENT', attempts: 3, bundle: null, chainHead: head });
    await expectExactlyOnceAtHq(r);
  });

  it('HQ answering 500, then OK', async () => {
    const proxy = await startProxy();
    const r = register(proxy.url, proxy);
    closedSession(r, 'POS001', 2);
    proxy.faults.push('500', '500', '500');
    const passes = await drain(r);
    expect(passes.filter((p) => p.failed > 0)).toHaveLength(3);
    expect(proxy.seen).toBe(4);
    expect(outbox(r)[0]).toMatchObject({ status: 'SENT', attempts: 4, lastError: null });
    await expectExactlyOnceAtHq(r);
  });

  it('a slow HQ past the client timeout: the late-stored session is confirmed by the duplicate receipt', async () => {
    const proxy = await startProxy();
    proxy.delayMs = 600;
    const r = register(proxy.url, proxy);
    const id = closedSession(r, 'POS001', 3);
    proxy.faults.push('slow');
    const first = await syncOnce(r.db.db, { ...FAST, timeoutMs: 150 });
    expect(first.state).toBe('BACKING_OFF');
    expect(outbox(r)[0]?.lastError).toMatch(/^TIMEOUT/);
    // HQ did store it (the proxy only delayed the answer) ...
    await new Promise((res) => setTimeout(res, 100));
    expect((await hqGet(`/v1/sessions/${id}`)).status).toBe(200);
    // ... so the retry gets the original receipt, marked duplicate, and the register marks it SENT.
    await drain(r);
    const receipt = JSON.parse(outbox(r)[0]?.receipt ?? '{}') as Receipt;
    expect(receipt.duplicate).toBe(true);
    await expectExactlyOnceAtHq(r);
  });

  it('connection reset mid-request, before and after HQ stored the session', async () => {
    const proxy = await startProxy();
    const r = register(proxy.url, proxy);
    closedSession(r, 'POS001', 1);
    closedSession(r, 'POS001', 2);
    proxy.faults.push('reset-before', 'reset-after', 'reset-before', 'reset-after');
    const passes = await drain(r);
    expect(passes.reduce((a, p) => a + p.failed, 0)).toBe(4);
    // In order: the first session takes all four faults (HQ stored it at the second), the second goes through at once.
    expect(outbox(r).map((o) => o.attempts)).toEqual([5, 1]);
    expect(outbox(r).map((o) => (JSON.parse(o.receipt ?? '{}') as Receipt).duplicate)).toEqual([true, false]);
    await expectExactlyOnceAtHq(r);
  });

  it('the same session delivered twice and concurrently: one row at HQ, one original receipt', async () => {
    const r = register(hq.url);
    const id = closedSession(r, 'POS001', 4);
    const body = JSON.stringify(buildBundle(r.db.db, id));
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${keys['POS001'] ?? ''}`, 'idempotency-key': id };
    const replies = await Promise.all(Array.from({ length: 12 }, () => fetchPost(`${hq.url}/v1/sessions`, body, headers, 5000)));
    expect(replies.filter((x) => x.status === 201)).toHaveLength(1);
    expect(replies.filter((x) => x.status === 200)).toHaveLength(11);
    expect(new Set(replies.map((x) => (JSON.parse(x.body) as Receipt).hqSequence)).size).toBe(1);
    // Two workers (two connections) racing on the same outbox: both may send; HQ keeps one; the row ends SENT once.
    const second = openDatabase(path.join(r.h.dir, DB_FILE));
    try {
      const [a, b] = await Promise.all([syncOnce(r.db.db, FAST), syncOnce(second.db, FAST)]);
      expect((a?.sent ?? 0) + (b?.sent ?? 0)).toBeGreaterThanOrEqual(1);
    } finally {
      second.close();
    }
    // Delivered again later (e.g. the row reset by a restore from backup): still the original receipt.
    r.db.sqlite.prepare("UPDATE outbox SET status = 'PENDING', receipt = NULL WHERE session_id = ?").run(id);
    await drain(r);
    expect(JSON.parse(outbox(r)[0]?.receipt ?? '{}')).toMatchObject({ duplicate: true, hqSequence: (JSON.parse(replies[0]?.body ?? '{}') as Receipt).hqSequence });
    await expectExactlyOnceAtHq(r);
  });

  it('a tampered session (changed amount; removed entry) is rejected by HQ with the reason and never retried', async () => {
    const r = register(hq.url);
    const changedId = closedSession(r, 'POS001', 2);
    const removedId = closedSession(r, 'POS001', 3);
    const goodId = closedSession(r, 'POS002', 1, 'juan');
    const tamper = (body: string): string => {
      const b = JSON.parse(body) as { sessionId: string; entries: { seq: number; kind: string; payload: { total?: number } }[] };
      if (b.sessionId === changedId) {
        const sale = b.entries.find((e) => e.kind === 'SALE');
        if (sale) sale.payload.total = (sale.payload.total ?? 0) + 100;
      }
      if (b.sessionId === removedId) b.entries = b.entries.filter((e) => e.seq !== 3);
      return JSON.stringify(b);
    };
    const posts: string[] = [];
    const tampering: HttpPost = (u, body, h, t) => {
      posts.push((JSON.parse(body) as { sessionId: string }).sessionId);
      return fetchPost(u, tamper(body), h, t);
    };
    const pass = await syncOnce(r.db.db, { ...FAST, post: tampering });
    expect(pass).toMatchObject({ state: 'IDLE', rejected: 2, sent: 1 });
    const rows = outbox(r);
    expect(rows.map((o) => o.status)).toEqual(['REJECTED', 'REJECTED', 'SENT']);
    expect(rows[0]?.lastError).toMatch(/^HTTP 422 BAD_HASH/);
    expect(rows[1]?.lastError).toMatch(/^HTTP 422 SEQUENCE_GAP/);
    // Never retried automatically, not even by sync.now.
    syncNow(r.db.db);
    await syncOnce(r.db.db, { ...FAST, post: tampering });
    expect(posts).toEqual([changedId, removedId, goodId]);
    expect(syncStatus(r.db.db)).toMatchObject({ pending: 0, sent: 1, rejected: 2 });
    // HQ kept both for review with their reasons, and stored neither as good.
    const rejected = (await hqGet<{ rejected: { sessionId: string; reason: string }[] }>('/v1/rejected?limit=1000')).json.rejected;
    expect(rejected.filter((x) => x.sessionId === changedId).map((x) => x.reason)).toEqual(['BAD_HASH']);
    expect(rejected.filter((x) => x.sessionId === removedId).map((x) => x.reason)).toEqual(['SEQUENCE_GAP']);
    expect((await hqGet(`/v1/sessions/${changedId}`)).status).toBe(404);
    expect((await hqGet(`/v1/sessions/${removedId}`)).status).toBe(404);
    expect((await hqGet(`/v1/sessions/${goodId}`)).status).toBe(200);
  });

  it('a register key cannot deliver another register’s session: retried (configuration), never stored', async () => {
    const r = register(hq.url);
    closedSession(r, 'POS001', 1);
    r.db.db.update(schema.settings).set({ value: keys['POS002'] ?? '' }).where(eq(schema.settings.key, settingKeyFor('POS001'))).run();
    const pass = await syncOnce(r.db.db, FAST);
    expect(pass.state).toBe('BACKING_OFF');
    expect(outbox(r)[0]?.lastError).toMatch(/^HTTP 403 WRONG_REGISTER/);
    r.db.db.update(schema.settings).set({ value: keys['POS001'] ?? '' }).where(eq(schema.settings.key, settingKeyFor('POS001'))).run();
    await drain(r);
    await expectExactlyOnceAtHq(r);
  });

  it('the register killed mid-send and restarted: the session is at HQ once and the row ends SENT', async () => {
    const proxy = await startProxy();
    const r = register(proxy.url, proxy);
    closedSession(r, 'POS001', 2);
    closedSession(r, 'POS002', 1, 'juan');
    proxy.faults.push('hold-after');
    const file = path.join(r.h.dir, DB_FILE);
    const run = () => spawn(process.execPath, ['--import', 'tsx', path.join(HERE, 'sync-child.ts'), file, '2', '5000'], { cwd: ROOT });
    const victim = run();
    await proxy.held; // HQ has stored the first session; its answer never reaches the worker
    const killed = new Promise((res) => victim.once('exit', res));
    victim.kill('SIGKILL');
    await killed;
    expect(outbox(r).map((o) => o.status)).toEqual(['PENDING', 'PENDING']);
    const survivor = run();
    try {
      await new Promise<void>((resolve, reject) => {
        const t = setInterval(() => {
          if (outbox(r).every((o) => o.status === 'SENT')) {
            clearInterval(t);
            resolve();
          }
        }, 20);
        survivor.once('exit', (code) => reject(new Error(`sync child exited ${code}`)));
      });
    } finally {
      const exited = new Promise((res) => survivor.once('exit', res));
      survivor.kill('SIGTERM');
      await exited;
    }
    expect((JSON.parse(outbox(r)[0]?.receipt ?? '{}') as Receipt).duplicate).toBe(true);
    await expectExactlyOnceAtHq(r);
  });

  it('runs in a worker_thread with its own connection; sync.now wakes it', async () => {
    const r = register(null);
    closedSession(r, 'POS001', 1);
    const messages: SyncWorkerMessage[] = [];
    let onPass: (() => void) | null = null;
    const handle = startSyncWorker(path.join(r.h.dir, DB_FILE), {
      // Development bootstrap: register tsx in the thread, then load the TypeScript entry.
      script: `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(path.join(HERE, 'thread.ts')).href)}); });`,
      eval: true,
      baseMs: 2,
      capMs: 10,
      timeoutMs: 2000,
      idleMs: 60_000, // sleeps a minute unless woken
      onMessage: (m) => {
        messages.push(m);
        if (m.type === 'pass') onPass?.();
      },
    });
    try {
      const nextPass = () => new Promise<void>((res) => (onPass = res));
      await nextPass();
      expect(messages.at(-1)).toMatchObject({ type: 'pass', pass: { state: 'NOT_CONFIGURED' }, status: { pending: 1 } });
      r.db.db.insert(schema.settings).values({ key: SETTING_HQ_URL, value: hq.url }).run();
      const woke = nextPass();
      syncNow(r.db.db);
      handle.now();
      await woke;
      expect(messages.at(-1)).toMatchObject({ type: 'pass', pass: { state: 'IDLE', sent: 1 }, status: { pending: 0, sent: 1 } });
    } finally {
      await handle.stop();
    }
    expect(messages.at(-1)).toEqual({ type: 'stopped' });
    await expectExactlyOnceAtHq(r);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Live streaming (issue 12): entries of open sessions reach HQ as they commit, exactly once per (session, seq), through
// the same faults; the anchor (HQ's acknowledged head) makes a rewrite of what HQ saw a refused stream and a refused close.

/** Opens a session on POS001 and makes `sales` cash sales; the session stays open. */
function openSession(r: Register, sales: number): string {
  const session = r.h.ok('cash.open', { registerId: r.h.registerId('POS001'), openingAmount: 10_000 }, r.tokens.maria).session;
  sell(r, sales);
  return session.id;
}
function sell(r: Register, sales: number): void {
  const products = r.h.productIds();
  for (let i = 0; i < sales; i++) {
    const p = products[i % products.length];
    if (!p) throw new Error('no products');
    r.h.ok('sales.create', { lines: [{ productId: p.id, quantity: 1 }], payments: [{ method: 'CASH', amount: p.price }] }, r.tokens.maria);
  }
}
function closeOpen(r: Register, id: string): void {
  r.h.ok('cash.close', { count: { denominations: bobCount(checkSession(r.h.engine.store.db, id).expectedCash) } }, r.tokens.maria);
}
const STREAM_FAST = { ...FAST, batchEntries: 2 };

/** Streaming passes until every open session is acknowledged to its head (sleeping through the tiny backoffs). */
async function streamDrain(r: Register, options: Parameters<typeof streamOnce>[1] = {}, maxPasses = 60): Promise<SyncPass[]> {
  const passes: SyncPass[] = [];
  for (let i = 0; i < maxPasses; i++) {
    const pass = await streamOnce(r.db.db, { ...STREAM_FAST, ...options });
    passes.push(pass);
    if (pass.state === 'IDLE' || pass.state === 'NOT_CONFIGURED') return passes;
    if (pass.state === 'BACKING_OFF') await new Promise((res) => setTimeout(res, Math.min(50, Math.max(0, Date.parse(pass.nextAttemptAt ?? '') - Date.now()))));
  }
  throw new Error(`stream did not drain: ${JSON.stringify(passes.slice(-3))}`);
}

/** HQ holds the session's streamed entries once each, seq 1.. in order, byte-for-byte the register's. */
async function expectStreamedAtHq(r: Register, id: string, count: number): Promise<void> {
  const { json } = await hqGet<{ entries: LedgerEntry[] }>(`/v1/entries?session=${id}`);
  expect(json.entries.map((e) => e.seq)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
  expect(canonicalEntries(json.entries)).toBe(canonicalEntries(ledgerOf(r.db.db, id).slice(0, count)));
  expect(anchorOf(r.db.db, id)).toMatchObject({ ackedSeq: count, ackedHash: json.entries.at(-1)?.hash, status: 'STREAMING' });
}

/** Rewrites entry `seq` of an open session in the register's file (another time), rehashing it and every later entry. */
function rewriteLedger(r: Register, id: string, seq: number): void {
  const raw = r.db.sqlite;
  raw.exec('DROP TRIGGER ledger_entries_no_update');
  const rows = ledgerOf(r.db.db, id);
  let prev = rows[seq - 2]?.hash ?? '0'.repeat(64);
  const update = raw.prepare('UPDATE ledger_entries SET at = ?, prev_hash = ?, hash = ? WHERE session_id = ? AND seq = ?');
  for (const e of rows.filter((x) => x.seq >= seq)) {
    const at = e.seq === seq ? new Date(Date.parse(e.at) + 1).toISOString() : e.at;
    const hash = entryHash(sha256Hex, { ...e, at, prevHash: prev }, canonicalJson(e.payload as Canonical));
    update.run(at, prev, hash, id, e.seq);
    prev = hash;
  }
  raw.prepare('UPDATE sessions SET chain_head = ? WHERE id = ?').run(prev, id);
  raw.exec("CREATE TRIGGER `ledger_entries_no_update` BEFORE UPDATE ON `ledger_entries` BEGIN SELECT RAISE(ABORT, 'LEDGER_APPEND_ONLY: ledger_entries rows are never updated'); END;");
}

async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((res) => s.listen(0, '127.0.0.1', () => res()));
  const port = (s.address() as AddressInfo).port;
  await new Promise((res) => s.close(res));
  return port;
}

describe('live streaming against a real HQ', () => {
  it('HQ down, 500s, slow past the timeout, resets before and after the store: every entry once, then the close verifies', async () => {
    const proxy = await startProxy();
    const r = register(`http://127.0.0.1:${await freePort()}`, proxy);
    const id = openSession(r, 7);
    // HQ down: the stream backs off with the error kept in its anchor row; nothing is acknowledged.
    const down = await streamOnce(r.db.db, STREAM_FAST);
    expect(down).toMatchObject({ state: 'BACKING_OFF', failed: 1 });
    expect(anchorOf(r.db.db, id)).toMatchObject({ ackedSeq: 0, lastError: expect.stringMatching(/^NETWORK/) as unknown });
    r.db.db.update(schema.settings).set({ value: proxy.url }).where(eq(schema.settings.key, SETTING_HQ_URL)).run();
    proxy.delayMs = 1_500; // past FAST's 1 s client timeout
    proxy.faults.push('500', 'reset-before', 'reset-after', 'slow', 'pass', '500', 'reset-after');
    await streamDrain(r);
    expect(proxy.faults).toEqual([]); // every fault was met
    const head = ledgerOf(r.db.db, id).length;
    expect(head).toBe(8); // opened + 7 sales
    await expectStreamedAtHq(r, id, head);
    // More sales, more faults: the stream goes on from the anchor.
    sell(r, 3);
    proxy.faults.push('reset-after', 'slow');
    await streamDrain(r);
    expect(proxy.faults).toEqual([]);
    await expectStreamedAtHq(r, id, head + 3);
    // Everything acknowledged: the register reported no backlog.
    const regs = (await hqGet<{ registers: { registerCode: string; backlog: { entries: number } | null; open: { sessionId: string }[] }[] }>('/v1/stream/registers')).json.registers;
    expect(regs.find((x) => x.open.some((o) => o.sessionId === id))?.backlog?.entries).toBe(0);
    // The close goes whole through the outbox and verifies against the acknowledged prefix.
    closeOpen(r, id);
    await drain(r);
    await expectExactlyOnceAtHq(r);
  });

  it('the register SIGKILLed mid-batch and restarted: every entry at HQ once, byte-for-byte, and the close verifies', async () => {
    const proxy = await startProxy();
    const r = register(proxy.url, proxy);
    const id = openSession(r, 9);
    proxy.faults.push('pass', 'hold-after'); // the second batch is stored at HQ, its answer never arrives
    const file = path.join(r.h.dir, DB_FILE);
    const run = () => spawn(process.execPath, ['--import', 'tsx', path.join(HERE, 'sync-child.ts'), file, '2', '5000', '3'], { cwd: ROOT });
    const victim = run();
    await proxy.held;
    const killed = new Promise((res) => victim.once('exit', res));
    victim.kill('SIGKILL');
    await killed;
    expect(anchorOf(r.db.db, id)?.ackedSeq).toBe(3); // the first batch only: the second's answer was lost
    const survivor = run();
    try {
      await new Promise<void>((resolve, reject) => {
        const t = setInterval(() => {
          if (anchorOf(r.db.db, id)?.ackedSeq === 10) {
            clearInterval(t);
            resolve();
          }
        }, 20);
        survivor.once('exit', (code) => reject(new Error(`sync child exited ${code}`)));
      });
      await expectStreamedAtHq(r, id, 10);
      closeOpen(r, id);
      await new Promise<void>((resolve) => {
        const t = setInterval(() => {
          if (outbox(r).every((o) => o.status === 'SENT')) {
            clearInterval(t);
            resolve();
          }
        }, 20);
      });
    } finally {
      const exited = new Promise((res) => survivor.once('exit', res));
      survivor.kill('SIGTERM');
      await exited;
    }
    await expectExactlyOnceAtHq(r);
  });

  it('an acknowledged entry rewritten in the register file (rest rehashed): the next batch and the close are refused as tampering', async () => {
    const r = register(hq.url);
    const id = openSession(r, 4);
    await streamDrain(r);
    await expectStreamedAtHq(r, id, 5);
    const original = ledgerOf(r.db.db, id)[2];
    rewriteLedger(r, id, 3);
    sell(r, 1);
    const refused = await streamOnce(r.db.db, STREAM_FAST);
    expect(refused).toMatchObject({ rejected: 1 });
    expect(anchorOf(r.db.db, id)).toMatchObject({ status: 'REFUSED', ackedSeq: 5, lastError: expect.stringMatching(/^HTTP 409 CHAIN_REWRITTEN/) as unknown });
    // Never retried automatically.
    expect(await streamOnce(r.db.db, STREAM_FAST)).toMatchObject({ state: 'IDLE', sent: 0 });
    closeOpen(r, id);
    await drain(r);
    expect(outbox(r)[0]).toMatchObject({ status: 'REJECTED', lastError: expect.stringMatching(/^HTTP 409 CHAIN_REWRITTEN/) as unknown });
    expect((await hqGet(`/v1/sessions/${id}`)).status).toBe(404);
    const tampering = (await hqGet<{ tampering: { sessionId: string; via: string; seq: number; storedEntry: string; receivedEntry: string }[] }>('/v1/stream/tampering?limit=100')).json.tampering.filter(
      (t) => t.sessionId === id,
    );
    expect(tampering.map((t) => [t.via, t.seq])).toEqual([
      ['BATCH', 5],
      ['SEAL', 3],
    ]);
    expect(tampering[1]?.storedEntry).toBe(canonicalJson(original as unknown as Canonical));
    expect(tampering[1]?.receivedEntry).toBe(canonicalJson(ledgerOf(r.db.db, id)[2] as unknown as Canonical));
  });

  it('a rewrite of entries HQ has not seen yet is accepted, as documented (anchors cover only what HQ acknowledged)', async () => {
    const r = register(hq.url);
    const id = openSession(r, 2);
    await streamDrain(r);
    sell(r, 3);
    rewriteLedger(r, id, 4); // entries 4..6 never reached HQ
    await streamDrain(r);
    await expectStreamedAtHq(r, id, 6);
    closeOpen(r, id);
    await drain(r);
    await expectExactlyOnceAtHq(r);
  });
});
