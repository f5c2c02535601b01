// Printing benchmark (part of `npm run bench`; not a test): the time from a sale's commit (sales.create returned) to
// the last byte of its receipt at a fake ESC/POS network printer on 127.0.0.1, through the real print host (queue row,
// DLE EOT status query, ESC/POS encoding, TCP). Target: p95 ≤ 150 ms. BENCH_PRINT_SALES=<n> (default 200).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { putPrinterSettings, putStoreHeader } from '../db/repos/print-settings';
import * as schema from '../db/schema';
import { openEngine } from '../engine';
import { FakePrinter } from '../electron/printing/fake-printer';
import { createPrintHost } from '../electron/printing/host';

const SALES = Number(process.env['BENCH_PRINT_SALES'] ?? 200);
const TARGET_P95_MS = 150;

const dir = mkdtempSync(path.join(os.tmpdir(), 'arqueo-bench-print-'));
const printer = new FakePrinter();
await printer.start();
const { engine } = openEngine(dir, { demo: true });
const db = engine.store.db;
const register = db.select().from(schema.registers).all().find((r) => r.code === 'POS001');
const branch = db.select().from(schema.branches).get();
if (!register || !branch) throw new Error('demo store missing');
putStoreHeader(db, branch.id, { taxId: '1023456027', address: 'Av. Ballivián 1234', phone: '2791234', footer: '¡Gracias por su compra!' });
putPrinterSettings(db, register.id, { target: { kind: 'ESCPOS_TCP', host: '127.0.0.1', port: printer.port, paper: 'MM80', codepage: 'cp858' }, autoPrintReceipt: true, drawer: { pin: 2, onMs: 100, offMs: 500 } });
const host = createPrintHost(db);

const call = (name: string, input: unknown, token: string | null) => {
  const r = engine.dispatch(name, input, token);
  if (!r.ok) throw new Error(`${name}: ${r.error.code}`);
  return { reply: r, data: r.data as Record<string, unknown> };
};
const token = String(call('auth.login', { username: 'maria', pin: '4444' }, null).data['token']);
call('cash.open', { registerId: register.id, count: { denominations: [{ value: 20000, quantity: 1 }] } }, token);
const products = db.select().from(schema.products).all().filter((p) => p.active && p.unit === 'UNIT').slice(0, 3);

const samples: number[] = [];
for (let i = 0; i < SALES; i++) {
  const lines = products.map((p) => ({ productId: p.id, quantity: 1 }));
  const total = products.reduce((sum, p) => sum + p.price, 0);
  const input = { lines, payments: [{ method: 'CASH', amount: total, tendered: total }] };
  const { reply } = call('sales.create', input, token);
  const committed = process.hrtime.bigint();
  void host.afterReply('sales.create', input, reply);
  await printer.waitForJobs(i + 1);
  samples.push(Number((printer.arrivedAt[i] ?? committed) - committed) / 1e6);
}

samples.sort((a, b) => a - b);
const pct = (q: number) => samples[Math.min(samples.length - 1, Math.ceil(q * samples.length) - 1)] ?? NaN;
const result = { sales: SALES, p50Ms: pct(0.5), p95Ms: pct(0.95), maxMs: pct(1), targetP95Ms: TARGET_P95_MS };
console.log(
  `print: sale commit → last receipt byte at a fake ESC/POS printer, ${SALES} sales: p50 ${result.p50Ms.toFixed(1)} ms, p95 ${result.p95Ms.toFixed(1)} ms, max ${result.maxMs.toFixed(1)} ms (target p95 ≤ ${TARGET_P95_MS} ms: ${result.p95Ms <= TARGET_P95_MS ? 'PASS' : 'MISS'})`,
);
mkdirSync(path.resolve('bench/out'), { recursive: true });
writeFileSync(path.resolve('bench/out/print.json'), JSON.stringify(result, null, 2));

host.close();
await printer.stop();
engine.close();
rmSync(dir, { recursive: true, force: true });
