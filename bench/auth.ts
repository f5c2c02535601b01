// Selling during a sign-in flood (issue 9, item 9). `BENCH_SIGNINS` sign-ins (default 60) arrive at once, each a
// separate request as the HTTP or IPC transport would see it, while a sale arrives every `BENCH_SALE_EVERY_MS` (20 ms)
// until `BENCH_FLOOD_SALES` (30) have been sold. A sale's latency is from its arrival to its reply. Three runs on one
// engine, at the real PIN cost (scrypt N=16384):
//   quiet   sales alone                                                   reference
//   before  sign-ins through `dispatch` (scrypt on the engine's thread, as every transport did)
//   after   sign-ins and sales through `invoke` (scrypt on libuv's pool)   target: sale p99 ≤ 5× quiet p99
// The machine's PIN rate limit is lifted here, so every sign-in really hashes. Results: bench/out/auth.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Reply } from '../src/contract';
import { openEngine } from '../engine';
import { bobCount } from '../engine/testkit';

function positiveInt(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`expected a positive integer, got ${raw}`);
  return n;
}

const SIGNINS = positiveInt(process.env['BENCH_SIGNINS'], 60);
const SALES = positiveInt(process.env['BENCH_FLOOD_SALES'], 30);
const EVERY_MS = positiveInt(process.env['BENCH_SALE_EVERY_MS'], 20);

/** Nearest-rank percentile of an ascending array. */
function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}
const summarize = (samples: readonly number[]) => {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p99: percentile(s, 99), max: s[s.length - 1] ?? Number.NaN };
};

const dir = mkdtempSync(path.join(os.tmpdir(), 'arqueo-bench-auth-'));
const { engine } = openEngine(dir, { demo: true, pinRate: { burst: 1_000_000, refillMs: 1 } });

function must(reply: Reply<unknown>, what: string): Record<string, unknown> {
  if (!reply.ok) throw new Error(`${what}: ${reply.error.code} ${reply.error.message}`);
  return reply.data as Record<string, unknown>;
}

const admin = must(engine.dispatch('auth.login', { username: 'admin', pin: '1111' }, null), 'login admin')['token'] as string;
const maria = must(engine.dispatch('auth.login', { username: 'maria', pin: '4444' }, null), 'login maria')['token'] as string;
const names = Array.from({ length: SIGNINS }, (_, i) => `flood${i}`);
for (const username of names) must(engine.dispatch('users.create', { username, name: username, role: 'CASHIER', pin: '6060' }, admin), 'users.create');
const registers = must(engine.dispatch('registers.list', {}, maria), 'registers.list')['registers'] as { id: string; code: string }[];
const pos = registers.find((r) => r.code === 'POS001');
if (!pos) throw new Error('no POS001');
must(engine.dispatch('cash.open', { registerId: pos.id, count: { denominations: bobCount(50_000) } }, maria), 'cash.open');
const products = must(engine.dispatch('products.list', { pageSize: 10 }, maria), 'products.list')['products'] as { id: string; price: number }[];
const product = products[0];
if (!product) throw new Error('no product');
const sale = { lines: [{ productId: product.id, quantity: 1 }], payments: [{ method: 'CASH', amount: product.price }] };

type Mode = 'quiet' | 'before' | 'after';

async function run(mode: Mode) {
  const t0 = performance.now();
  let lastSignIn = 0;
  const signIns =
    mode === 'quiet'
      ? []
      : names.map(
          (username) =>
            new Promise<void>((resolve, reject) => {
              setTimeout(() => {
                const done = (r: Reply<unknown>) => {
                  if (!r.ok) reject(new Error(`sign-in ${username}: ${r.error.code}`));
                  lastSignIn = performance.now() - t0;
                  resolve();
                };
                if (mode === 'before') done(engine.dispatch('auth.login', { username, pin: '6060' }, null));
                else void engine.invoke('auth.login', { username, pin: '6060' }, null).then(done);
              }, 0);
            }),
        );
  const latencies: number[] = [];
  const sales = Array.from(
    { length: SALES },
    (_, i) =>
      new Promise<void>((resolve, reject) => {
        const due = t0 + i * EVERY_MS;
        setTimeout(() => {
          const done = (r: Reply<unknown>) => {
            if (!r.ok) reject(new Error(`sale: ${r.error.code}`));
            latencies.push(performance.now() - due);
            resolve();
          };
          if (mode === 'after') void engine.invoke('sales.create', sale, maria).then(done);
          else done(engine.dispatch('sales.create', sale, maria));
        }, i * EVERY_MS);
      }),
  );
  await Promise.all([...signIns, ...sales]);
  return { sales: summarize(latencies), signInsDoneMs: lastSignIn };
}

const results: Record<Mode, Awaited<ReturnType<typeof run>>> = { quiet: await run('quiet'), before: await run('before'), after: await run('after') };
const fmt = (v: number) => `${v.toFixed(1)} ms`;
console.log(`sales.create during ${SIGNINS} concurrent sign-ins (a sale every ${EVERY_MS} ms, ${SALES} sales), scrypt N=16384, UV_THREADPOOL_SIZE=${process.env['UV_THREADPOOL_SIZE'] ?? '4 (default)'}`);
for (const mode of ['quiet', 'before', 'after'] as const) {
  const r = results[mode];
  console.log(`  ${mode.padEnd(7)} sale p50 ${fmt(r.sales.p50)}  p99 ${fmt(r.sales.p99)}  max ${fmt(r.sales.max)}${mode === 'quiet' ? '' : `  · last sign-in answered at ${fmt(r.signInsDoneMs)}`}`);
}
const target = results.after.sales.p99 <= 5 * Math.max(1, results.quiet.sales.p99);
console.log(`  target: sale p99 during the flood ≤ 5× quiet p99 → ${target ? 'PASS' : 'MISS'}`);

const outDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'out');
mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, 'auth.json'), `${JSON.stringify({ signIns: SIGNINS, sales: SALES, everyMs: EVERY_MS, results, target }, null, 2)}\n`);
engine.close();
rmSync(dir, { recursive: true, force: true });
