// HQ's query plans (issue 14, "Proof"): every statement a store runs while a fixture drives every store operation (keys,
// ingest, rejects, each list filter and its next page, a session and its bundle, master data, enrollment) is EXPLAINed
// on SQLite (EXPLAIN QUERY PLAN) and on PostgreSQL (EXPLAIN with sequential scans priced out, so a Seq Scan left in a
// plan means no index can serve it). None may scan a table that grows with history or sort a page of one.
// (The register's checker, db/query-plans.ts, is out of HQ's layer; this is the same rule, in HQ's two dialects.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyBundle } from '../src/sync/protocol';
import { makeBundle } from './fixtures';
import { PgHqStore } from './pg-store';
import { pgScratch, pgTestUrl } from './pg-testing';
import { sha256Hex } from './sha256';
import { SqliteHqStore } from './sqlite-store';
import type { HqStore } from './store';
import { summarize } from './summary';

/** HQ tables that grow with every session received (master_records grows with the catalog, not with history). */
const GROWING = new Set(['sessions', 'session_bundles', 'session_numbers', 'rejected_bundles', 'master_changes']);

/** Runs every store operation, with every list filter and a second page of each. */
async function fixture(store: HqStore): Promise<void> {
  await store.addKey('a'.repeat(64), { role: 'ADMIN' }, '2026-11-22T10:00:00.000Z');
  await store.findKey('a'.repeat(64));
  let n = 0;
  for (const branchCode of ['SUC001', 'SUC002']) {
    for (const registerCode of ['POS001', 'POS002']) {
      for (const businessDate of ['2026-11-21', '2026-11-22']) {
        n++;
        const verified = verifyBundle(sha256Hex, makeBundle({ sessionId: `plan-${n}`, branchCode, registerCode, businessDate, number: n, sales: [100 * n] }));
        if (!verified.ok) throw new Error('fixture bundle did not verify');
        await store.ingest(verified.value, summarize(verified.value), `2026-11-22T12:00:${String(n).padStart(2, '0')}.000Z`);
      }
    }
  }
  const again = verifyBundle(sha256Hex, makeBundle({ sessionId: 'plan-1', branchCode: 'SUC001', registerCode: 'POS001', businessDate: '2026-11-21', number: 1, sales: [100] }));
  if (again.ok) await store.ingest(again.value, summarize(again.value), '2026-11-22T13:00:00.000Z');
  await store.reject({ receivedAt: '2026-11-22T13:00:00.000Z', reason: 'BAD_JSON', httpStatus: 400, sessionId: null, branchCode: null, registerCode: null, senderBranchCode: 'SUC001', senderRegisterCode: 'POS001', details: null, body: '{', bodyBytes: 1, bodySha256: 'b'.repeat(64) });
  await store.listRejected(10);
  await store.listRejected(10, 1);
  const filters = [
    {},
    { branchCode: 'SUC001' },
    { branchCode: 'SUC001', registerCode: 'POS002' },
    { status: 'CLOSED' as const },
    { businessDate: '2026-11-22' },
    { branchCode: 'SUC002', businessDate: '2026-11-21' },
    { branchCode: 'SUC001', fromDate: '2026-11-01', toDate: '2026-11-30' },
  ];
  for (const f of filters) {
    const first = await store.listSessions({ ...f, limit: 2 });
    await store.listSessions({ ...f, limit: 2, afterSequence: first[first.length - 1]?.hqSequence ?? 0 });
  }
  await store.getSession('plan-3');
  await store.masterUpdate([{ entity: 'product', key: 'SKU-1' }], () => ({ ok: true, value: null, writes: [{ entity: 'product', key: 'SKU-1', branch: null, data: '{}', logged: true }] }), '2026-11-22T13:00:00.000Z');
  await store.masterGet('product', 'SKU-1');
  await store.masterList('product');
  await store.masterChanges(0, 'SUC001', 100);
  await store.addEnrollmentCode('c'.repeat(64), 'SUC001', 'POS003', '2026-11-22T13:00:00.000Z', '2026-11-23T13:00:00.000Z');
  await store.redeemEnrollmentCode('c'.repeat(64), '2026-11-22T14:00:00.000Z', 'd'.repeat(64));
}

