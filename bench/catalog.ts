// The catalog and counter benchmark (`npx tsx bench/catalog.ts`). Not a test: it prints figures against their targets
// and always exits 0.
//
//   a. products.import of N generated rows (one CSV; chunks back to back under dispatch): wall time. target ≤ 10 s at 100k
//   b. products.search p50/p99 over the N-product catalog: barcode scans, SKUs, 1–2 word name
//      prefixes with and without accents, through engine.dispatch.                          target p99 ≤ 5 ms
//   c. a 20-line sale paid with three tenders (card, QR, cash with change): commit p50/p99, durable (WAL,
//      synchronous=FULL) through engine.dispatch.                                           reported (no target given)
//
// Knobs: BENCH_PRODUCTS (default 100000), BENCH_SEARCHES (default 2000), BENCH_BIG_SALES (default 500).
// Results also go to bench/out/catalog.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openEngine } from '../engine';
import type { Engine } from '../engine';
import { checkSession, checkStock } from '../engine/verify';
import { prng } from '../engine/testkit';

const PRODUCTS = positiveInt(process.env['BENCH_PRODUCTS'], 100_000);
const SEARCHES = positiveInt(process.env['BENCH_SEARCHES'], 2_000);
const BIG_SALES = positiveInt(process.env['BENCH_BIG_SALES'], 500);
const TARGET = { importMs: 10_000, searchP99Ms: 5 } as const;

function positiveInt(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`expected a positive integer, got ${raw}`);
  return n;
}

const nowNs = (): bigint => process.hrtime.bigint();
const msSince = (start: bigint): number => Number(nowNs() - start) / 1e6;
function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}
function summarize(samples: readonly number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p99: percentile(s, 99), max: s[s.length - 1] ?? Number.NaN };
}

