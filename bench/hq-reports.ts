// The HQ reports benchmark (`npx tsx bench/hq-reports.ts`; with PostgreSQL: `scripts/pg-test.sh npx tsx bench/hq-reports.ts`).
// Not a test: it prints figures with their target and writes bench/out/hq-reports.json.
//
// Synthetic chain: BENCH_REPORT_BRANCHES (1000) branches × 3 registers × BENCH_REPORT_DAYS (365) days, one sealed
// session per register and day, six cashiers per branch, BOB. The rollup rows HQ writes at ingest (report_sessions,
// report_days, report_hours with ~13 trading hours a day per branch, report_hours_all) are generated in bulk by SQL in the database (INSERT … SELECT
// over generated series, in business-date order as deliveries arrive), never through HTTP or the ingest path; plus the
// cashiers' master records the reports read names from. Then, BENCH_REPORT_RUNS (40) times, a random 30-day range:
// the daily report (`reportDaily`) and over/short by cashier (`reportOverShort`) across every branch, and the first
// sessions page of one branch, each timed through the store's own method. Target: p95 ≤ 300 ms for a month's range on
// PostgreSQL. SQLite runs the same at BENCH_REPORT_SQLITE_BRANCHES (100) branches; BENCH_REPORT_PG=0 skips PostgreSQL.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PgHqStore } from '../hq/pg-store';
import type { PgScratch } from '../hq/pg-testing';
import { pgScratch, pgTestUrl } from '../hq/pg-testing';
import { SqliteHqStore } from '../hq/sqlite-store';
import type { HqStore } from '../hq/store';

const env = (name: string, fallback: number): number => {
  const v = process.env[name];
  return v === undefined || v === '' ? fallback : Number(v);
};
const BRANCHES = env('BENCH_REPORT_BRANCHES', 1000);
const SQLITE_BRANCHES = env('BENCH_REPORT_SQLITE_BRANCHES', 100);
const DAYS = env('BENCH_REPORT_DAYS', 365);
const RUNS = env('BENCH_REPORT_RUNS', 40);
const REGISTERS = 3;
const CASHIERS_PER_BRANCH = 6;
const TARGET_MS = 300;
const START = '2025-01-01';

/**
 * The session rows for `dialect`, from three series (day, branch, register). Figures are deterministic functions of
 * the row number: 40–189 sales of Bs 15–22, tenders split cash/QR/debit, one session in five short and one in ten
 * over by up to Bs 50, a no-sale in one of seven, a refused cash-out in one of forty, voids, refunds and discounts.
 */
