// Crash test: a child process sells in a loop on a real SQLite file and is killed with SIGKILL at random moments;
// after each kill the database must open, every session must recompute and verify (checkSession), no sale may be
// half written, and every sale the child reported as committed must be there. A sale written in two transactions, a
// counter, stock change, ledger entry or idempotency reply committed apart from its sale, or a reply sent before
// COMMIT makes one of the assertions below fail.
//
// Covers process crashes (the OS keeps what was written); power loss is what synchronous=FULL is for and cannot be
// simulated here. The child is engine/crash-child.ts; ARQUEO_CRASH_CHILD points the test at another
// script (used to check that a deliberately broken child is caught).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { storedReply } from '../db';
import { openEngine } from './index';
import { checkAllSessions } from './verify';
import { prng } from './testkit';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const MUTANT = process.env['ARQUEO_CRASH_CHILD'];
const MIGRATIONS = path.join(ROOT, 'db', 'migrations');
// The child is bundled once with esbuild so that each of the 50 starts takes ~0.2 s instead of a TypeScript compile;
// it sits under node_modules so that better-sqlite3 resolves. ARQUEO_CRASH_CHILD runs a mutant through tsx instead.
// One bundle per test process: worktrees share one node_modules, and another checkout's run must not swap the child
// (built from its own schema) under this one mid-test.
const BUNDLE = path.join(ROOT, 'node_modules', '.cache', 'arqueo', `crash-child-${process.pid}.mjs`);

async function childCommand(): Promise<string[]> {
  if (MUTANT) return ['--import', 'tsx', MUTANT];
  await build({ entryPoints: [path.join(HERE, 'crash-child.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', external: ['better-sqlite3'], outfile: BUNDLE, logLevel: 'warning' });
  return [BUNDLE];
}
let CHILD_ARGS: string[] = [];
const ROUNDS = 50;
const MIN_SALES_BEFORE_KILL = 3;
const MAX_EXTRA_DELAY_MS = 150;
const ROUND_TIMEOUT_MS = 30_000;


/** Child stderr for a failure message, defused: vitest would otherwise parse its `at ...` lines as our own stack. */
function quoted(stderr: string): string {
  const tail = stderr.length > 4000 ? `...${stderr.slice(-4000)}` : stderr;
  return tail
    .split('\n')
    .map((l) => `  | ${l}`)
    .join('\n');
}

interface Round {
  /** Sale ids the child wrote to stdout, i.e. whose command had returned ok (committed) before the kill. */
  readonly reported: string[];
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

/** Starts the child, lets it commit at least a few sales plus `extraDelayMs`, kills it with SIGKILL. */
function crashRound(dataDir: string, extraDelayMs: number): Promise<Round> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CHILD_ARGS, dataDir, MIGRATIONS], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const reported: string[] = [];
    let pending = '';
    let stderr = '';
    let killing = false;
    let killTimer: NodeJS.Timeout | undefined;
    const giveUp = setTimeout(() => {
      killing = true;
      child.kill('SIGKILL');
      reject(new Error(`child never reached ${MIN_SALES_BEFORE_KILL} sales in ${ROUND_TIMEOUT_MS} ms; stderr:\n${quoted(stderr)}`));
    }, ROUND_TIMEOUT_MS);

    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? ''; // an unterminated tail is not a report
      for (const line of lines) {
        const [tag, id] = line.split(' ');
        if (tag === 'SALE' && id) reported.push(id);
      }
      if (!killing && reported.length >= MIN_SALES_BEFORE_KILL) {
        killing = true;
        killTimer = setTimeout(() => child.kill('SIGKILL'), extraDelayMs);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', (e) => {
      clearTimeout(giveUp);
      reject(e);
    });
    // 'close' comes after the exit and after stdout is drained: every line written before the kill is in `reported`.
    child.on('close', (_code, signal) => {
      clearTimeout(giveUp);
      if (killTimer) clearTimeout(killTimer);
      resolve({ reported, signal, stderr });
    });
  });
}

interface Snapshot {
  readonly sales: number;
  readonly ids: Set<string>;
}