function call<T>(engine: Engine, name: string, input: unknown, token: string | null): T {
  const r = engine.dispatch(name, input, token);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${JSON.stringify(r.error.details ?? {}).slice(0, 300)}`);
  return r.data as T;
}

// A Spanish-ish vocabulary with accents, so folded prefix search has real work to do.
const WORDS = [
  'café', 'leche', 'azúcar', 'arroz', 'aceite', 'jabón', 'galleta', 'chocolate', 'té', 'mantequilla', 'queso', 'pan', 'harina',
  'fideo', 'atún', 'sardina', 'mayonesa', 'ketchup', 'mostaza', 'detergente', 'papel', 'pañal', 'champú', 'desodorante', 'fósforo',
  'vela', 'pila', 'hielo', 'helado', 'salchicha', 'mortadela', 'pollo', 'carne', 'tomate', 'cebolla', 'papa', 'plátano', 'manzana',
  'limón', 'singani', 'vino', 'cerveza', 'agua', 'jugo', 'yogur', 'maní', 'lenteja', 'garbanzo', 'avena', 'quinua', 'cacao', 'miel',
];
const BRANDS = ['Pil', 'Copacabana', 'Fino', 'Famosa', 'Guabirá', 'Kris', 'Mabel', 'Bolívar', 'Ñandú', 'Andina', 'Sofía', 'Stege', 'Delizia'];
const SIZES = ['100 g', '250 g', '500 g', '1 kg', '1 L', '2 L', '600 ml', 'x6', 'x12', 'familiar'];

function ean13(first12: string): string {
  const sum = [...first12].reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return first12 + String((10 - (sum % 10)) % 10);
}

function main(): void {
  const rand = prng(20261122);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'arqueo-bench-catalog-'));
  const { engine } = openEngine(dir, { demo: true });
  try {
    const manager = call<{ token: string }>(engine, 'auth.login', { username: 'gerente', pin: '2222' }, null).token;
    const cashier = call<{ token: string }>(engine, 'auth.login', { username: 'maria', pin: '4444' }, null).token;

    // a. import
    const names: string[] = [];
    const rows = ['sku,name,price,barcodes,unit,category,tax_rate,stock'];
    for (let i = 0; i < PRODUCTS; i++) {
      const kg = rand() < 0.1;
      const name = `${pick(WORDS)} ${pick(BRANDS)} ${pick(WORDS)} ${kg ? 'granel' : pick(SIZES)}`.replace(/^./, (c) => c.toUpperCase());
      names.push(name);
      const code = ean13(`78${String(i).padStart(10, '0')}`);
      const extra = i % 5 === 0 ? `|2${String(i).padStart(7, '0')}` : '';
      const price = `${1 + Math.floor(rand() * 300)}.${String(Math.floor(rand() * 100)).padStart(2, '0')}`;
      rows.push(`B-${i},"${name}",${price},${code}${extra},${kg ? 'KG' : 'UNIT'},Cat ${i % 40},13,${kg ? '50.500' : '500'}`);
    }
    const csv = rows.join('\n');
    let start = nowNs();
    const imported = call<{ created: number; updated: number; skipped: number }>(engine, 'products.import', { csv }, manager);
    const importMs = msSince(start);
    if (imported.created !== PRODUCTS) throw new Error(`imported ${imported.created} of ${PRODUCTS}`);
    start = nowNs();
    const reimported = call<{ updated: number }>(engine, 'products.import', { csv }, manager);
    const reimportMs = msSince(start);
    if (reimported.updated !== PRODUCTS) throw new Error('re-import did not update every row');

    // b. search
    const queries: string[] = [];
    for (let i = 0; i < SEARCHES; i++) {
      const n = Math.floor(rand() * PRODUCTS);
      const kind = i % 5;
      const words = (names[n] ?? 'cafe').split(' ');
      if (kind === 0) queries.push(ean13(`78${String(n).padStart(10, '0')}`));
      else if (kind === 1) queries.push(`B-${n}`);
      else if (kind === 2) queries.push((words[0] ?? '').slice(0, 3 + (i % 4)));
      else if (kind === 3) queries.push(`${(words[0] ?? '').normalize('NFD').replace(/\p{M}/gu, '')} ${(words[1] ?? '').slice(0, 3)}`);
      else queries.push(`${(words[2] ?? '').slice(0, 4)} ${(words[1] ?? '').slice(0, 2)}`.toUpperCase());
    }
    const searchMs: number[] = [];
    let hits = 0;
    for (const q of queries) {
      const t = nowNs();
      const r = call<{ products: unknown[] }>(engine, 'products.search', { query: q, limit: 20 }, cashier);
      searchMs.push(msSince(t));
      if (r.products.length > 0) hits++;
    }
    const search = summarize(searchMs);

    // c. 20-line split-payment sale
    const pos1 = call<{ registers: { id: string; code: string }[] }>(engine, 'registers.list', {}, cashier).registers.find((r) => r.code === 'POS001')?.id;
    if (!pos1) throw new Error('no POS001');
    const session = call<{ session: { id: string } }>(engine, 'cash.open', { registerId: pos1, openingAmount: 50_000 }, cashier).session;
    const catalog = call<{ products: { id: string; price: number; unit: string }[] }>(engine, 'products.search', { query: 'cafe', limit: 50 }, cashier).products;
    const pool = catalog.length >= 20 ? catalog : call<{ products: { id: string; price: number; unit: string }[] }>(engine, 'products.list', { pageSize: 200 }, cashier).products;
    const saleMs: number[] = [];
    for (let i = 0; i < BIG_SALES; i++) {
      const lines = Array.from({ length: 20 }, (_, k) => {
        const p = pool[(i * 7 + k * 13) % pool.length];
        if (!p) throw new Error('pool');
        return { productId: p.id, quantity: p.unit === 'KG' ? '0.750' : 1 + (k % 3), ...(k % 4 === 0 ? { discount: 10 } : {}) };
      });
      const probe = engine.dispatch('sales.create', { lines, payments: [] }, cashier);
      if (probe.ok || probe.error.code !== 'PAYMENT_INSUFFICIENT') throw new Error('probe');
      const total = Number(probe.error.details?.['total']);
      const card = Math.floor(total / 3);
      const qr = Math.floor(total / 3);
      const cash = total - card - qr;
      const input = {
        lines,
        payments: [
          { method: 'CREDIT_CARD', amount: card, cardLast4: '4242', authCode: 'OK1234' },
          { method: 'QR', amount: qr, reference: `QR-${i}` },
          { method: 'CASH', amount: cash, tendered: cash + 1000 },
        ],
        requestId: `bench-sale-${i}`,
      };
      const t = nowNs();
      const r = engine.dispatch('sales.create', input, cashier);
      saleMs.push(msSince(t));
      if (!r.ok) throw new Error(`sale ${i}: ${r.error.code}`);
    }
    const sale = summarize(saleMs);
    const check = checkSession(engine.store.db, session.id);
    if (check.problems.length > 0) throw new Error(`session check: ${check.problems.join('; ')}`);
    const stockProblems = checkStock(engine.store.db).length;

    const ms = (v: number) => `${v.toFixed(v < 10 ? 3 : 1)} ms`;
    const table = [
      { label: `products.import, ${PRODUCTS.toLocaleString("en")} new rows (chunks back to back)`, value: ms(importMs), target: `≤ ${TARGET.importMs / 1000} s at 100k`, verdict: importMs <= (TARGET.importMs * PRODUCTS) / 100_000 ? 'PASS' : 'MISS' },
      { label: `products.import, the same file again (updates by SKU)`, value: ms(reimportMs), target: '', verdict: '' },
      { label: `products.search p50 (n=${search.n}, ${PRODUCTS.toLocaleString('en')} products, ${hits} with hits)`, value: ms(search.p50), target: '', verdict: '' },
      { label: 'products.search p99', value: ms(search.p99), target: `≤ ${TARGET.searchP99Ms} ms`, verdict: search.p99 <= TARGET.searchP99Ms ? 'PASS' : 'MISS' },
      { label: 'products.search max', value: ms(search.max), target: '', verdict: '' },
      { label: `sales.create 20 lines, 3 tenders, p50 (n=${sale.n})`, value: ms(sale.p50), target: '', verdict: '' },
      { label: 'sales.create 20 lines, 3 tenders, p99', value: ms(sale.p99), target: 'reported', verdict: '' },
    ];
    const width = Math.max(...table.map((r) => r.label.length));
    console.log('\nArqueo catalog bench (WAL, synchronous=FULL)\n');
    for (const r of table) console.log(`${r.label.padEnd(width)}  ${r.value.padStart(12)}  ${r.target.padEnd(18)} ${r.verdict}`);
    console.log(`\nsession check: ok; products whose stock is not the sum of its movements: ${stockProblems}`);
    const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'out');
    mkdirSync(out, { recursive: true });
    writeFileSync(
      path.join(out, 'catalog.json'),
      JSON.stringify({ at: new Date().toISOString(), products: PRODUCTS, importMs, reimportMs, search, bigSale: sale, targets: TARGET, table }, null, 2),
    );
  } finally {
    engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
