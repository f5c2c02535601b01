// A bulk job killed midway (SIGKILL of its process, electron/bulk-crash-child.ts) leaves a consistent store, and
// running it again finishes it: products.import leaves exactly the first `done` rows of the file, each product whole,
// its record INTERRUPTED with that count, and the same file imported again completes it without a second stock
// movement; the catalog pull leaves a version that covers exactly the products that are in, and the next pull goes on
// from there to HQ's head. Kills happen after the child reported a few committed chunks (events, not timings).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { masterProgress, openDatabase } from '../db';
import { MemorySecretStore, openEngine } from '../engine';
import { pullMaster } from '../engine/master-sync';
import { hqKeyName } from '../engine/secrets';
import { UNLIMITED_PIN_RATE } from '../engine/testkit';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const PIN_COST = { N: 1024, r: 8, p: 1 };
const ADMIN_KEY = `hq_adm_${randomBytes(24).toString('base64url')}`;
const cleanups: (() => Promise<void> | void)[] = [];
const dataOf = <T>(r: { ok: boolean; data?: unknown; error?: unknown }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.data as T;
};
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Runs the child until it has reported `chunks` committed chunks, then kills it with SIGKILL; returns what it said. */
function killAfterChunks(args: readonly string[], env: NodeJS.ProcessEnv, chunks: number): Promise<{ lines: string[]; killed: boolean }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(HERE, 'bulk-crash-child.ts'), ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const parts = buf.split('\n');
      buf = parts.pop() ?? '';
      lines.push(...parts);
      if (lines.filter((l) => l.startsWith('chunk ')).length >= chunks && child.exitCode === null) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve({ lines, killed: true }) : code === 0 ? resolve({ lines, killed: false }) : reject(new Error(`child exited ${code}: ${stderr.slice(-2000)}`))));
  });
}