/** What is wrong with a plan, or null (`lines`: SQLite's details or PostgreSQL's plan text, one node a line). */
function fault(sql: string, lines: readonly string[]): string | null {
  const limited = /\bLIMIT\b/i.test(sql);
  const ordered = /\bORDER BY\b/i.test(sql);
  const sorts = lines.some((l) => /USE TEMP B-TREE FOR (RIGHT PART OF |LAST TERM OF )?ORDER BY|^\s*(->\s*)?(Incremental )?Sort\b/.test(l));
  const bounded = limited && !sorts && (ordered || !/\bWHERE\b/i.test(sql));
  const readsTables = !/^INSERT\b/i.test(sql) || /\bSELECT\b/i.test(sql.replace(/\bRETURNING\b[\s\S]*$/i, ''));
  for (const l of lines) {
    const scan = /^SCAN (\w+)/.exec(l) ?? /Seq Scan on (\w+)/.exec(l);
    if (readsTables && scan && GROWING.has(scan[1] ?? '') && !bounded) return `scans ${scan[1]}`;
  }
  if (limited && sorts) return 'sorts every match to return a page';
  return null;
}

describe('HQ query plans on SQLite', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'arqueo-hq-plans-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('no statement of any store operation scans a growing table or sorts a page', async () => {
    const store = SqliteHqStore.inDir(dir);
    const seen = new Set<string>();
    const prepare = store.sqlite.prepare.bind(store.sqlite);
    store.sqlite.prepare = ((source: string) => {
      seen.add(source.trim());
      return prepare(source);
    }) as Database.Database['prepare'];
    try {
      await fixture(store);
    } finally {
      store.sqlite.prepare = prepare;
    }
    const faults: string[] = [];
    let explained = 0;
    for (const sql of seen) {
      if (!/^(SELECT|WITH|UPDATE|DELETE|INSERT)\b/i.test(sql)) continue;
      const stmt = prepare(`EXPLAIN QUERY PLAN ${sql}`);
      let plan: { detail: string }[] | null = null;
      for (let k = 0; k <= 60 && plan === null; k++) {
        try {
          plan = stmt.all(...new Array<null>(k).fill(null)) as { detail: string }[];
        } catch (e) {
          if (!(e instanceof RangeError)) throw e;
        }
      }
      if (plan === null) throw new Error(`cannot bind ${sql}`);
      explained++;
      const f = fault(sql, plan.map((p) => p.detail));
      if (f) faults.push(`${f}\n  ${sql.replace(/\s+/g, ' ')}\n  ${plan.map((p) => p.detail).join(' | ')}`);
    }
    await store.close();
    expect(explained).toBeGreaterThan(15);
    expect(faults.join('\n')).toBe('');
  });

  it('the check catches a scan and a sorted page', () => {
    expect(fault('SELECT * FROM sessions WHERE status = ?', ['SCAN sessions'])).toBe('scans sessions');
    expect(fault('SELECT * FROM sessions WHERE x = ? ORDER BY hq_sequence LIMIT 5', ['Limit', '  ->  Sort', '        ->  Seq Scan on sessions'])).not.toBeNull();
    expect(fault('SELECT * FROM sessions ORDER BY hq_sequence LIMIT 5', ['SCAN sessions'])).toBeNull();
  });
});

const PG_URL = pgTestUrl();
describe.skipIf(!PG_URL)('HQ query plans on PostgreSQL', () => {
  it('no statement of any store operation scans a growing table or sorts a page (sequential scans priced out)', async () => {
    const scratch = await pgScratch(PG_URL ?? '', 'hq_plans');
    const seen = new Map<string, unknown[]>();
    const query = pg.Client.prototype.query;
    // Every statement of the store's pool and transactions goes through a client's query.
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      if (typeof args[0] === 'string') seen.set(args[0].trim(), Array.isArray(args[1]) ? (args[1] as unknown[]) : []);
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query;
    let store: PgHqStore | null = null;
    try {
      store = await PgHqStore.open(scratch.url, { max: 2 });
      await fixture(store);
    } finally {
      pg.Client.prototype.query = query;
    }
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    const faults: string[] = [];
    let explained = 0;
    try {
      await client.query('ANALYZE');
      await client.query('SET enable_seqscan = off');
      for (const [sql, values] of seen) {
        if (!/^(SELECT|WITH|UPDATE|DELETE|INSERT)\b/i.test(sql) || /pg_advisory|hq_schema_migrations/.test(sql)) continue;
        const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, values);
        const lines = rows.map((r) => r["QUERY PLAN"]);
        explained++;
        const f = fault(sql, lines);
        if (f) faults.push(`${f}\n  ${sql.replace(/\s+/g, ' ')}\n  ${lines.join('\n  ')}`);
      }
    } finally {
      await client.end();
      await store?.close();
      await scratch.drop();
    }
    expect(explained).toBeGreaterThan(15);
    expect(faults.join('\n')).toBe('');
  }, 60_000);
});
