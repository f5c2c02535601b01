// CSV exports of the console: sessions, sales and the daily report, written by csv-stringify (quoting, separators,
// line ends), one page of rows at a time so an export of a month of a chain never sits in memory whole.
// Invariants: amounts are decimal strings from integer minor units (src/money decimalMinor, never a float); every text
// cell that a spreadsheet would read as a formula (starting with = + - @ tab or CR) is prefixed with ' (OWASP's CSV
// injection advice), our own numbers excepted ("-12.50" stays a number); the file starts with a UTF-8 BOM so
// spreadsheet programs read "Peñaranda" as written; times are UTC ISO instants plus the store's local wall clock.
import { stringify } from 'csv-stringify/sync';
import type { CurrencyCode } from '../../src/money';
import { CURRENCY_CODES, decimalMinor } from '../../src/money';
import { localStamp } from '../../src/print/format';
import { PAYMENT_METHODS } from '../../src/sale/methods';
import type { SessionBundle } from '../../src/sync/protocol';
import type { HqStore } from '../store';
import type { DailyRangeReport, RangeTotals, SessionListItem, SessionPageQuery } from './queries';

/** Sessions read per page while exporting. */
const EXPORT_PAGE = 500;

const NUMBER = /^-?\d+(\.\d+)?$/;
const FORMULA = /^[=+\-@\t\r]/;

/** A cell as written: numbers as they are, text with a leading ' where a spreadsheet would see a formula. */
export function safeCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'sí' : 'no';
  return FORMULA.test(value) && !NUMBER.test(value) ? `'${value}` : value;
}

const currencyOf = (code: string): CurrencyCode => {
  if (!(CURRENCY_CODES as readonly string[]).includes(code)) throw new Error(`export: unknown currency ${code}`);
  return code as CurrencyCode;
};

/** Minor units of `currency` as a decimal string. */
const dec = (amount: number, currency: string): string => decimalMinor(amount, currencyOf(currency));

const rows = (cells: readonly (readonly (string | number | boolean | null)[])[]): string => stringify(cells.map((r) => r.map(safeCell)), { record_delimiter: 'windows' });

const BOM = '\uFEFF';

export const SESSION_CSV_HEADER = [
  'sucursal',
  'caja',
  'turno',
  'fecha_contable',
  'estado',
  'cajero_id',
  'cajero_usuario',
  'cajero_nombre',
  'apertura_utc',
  'apertura_local',
  'cierre_utc',
  'cierre_local',
  'zona_horaria',
  'moneda',
  'fondo_inicial',
  'efectivo_esperado',
  'efectivo_contado',
  'diferencia',
  'ventas',
  'total_ventas',
  ...PAYMENT_METHODS.map((m) => `medio_${m.toLowerCase()}`),
  'ingresos',
  'retiros',
  'anulaciones',
  'total_anulado',
  'devoluciones',
  'total_devuelto',
  'ventas_con_descuento',
  'total_descuentos',
  'aperturas_cajon',
  'aperturas_sin_venta',
  'salidas_rechazadas',
  'total_salidas_rechazadas',
  'cierres_rechazados',
] as const;

function sessionRow(s: SessionListItem): (string | number | null)[] {
  const c = s.currency;
  return [
    s.branchCode,
    s.registerCode,
    s.sessionNumber,
    s.businessDate,
    s.status,
    s.cashierId,
    s.cashier?.username ?? null,
    s.cashier?.name ?? null,
    s.openedAt,
    localStamp(s.openedAt, s.timeZone),
    s.closedAt,
    localStamp(s.closedAt, s.timeZone),
    s.timeZone,
    c,
    dec(s.openingAmount, c),
    dec(s.expectedAmount, c),
    dec(s.closingAmount, c),
    dec(s.difference, c),
    s.salesCount,
    dec(s.salesTotal, c),
    ...PAYMENT_METHODS.map((m) => dec(s.byMethod[m], c)),
    dec(s.depositsTotal, c),
    dec(s.withdrawalsTotal, c),
    s.voidsCount,
    dec(s.voidsTotal, c),
    s.refundsCount,
    dec(s.refundsTotal, c),
    s.discountsCount,
    dec(s.discountsTotal, c),
    s.drawerOpenings,
    s.noSaleCount,
    s.cashOutRefusedCount,
    dec(s.cashOutRefusedTotal, c),
    s.closeRefusedCount,
  ];
}

/** Every page of the filtered sessions, newest first, until the last. */
async function* sessionPages(store: HqStore, filter: Omit<SessionPageQuery, 'limit' | 'after'>): AsyncGenerator<readonly SessionListItem[]> {
  let after: SessionPageQuery['after'];
  for (;;) {
    const page = await store.reportSessions({ ...filter, limit: EXPORT_PAGE, after });
    if (page.items.length > 0) yield page.items;
    if (page.next === null) return;
    after = page.next;
  }
}

/**
 * The sessions CSV (header, then one row per sealed session matching `filter`, newest first), as text chunks to
 * stream: the first chunk carries the BOM and header, each later one a page of rows.
 */
