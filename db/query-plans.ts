// Test helper (issue 14): records every SQL statement prepared while a fixture runs, and judges each one's SQLite query
// plan. Used by engine/query-plans.test.ts (every command) and electron/sync (the worker's idle pass); not by the app.
// A plan is at fault when it reads a table that grows with history in a way that grows with it:
// - a SCAN of such a table, unless it walks an order (the rowid or an index) for an ORDER BY and stops at a LIMIT;
// - a temporary B-tree for the ORDER BY of a LIMITed read (the page would cost every match, not its rows).
import Database from 'better-sqlite3';

/** Tables whose rows accumulate with every sale, session or sign-in. */
export const GROWING_TABLES: ReadonlySet<string> = new Set([
  'sessions',
  'sales',
  'sale_lines',
  'payments',
  'sale_voids',
  'refunds',
  'refund_lines',
  'stock_movements',
  'ledger_entries',
  'cash_movements',
  'cash_counts',
  'agent_operations',
  'idempotency',
  'outbox',
  'print_jobs',
  'grants',
  'auth_tokens',
  'pin_failures',
]);

export interface PlanRow {
  readonly id: number;
  readonly parent: number;
  readonly detail: string;
}

/** What is wrong with `sql`'s plan, or null. */
export function planFault(sql: string, plan: readonly PlanRow[], growing: ReadonlySet<string> = GROWING_TABLES): string | null {
  const sorts = plan.some((r) => /USE TEMP B-TREE FOR (RIGHT PART OF |LAST TERM OF )?ORDER BY/.test(r.detail));
  // A walk in the ORDER BY's order, or an unfiltered one (a bounded count), that stops at a LIMIT reads a page, not the
  // history. (A walk whose rows a WHERE then filters could read far before its LIMIT: ORDER BY pages are keyed so that
  // their filter is the index's own prefix.)
  const bounded = /\bLIMIT\b/i.test(sql) && !sorts && (/\bORDER BY\b/i.test(sql) || !/\bWHERE\b/i.test(sql));
  // An INSERT … VALUES plan lists the child-table checks SQLite would run if a conflict replaced a parent row; none
  // of ours replaces one (an upsert leaves its key alone), so only an INSERT … SELECT reads tables.
  const readsTables = !/^INSERT\b/i.test(sql) || /\bSELECT\b/i.test(sql.replace(/\bRETURNING\b[\s\S]*$/i, ''));
  for (const row of plan) {
    const scan = readsTables ? /^SCAN (\w+)/.exec(row.detail) : null;
    if (scan && growing.has(scan[1] ?? '') && !bounded) return `scans ${scan[1]}`;
  }
  if (/\bLIMIT\b/i.test(sql) && sorts) return 'sorts every match to return a page';
  return null;
}

export interface Recorded {
  readonly sql: string;
  /** What the fixture was doing when it was prepared (a command name). */
  readonly by: Set<string>;
}

export interface Recorder {
  /** Statements prepared since `record`, by their text. */
  readonly statements: ReadonlyMap<string, Recorded>;
  /** Names what runs next (recorded with each statement it prepares). */
  doing(what: string): void;
  stop(): void;
}

const originalPrepare = Database.prototype.prepare;

/** Records every statement any better-sqlite3 connection of this process prepares until `stop`. */
export function record(): Recorder {
  const statements = new Map<string, Recorded>();
  let current = 'fixture';
  Database.prototype.prepare = function (this: Database.Database, source: string) {
    const key = source.trim();
    const seen = statements.get(key) ?? { sql: key, by: new Set<string>() };
    seen.by.add(current);
    statements.set(key, seen);
    return originalPrepare.call(this, source);
  } as typeof originalPrepare;
  return {
    statements,
    doing: (what) => {
      current = what;
    },
    stop: () => {
      Database.prototype.prepare = originalPrepare;
    },
  };
}

/** `EXPLAIN QUERY PLAN` of a DML statement on `sqlite`, or null for other statements and another database's. */
export function explain(sqlite: Database.Database, sql: string): PlanRow[] | null {
  if (!/^(SELECT|WITH|UPDATE|DELETE|INSERT)\b/i.test(sql)) return null;
  let stmt: Database.Statement;
  try {
    stmt = originalPrepare.call(sqlite, `EXPLAIN QUERY PLAN ${sql}`);
  } catch {
    return null; // a statement of another connection's database (HQ's, a backup being verified)
  }
  // The plan does not depend on the values: bind as many nulls as the statement has parameters.
  for (let n = 0; n <= 200; n++) {
    try {
      return stmt.all(...new Array<null>(n).fill(null)) as PlanRow[];
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
    }
  }
  throw new Error(`cannot bind ${sql}`);
}

/** Every recorded statement whose plan on `sqlite` is at fault, as readable lines (empty when all are fine). */
export function planFaults(sqlite: Database.Database, recorded: Iterable<Recorded>, allowed: readonly RegExp[] = []): { faults: string[]; explained: number } {
  const faults: string[] = [];
  let explained = 0;
  for (const { sql, by } of recorded) {
    if (allowed.some((a) => a.test(sql))) continue;
    const plan = explain(sqlite, sql);
    if (!plan) continue;
    explained++;
    const fault = planFault(sql, plan);
    if (fault) faults.push(`${fault} [${[...by].join(', ')}]\n  ${sql.replace(/\s+/g, ' ')}\n  ${plan.map((p) => p.detail).join(' | ')}`);
  }
  return { faults, explained };
}
