// The master-data pull benchmark (`npx tsx bench/pull.ts`). Not a test: it prints figures with their targets.
//
//   a. First pull: a register with an empty data folder enrolls at HQ (hq/cli.ts as its own process on 127.0.0.1,
//      SQLite) holding BENCH_PULL_PRODUCTS (100,000) products with a barcode each, plus a branch, registers and users;
//      time from `setup.enroll`'s start to its end (the whole catalog applied: HTTP pages of 1,000 changes, each applied
//      in short time-bounded chunks, engine/bulk.ts), with progress printed. Target ≤ 20 s.
//   b. A 100-change pull: HQ changes 100 prices (admin API); time of the register's `sync.pull`. Target ≤ 200 ms.
//   c. A sale's latency during a first pull: a second register enrolls in a worker thread (its own connection, as the
//      sync worker) while the main thread, as soon as the users and first products have arrived, signs in, opens a
//      session and sells one line paid in cash, a sale every 25 ms, until the pull ends; p50/p99/max of
//      `sales.create` (durable commit, waiting for the write lock when a chunk holds it). Target p99 ≤ 20 ms. Also the
//      write lock held per chunk (p50/p99/max) over both pulls, target ≤ 50 ms; and, for reference, the same sale's
//      p50/p99 with no pull running (what the machine gives at the moment of the run).
//
// Knobs: BENCH_PULL_PRODUCTS. Results: bench/out/pull.json.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Engine } from '../engine';
import { MemorySecretStore, openEngine } from '../engine';
import { enrollRegister } from '../engine/master-sync';
import type { PullProgress } from '../engine/master-sync';
import { bobCount } from '../engine/testkit';
import { addBranch, addRegister, addUser, importProducts, issueEnrollmentCode } from '../hq/master';
import { SqliteHqStore } from '../hq/sqlite-store';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const PRODUCTS = Number(process.env['BENCH_PULL_PRODUCTS'] ?? 100_000);
const TARGET = { firstPullMs: 20_000, smallPullMs: 200, saleP99Ms: 20, pageLockMs: 50 } as const;
const ADMIN_KEY = `hq_adm_${randomBytes(24).toString('base64url')}`;

const verdict = (value: number, target: number) => (value <= target ? 'PASS' : 'MISS');
const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

function ean13(first12: string): string {
  const sum = [...first12].reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return first12 + String((10 - (sum % 10)) % 10);
}

function startHq(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const env: NodeJS.ProcessEnv = { ...process.env, HQ_ADMIN_KEY: ADMIN_KEY, HQ_RATE_BURST: '0' };
  delete env['DATABASE_URL'];
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'hq', 'cli.ts'), '--port', '0', '--data-dir', dataDir], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /HQ listening on (\S+)/.exec(buf);
      if (m?.[1]) resolve({ url: m[1], child });
    });
    child.on('exit', (code) => reject(new Error(`hq exited ${code}`)));
  });
}

function call<T>(engine: Engine, name: string, input: unknown, token: string | null): T {
  const r = engine.dispatch(name, input, token);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.data as T;
}