export async function* sessionsCsv(store: HqStore, filter: Omit<SessionPageQuery, 'limit' | 'after'>): AsyncGenerator<string> {
  yield BOM + rows([SESSION_CSV_HEADER]);
  for await (const page of sessionPages(store, filter)) yield rows(page.map(sessionRow));
}

export const SALES_CSV_HEADER = [
  'tipo',
  'numero',
  'venta',
  'sucursal',
  'caja',
  'turno',
  'fecha_contable',
  'hora_utc',
  'hora_local',
  'usuario_id',
  'moneda',
  'lineas',
  'descuento',
  'impuesto',
  'total',
  'anulada',
  'medios',
] as const;

/** One row per sale (voided ones marked) and per refund (its own number, the sale it gives back, its tender). */
export function salesRowsOf(bundle: SessionBundle, timeZone: string): (string | number | boolean | null)[][] {
  const c = bundle.currency;
  const voided = new Set(bundle.entries.flatMap((e) => (e.kind === 'SALE_VOIDED' ? [e.payload.saleId] : [])));
  const head = (at: string) => [bundle.branchCode, bundle.registerCode, bundle.sessionNumber, bundle.businessDate, at, localStamp(at, timeZone)];
  const out: (string | number | boolean | null)[][] = [];
  for (const e of bundle.entries) {
    if (e.kind === 'SALE') {
      const p = e.payload;
      const discount = p.lines.reduce((a, l) => a + (l.discount ?? 0), 0);
      const tenders = p.payments.map((x) => `${x.method} ${dec(x.amount, c)}`).join('; ');
      out.push(['VENTA', p.saleNumber, null, ...head(e.at), p.userId, c, p.lines.length, dec(discount, c), p.tax === undefined ? null : dec(p.tax, c), dec(p.total, c), voided.has(p.id), tenders]);
    } else if (e.kind === 'REFUND') {
      const p = e.payload;
      out.push(['DEVOLUCION', p.refundNumber, p.saleNumber, ...head(e.at), p.userId, c, p.lines.length, dec(0, c), dec(p.tax, c), dec(-p.total, c), false, `${p.method} ${dec(-(p.total + (p.cashRounding ?? 0)), c)}`]);
    }
  }
  return out;
}

/**
 * The sales CSV of the filtered sessions: every sale and refund of their ledgers, read from HQ's stored bundles, one
 * session at a time. Text chunks as `sessionsCsv`.
 */
export async function* salesCsv(store: HqStore, filter: Omit<SessionPageQuery, 'limit' | 'after'>): AsyncGenerator<string> {
  yield BOM + rows([SALES_CSV_HEADER]);
  for await (const page of sessionPages(store, filter)) {
    for (const s of page) {
      const stored = await store.getSession(s.sessionId);
      if (!stored) throw new Error(`export: session ${s.sessionId} has report facts but no stored bundle`);
      const r = salesRowsOf(JSON.parse(stored.canonical) as SessionBundle, s.timeZone);
      if (r.length > 0) yield rows(r);
    }
  }
}

export const DAILY_CSV_HEADER = [
  'desde',
  'hasta',
  'sucursal',
  'moneda',
  'turnos',
  'ventas',
  'total_ventas',
  ...PAYMENT_METHODS.map((m) => `medio_${m.toLowerCase()}`),
  'fondo_inicial',
  'efectivo_esperado',
  'efectivo_contado',
  'diferencia',
  'turnos_con_faltante',
  'total_faltante',
  'turnos_con_sobrante',
  'total_sobrante',
  'ingresos',
  'retiros',
  'anulaciones',
  'total_anulado',
  'devoluciones',
  'total_devuelto',
  'ventas_con_descuento',
  'total_descuentos',
  'aperturas_sin_venta',
  'salidas_rechazadas',
  'total_salidas_rechazadas',
] as const;

function dailyRow(from: string, to: string, branch: string, c: string, t: RangeTotals): (string | number)[] {
  return [
    from,
    to,
    branch,
    c,
    t.sessions,
    t.salesCount,
    dec(t.salesTotal, c),
    ...PAYMENT_METHODS.map((m) => dec(t.byMethod[m], c)),
    dec(t.openingTotal, c),
    dec(t.expectedCash, c),
    dec(t.countedCash, c),
    dec(t.difference, c),
    t.shortCount,
    dec(t.shortTotal, c),
    t.overCount,
    dec(t.overTotal, c),
    dec(t.depositsTotal, c),
    dec(t.withdrawalsTotal, c),
    t.voidsCount,
    dec(t.voidsTotal, c),
    t.refundsCount,
    dec(t.refundsTotal, c),
    t.discountsCount,
    dec(t.discountsTotal, c),
    t.noSaleCount,
    t.cashOutRefusedCount,
    dec(t.cashOutRefusedTotal, c),
  ];
}

/** The daily report as CSV: one row per branch and currency, then one `TOTAL` row per currency. */
export function dailyCsv(report: DailyRangeReport): string {
  return (
    BOM +
    rows([
      DAILY_CSV_HEADER,
      ...report.byBranch.map((b) => dailyRow(report.from, report.to, b.branchCode, b.currency, b.totals)),
      ...report.overall.map((o) => dailyRow(report.from, report.to, 'TOTAL', o.currency, o.totals)),
    ])
  );
}