describe('a bulk job killed midway', () => {
  it('products.import: the first rows are in, each whole, the record says INTERRUPTED with their count, and the same file finishes it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'arqueo-bulk-crash-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    openEngine(dir, { demo: true, pinCost: PIN_COST }).engine.close();
    const TOTAL = 3000;
    const rows = ['sku,name,price,barcode,stock'];
    for (let i = 0; i < TOTAL; i++) rows.push(`CR-${String(i).padStart(5, '0')},Caído ${i},${1 + (i % 30)}.00,${String(8100000000000 + i)},${1 + (i % 9)}`);
    const csv = rows.join('\n');
    const csvFile = path.join(dir, 'catalogo.csv');
    writeFileSync(csvFile, csv);

    const run = await killAfterChunks(['import', dir, csvFile], {}, 5);
    expect(run.killed).toBe(true);

    const { engine } = openEngine(dir, { pinCost: PIN_COST, pinRate: UNLIMITED_PIN_RATE });
    try {
      const db = engine.store.sqlite;
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const manager = dataOf<{ token: string }>(engine.dispatch('auth.login', { username: 'gerente', pin: '2222' }, null)).token;
      const status = dataOf<{ import: { status: string; done: number; total: number } }>(engine.dispatch('products.importStatus', {}, manager)).import;
      expect(status.status).toBe('INTERRUPTED');
      expect(status.total).toBe(TOTAL);
      expect(status.done).toBeGreaterThan(0);
      expect(status.done).toBeLessThan(TOTAL);
      // Exactly the first `done` rows of the file, each with its barcode and its stock as the sum of its movements.
      const skus = (db.prepare("SELECT sku FROM products WHERE sku LIKE 'CR-%' ORDER BY sku").all() as { sku: string }[]).map((r) => r.sku);
      expect(skus).toEqual(Array.from({ length: status.done }, (_, i) => `CR-${String(i).padStart(5, '0')}`));
      expect(db.prepare("SELECT count(*) AS n FROM products p JOIN product_barcodes b ON b.product_id = p.id WHERE p.sku LIKE 'CR-%'").get()).toEqual({ n: status.done });
      expect(db.prepare("SELECT count(*) AS n FROM products p WHERE p.sku LIKE 'CR-%' AND p.stock <> (SELECT coalesce(sum(delta), 0) FROM stock_movements m WHERE m.product_id = p.id)").get()).toEqual({ n: 0 });

      const again = engine.dispatch('products.import', { csv }, manager);
      expect(dataOf(again)).toMatchObject({ created: TOTAL - status.done, updated: status.done });
      expect(dataOf<{ import: { status: string } }>(engine.dispatch('products.importStatus', {}, manager)).import.status).toBe('DONE');
      expect(db.prepare("SELECT count(*) AS n FROM products WHERE sku LIKE 'CR-%'").get()).toEqual({ n: TOTAL });
      // The rows that were already in got no second movement: one IMPORT movement per product, at the file's level.
      expect(db.prepare("SELECT count(*) AS n FROM stock_movements m JOIN products p ON p.id = m.product_id WHERE p.sku LIKE 'CR-%'").get()).toEqual({ n: TOTAL });
      expect(db.prepare("SELECT count(*) AS n FROM products WHERE sku LIKE 'CR-%' AND stock <> (1 + (CAST(substr(sku, 4) AS INTEGER) % 9)) * 1000").get()).toEqual({ n: 0 });
    } finally {
      engine.close();
    }
  });

  it('the catalog pull: the version covers exactly the products that are in, and the next pull reaches the head', async () => {
    const hqDir = mkdtempSync(path.join(tmpdir(), 'arqueo-bulk-crash-hq-'));
    const env: NodeJS.ProcessEnv = { ...process.env, HQ_ADMIN_KEY: ADMIN_KEY, HQ_RATE_BURST: '0' };
    delete env['DATABASE_URL'];
    delete env['HQ_DATA_DIR'];
    const hq = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'hq', 'cli.ts'), '--port', '0', '--data-dir', hqDir], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
    cleanups.push(async () => {
      if (hq.exitCode === null) {
        hq.kill('SIGTERM');
        await new Promise((r) => hq.once('exit', r));
      }
      rmSync(hqDir, { recursive: true, force: true });
    });
    const url = await new Promise<string>((resolve, reject) => {
      let buf = '';
      hq.stdout.on('data', (d: Buffer) => {
        buf += d.toString();
        const m = /HQ listening on (\S+)/.exec(buf);
        if (m?.[1]) resolve(m[1]);
      });
      hq.on('exit', (code) => reject(new Error(`hq exited ${code}`)));
    });
    const admin = async (p: string, body: unknown, type = 'application/json'): Promise<Record<string, unknown>> => {
      const res = await fetch(`${url}${p}`, { method: 'POST', headers: { 'content-type': type, authorization: `Bearer ${ADMIN_KEY}` }, body: typeof body === 'string' ? body : JSON.stringify(body) });
      const json = (await res.json()) as Record<string, unknown>;
      if (res.status >= 300) throw new Error(`${p}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    await admin('/v1/admin/branches', { code: 'SUC001', name: 'Centro', timeZone: 'America/La_Paz', currency: 'BOB', defaultTaxRateBp: 1300 });
    const code = (await admin('/v1/admin/registers', { branchCode: 'SUC001', code: 'POS001', name: 'Caja 1' }))['code'] as string;
    await admin('/v1/admin/users', { branchCode: 'SUC001', username: 'cajero', name: 'Cajero', role: 'CASHIER', pin: '4826' });
    await admin('/v1/admin/products', { sku: 'AGUA', name: 'Agua', price: 500, barcodes: ['7770000000001'], taxRateBp: 1300 });

    const dir = mkdtempSync(path.join(tmpdir(), 'arqueo-bulk-crash-reg-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const secrets = new MemorySecretStore();
    const { engine } = openEngine(dir, { secrets, pinCost: PIN_COST });
    const enrolled = await engine.invoke('setup.enroll', { hqUrl: url, code }, null);
    expect(enrolled.ok, JSON.stringify(enrolled)).toBe(true);
    const key = secrets.get(hqKeyName('POS001'));
    const before = masterProgress(engine.store.db);
    engine.close();
    const TOTAL = 2500;
    const rows = ['sku,name,price,barcode'];
    for (let i = 0; i < TOTAL; i++) rows.push(`PC-${i},Producto ${i},${1 + (i % 40)}.00,${String(7900000000000 + i)}`);
    await admin('/v1/admin/products/import?currency=BOB', rows.join('\n'), 'text/csv');

    const run = await killAfterChunks(['pull', dir], { ARQUEO_HQ_KEY: key ?? '' }, 5);
    expect(run.killed).toBe(true);

    const store = openDatabase(path.join(dir, 'arqueo.db'));
    try {
      expect(store.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      const cut = masterProgress(store.db);
      const products = (store.sqlite.prepare('SELECT count(*) AS n FROM products').get() as { n: number }).n;
      expect(cut.version).toBeGreaterThan(before.version);
      expect(cut.version).toBeLessThan(before.version + TOTAL);
      // Every change after `before` is one product: the version covers exactly those in, never one more or less.
      expect(products).toBe(1 + (cut.version - before.version));
      const resumed = await pullMaster(store, { keyFor: () => key });
      expect(resumed.ok && resumed.value).toMatchObject({ complete: true, applied: before.version + TOTAL - cut.version });
      expect(store.sqlite.prepare('SELECT count(*) AS n FROM products').get()).toEqual({ n: 1 + TOTAL });
    } finally {
      store.close();
    }
  });
});
