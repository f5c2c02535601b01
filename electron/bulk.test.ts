// Bulk work never blocks the counter (issue 14 item 4, issue 11 part 2): a sale sent over HTTP while products.import or
// a catalog pull from HQ (on loopback) is running commits between two of the job's chunks, on the same engine and
// thread. Proved by the order of events (chunk commits and command commits), never by timing. Also: the job's progress
// is readable meanwhile, a second import is refused, and the pull's recorded version always covers exactly the
// products that are in.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { masterProgress } from '../db';
import type { Engine } from '../engine';
import { MemorySecretStore, openEngine } from '../engine';
import type { ChunkReport } from '../engine/bulk';
import { UNLIMITED_PIN_RATE, bobCount } from '../engine/testkit';
import { createRpcServer, listen } from './serve';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ADMIN_KEY = `hq_adm_${randomBytes(24).toString('base64url')}`;

/** hq/cli.ts as its own process on loopback (SQLite in a temp folder); its admin API seeds it. */
async function startHq(): Promise<{ url: string; admin: (p: string, body: unknown, type?: string) => Promise<Record<string, unknown>> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'arqueo-bulk-hq-'));
  const env: NodeJS.ProcessEnv = { ...process.env, HQ_ADMIN_KEY: ADMIN_KEY, HQ_RATE_BURST: '0' };
  delete env['DATABASE_URL'];
  delete env['HQ_DATA_DIR'];
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'hq', 'cli.ts'), '--port', '0', '--data-dir', dir], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
  cleanups.push(async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dir, { recursive: true, force: true });
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /HQ listening on (\S+)/.exec(buf);
      if (m?.[1]) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`hq exited ${code}`)));
  });
  const admin = async (p: string, body: unknown, type = 'application/json'): Promise<Record<string, unknown>> => {
    const res = await fetch(`${url}${p}`, { method: 'POST', headers: { 'content-type': type, authorization: `Bearer ${ADMIN_KEY}` }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    const json = (await res.json()) as Record<string, unknown>;
    if (res.status >= 300) throw new Error(`${p}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  return { url, admin };
}

const PIN_COST = { N: 1024, r: 8, p: 1 };
type Reply = { ok: boolean; data?: Record<string, unknown>; error?: { code: string } };
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function register(demo: boolean, onChunk: (job: string, c: ChunkReport) => void): Promise<{ engine: Engine; rpc: (name: string, input: unknown, token?: string) => Promise<Reply>; dir: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'arqueo-bulk-'));
  // maxRows keeps every chunk small whatever the machine's speed, so the job surely has many chunks to interleave with.
  const { engine } = openEngine(dir, { demo, secrets: new MemorySecretStore(), pinCost: PIN_COST, pinRate: UNLIMITED_PIN_RATE, bulk: { maxRows: 40, onChunk } });
  const server: Server = createRpcServer(engine, { port: 0 });
  const port = await listen(server, 0);
  cleanups.push(() => {
    server.close();
    engine.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const rpc = async (name: string, input: unknown, token?: string): Promise<Reply> => {
    const res = await fetch(`http://127.0.0.1:${port}/rpc/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(input) });
    return (await res.json()) as Reply;
  };
  return { engine, rpc, dir };
}

async function openShift(rpc: (name: string, input: unknown, token?: string) => Promise<Reply>, username: string, pin: string, registerCode: string): Promise<string> {
  const login = await rpc('auth.login', { username, pin });
  expect(login.ok, JSON.stringify(login.error)).toBe(true);
  const token = login.data?.['token'] as string;
  const registers = (await rpc('registers.list', {}, token)).data?.['registers'] as { id: string; code: string }[];
  const opened = await rpc('cash.open', { registerId: registers.find((r) => r.code === registerCode)?.id, count: { denominations: bobCount(10000) } }, token);
  expect(opened.ok, JSON.stringify(opened.error)).toBe(true);
  return token;
}

async function productOf(rpc: (name: string, input: unknown, token?: string) => Promise<Reply>, token: string, sku: string): Promise<{ id: string; price: number }> {
  const found = (await rpc('products.list', { query: sku }, token)).data?.['products'] as { id: string; price: number; sku: string }[];
  const p = found.find((x) => x.sku === sku);
  if (!p) throw new Error(`no ${sku}`);
  return p;
}

const sale = (p: { id: string; price: number }) => ({ lines: [{ productId: p.id, quantity: 1 }], payments: [{ method: 'CASH', amount: p.price, tendered: p.price }] });

describe('a sale during a bulk job commits between two of its chunks', () => {
  it('products.import of 2,000 rows over HTTP: the sale, the progress read and the refused second import all land mid-import', async () => {
    const events: string[] = [];
    let onFirstChunk: (() => void) | null = null;
    const reg = await register(true, (job, c) => {
      events.push(`${job}#${c.chunk}`);
      if (c.chunk === 1) onFirstChunk?.();
    });
    reg.engine.afterCommit = (name) => events.push(`commit ${name}`);
    const cashier = await openShift(reg.rpc, 'maria', '4444', 'POS001');
    const manager = (await reg.rpc('auth.login', { username: 'gerente', pin: '2222' })).data?.['token'] as string;
    const water = await productOf(reg.rpc, cashier, 'SKU-001');
    const rows = ['sku,name,price,barcode,stock'];
    for (let i = 0; i < 2000; i++) rows.push(`IMP-${i},Importado ${i},${1 + (i % 50)}.50,${String(8000000000000 + i)},${i % 7}`);
    events.length = 0;

    let during: Promise<[Reply, Reply, Reply]> | null = null;
    onFirstChunk = () => {
      onFirstChunk = null;
      // Sent from inside the first chunk report of the import: none can be answered before that chunk committed.
      during = Promise.all([
        reg.rpc('sales.create', sale(water), cashier).then((r) => (events.push('sale answered'), r)),
        reg.rpc('products.importStatus', {}, manager),
        reg.rpc('products.import', { csv: 'sku,name,price\nX-1,Otro,1\n' }, manager),
      ]);
    };
    const imported = await reg.rpc('products.import', { csv: rows.join('\n') }, manager);
    expect(imported.ok, JSON.stringify(imported.error)).toBe(true);
    expect(imported.data).toMatchObject({ created: 2000, updated: 0, skipped: 0 });
    expect(during).not.toBeNull();
    const [sold, progress, second] = await (during as unknown as Promise<[Reply, Reply, Reply]>);

    expect(sold.ok, JSON.stringify(sold.error)).toBe(true);
    const chunks = events.filter((e) => e.startsWith('products.import#'));
    expect(chunks.length).toBeGreaterThanOrEqual(50); // 2,000 rows at most 40 a chunk
    const saleAt = events.indexOf('commit sales.create');
    // The sale committed after the first chunk and before the last: between two chunks of the running import.
    expect(saleAt).toBeGreaterThan(events.indexOf('products.import#1'));
    expect(saleAt).toBeLessThan(events.indexOf(`products.import#${chunks.length}`));
    expect(events.at(-1)).toBe('commit products.import');

    const mid = progress.data?.['import'] as { status: string; done: number; total: number };
    expect(mid.status).toBe('RUNNING');
    expect(mid.done).toBeGreaterThan(0);
    expect(mid.done).toBeLessThan(2000);
    expect(mid.total).toBe(2000);
    expect(second.error?.code).toBe('BULK_IN_PROGRESS');

    const after = (await reg.rpc('products.importStatus', {}, manager)).data?.['import'];
    expect(after).toMatchObject({ status: 'DONE', done: 2000, total: 2000, created: 2000 });
    // Each product whole: its barcode row and its stock movement (stock is the sum of its movements).
    const db = reg.engine.store.sqlite;
    expect(db.prepare("SELECT count(*) AS n FROM products p JOIN product_barcodes b ON b.product_id = p.id WHERE p.sku LIKE 'IMP-%'").get()).toEqual({ n: 2000 });
    expect(db.prepare("SELECT count(*) AS n FROM products p WHERE p.sku LIKE 'IMP-%' AND p.stock <> (SELECT coalesce(sum(delta), 0) FROM stock_movements m WHERE m.product_id = p.id)").get()).toEqual({ n: 0 });
    // The connection is back to durable commits after the job.
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('a catalog pull from HQ on loopback: the sale commits between chunks, and every chunk records exactly the version its products reach', async () => {
    const hq = await startHq();
    await hq.admin('/v1/admin/branches', { code: 'SUC001', name: 'Centro', timeZone: 'America/La_Paz', currency: 'BOB', defaultTaxRateBp: 1300 });
    const code = (await hq.admin('/v1/admin/registers', { branchCode: 'SUC001', code: 'POS001', name: 'Caja 1' }))['code'] as string;
    await hq.admin('/v1/admin/users', { branchCode: 'SUC001', username: 'cajero', name: 'Cajero', role: 'CASHIER', pin: '4826' });
    await hq.admin('/v1/admin/products', { sku: 'AGUA', name: 'Agua', price: 500, barcodes: ['7770000000001'], taxRateBp: 1300 });

    const events: string[] = [];
    const covered: { version: number; products: number }[] = [];
    let onFirstChunk: (() => void) | null = null;
    const reg = await register(false, (job, c) => {
      events.push(`${job}#${c.chunk}`);
      if (job !== 'sync.pull') return;
      covered.push({ version: masterProgress(reg.engine.store.db).version, products: (reg.engine.store.sqlite.prepare('SELECT count(*) AS n FROM products').get() as { n: number }).n });
      if (c.chunk === 1) onFirstChunk?.();
    });
    const enrolled = await reg.rpc('setup.enroll', { hqUrl: hq.url, code });
    expect(enrolled.ok, JSON.stringify(enrolled.error)).toBe(true);
    const cashier = await openShift(reg.rpc, 'cajero', '4826', 'POS001');
    const water = await productOf(reg.rpc, cashier, 'AGUA');
    const rows = ['sku,name,price,barcode'];
    for (let i = 0; i < 1500; i++) rows.push(`P-${i},Producto ${i},${1 + (i % 40)}.00,${String(7800000000000 + i)}`);
    await hq.admin('/v1/admin/products/import?currency=BOB', rows.join('\n'), 'text/csv');
    const before = masterProgress(reg.engine.store.db);
    events.length = 0;
    reg.engine.afterCommit = (name) => events.push(`commit ${name}`);

    let sold: Promise<Reply> | null = null;
    onFirstChunk = () => {
      onFirstChunk = null;
      sold = reg.rpc('sales.create', sale(water), cashier);
    };
    const pulled = await reg.rpc('sync.pull', {}, cashier);
    expect(pulled.ok, JSON.stringify(pulled.error)).toBe(true);
    expect(pulled.data).toMatchObject({ applied: 1500, complete: true });
    expect(sold).not.toBeNull();
    const soldReply = await (sold as unknown as Promise<Reply>);
    expect(soldReply.ok, JSON.stringify(soldReply.error)).toBe(true);

    const chunks = events.filter((e) => e.startsWith('sync.pull#'));
    expect(chunks.length).toBeGreaterThanOrEqual(38); // 1,500 changes at most 40 a chunk
    const saleAt = events.indexOf('commit sales.create');
    expect(saleAt).toBeGreaterThan(events.indexOf('sync.pull#1'));
    expect(saleAt).toBeLessThan(events.lastIndexOf(chunks.at(-1) ?? ''));
    // Every product change after `before` is one product: the version recorded with each chunk covers exactly the
    // products that chunk and the ones before it wrote, never more.
    for (const c of covered) expect(c.products).toBe(1 + (c.version - before.version));
    expect(covered.at(-1)?.version).toBe(before.version + 1500);
  });
});
