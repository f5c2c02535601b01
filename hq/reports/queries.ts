// HQ's report queries, written once for both stores over the rollup tables of migration 6 (`report_sessions`, one row
// per sealed session; `report_days`, the daily report's sums per business date, branch and currency; `report_hours` and
// `report_hours_all`, sales by local hour per business date and currency, per branch and chain-wide).
// Invariants: SQL uses `?` placeholders only (the PostgreSQL store numbers them with `toPg`) and no `?` elsewhere;
// every sum is CAST to BIGINT so PostgreSQL answers integers, never numeric strings; money stays integer minor units
// and is never added across currencies; pages are keyset on (business_date, hq_sequence), newest first, never OFFSET.
import type { MethodTotals, PaymentMethod } from '../../src/sale/methods';
import { PAYMENT_METHODS, zeroMethodTotals } from '../../src/sale/methods';
import type { SealedStatus } from '../../src/sync/protocol';
import type { SessionFacts } from './facts';

export type SqlArg = string | number;

/** What a store lends the report queries: run one read statement with `?` placeholders. */
export interface ReportDb {
  all<T>(sql: string, args: readonly SqlArg[]): Promise<T[]>;
}

/** `?` placeholders as PostgreSQL's `$1, $2, …` (the report SQL has no `?` inside literals). */
export function toPg(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/**
 * A report read for PostgreSQL: placeholders numbered, and every SUM (all over integers here) through `hq_sum8`
 * (migration 6), a 64-bit accumulator that raises on overflow, instead of SUM(bigint)'s numeric one.
 */
export function pgSql(sql: string): string {
  return toPg(sql).replace(/\bSUM\(/g, 'hq_sum8(');
}

const METHOD_COLUMN: Readonly<Record<PaymentMethod, string>> = Object.fromEntries(PAYMENT_METHODS.map((m) => [m, `m_${m.toLowerCase()}`])) as Record<PaymentMethod, string>;

// ---------------------------------------------------------------------------------------------------------------------
// Writing at ingest

export interface Statement {
  readonly sql: string;
  readonly args: SqlArg[];
}

const FACT_COLUMNS = [
  'hq_sequence',
  'session_id',
  'branch_code',
  'register_code',
  'session_number',
  'business_date',
  'currency',
  'status',
  'cashier_id',
  'time_zone',
  'opened_at',
  'closed_at',
  'opening_amount',
  'expected_amount',
  'closing_amount',
  'difference',
  'sales_count',
  'sales_total',
  ...PAYMENT_METHODS.map((m) => METHOD_COLUMN[m]),
  'deposits_total',
  'withdrawals_total',
  'voids_count',
  'voids_total',
  'refunds_count',
  'refunds_total',
  'discounts_count',
  'discounts_total',
  'drawer_openings',
  'no_sale_count',
  'cash_out_refused_count',
  'cash_out_refused_total',
  'close_refused_count',
] as const;

/** The summed columns of `report_days`, named as the report reads them. */
const DAY_COLUMNS = [
  'sessions',
  'sales_count',
  'sales_total',
  ...PAYMENT_METHODS.map((m) => METHOD_COLUMN[m]),
  'opening_total',
  'expected_cash',
  'counted_cash',
  'difference',
  'short_count',
  'short_total',
  'over_count',
  'over_total',
  'deposits_total',
  'withdrawals_total',
  'voids_count',
  'voids_total',
  'refunds_count',
  'refunds_total',
  'discounts_count',
  'discounts_total',
  'no_sale_count',
  'cash_out_refused_count',
  'cash_out_refused_total',
] as const;

function dayValues(f: SessionFacts): number[] {
  const short = f.difference < 0;
  const over = f.difference > 0;
  return [
    1,
    f.salesCount,
    f.salesTotal,
    ...PAYMENT_METHODS.map((m) => f.byMethod[m]),
    f.openingAmount,
    f.expectedAmount,
    f.closingAmount,
    f.difference,
    short ? 1 : 0,
    short ? -f.difference : 0,
    over ? 1 : 0,
    over ? f.difference : 0,
    f.depositsTotal,
    f.withdrawalsTotal,
    f.voidsCount,
    f.voidsTotal,
    f.refundsCount,
    f.refundsTotal,
    f.discountsCount,
    f.discountsTotal,
    f.noSaleCount,
    f.cashOutRefusedCount,
    f.cashOutRefusedTotal,
  ];
}

/**
 * The statements that record one session's facts: `insert` (affects 0 rows when the session already has them: run
 * `rollups` only when it affected 1, so a backfill racing an ingest never counts a session twice) and the rollup
 * upserts: its day, then its hours per branch, then chain-wide, each in ascending hour, so concurrent writers lock
 * shared rows in one order (no deadlock).
 */
export function factsStatements(hqSequence: number, f: SessionFacts): { readonly insert: Statement; readonly rollups: readonly Statement[] } {
  const values: SqlArg[] = [
    hqSequence,
    f.sessionId,
    f.branchCode,
    f.registerCode,
    f.sessionNumber,
    f.businessDate,
    f.currency,
    f.status,
    f.cashierId,
    f.timeZone,
    f.openedAt,
    f.closedAt,
    f.openingAmount,
    f.expectedAmount,
    f.closingAmount,
    f.difference,
    f.salesCount,
    f.salesTotal,
    ...PAYMENT_METHODS.map((m) => f.byMethod[m]),
    f.depositsTotal,
    f.withdrawalsTotal,
    f.voidsCount,
    f.voidsTotal,
    f.refundsCount,
    f.refundsTotal,
    f.discountsCount,
    f.discountsTotal,
    f.drawerOpenings,
    f.noSaleCount,
    f.cashOutRefusedCount,
    f.cashOutRefusedTotal,
    f.closeRefusedCount,
  ];
  const insert = {
    sql: `INSERT INTO report_sessions (${FACT_COLUMNS.join(', ')}) VALUES (${FACT_COLUMNS.map(() => '?').join(', ')}) ON CONFLICT (hq_sequence) DO NOTHING`,
    args: values,
  };
  const day = {
    sql: `INSERT INTO report_days (business_date, branch_code, currency, ${DAY_COLUMNS.join(', ')}) VALUES (?, ?, ?, ${DAY_COLUMNS.map(() => '?').join(', ')})
          ON CONFLICT (business_date, branch_code, currency) DO UPDATE SET ${DAY_COLUMNS.map((c) => `${c} = report_days.${c} + excluded.${c}`).join(', ')}`,
    args: [f.businessDate, f.branchCode, f.currency, ...dayValues(f)],
  };
  const sorted = [...f.hours].sort((a, b) => a.hour - b.hour);
  const all = sorted.map((h) => ({
    sql: `INSERT INTO report_hours_all (business_date, currency, hour, sales_count, sales_total, refunds_count, refunds_total)
          VALUES (?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (business_date, currency, hour) DO UPDATE SET
            sales_count = report_hours_all.sales_count + excluded.sales_count, sales_total = report_hours_all.sales_total + excluded.sales_total,
            refunds_count = report_hours_all.refunds_count + excluded.refunds_count, refunds_total = report_hours_all.refunds_total + excluded.refunds_total`,
    args: [f.businessDate, f.currency, h.hour, h.count, h.total, h.refundsCount, h.refundsTotal],
  }));
  const hours = sorted
    .map((h) => ({
      sql: `INSERT INTO report_hours (business_date, branch_code, currency, hour, sales_count, sales_total, refunds_count, refunds_total)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (business_date, branch_code, currency, hour) DO UPDATE SET
              sales_count = report_hours.sales_count + excluded.sales_count, sales_total = report_hours.sales_total + excluded.sales_total,
              refunds_count = report_hours.refunds_count + excluded.refunds_count, refunds_total = report_hours.refunds_total + excluded.refunds_total`,
      args: [f.businessDate, f.branchCode, f.currency, h.hour, h.count, h.total, h.refundsCount, h.refundsTotal],
    }));
  return { insert, rollups: [day, ...hours, ...all] };
}

/** Sessions stored without facts (before migration 6), oldest first, at most `limit`: what the backfill reads next. */
export const MISSING_FACTS_SQL = `SELECT s.hq_sequence AS "hqSequence", s.session_id AS "sessionId", s.branch_code AS "branchCode" FROM sessions s
  WHERE NOT EXISTS (SELECT 1 FROM report_sessions f WHERE f.hq_sequence = s.hq_sequence) ORDER BY s.hq_sequence LIMIT ?`;

/** A branch's master record (its JSON), for its time zone. */
export const BRANCH_RECORD_SQL = `SELECT data FROM master_records WHERE entity = 'BRANCH' AND key = ?`;

// ---------------------------------------------------------------------------------------------------------------------
// Reading

/** The cashier a report names: HQ's user record for the register's user id, when HQ has one. */
export interface CashierName {
  readonly username: string;
  readonly name: string;
}

async function cashierNames(db: ReportDb, ids: ReadonlySet<string>): Promise<Map<string, CashierName>> {
  const out = new Map<string, CashierName>();
  if (ids.size === 0) return out;
  const rows = await db.all<{ data: string }>(`SELECT data FROM master_records WHERE entity = 'USER'`, []);
  for (const r of rows) {
    const u = JSON.parse(r.data) as { id?: unknown; username?: unknown; name?: unknown };
    if (typeof u.id === 'string' && ids.has(u.id) && typeof u.username === 'string' && typeof u.name === 'string') out.set(u.id, { username: u.username, name: u.name });
  }
  return out;
}

/** Where a page of sessions resumes: the last row seen (the cursor's content). */
export interface SessionCursor {
  readonly businessDate: string;
  readonly hqSequence: number;
}

export interface SessionPageQuery {
  readonly branchCode?: string | undefined;
  readonly registerCode?: string | undefined;
  /** The register's user id of the session's opener. */
  readonly cashierId?: string | undefined;
  readonly status?: SealedStatus | undefined;
  /** Business dates (the store's local dates), inclusive. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  /** SHORT: difference < 0; OVER: > 0; EVEN: = 0. */
  readonly difference?: 'SHORT' | 'OVER' | 'EVEN' | undefined;
  readonly limit: number;
  readonly after?: SessionCursor | undefined;
}

/** One session in the console's list: its facts without the hours, HQ's sequence, and the cashier's name if known. */
export interface SessionListItem extends Omit<SessionFacts, 'hours'> {
  readonly hqSequence: number;
  readonly cashier: CashierName | null;
}

export interface SessionPage {
  readonly items: readonly SessionListItem[];
  /** The position after the last item, or null when there is nothing after it. */
  readonly next: SessionCursor | null;
}

interface FactRow {
  hq_sequence: number;
  session_id: string;
  branch_code: string;
  register_code: string;
  session_number: string;
  business_date: string;
  currency: string;
  status: SealedStatus;
  cashier_id: string;
  time_zone: string;
  opened_at: string;
  closed_at: string;
  [column: string]: number | string;
}

const n = (row: Record<string, unknown>, column: string): number => {
  const v = row[column];
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new Error(`report column ${column}: expected a safe integer, got ${String(v)}`);
  return v;
};

const byMethodOf = (row: Record<string, unknown>): MethodTotals => {
  const out = zeroMethodTotals();
  for (const m of PAYMENT_METHODS) out[m] = n(row, METHOD_COLUMN[m]);
  return out;
};

function listItem(r: FactRow, names: ReadonlyMap<string, CashierName>): SessionListItem {
  return {
    hqSequence: n(r, 'hq_sequence'),
    sessionId: r.session_id,
    branchCode: r.branch_code,
    registerCode: r.register_code,
    sessionNumber: r.session_number,
    businessDate: r.business_date,
    currency: r.currency,
    status: r.status,
    cashierId: r.cashier_id,
    cashier: names.get(r.cashier_id) ?? null,
    timeZone: r.time_zone,
    openedAt: r.opened_at,
    closedAt: r.closed_at,
    openingAmount: n(r, 'opening_amount'),
    expectedAmount: n(r, 'expected_amount'),
    closingAmount: n(r, 'closing_amount'),
    difference: n(r, 'difference'),
    salesCount: n(r, 'sales_count'),
    salesTotal: n(r, 'sales_total'),
    byMethod: byMethodOf(r),
    depositsTotal: n(r, 'deposits_total'),
    withdrawalsTotal: n(r, 'withdrawals_total'),
    voidsCount: n(r, 'voids_count'),
    voidsTotal: n(r, 'voids_total'),
    refundsCount: n(r, 'refunds_count'),
    refundsTotal: n(r, 'refunds_total'),
    discountsCount: n(r, 'discounts_count'),
    discountsTotal: n(r, 'discounts_total'),
    drawerOpenings: n(r, 'drawer_openings'),
    noSaleCount: n(r, 'no_sale_count'),
    cashOutRefusedCount: n(r, 'cash_out_refused_count'),
    cashOutRefusedTotal: n(r, 'cash_out_refused_total'),
    closeRefusedCount: n(r, 'close_refused_count'),
  };
}

/** WHERE clauses shared by every report: the filters a query names, in one order. */
function filters(q: { branchCode?: string | undefined; registerCode?: string | undefined; cashierId?: string | undefined; status?: string | undefined; from?: string | undefined; to?: string | undefined }) {
  const where: string[] = [];
  const args: SqlArg[] = [];
  const add = (clause: string, value: SqlArg | undefined) => {
    if (value === undefined) return;
    where.push(clause);
    args.push(value);
  };
  add('branch_code = ?', q.branchCode);
  add('register_code = ?', q.registerCode);
  add('cashier_id = ?', q.cashierId);
  add('status = ?', q.status);
  add('business_date >= ?', q.from);
  add('business_date <= ?', q.to);
  return { where, args };
}

/**
 * A page of sealed sessions, newest business date first (then newest arrival), filtered. `limit` rows at most; `next`
 * resumes after the last one (keyset on (business_date, hq_sequence), so pages stay stable while sessions arrive).
 */
export async function listSessionPage(db: ReportDb, q: SessionPageQuery): Promise<SessionPage> {
  const { where, args } = filters(q);
  if (q.difference === 'SHORT') where.push('difference < 0');
  if (q.difference === 'OVER') where.push('difference > 0');
  if (q.difference === 'EVEN') where.push('difference = 0');
  if (q.after) {
    where.push('(business_date < ? OR (business_date = ? AND hq_sequence < ?))');
    args.push(q.after.businessDate, q.after.businessDate, q.after.hqSequence);
  }
  const rows = await db.all<FactRow>(
    `SELECT * FROM report_sessions ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY business_date DESC, hq_sequence DESC LIMIT ?`,
    [...args, q.limit + 1],
  );
  const page = rows.slice(0, q.limit);
  const names = await cashierNames(db, new Set(page.map((r) => r.cashier_id)));
  const last = page[page.length - 1];
  return {
    items: page.map((r) => listItem(r, names)),
    next: rows.length > q.limit && last ? { businessDate: last.business_date, hqSequence: n(last, 'hq_sequence') } : null,
  };
}

/** Totals of a set of sessions. Amounts in minor units; `shortTotal` and `overTotal` are magnitudes (never negative). */
export interface RangeTotals {
  readonly sessions: number;
  readonly salesCount: number;
  readonly salesTotal: number;
  readonly byMethod: MethodTotals;
  readonly openingTotal: number;
  readonly expectedCash: number;
  readonly countedCash: number;
  /** Σ differences, signed. */
  readonly difference: number;
  readonly shortCount: number;
  readonly shortTotal: number;
  readonly overCount: number;
  readonly overTotal: number;
  readonly depositsTotal: number;
  readonly withdrawalsTotal: number;
  readonly voidsCount: number;
  readonly voidsTotal: number;
  readonly refundsCount: number;
  readonly refundsTotal: number;
  readonly discountsCount: number;
  readonly discountsTotal: number;
  readonly noSaleCount: number;
  readonly cashOutRefusedCount: number;
  readonly cashOutRefusedTotal: number;
}

const sum = (expr: string, as: string) => `CAST(SUM(${expr}) AS BIGINT) AS ${as}`;
/**
 * A sum of counts: each row's count fits a 32-bit integer (a session's or a day's), and PostgreSQL sums INTEGER in a
 * 64-bit accumulator where BIGINT goes through numeric, several times slower over a month of a chain.
 */
const count = (column: string, as: string = column) => `CAST(SUM(CAST(${column} AS INTEGER)) AS BIGINT) AS ${as}`;
const isCount = (column: string) => column === 'sessions' || column.endsWith('_count');

const DAY_SELECT = DAY_COLUMNS.map((c) => (isCount(c) ? count(c) : sum(c, c))).join(',\n  ');

function totalsOf(r: Record<string, unknown>): RangeTotals {
  return {
    sessions: n(r, 'sessions'),
    salesCount: n(r, 'sales_count'),
    salesTotal: n(r, 'sales_total'),
    byMethod: byMethodOf(r),
    openingTotal: n(r, 'opening_total'),
    expectedCash: n(r, 'expected_cash'),
    countedCash: n(r, 'counted_cash'),
    difference: n(r, 'difference'),
    shortCount: n(r, 'short_count'),
    shortTotal: n(r, 'short_total'),
    overCount: n(r, 'over_count'),
    overTotal: n(r, 'over_total'),
    depositsTotal: n(r, 'deposits_total'),
    withdrawalsTotal: n(r, 'withdrawals_total'),
    voidsCount: n(r, 'voids_count'),
    voidsTotal: n(r, 'voids_total'),
    refundsCount: n(r, 'refunds_count'),
    refundsTotal: n(r, 'refunds_total'),
    discountsCount: n(r, 'discounts_count'),
    discountsTotal: n(r, 'discounts_total'),
    noSaleCount: n(r, 'no_sale_count'),
    cashOutRefusedCount: n(r, 'cash_out_refused_count'),
    cashOutRefusedTotal: n(r, 'cash_out_refused_total'),
  };
}

function addTotals(a: RangeTotals, b: RangeTotals): RangeTotals {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(a) as (keyof RangeTotals)[]) {
    if (k === 'byMethod') continue;
    out[k] = (a[k] as number) + (b[k] as number);
  }
  const byMethod = zeroMethodTotals();
  for (const m of PAYMENT_METHODS) byMethod[m] = a.byMethod[m] + b.byMethod[m];
  return { ...(out as Omit<RangeTotals, 'byMethod'>), byMethod };
}

export interface DailyRangeQuery {
  /** Business dates, inclusive. */
  readonly from: string;
  readonly to: string;
  readonly branchCode?: string | undefined;
}

export interface DailyRangeReport {
  readonly from: string;
  readonly to: string;
  /** One line per currency: HQ never adds bolivianos to pesos. */
  readonly overall: readonly { readonly currency: string; readonly totals: RangeTotals }[];
  /** Per branch and currency, by branch code. */
  readonly byBranch: readonly { readonly branchCode: string; readonly currency: string; readonly totals: RangeTotals }[];
  /** Per business date and currency, ascending: sessions and net sales. */
  readonly byDate: readonly { readonly businessDate: string; readonly currency: string; readonly sessions: number; readonly salesCount: number; readonly salesTotal: number }[];
  /** Per store-local hour (each branch's own zone) and currency: sales not voided, refunds paid, and net. */
  readonly byHour: readonly { readonly currency: string; readonly hour: number; readonly salesCount: number; readonly salesTotal: number; readonly refundsCount: number; readonly refundsTotal: number; readonly net: number }[];
  /** Net sales per tender and currency (tenders with nothing left out). */
  readonly tenders: readonly { readonly currency: string; readonly method: PaymentMethod; readonly amount: number }[];
}

/**
 * The daily report over a range of business dates, across every branch (or one): totals, by branch, by date, by local
 * hour and the tender mix, one set of lines per currency. Reads the rollups only, so a month of a thousand branches
 * is a few indexed scans, never the bundles.
 */
export async function dailyRangeReport(db: ReportDb, q: DailyRangeQuery): Promise<DailyRangeReport> {
  const { where, args } = filters(q);
  const w = `WHERE ${where.join(' AND ')}`;
  // Chain-wide hours come from their own rollup (a month is ~400 rows); one branch's from the per-branch one.
  const hours = q.branchCode === undefined ? 'report_hours_all' : 'report_hours';
  const [branchRows, dateRows, hourRows] = await Promise.all([
    db.all<Record<string, unknown> & { branch_code: string; currency: string }>(`SELECT branch_code, currency,\n  ${DAY_SELECT}\nFROM report_days ${w} GROUP BY branch_code, currency ORDER BY branch_code, currency`, args),
    db.all<Record<string, unknown> & { business_date: string; currency: string }>(
      `SELECT business_date, currency, ${count('sessions')}, ${count('sales_count')}, ${sum('sales_total', 'sales_total')}
       FROM report_days ${w} GROUP BY business_date, currency ORDER BY business_date, currency`,
      args,
    ),
    db.all<Record<string, unknown> & { currency: string }>(
      `SELECT currency, hour, ${count('sales_count')}, ${sum('sales_total', 'sales_total')}, ${count('refunds_count')}, ${sum('refunds_total', 'refunds_total')}
       FROM ${hours} ${w} GROUP BY currency, hour ORDER BY currency, hour`,
      args,
    ),
  ]);
  const byBranch = branchRows.map((r) => ({ branchCode: r.branch_code, currency: r.currency, totals: totalsOf(r) }));
  const overallMap = new Map<string, RangeTotals>();
  for (const b of byBranch) {
    const prev = overallMap.get(b.currency);
    overallMap.set(b.currency, prev ? addTotals(prev, b.totals) : b.totals);
  }
  const overall = [...overallMap.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([currency, totals]) => ({ currency, totals }));
  return {
    from: q.from,
    to: q.to,
    overall,
    byBranch,
    byDate: dateRows.map((r) => ({ businessDate: r.business_date, currency: r.currency, sessions: n(r, 'sessions'), salesCount: n(r, 'sales_count'), salesTotal: n(r, 'sales_total') })),
    byHour: hourRows.map((r) => {
      const salesTotal = n(r, 'sales_total');
      const refundsTotal = n(r, 'refunds_total');
      return { currency: r.currency, hour: n(r, 'hour'), salesCount: n(r, 'sales_count'), salesTotal, refundsCount: n(r, 'refunds_count'), refundsTotal, net: salesTotal - refundsTotal };
    }),
    tenders: overall.flatMap((o) => PAYMENT_METHODS.filter((m) => o.totals.byMethod[m] !== 0).map((method) => ({ currency: o.currency, method, amount: o.totals.byMethod[method] }))),
  };
}

export interface OverShortQuery {
  readonly from: string;
  readonly to: string;
  readonly branchCode?: string | undefined;
  readonly cashierId?: string | undefined;
}

/** One cashier's record over the range, in one currency. Shortages and overages are magnitudes in minor units. */
export interface CashierOverShort {
  readonly cashierId: string;
  readonly cashier: CashierName | null;
  readonly currency: string;
  /** Sealed sessions (closed or handed over) the cashier opened. */
  readonly sessions: number;
  readonly shortCount: number;
  readonly shortTotal: number;
  readonly shortMax: number;
  readonly overCount: number;
  readonly overTotal: number;
  readonly overMax: number;
  /** Σ differences, signed (overages − shortages). */
  readonly difference: number;
  readonly noSaleCount: number;
  readonly cashOutRefusedCount: number;
  readonly cashOutRefusedTotal: number;
  readonly voidsCount: number;
  readonly voidsTotal: number;
  readonly refundsCount: number;
  readonly refundsTotal: number;
  readonly discountsCount: number;
  readonly discountsTotal: number;
  readonly salesCount: number;
  readonly salesTotal: number;
}

export interface OverShortReport {
  readonly from: string;
  readonly to: string;
  /** Most short first (by shortTotal, then shortCount), then by cashier id. */
  readonly cashiers: readonly CashierOverShort[];
  /** Per business date and currency, ascending: the chart's series (for one cashier when the query names one). */
  readonly byDate: readonly { readonly businessDate: string; readonly currency: string; readonly sessions: number; readonly shortCount: number; readonly shortTotal: number; readonly overCount: number; readonly overTotal: number }[];
}

/**
 * Over/short by cashier over a range of business dates (the loss-prevention report): per cashier and currency, the
 * sessions, how often and how much short or over (sum and largest), the no-sale drawer openings, refused cash-outs,
 * voids, refunds and discounts of their sessions; and the per-date series for a chart.
 */
export async function overShortReport(db: ReportDb, q: OverShortQuery): Promise<OverShortReport> {
  const { where, args } = filters(q);
  const w = `WHERE ${where.join(' AND ')}`;
  const [rows, dateRows] = await Promise.all([
    db.all<Record<string, unknown> & { cashier_id: string; currency: string }>(
      `SELECT cashier_id, currency, CAST(COUNT(*) AS BIGINT) AS sessions,
         ${count('CASE WHEN difference < 0 THEN 1 ELSE 0 END', 'short_count')},
         ${sum('CASE WHEN difference < 0 THEN -difference ELSE 0 END', 'short_total')},
         CAST(MAX(CASE WHEN difference < 0 THEN -difference ELSE 0 END) AS BIGINT) AS short_max,
         ${count('CASE WHEN difference > 0 THEN 1 ELSE 0 END', 'over_count')},
         ${sum('CASE WHEN difference > 0 THEN difference ELSE 0 END', 'over_total')},
         CAST(MAX(CASE WHEN difference > 0 THEN difference ELSE 0 END) AS BIGINT) AS over_max,
         ${sum('difference', 'difference')}, ${count('no_sale_count')},
         ${count('cash_out_refused_count')}, ${sum('cash_out_refused_total', 'cash_out_refused_total')},
         ${count('voids_count')}, ${sum('voids_total', 'voids_total')}, ${count('refunds_count')}, ${sum('refunds_total', 'refunds_total')},
         ${count('discounts_count')}, ${sum('discounts_total', 'discounts_total')}, ${count('sales_count')}, ${sum('sales_total', 'sales_total')}
       FROM report_sessions ${w} GROUP BY cashier_id, currency`,
      args,
    ),
    // The chart's series: from the day rollup for every cashier (a month of a chain is 30 rows a branch, not 90), from
    // the sessions for one.
    q.cashierId === undefined
      ? db.all<Record<string, unknown> & { business_date: string; currency: string }>(
          `SELECT business_date, currency, ${count('sessions')}, ${count('short_count')}, ${sum('short_total', 'short_total')}, ${count('over_count')}, ${sum('over_total', 'over_total')}
           FROM report_days ${w} GROUP BY business_date, currency ORDER BY business_date, currency`,
          args,
        )
      : db.all<Record<string, unknown> & { business_date: string; currency: string }>(
          `SELECT business_date, currency, CAST(COUNT(*) AS BIGINT) AS sessions,
             ${count('CASE WHEN difference < 0 THEN 1 ELSE 0 END', 'short_count')}, ${sum('CASE WHEN difference < 0 THEN -difference ELSE 0 END', 'short_total')},
             ${count('CASE WHEN difference > 0 THEN 1 ELSE 0 END', 'over_count')}, ${sum('CASE WHEN difference > 0 THEN difference ELSE 0 END', 'over_total')}
           FROM report_sessions ${w} GROUP BY business_date, currency ORDER BY business_date, currency`,
          args,
        ),
  ]);
  const names = await cashierNames(db, new Set(rows.map((r) => r.cashier_id)));
  const cashiers: CashierOverShort[] = rows.map((r) => ({
    cashierId: r.cashier_id,
    cashier: names.get(r.cashier_id) ?? null,
    currency: r.currency,
    sessions: n(r, 'sessions'),
    shortCount: n(r, 'short_count'),
    shortTotal: n(r, 'short_total'),
    shortMax: n(r, 'short_max'),
    overCount: n(r, 'over_count'),
    overTotal: n(r, 'over_total'),
    overMax: n(r, 'over_max'),
    difference: n(r, 'difference'),
    noSaleCount: n(r, 'no_sale_count'),
    cashOutRefusedCount: n(r, 'cash_out_refused_count'),
    cashOutRefusedTotal: n(r, 'cash_out_refused_total'),
    voidsCount: n(r, 'voids_count'),
    voidsTotal: n(r, 'voids_total'),
    refundsCount: n(r, 'refunds_count'),
    refundsTotal: n(r, 'refunds_total'),
    discountsCount: n(r, 'discounts_count'),
    discountsTotal: n(r, 'discounts_total'),
    salesCount: n(r, 'sales_count'),
    salesTotal: n(r, 'sales_total'),
  }));
  cashiers.sort((a, b) => b.shortTotal - a.shortTotal || b.shortCount - a.shortCount || (a.cashierId < b.cashierId ? -1 : a.cashierId > b.cashierId ? 1 : a.currency < b.currency ? -1 : 1));
  return {
    from: q.from,
    to: q.to,
    cashiers,
    byDate: dateRows.map((r) => ({
      businessDate: r.business_date,
      currency: r.currency,
      sessions: n(r, 'sessions'),
      shortCount: n(r, 'short_count'),
      shortTotal: n(r, 'short_total'),
      overCount: n(r, 'over_count'),
      overTotal: n(r, 'over_total'),
    })),
  };
}