export function sessionsSql(dialect: 'sqlite' | 'postgres', branches: number): string {
  const series = (name: string, n: number) =>
    dialect === 'postgres' ? `generate_series(0, ${n - 1}) AS ${name}(v)` : `(WITH RECURSIVE g(v) AS (SELECT 0 UNION ALL SELECT v + 1 FROM g WHERE v < ${n - 1}) SELECT v FROM g) AS ${name}`;
  const date = dialect === 'postgres' ? `to_char(DATE '${START}' + d.v, 'YYYY-MM-DD')` : `date('${START}', '+' || d.v || ' days')`;
  const pad = (expr: string, width: number) => (dialect === 'postgres' ? `lpad((${expr})::text, ${width}, '0')` : `substr('000000' || (${expr}), -${width})`);
  const i = `(d.v * ${branches * REGISTERS} + b.v * ${REGISTERS} + r.v)`;
  const sales = `(40 + (${i} * 7) % 150)`;
  const total = `(${sales} * (1500 + (${i} * 13) % 700))`;
  const diff = `(CASE WHEN ${i} % 5 = 0 THEN -(1 + (${i} * 31) % 5000) WHEN ${i} % 10 = 3 THEN 1 + (${i} * 17) % 5000 ELSE 0 END)`;
  return `
INSERT INTO report_sessions (hq_sequence, session_id, branch_code, register_code, session_number, business_date, currency, status, cashier_id,
  time_zone, opened_at, closed_at, opening_amount, expected_amount, closing_amount, difference, sales_count, sales_total, m_cash, m_debit_card,
  m_credit_card, m_qr, m_card_terminal, m_transfer, m_check, m_voucher, m_other, deposits_total, withdrawals_total, voids_count, voids_total,
  refunds_count, refunds_total, discounts_count, discounts_total, drawer_openings, no_sale_count, cash_out_refused_count, cash_out_refused_total,
  close_refused_count)
SELECT ${i} + 1, 'bench-' || (${i} + 1), 'B' || ${pad('b.v', 5)}, 'POS00' || (r.v + 1), 'T-POS00' || (r.v + 1) || '-' || replace(${date}, '-', '') || '-001',
  ${date}, 'BOB', 'CLOSED', 'u-' || b.v || '-' || ((d.v + r.v) % ${CASHIERS_PER_BRANCH}), 'America/La_Paz',
  ${date} || 'T12:00:00.000Z', ${date} || 'T23:30:00.000Z', 50000, 50000 + ${total} * 6 / 10, 50000 + ${total} * 6 / 10 + ${diff}, ${diff},
  ${sales}, ${total}, ${total} - ${total} * 3 / 10 - ${total} / 10, ${total} / 10, 0, ${total} * 3 / 10, 0, 0, 0, 0, 0, 0, 0,
  ${i} % 4, (${i} % 4) * 1500, ${i} % 3, (${i} % 3) * 900, ${i} % 6, (${i} % 6) * 250, ${sales} * 6 / 10 + ${i} % 7, CASE WHEN ${i} % 7 = 0 THEN 1 ELSE 0 END,
  CASE WHEN ${i} % 40 = 0 THEN 1 ELSE 0 END, CASE WHEN ${i} % 40 = 0 THEN 90000 ELSE 0 END, 0
FROM ${series('d', DAYS)} CROSS JOIN ${series('b', branches)} CROSS JOIN ${series('r', REGISTERS)}
ORDER BY d.v, b.v, r.v`;
}

/** Sales by hour per (date, branch): 13 trading hours (08–20 local), summed over the branch's registers. */
export function hoursSql(dialect: 'sqlite' | 'postgres', branches: number): string {
  const series = (name: string, from: number, n: number) =>
    dialect === 'postgres'
      ? `generate_series(${from}, ${from + n - 1}) AS ${name}(v)`
      : `(WITH RECURSIVE g(v) AS (SELECT ${from} UNION ALL SELECT v + 1 FROM g WHERE v < ${from + n - 1}) SELECT v FROM g) AS ${name}`;
  const date = dialect === 'postgres' ? `to_char(DATE '${START}' + d.v, 'YYYY-MM-DD')` : `date('${START}', '+' || d.v || ' days')`;
  const k = `(d.v * ${branches} + b.v) * 24 + h.v`;
  return `
INSERT INTO report_hours (business_date, branch_code, currency, hour, sales_count, sales_total, refunds_count, refunds_total)
SELECT ${date}, 'B' || ${dialect === 'postgres' ? `lpad(b.v::text, 5, '0')` : `substr('000000' || b.v, -5)`}, 'BOB', h.v, 5 + (${k}) % 30,
  (5 + (${k}) % 30) * 1800, (${k}) % 2, ((${k}) % 2) * 900
FROM ${series('d', 0, DAYS)} CROSS JOIN ${series('b', 0, branches)} CROSS JOIN ${series('h', 8, 13)}
ORDER BY d.v, b.v, h.v`;
}

