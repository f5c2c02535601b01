// The query plans of every command (issue 14, "Proof"): every SQL statement the engine prepares while a fixture runs
// every command of the contract (a scripted day, then each command with valid-looking inputs from its own schema for
// every role) is EXPLAINed, and none may read a table that grows with history in a way that grows with it:
// - no SCAN of such a table, except an index walk in the ORDER BY's order that stops at a LIMIT;
// - no temporary B-tree for the ORDER BY of a LIMITed read (the page would cost the whole match, not its rows).
// A new query that scans fails here with its SQL and plan; a deliberate exception goes in ALLOWED with its reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { COMMANDS, COMMAND_NAMES } from '../src/contract';
import type { CommandName } from '../src/contract';
import { ROLES } from '../src/auth/permissions';
import { poolsOf, validFor } from './fuzzkit';
import type { Harness } from './testkit';
import { bobCount, harness, prng } from './testkit';
import type { Recorder } from '../db/query-plans';
import { planFault, planFaults, record } from '../db/query-plans';

let h: Harness;
const okCommands = new Set<string>();
const invoked = new Set<string>();
let recorder: Recorder;

async function run(name: CommandName, input: unknown, token: string | null): Promise<unknown> {
  recorder.doing(name);
  invoked.add(name);
  const reply = await h.engine.invoke(name, input, token);
  recorder.doing('fixture');
  if (reply.ok) okCommands.add(name);
  return reply.ok ? reply.data : null;
}

