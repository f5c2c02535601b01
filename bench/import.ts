// The import-while-selling benchmark (`npx tsx bench/import.ts`). Not a test: it prints figures with their targets.
//
// A register with the demo store imports BENCH_IMPORT_ROWS (100,000) new products from one CSV through `engine.invoke`
// (as the transports call it: the import writes in short chunks, engine/bulk.ts) while, on the same thread and
// connection, a cashier sells one line paid in cash every 25 ms (a very busy counter) through `engine.invoke` too.
// A sale is due 25 ms after the last one was answered; its latency counts from then, not from when the event loop got
// to it, so time spent waiting behind a chunk (or behind the reading of the file) is counted. Figures: the import's total time, the write lock held per chunk
// (p50/p99/max; target ≤ 50 ms), the sale's p50/p99/max during the import (target p99 ≤ 20 ms) and, for comparison,
// the same import run with its chunks back to back (`engine.dispatch`, what a tool does), which no sale can interleave.
//
// Knobs: BENCH_IMPORT_ROWS. Results: bench/out/import.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Engine } from '../engine';
import { openEngine } from '../engine';
import { bobCount } from '../engine/testkit';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROWS = Number(process.env['BENCH_IMPORT_ROWS'] ?? 100_000);
const TARGET = { chunkLockMs: 50, saleP99Ms: 20 } as const;
const SALE_EVERY_MS = 25;

const verdict = (value: number, target: number) => (value <= target ? 'PASS' : 'MISS');
const pct = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};
const r1 = (x: number) => Number(x.toFixed(1));

function call<T>(engine: Engine, name: string, input: unknown, token: string | null): T {
  const r = engine.dispatch(name, input, token);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.data as T;
}

function csvOf(prefix: string): string {
  const rows = ['sku,name,price,barcode,category,tax_rate,stock'];
  for (let i = 0; i < ROWS; i++) rows.push(`${prefix}-${i},Producto importado ${i},${1 + (i % 300)}.${String(i % 100).padStart(2, '0')},${prefix === 'I' ? 77 : 78}${String(i).padStart(11, '0')},Cat ${i % 40},13,${i % 50}`);
  return rows.join('\n');
}

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'arqueo-bench-import-'));
  const chunks: number[] = [];
  const { engine } = openEngine(path.join(work, 'reg'), { demo: true, bulk: { onChunk: (_job, c) => chunks.push(c.heldMs) } });
  try {
    const manager = call<{ token: string }>(engine, 'auth.login', { username: 'gerente', pin: '2222' }, null).token;
    const cashier = call<{ token: string }>(engine, 'auth.login', { username: 'maria', pin: '4444' }, null).token;
    const registers = call<{ registers: { id: string; code: string }[] }>(engine, 'registers.list', {}, cashier).registers;
    call(engine, 'cash.open', { registerId: registers.find((r) => r.code === 'POS001')?.id, count: { denominations: bobCount(10000) } }, cashier);
    const product = call<{ products: { id: string; price: number; sku: string }[] }>(engine, 'products.list', { query: 'SKU-001' }, cashier).products.find((p) => p.sku === 'SKU-001');
    if (!product) throw new Error('no SKU-001');
    const sale = { lines: [{ productId: product.id, quantity: 1 }], payments: [{ method: 'CASH', amount: product.price, tendered: product.price }] };

    // Quiet: sales alone, for reference.
    const quiet: number[] = [];
    for (let i = 0; i < 200; i++) {
      const s = performance.now();
      const r = await engine.invoke('sales.create', sale, cashier);
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      quiet.push(performance.now() - s);
    }

    // The import through invoke, with a sale due every 25 ms on the same thread.
    const csv = csvOf('I');
    const latencies: number[] = [];
    let importing = true;
    const t0 = performance.now();
    const selling = (async () => {
      while (importing) {
        // Due 25 ms after the last sale was answered: one cashier, who does not start a sale before the last one ends.
        const due = performance.now() + SALE_EVERY_MS;
        await new Promise((r) => setTimeout(r, SALE_EVERY_MS));
        if (!importing) break;
        const r = await engine.invoke('sales.create', sale, cashier);
        if (!r.ok) throw new Error(JSON.stringify(r.error));
        latencies.push(performance.now() - due);
      }
    })();
    const imported = await engine.invoke('products.import', { csv }, manager);
    const importMs = performance.now() - t0;
    importing = false;
    await selling;
    if (!imported.ok || (imported.data as { created: number }).created !== ROWS) throw new Error(`import: ${JSON.stringify(imported).slice(0, 300)}`);
    const importChunks = [...chunks];

    // The same kind of file with its chunks back to back (dispatch): nothing interleaves.
    chunks.length = 0;
    const t1 = performance.now();
    call(engine, 'products.import', { csv: csvOf('J') }, manager);
    const backToBackMs = performance.now() - t1;

    const out = {
      rows: ROWS,
      importMs: Math.round(importMs),
      chunks: importChunks.length,
      chunkLockMsP50: r1(pct(importChunks, 50)),
      chunkLockMsP99: r1(pct(importChunks, 99)),
      chunkLockMsMax: r1(Math.max(0, ...importChunks)),
      salesDuringImport: latencies.length,
      saleP50Ms: r1(pct(latencies, 50)),
      saleP99Ms: r1(pct(latencies, 99)),
      saleMaxMs: r1(Math.max(0, ...latencies)),
      quietSaleP50Ms: r1(pct(quiet, 50)),
      quietSaleP99Ms: r1(pct(quiet, 99)),
      backToBackMs: Math.round(backToBackMs),
      backToBackChunkLockMsMax: r1(Math.max(0, ...chunks)),
    };
    console.log(`products.import of ${ROWS} rows while selling (invoke, one thread): ${(importMs / 1000).toFixed(1)} s in ${out.chunks} chunks`);
    console.log(`   write lock per chunk: p50 ${out.chunkLockMsP50} ms, p99 ${out.chunkLockMsP99} ms, max ${out.chunkLockMsMax} ms (target ≤ 50 ms) ${verdict(out.chunkLockMsMax, TARGET.chunkLockMs)}`);
    console.log(`   ${out.salesDuringImport} sales during it (one due every ${SALE_EVERY_MS} ms): p50 ${out.saleP50Ms} ms, p99 ${out.saleP99Ms} ms, max ${out.saleMaxMs} ms (target p99 ≤ 20 ms) ${verdict(out.saleP99Ms, TARGET.saleP99Ms)}; quiet p50 ${out.quietSaleP50Ms} ms, p99 ${out.quietSaleP99Ms} ms`);
    console.log(`   the same import with chunks back to back (dispatch, no sales): ${(backToBackMs / 1000).toFixed(1)} s`);
    mkdirSync(path.join(HERE, 'out'), { recursive: true });
    writeFileSync(path.join(HERE, 'out', 'import.json'), `${JSON.stringify(out, null, 2)}\n`);
  } finally {
    engine.close();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