function progressPrinter(label: string): (p: PullProgress) => void {
  let shown = -1;
  return (p) => {
    const tenth = p.head === 0 ? 10 : Math.floor((p.version / p.head) * 10);
    if (tenth !== shown) {
      shown = tenth;
      process.stdout.write(`  ${label}: ${p.version}/${p.head} (${tenth * 10} %)\n`);
    }
  };
}

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'arqueo-bench-pull-'));
  const hqDir = path.join(work, 'hq');
  // Seed HQ in this process, then serve it from its own.
  const seed = SqliteHqStore.inDir(hqDir);
  await addBranch(seed, { code: 'SUC001', name: 'Centro', timeZone: 'America/La_Paz', currency: 'BOB', defaultTaxRateBp: 1300 });
  await addRegister(seed, { branchCode: 'SUC001', code: 'POS001', name: 'Caja 1' });
  await addRegister(seed, { branchCode: 'SUC001', code: 'POS002', name: 'Caja 2' });
  await addUser(seed, { branchCode: 'SUC001', username: 'cajero', name: 'Cajero', role: 'CASHIER', pin: '4826' });
  const rows = ['sku,name,price,barcode,category,tax_rate'];
  for (let i = 0; i < PRODUCTS; i++) rows.push(`B-${i},Producto ${i},${1 + (i % 300)}.${String(i % 100).padStart(2, '0')},${ean13(`78${String(i).padStart(10, '0')}`)},Cat ${i % 40},13`);
  let t = performance.now();
  await importProducts(seed, rows.join('\n'), 'BOB');
  const hqImportMs = performance.now() - t;
  const codeA = (await issueEnrollmentCode(seed, 'SUC001', 'POS001')).code;
  const codeB = (await issueEnrollmentCode(seed, 'SUC001', 'POS002')).code;
  await seed.close();
  const hq = await startHq(hqDir);
  console.log(`HQ seeded with ${PRODUCTS} products in ${(hqImportMs / 1000).toFixed(1)} s; serving at ${hq.url}`);

  try {
    // a. first pull into an empty register
    const dirA = path.join(work, 'regA');
    const { engine: a } = openEngine(dirA, { secrets: new MemorySecretStore() });
    const pages: number[] = [];
    const show = progressPrinter('first pull');
    t = performance.now();
    const enrolled = await enrollRegister(a.store, a.secrets, { hqUrl: hq.url, code: codeA }, {
      onProgress: (p) => {
        pages.push(p.lastApplyMs);
        show(p);
      },
    });
    const firstPullMs = performance.now() - t;
    if (!enrolled.ok || !enrolled.value.pull.complete) throw new Error(`first pull: ${JSON.stringify(enrolled)}`);
    const count = (a.store.sqlite.prepare('SELECT count(*) AS n FROM products').get() as { n: number }).n;
    if (count !== PRODUCTS) throw new Error(`register holds ${count} products, not ${PRODUCTS}`);

    // b. a 100-change pull
    for (let i = 0; i < 100; i++) {
      const res = await fetch(`${hq.url}/v1/admin/products/B-${i * 7}/price`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ price: 5000 + i }) });
      if (res.status !== 200) throw new Error(`set price: ${res.status}`);
    }
    const admin = call<{ token: string }>(a, 'auth.login', { username: 'cajero', pin: '4826' }, null).token;
    t = performance.now();
    const small = await a.invoke('sync.pull', {}, admin);
    const smallPullMs = performance.now() - t;
    if (!small.ok || (small.data as { applied: number }).applied !== 100) throw new Error(`100-change pull: ${JSON.stringify(small)}`);
    a.close();

    // c. sales during a first pull (the pull on its own thread and connection)
    const dirB = path.join(work, 'regB');
    const { engine: b, file: fileB } = openEngine(dirB, { secrets: new MemorySecretStore() });
    const entry = pathToFileURL(path.join(HERE, 'pull-worker.ts')).href;
    const worker = new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`, {
      eval: true,
      workerData: { file: fileB, hqUrl: hq.url, code: codeB },
    });
    const pagesB: number[] = [];
    let done = false;
    const showB = progressPrinter('first pull while selling');
    worker.on('message', (m: { type: string } & PullProgress) => {
      if (m.type === 'progress') {
        pagesB.push(m.lastApplyMs);
        showB(m);
      }
      if (m.type === 'done') done = true;
    });
    worker.on('error', (e) => {
      console.error(e);
      done = true;
    });
    const pauseMs = (ms: number) => new Promise((r) => setTimeout(r, ms));
    let token: string | null = null;
    while (!done && token === null) {
      const r = b.dispatch('auth.login', { username: 'cajero', pin: '4826' }, null);
      const listed = r.ok ? b.dispatch('products.list', { query: 'B-1' }, (r.data as { token: string }).token) : null;
      if (r.ok && listed?.ok && (listed.data as { products: unknown[] }).products.length > 0) token = (r.data as { token: string }).token;
      else await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const latencies: number[] = [];
    if (token) {
      const registers = call<{ registers: { id: string; code: string }[] }>(b, 'registers.list', {}, token).registers;
      call(b, 'cash.open', { registerId: registers.find((r) => r.code === 'POS002')?.id, count: { denominations: bobCount(10000) } }, token);
      const product = call<{ products: { id: string; price: number }[] }>(b, 'products.list', { query: 'B-1' }, token).products[0];
      if (!product) throw new Error('no product');
      while (!done) {
        const s = performance.now();
        call(b, 'sales.create', { lines: [{ productId: product.id, quantity: 1 }], payments: [{ method: 'CASH', amount: product.price, tendered: product.price }] }, token);
        latencies.push(performance.now() - s);
        // A very busy counter (40 sales a second), not a tight loop: SQLite's busy handler is not fair, and a writer
        // that re-takes the lock at once could starve the pull, which no cashier can do.
        await pauseMs(25);
      }
    }
    await new Promise((r) => worker.once('exit', r));
    b.close();

    // Reference: the same sale with no pull running.
    const quiet: number[] = [];
    if (token) {
      const b2 = openEngine(dirB, { secrets: new MemorySecretStore() }).engine;
      const product = call<{ products: { id: string; price: number }[] }>(b2, 'products.list', { query: 'B-1' }, token).products[0];
      for (let i = 0; product && i < 200; i++) {
        const s = performance.now();
        call(b2, 'sales.create', { lines: [{ productId: product.id, quantity: 1 }], payments: [{ method: 'CASH', amount: product.price, tendered: product.price }] }, token);
        quiet.push(performance.now() - s);
        await pauseMs(5);
      }
      b2.close();
    }

    const maxPage = Math.max(...pages, ...pagesB);
    const out = {
      products: PRODUCTS,
      firstPullMs: Math.round(firstPullMs),
      chunks: pages.length,
      chunkLockMsP50: Number(pct([...pages, ...pagesB], 50).toFixed(1)),
      pageLockMsP99: Number(pct([...pages, ...pagesB], 99).toFixed(1)),
      pageLockMsMax: Number(maxPage.toFixed(1)),
      smallPullMs: Number(smallPullMs.toFixed(1)),
      salesDuringPull: latencies.length,
      saleP50Ms: Number(pct(latencies, 50).toFixed(2)),
      saleP99Ms: Number(pct(latencies, 99).toFixed(2)),
      saleMaxMs: Number(Math.max(0, ...latencies).toFixed(2)),
      quietSaleP50Ms: Number(pct(quiet, 50).toFixed(2)),
      quietSaleP99Ms: Number(pct(quiet, 99).toFixed(2)),
    };
    console.log(`a. first pull of ${PRODUCTS} products into an empty register: ${(firstPullMs / 1000).toFixed(1)} s in ${pages.length} chunks (target ≤ 20 s) ${verdict(firstPullMs, TARGET.firstPullMs)}`);
    console.log(`   write lock per chunk: p50 ${out.chunkLockMsP50} ms, p99 ${out.pageLockMsP99} ms, max ${out.pageLockMsMax} ms (target ≤ 50 ms) ${verdict(maxPage, TARGET.pageLockMs)}`);
    console.log(`b. 100-change pull: ${out.smallPullMs} ms (target ≤ 200 ms) ${verdict(smallPullMs, TARGET.smallPullMs)}`);
    console.log(`c. ${latencies.length} sales during a first pull: p50 ${out.saleP50Ms} ms, p99 ${out.saleP99Ms} ms, max ${out.saleMaxMs} ms (target p99 ≤ 20 ms) ${verdict(out.saleP99Ms, TARGET.saleP99Ms)}; with no pull: p50 ${out.quietSaleP50Ms} ms, p99 ${out.quietSaleP99Ms} ms`);
    const outDir = path.join(HERE, 'out');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(path.join(outDir, 'pull.json'), `${JSON.stringify(out, null, 2)}\n`);
  } finally {
    hq.child.kill('SIGTERM');
    await new Promise((r) => hq.child.once('exit', r));
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