/** A day at the counter through every kind of command, then each command fuzzed with valid-looking inputs. */
async function fixture(): Promise<void> {
  const tokens: Record<string, string> = {};
  const login = async (u: string, pin: string) => ((await run('auth.login', { username: u, pin }, null)) as { token: string }).token;
  tokens['CASHIER'] = await login('maria', '4444');
  tokens['SUPERVISOR'] = await login('sofia', '3333');
  tokens['MANAGER'] = await login('gerente', '2222');
  tokens['ADMIN'] = await login('admin', '1111');
  const maria = tokens['CASHIER'];
  const juan = await login('juan', '5555');
  const pos1 = h.registerId('POS001');
  const pos3 = h.registerId('POS003');
  const product = h.product('SKU-001');
  const grant = async (permission: string, requester: string) => ((await run('auth.verifySupervisor', { username: 'sofia', pin: '3333', permission }, requester)) as { grantId: string }).grantId;

  await run('cash.open', { registerId: pos1, openingAmount: 10_000 }, maria);
  let sale: { id: string } | null = null;
  for (let i = 0; i < 6; i++) {
    const s = (await run('sales.create', { lines: [{ productId: product.id, quantity: 2 }], payments: [{ method: 'CASH', amount: product.price * 2 }], requestId: `plan-sale-${i}` }, maria)) as { sale: { id: string } };
    sale = s.sale;
    h.advance(60_000);
  }
  if (!sale) throw new Error('no sale');
  await run('sales.create', { lines: [{ productId: product.id, quantity: 2 }], payments: [{ method: 'CASH', amount: product.price * 2 }], requestId: 'plan-sale-0' }, maria);
  await run('sales.get', { saleId: sale.id }, maria);
  await run('sales.list', { pageSize: 2 }, maria);
  const page = (await run('sales.list', { pageSize: 2 }, maria)) as { pagination: { nextCursor: string } };
  await run('sales.list', { pageSize: 2, cursor: page.pagination.nextCursor }, maria);
  await run('sales.list', { query: '3' }, maria);
  await run('sales.refund', { saleId: sale.id, lines: [{ lineNo: 1, quantity: 1 }], reason: 'devuelto', refundMethod: 'CASH', grantId: await grant('sales:refund', maria) }, maria);
  const other = (await run('sales.create', { lines: [{ productId: product.id, quantity: 1 }], payments: [{ method: 'CASH', amount: product.price }] }, maria)) as { sale: { id: string; saleNumber: string } };
  await run('sales.void', { saleId: other.sale.id, reason: 'error', grantId: await grant('sales:void', maria) }, maria);
  await run('sales.list', { saleNumber: other.sale.saleNumber }, maria);
  await run('cash.deposit', { amount: 1_000, reason: 'CHANGE_FUND' }, maria);
  await run('cash.withdraw', { amount: 500, reason: 'SAFE_DEPOSIT', grantId: await grant('cash:movements', maria) }, maria);
  await run('cash.movements', {}, maria);
  await run('cash.openDrawer', { reason: 'cambio' }, maria);
  await run('cash.current', {}, maria);
  await run('cash.status', { registerId: pos1 }, maria);
  await run('cash.suspend', {}, maria);
  await run('cash.resume', {}, maria);
  await run('cash.count', { type: 'PARTIAL', denominations: bobCount(10_000) }, maria);
  await run('cash.counts', {}, maria);
  await run('products.movements', { productId: product.id, limit: 10 }, tokens['ADMIN']);
  await run('products.list', { pageSize: 5 }, tokens['ADMIN']);
  const products = (await run('products.list', { pageSize: 5, query: 'a' }, tokens['ADMIN'])) as { pagination: { nextCursor: string } };
  await run('products.list', { pageSize: 5, query: 'a', cursor: products.pagination.nextCursor }, tokens['ADMIN']);
  await run('products.search', { query: 'agua' }, maria);
  await run('reports.session', {}, tokens['MANAGER']);
  await run('cash.transfer', { toUserId: h.userId('juan'), count: { denominations: bobCount(10_000) }, incomingGrantId: ((await run('auth.verifySupervisor', { username: 'juan', pin: '5555', permission: 'cash:open' }, maria)) as { grantId: string }).grantId }, maria);
  await run('cash.close', { count: { denominations: bobCount(10_000) } }, juan);
  await run('cash.open', { registerId: pos1, openingAmount: 10_000 }, maria);
  await run('cash.close', { count: { denominations: bobCount(10_000) } }, maria);
  await run('cash.open', { registerId: pos3, openingAmount: 10_000 }, maria);
  await run('agents.create', { provider: 'TIGO_MONEY', kind: 'CASH_IN', amount: 1_000, reference: 'T-1' }, maria);
  await run('agents.list', {}, maria);
  for (const token of [maria, tokens['MANAGER']]) {
    await run('cash.sessions', { pageSize: 1 }, token);
    const first = (await run('cash.sessions', { pageSize: 1 }, token)) as { pagination: { nextCursor: string } };
    await run('cash.sessions', { pageSize: 1, cursor: first.pagination.nextCursor }, token);
    await run('cash.sessions', { status: 'CLOSED', pageSize: 5 }, token);
    await run('cash.sessions', { registerId: pos1, pageSize: 5 }, token);
    await run('cash.sessions', { dateFrom: '2026-11-01', dateTo: '2026-11-30', pageSize: 5 }, token);
  }
  await run('cash.sessions', { userId: h.userId('maria'), pageSize: 5 }, tokens['MANAGER']);
  await run('reports.daily', {}, tokens['MANAGER']);
  await run('sync.status', {}, tokens['MANAGER']);
  await run('sync.entries', {}, tokens['MANAGER']);
  await run('sync.entries', { status: 'PENDING' }, tokens['MANAGER']);
  await run('sync.now', {}, tokens['MANAGER']);
  await run('print.jobs', {}, maria);
  await run('auth.me', {}, maria);
  await run('users.list', {}, tokens['ADMIN']);
  await run('registers.list', {}, tokens['ADMIN']);
  await run('agents.providers', {}, tokens['ADMIN']);
  await run('print.counter', {}, maria);
  await run('backup.status', {}, tokens['ADMIN']);
  const closed = (await run('cash.sessions', { status: 'CLOSED', pageSize: 1 }, tokens['MANAGER'])) as { sessions: { id: string }[] };
  await run('reports.session', { sessionId: closed.sessions[0]?.id ?? '' }, tokens['MANAGER']);
  await run('cash.counts', { sessionId: closed.sessions[0]?.id ?? '' }, tokens['MANAGER']);

  // Every command, every role, valid-looking inputs from its own schema (some are refused by rules: their reads count).
  const rng = prng(14);
  const pools = poolsOf(h.engine);
  const users: Record<string, [string, string]> = { CASHIER: ['maria', '4444'], SUPERVISOR: ['sofia', '3333'], MANAGER: ['gerente', '2222'], ADMIN: ['admin', '1111'] };
  for (const name of COMMAND_NAMES) {
    if (name === 'backup.restore' || name === 'setup.demo') continue; // replace the store the fixture reads; own tests
    for (const role of ROLES) {
      // Fresh tokens: an earlier fuzzed command may have signed this one out (auth.logout, users.update).
      const [username, pin] = users[role] ?? ['', ''];
      const signedIn = (await h.engine.invoke('auth.login', { username, pin }, null)) as { ok: boolean; data?: { token: string } };
      if (!signedIn.ok || !signedIn.data) continue;
      for (let i = 0; i < 4; i++) await run(name, validFor(COMMANDS[name].input as z.ZodType, '', rng, pools), signedIn.data.token);
    }
  }
}