/** The daily and chain-wide hour rollups, summed from the generated rows as ingest would have upserted them. */
export const ROLLUPS_SQL = [
  `INSERT INTO report_days (business_date, branch_code, currency, sessions, sales_count, sales_total, m_cash, m_debit_card, m_credit_card, m_qr,
     m_card_terminal, m_transfer, m_check, m_voucher, m_other, opening_total, expected_cash, counted_cash, difference, short_count, short_total,
     over_count, over_total, deposits_total, withdrawals_total, voids_count, voids_total, refunds_count, refunds_total, discounts_count,
     discounts_total, no_sale_count, cash_out_refused_count, cash_out_refused_total)
   SELECT business_date, branch_code, currency, COUNT(*), SUM(sales_count), SUM(sales_total), SUM(m_cash), SUM(m_debit_card), SUM(m_credit_card),
     SUM(m_qr), SUM(m_card_terminal), SUM(m_transfer), SUM(m_check), SUM(m_voucher), SUM(m_other), SUM(opening_amount), SUM(expected_amount),
     SUM(closing_amount), SUM(difference), SUM(CASE WHEN difference < 0 THEN 1 ELSE 0 END), SUM(CASE WHEN difference < 0 THEN -difference ELSE 0 END),
     SUM(CASE WHEN difference > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN difference > 0 THEN difference ELSE 0 END), SUM(deposits_total),
     SUM(withdrawals_total), SUM(voids_count), SUM(voids_total), SUM(refunds_count), SUM(refunds_total), SUM(discounts_count), SUM(discounts_total),
     SUM(no_sale_count), SUM(cash_out_refused_count), SUM(cash_out_refused_total)
   FROM report_sessions GROUP BY business_date, branch_code, currency ORDER BY business_date, branch_code`,
  `INSERT INTO report_hours_all (business_date, currency, hour, sales_count, sales_total, refunds_count, refunds_total)
   SELECT business_date, currency, hour, SUM(sales_count), SUM(sales_total), SUM(refunds_count), SUM(refunds_total)
   FROM report_hours GROUP BY business_date, currency, hour`,
];

interface Stat {
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
}
const stat = (ms: number[]): Stat => {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? 0;
  return { p50: at(0.5), p95: at(0.95), max: s[s.length - 1] ?? 0 };
};
const fmt = (s: Stat) => `p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, max ${s.max.toFixed(1)} ms`;

/** A deterministic pseudo-random sequence, so runs compare. */
function rng(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

const isoDay = (offset: number) => new Date(Date.parse(`${START}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

async function measure(name: string, store: HqStore, branches: number): Promise<Record<string, Stat>> {
  const daily: number[] = [];
  const overShort: number[] = [];
  const page: number[] = [];
  const next = rng(7);
  let checked = false;
  for (let run = 0; run < RUNS + 3; run++) {
    const startDay = Math.floor(next() * Math.max(1, DAYS - 30));
    const q = { from: isoDay(startDay), to: isoDay(Math.min(DAYS - 1, startDay + 29)) };
    let t = performance.now();
    const d = await store.reportDaily(q);
    const dMs = performance.now() - t;
    t = performance.now();
    const o = await store.reportOverShort(q);
    const oMs = performance.now() - t;
    t = performance.now();
    const p = await store.reportSessions({ branchCode: `B${String(Math.floor(next() * branches)).padStart(5, '0')}`, from: q.from, to: q.to, limit: 50 });
    const pMs = performance.now() - t;
    if (!checked) {
      const days = Math.min(DAYS - 1, startDay + 29) - startDay + 1;
      const sessions = d.overall[0]?.totals.sessions ?? 0;
      if (sessions !== branches * REGISTERS * days) throw new Error(`${name}: daily report counted ${sessions} sessions, expected ${branches * REGISTERS * days}`);
      if (o.cashiers.length !== branches * CASHIERS_PER_BRANCH) throw new Error(`${name}: over/short has ${o.cashiers.length} cashiers`);
      if (p.items.length !== 50) throw new Error(`${name}: a branch's page has ${p.items.length} sessions`);
      console.log(`  ${name}: a month = ${sessions.toLocaleString('en')} sessions, ${d.byBranch.length} branches, ${d.byHour.length} hours, ${o.cashiers.length} cashiers`);
      checked = true;
    }
    // The first three runs warm caches and plans; they are not counted.
    if (run < 3) continue;
    daily.push(dMs);
    overShort.push(oMs);
    page.push(pMs);
  }
  const out = { daily: stat(daily), overShort: stat(overShort), sessionsPage: stat(page) };
  for (const [k, s] of Object.entries(out)) console.log(`  ${name} ${k.padEnd(12)} ${fmt(s)}${k === 'sessionsPage' ? '' : `  ${s.p95 <= TARGET_MS ? 'PASS' : 'MISS'} (target p95 ≤ ${TARGET_MS} ms)`}`);
  return out;
}