/** Opens the database after a crash and checks everything; returns what is there for the next round's comparison. */
function inspect(dataDir: string, round: number, seed: number, before: Snapshot, reported: readonly string[], initialStock: number): Snapshot {
  const where = `round ${round} (seed ${seed})`;
  const { engine } = openEngine(dataDir); // must open: WAL recovery, migrations already applied
  try {
    const { sqlite, db } = engine.store;
    expect(sqlite.pragma('integrity_check', { simple: true }), `${where}: integrity_check`).toBe('ok');
    expect(sqlite.pragma('foreign_key_check'), `${where}: foreign_key_check`).toEqual([]);

    // Every session recomputes from its ledger to its running totals, its chain verifies, the domain tables agree,
    // and every sale's lines and payments add up to its total.
    const checks = checkAllSessions(db);
    expect(checks.length, `${where}: sessions`).toBe(1);
    for (const c of checks) expect(c.problems, `${where}: session ${c.sessionId}: ${c.problems.join('; ')}`).toEqual([]);
    const status = sqlite.prepare('SELECT status FROM sessions').pluck().get();
    expect(status, `${where}: session status`).toBe('OPEN');

    const one = (q: string): number => sqlite.prepare(q).pluck().get() as number;
    const sales = one('SELECT COUNT(*) FROM sales');
    // No partial sale: each has lines, payments and exactly one ledger entry; the sale numbering counter, the stock
    // and the idempotency replies moved with the sales and with nothing else.
    expect(one(`SELECT COUNT(*) FROM sales s WHERE NOT EXISTS (SELECT 1 FROM sale_lines l WHERE l.sale_id = s.id)
                 OR NOT EXISTS (SELECT 1 FROM payments p WHERE p.sale_id = s.id)`), `${where}: sales without lines or payments`).toBe(0);
    expect(one(`SELECT COUNT(*) FROM ledger_entries WHERE kind = 'SALE'`), `${where}: SALE ledger entries`).toBe(sales);
    // One scan of the ledger (a correlated subquery here was quadratic and made the test crawl).
    const entriesPerSale = new Map<string, number>();
    for (const id of sqlite.prepare(`SELECT json_extract(payload, '$.id') FROM ledger_entries WHERE kind = 'SALE'`).pluck().all() as string[]) {
      entriesPerSale.set(id, (entriesPerSale.get(id) ?? 0) + 1);
    }
    const saleIds = sqlite.prepare('SELECT id FROM sales').pluck().all() as string[];
    expect(saleIds.filter((id) => entriesPerSale.get(id) !== 1), `${where}: sales without exactly one ledger entry`).toEqual([]);
    expect(one(`SELECT COALESCE(SUM(value), 0) FROM counters WHERE scope LIKE 'sale:%'`), `${where}: sale counter`).toBe(sales);
    expect(one('SELECT (SELECT SUM(stock) FROM products) + (SELECT COALESCE(SUM(quantity), 0) FROM sale_lines)'), `${where}: stock`).toBe(initialStock);
    expect(one(`SELECT COUNT(*) FROM idempotency WHERE command = 'sales.create'`), `${where}: idempotency replies`).toBe(sales);
    // Replies are stored deflated (db/repos/idempotency.ts): read them back as the engine does.
    const keys = sqlite.prepare(`SELECT user_id AS u, request_id AS r FROM idempotency WHERE command = 'sales.create'`).all() as { u: string; r: string }[];
    const named = keys.map((k) => (JSON.parse(storedReply(db, k.u, k.r)?.reply ?? 'null') as { data?: { sale?: { id?: string } } } | null)?.data?.sale?.id);
    const known = new Set(saleIds);
    expect(named.filter((id) => id === undefined || !known.has(id)), `${where}: replies naming no sale`).toEqual([]);

    // Durability: nothing committed before is gone, every reported sale is there, and at most one sale committed
    // without being reported (killed between COMMIT and the write to stdout).
    const ids = new Set(sqlite.prepare('SELECT id FROM sales').pluck().all() as string[]);
    expect(ids.size).toBe(sales);
    expect(sales, `${where}: sales never shrink`).toBeGreaterThanOrEqual(before.sales);
    expect([...before.ids].filter((id) => !ids.has(id)), `${where}: sales lost since the last round`).toEqual([]);
    expect(reported.filter((id) => !ids.has(id)), `${where}: reported as committed but missing`).toEqual([]);
    expect(new Set(reported).size, `${where}: reported twice`).toBe(reported.length);
    expect(sales, `${where}: sales vs reported`).toBeGreaterThanOrEqual(before.sales + reported.length);
    expect(sales, `${where}: more than one unreported sale`).toBeLessThanOrEqual(before.sales + reported.length + 1);
    return { sales, ids };
  } finally {
    engine.close();
  }
}

describe('crash safety', () => {
  it(`survives ${ROUNDS} SIGKILLs in the middle of selling`, async () => {
    const seed = Number(process.env['ARQUEO_CRASH_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
    const rand = prng(seed);
    CHILD_ARGS = await childCommand();
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'arqueo-crash-'));
    try {
      // Seed once, here, with a cheap PIN hash cost (the demo's scrypt cost would only slow every login down).
      const seeded = openEngine(dataDir, { demo: true, pinCost: { N: 1024, r: 8, p: 1 } });
      expect(seeded.seeded).toBe(true);
      const initialStock = seeded.engine.store.sqlite.prepare('SELECT SUM(stock) FROM products').pluck().get() as number;
      seeded.engine.close();

      let last: Snapshot = { sales: 0, ids: new Set() };
      let unreported = 0;
      for (let round = 1; round <= ROUNDS; round++) {
        const delay = Math.floor(rand() * (MAX_EXTRA_DELAY_MS + 1));
        const r = await crashRound(dataDir, delay);
        expect(r.signal, `round ${round} (seed ${seed}): the child must die by our SIGKILL, not on its own; stderr:\n${quoted(r.stderr)}`).toBe('SIGKILL');
        expect(r.reported.length).toBeGreaterThanOrEqual(MIN_SALES_BEFORE_KILL);
        const next = inspect(dataDir, round, seed, last, r.reported, initialStock);
        unreported += next.sales - last.sales - r.reported.length;
        last = next;
      }
      expect(last.sales).toBeGreaterThanOrEqual(ROUNDS * MIN_SALES_BEFORE_KILL);
      console.info(`crash test: seed ${seed}, ${ROUNDS} kills, ${last.sales} sales, ${unreported} committed but unreported at the kill`);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      if (!MUTANT) rmSync(BUNDLE, { force: true });
    }
  }, 150_000);
});
