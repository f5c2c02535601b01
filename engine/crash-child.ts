// The victim of the crash test (crash.test.ts): `node <bundled crash-child.mjs> <dataDir> [migrationsFolder]`.
// Opens the engine on an already seeded data folder, signs in as the demo cashier, opens a session on POS001 if she
// holds none, then sells forever. After each committed sale (dispatch returned ok, so COMMIT has returned) it writes
// one line `SALE <saleId> <saleNumber>` to stdout; the parent kills it with SIGKILL at a random moment.
// Test-only: never imported by the app.
import { randomUUID } from 'node:crypto';
import type { Reply } from '../src/contract';
import { openEngine } from './index';

const dataDir = process.argv[2];
if (!dataDir) {
  process.stderr.write('usage: crash-child.ts <dataDir>\n');
  process.exit(2);
}

function must<T>(reply: Reply<unknown>, what: string): T {
  if (!reply.ok) {
    process.stderr.write(`${what} failed: ${reply.error.code} ${reply.error.message} ${JSON.stringify(reply.error.details ?? {})}\n`);
    process.exit(3);
  }
  return reply.data as T;
}

const migrationsFolder = process.argv[3];
const { engine } = openEngine(dataDir, migrationsFolder ? { migrationsFolder } : {});
const { token } = must<{ token: string }>(engine.dispatch('auth.login', { username: 'maria', pin: '4444' }, null), 'auth.login');
const current = must<{ session: { id: string } | null }>(engine.dispatch('cash.current', {}, token), 'cash.current');
if (!current.session) {
  const { registers } = must<{ registers: { id: string; code: string }[] }>(engine.dispatch('registers.list', {}, token), 'registers.list');
  const pos = registers.find((r) => r.code === 'POS001');
  if (!pos) throw new Error('register POS001 missing');
  must(engine.dispatch('cash.open', { registerId: pos.id, openingAmount: 20_000 }, token), 'cash.open');
}
const { products } = must<{ products: { id: string; price: number }[] }>(engine.dispatch('products.list', { pageSize: 200 }, token), 'products.list');
process.stdout.write(`READY ${process.pid}\n`);

const run = randomUUID(); // requestIds unique across every child of the test
let n = 0;
for (;;) {
  n++;
  // 1–5 lines; cash with change, exact cash, card, or card + cash: a sale writes a sale row, lines, payments,
  // stock, a counter, a ledger entry, the session's totals and the requestId's reply, which must land together or not at all.
  const lines: { productId: string; quantity: number }[] = [];
  let total = 0;
  const lineCount = 1 + (n % 5);
  for (let i = 0; i < lineCount; i++) {
    const p = products[(n * 7 + i * 13) % products.length];
    if (!p) throw new Error('no products');
    const quantity = 1 + ((n + i) % 3);
    lines.push({ productId: p.id, quantity });
    total += p.price * quantity;
  }
  const kind = n % 4;
  const payments =
    kind === 0
      ? [{ method: 'CASH', amount: total, tendered: (Math.floor(total / 10_000) + 1) * 10_000 }]
      : kind === 1
        ? [{ method: 'CASH', amount: total }]
        : kind === 2 || total < 2
          ? [{ method: 'DEBIT_CARD', amount: total }]
          : [
              { method: 'CREDIT_CARD', amount: Math.floor(total / 2) },
              { method: 'CASH', amount: total - Math.floor(total / 2), tendered: total - Math.floor(total / 2) + 500 },
            ];
  const { sale } = must<{ sale: { id: string; saleNumber: string } }>(engine.dispatch('sales.create', { lines, payments, requestId: `${run}-${n}` }, token), 'sales.create');
  // Pipes are synchronous on Linux: the line is in the pipe before the next sale begins.
  process.stdout.write(`SALE ${sale.id} ${sale.saleNumber}\n`);
}