function userRowsSql(branches: number, placeholder: (i: number) => string): { sql: string; rows: string[][] } {
  const rows: string[][] = [];
  for (let b = 0; b < branches; b++)
    for (let c = 0; c < CASHIERS_PER_BRANCH; c++) {
      const username = `c${b}.${c}`;
      rows.push(['USER', username, JSON.stringify({ id: `u-${b}-${c}`, username, name: `Cajero ${c} de B${b}`, role: 'CASHIER', active: true, branchCode: null })]);
    }
  return { sql: `INSERT INTO master_records (entity, key, branch_code, data, version) VALUES (${placeholder(1)}, ${placeholder(2)}, NULL, ${placeholder(3)}, 0)`, rows };
}

async function sqlite(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'arqueo-bench-reports-'));
  try {
    const store = SqliteHqStore.inDir(dir);
    const t = performance.now();
    store.sqlite.pragma('synchronous = OFF');
    store.sqlite.exec(sessionsSql('sqlite', SQLITE_BRANCHES));
    store.sqlite.exec(hoursSql('sqlite', SQLITE_BRANCHES));
    for (const sql of ROLLUPS_SQL) store.sqlite.exec(sql);
    const users = userRowsSql(SQLITE_BRANCHES, () => '?');
    const insert = store.sqlite.prepare(users.sql);
    store.sqlite.transaction(() => users.rows.forEach((r) => insert.run(...r)))();
    store.sqlite.exec('ANALYZE');
    store.sqlite.pragma('synchronous = FULL');
    const rows = SQLITE_BRANCHES * REGISTERS * DAYS;
    console.log(`SQLite: ${rows.toLocaleString('en')} sessions (${SQLITE_BRANCHES} branches × ${REGISTERS} × ${DAYS} days) generated in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const figures = await measure('sqlite', store, SQLITE_BRANCHES);
    await store.close();
    return { branches: SQLITE_BRANCHES, days: DAYS, sessions: rows, ...figures };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgres(base: string): Promise<Record<string, unknown>> {
  let scratch: PgScratch | undefined;
  try {
    scratch = await pgScratch(base, 'hq_bench_reports');
    const store = await PgHqStore.open(scratch.url, { max: 10 });
    const t = performance.now();
    await store.pool.query(sessionsSql('postgres', BRANCHES));
    await store.pool.query(hoursSql('postgres', BRANCHES));
    for (const sql of ROLLUPS_SQL) await store.pool.query(sql);
    const users = userRowsSql(BRANCHES, (i) => `$${i}`);
    await store.pool.query(
      `INSERT INTO master_records (entity, key, branch_code, data, version) SELECT e, k, NULL, d, 0 FROM unnest($1::text[], $2::text[], $3::text[]) AS x(e, k, d)`,
      [users.rows.map((r) => r[0]), users.rows.map((r) => r[1]), users.rows.map((r) => r[2])],
    );
    for (const t of ['report_sessions', 'report_hours', 'report_hours_all', 'report_days']) await store.pool.query(`VACUUM ANALYZE ${t}`);
    const rows = BRANCHES * REGISTERS * DAYS;
    console.log(`PostgreSQL: ${rows.toLocaleString('en')} sessions (${BRANCHES} branches × ${REGISTERS} × ${DAYS} days) generated in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const figures = await measure('postgres', store, BRANCHES);
    await store.close();
    return { branches: BRANCHES, days: DAYS, sessions: rows, ...figures };
  } finally {
    await scratch?.drop();
  }
}

async function main(): Promise<void> {
  const out: Record<string, unknown> = { at: new Date().toISOString(), targetP95Ms: TARGET_MS, runs: RUNS };
  out['sqlite'] = await sqlite();
  const base = pgTestUrl();
  if (base && process.env['BENCH_REPORT_PG'] !== '0') out['postgres'] = await postgres(base);
  else console.log('PostgreSQL: skipped (no DATABASE_URL_TEST: run under scripts/pg-test.sh, or BENCH_REPORT_PG=0)');
  const outDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'out');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'hq-reports.json'), `${JSON.stringify(out, null, 2)}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