/** Statements allowed to read a whole growing table, each with why it is not a per-command cost that grows. */
const ALLOWED: readonly RegExp[] = [
  // The fixture's own id pools (fuzzkit poolsOf), not the engine's.
  /^SELECT id AS v FROM (sessions|sales|grants)\b/,
];

describe('query plans at the register (SQLite)', () => {
  beforeAll(async () => {
    h = harness();
    recorder = record();
    try {
      await fixture();
    } finally {
      recorder.stop();
    }
  }, 120_000);
  afterAll(() => {
    h.close();
  });

  it('runs every command of the contract, and every list and lookup to success', () => {
    expect(COMMAND_NAMES.filter((n) => !invoked.has(n) && n !== 'backup.restore' && n !== 'setup.demo')).toEqual([]);
    const lists = ['cash.sessions', 'sales.list', 'sales.get', 'products.list', 'products.movements', 'products.search', 'cash.open', 'cash.close', 'cash.transfer', 'cash.current', 'cash.movements', 'cash.counts', 'sales.create', 'sales.void', 'agents.list', 'reports.session', 'reports.daily', 'sync.status', 'sync.entries', 'print.jobs', 'users.list', 'registers.list'];
    expect(lists.filter((n) => !okCommands.has(n))).toEqual([]);
  });

  it('no statement scans a table that grows with history or sorts a page', () => {
    const { faults, explained } = planFaults(h.engine.store.sqlite, recorder.statements.values(), ALLOWED);
    expect(explained).toBeGreaterThan(50);
    expect(faults.join('\n')).toBe('');
  });

  it('the check itself catches a scan and a sorted page', () => {
    expect(planFault('SELECT * FROM sales WHERE total > 1', [{ id: 1, parent: 0, detail: 'SCAN sales' }])).toBe('scans sales');
    expect(planFault('SELECT * FROM sales ORDER BY total LIMIT 5', [{ id: 1, parent: 0, detail: 'SCAN sales' }, { id: 2, parent: 0, detail: 'USE TEMP B-TREE FOR ORDER BY' }])).not.toBeNull();
    expect(planFault('SELECT * FROM sessions ORDER BY business_date DESC LIMIT 5', [{ id: 1, parent: 0, detail: 'SCAN sessions USING INDEX sessions_date_order' }])).toBeNull();
    expect(planFault('SELECT * FROM users', [{ id: 1, parent: 0, detail: 'SCAN users' }])).toBeNull();
  });
});
