// Pure derivations from HQ's own data: a stored session's summary from its verified bundle, and the daily report
// across every register of every branch. Money stays integer minor units; totals are never added across currencies.
import type { MethodTotals, PaymentMethod } from '../src/sale/methods';
import { PAYMENT_METHODS, zeroMethodTotals } from '../src/sale/methods';
import type { DrawerTotals, OperationTotals } from '../src/session/ledger';
import { operationsOf, zeroOperations } from '../src/session/ledger';
import type { VerifiedBundle } from '../src/sync/protocol';
import type { SessionSummary } from './store';

export function summarize(verified: VerifiedBundle): Omit<SessionSummary, 'hqSequence' | 'receivedAt'> {
  const { bundle, head } = verified;
  const first = bundle.entries[0];
  const last = bundle.entries[bundle.entries.length - 1];
  // verifyBundle guarantees opened first and sealed last; this guards the type, not the data.
  if (first?.kind !== 'SESSION_OPENED' || (last?.kind !== 'SESSION_CLOSED' && last?.kind !== 'SESSION_TRANSFERRED')) {
    throw new Error('summarize: bundle is not a verified sealed session');
  }
  const sealed = last.payload;
  return {
    sessionId: bundle.sessionId,
    branchCode: bundle.branchCode,
    registerCode: bundle.registerCode,
    sessionNumber: bundle.sessionNumber,
    businessDate: bundle.businessDate,
    currency: bundle.currency,
    status: bundle.status,
    chainHead: head,
    entryCount: bundle.entries.length,
    openedAt: first.at,
    closedAt: last.at,
    openingAmount: first.payload.openingAmount,
    closingAmount: sealed.closingAmount,
    expectedAmount: sealed.expectedAmount,
    difference: sealed.difference,
    salesCount: sealed.salesCount,
    salesTotal: sealed.salesTotal,
    depositsTotal: sealed.depositsTotal,
    withdrawalsTotal: sealed.withdrawalsTotal,
    byMethod: { ...sealed.byMethod },
    // verifyBundle proved these equal to a recompute of the entries; absent only where the ledger has none of them.
    operations: operationsOf(sealed.operations ?? zeroOperations()),
    // Declared only when one is not zero (a register without a drawer never declares it), and verified like operations.
    drawer: sealed.drawer ? { ...sealed.drawer } : { drawerOpenings: 0, noSaleOpenings: 0, cashRounding: 0 },
  };
}

export interface ReportTotals {
  sessions: number;
  salesCount: number;
  salesTotal: number;
  openingTotal: number;
  expectedCash: number;
  countedCash: number;
  difference: number;
  surplusSessions: number;
  shortageSessions: number;
  depositsTotal: number;
  withdrawalsTotal: number;
  byMethod: MethodTotals;
  /** Voids, refunds (paid by these sessions) and agent operations by kind, with the agents' commission. */
  operations: OperationTotals;
  /** Drawer openings of every cause, those with no sale ("aperturas sin venta"), and the net cash rounding. */
  drawer: DrawerTotals;
}

export interface DailyReport {
  readonly businessDate: string;
  readonly registers: readonly { readonly branchCode: string; readonly registerCode: string; readonly currency: string; readonly totals: ReportTotals }[];
  readonly branches: readonly { readonly branchCode: string; readonly currency: string; readonly totals: ReportTotals }[];
  /** One line per currency: HQ never adds bolivianos to pesos. */
  readonly overall: readonly { readonly currency: string; readonly totals: ReportTotals }[];
}

function zeroTotals(): ReportTotals {
  return {
    sessions: 0,
    salesCount: 0,
    salesTotal: 0,
    openingTotal: 0,
    expectedCash: 0,
    countedCash: 0,
    difference: 0,
    surplusSessions: 0,
    shortageSessions: 0,
    depositsTotal: 0,
    withdrawalsTotal: 0,
    byMethod: zeroMethodTotals(),
    operations: zeroOperations(),
    drawer: { drawerOpenings: 0, noSaleOpenings: 0, cashRounding: 0 },
  };
}

function add(t: ReportTotals, s: SessionSummary): void {
  t.sessions += 1;
  t.salesCount += s.salesCount;
  t.salesTotal += s.salesTotal;
  t.openingTotal += s.openingAmount;
  t.expectedCash += s.expectedAmount;
  t.countedCash += s.closingAmount;
  t.difference += s.difference;
  if (s.difference > 0) t.surplusSessions += 1;
  if (s.difference < 0) t.shortageSessions += 1;
  t.depositsTotal += s.depositsTotal;
  t.withdrawalsTotal += s.withdrawalsTotal;
  for (const m of PAYMENT_METHODS as readonly PaymentMethod[]) t.byMethod[m] += s.byMethod[m];
  const o = { ...t.operations };
  for (const k of Object.keys(o) as (keyof OperationTotals)[]) o[k] += s.operations[k];
  t.operations = o;
  t.drawer = {
    drawerOpenings: t.drawer.drawerOpenings + s.drawer.drawerOpenings,
    noSaleOpenings: t.drawer.noSaleOpenings + s.drawer.noSaleOpenings,
    cashRounding: t.drawer.cashRounding + s.drawer.cashRounding,
  };
}

/** The day's report from the stored sessions of that business date (every branch, every register). */
export function dailyReport(businessDate: string, sessions: readonly SessionSummary[]): DailyReport {
  const registers = new Map<string, { branchCode: string; registerCode: string; currency: string; totals: ReportTotals }>();
  const branches = new Map<string, { branchCode: string; currency: string; totals: ReportTotals }>();
  const overall = new Map<string, { currency: string; totals: ReportTotals }>();
  for (const s of sessions) {
    if (s.businessDate !== businessDate) continue;
    const rk = `${s.branchCode}\u0000${s.registerCode}\u0000${s.currency}`;
    const bk = `${s.branchCode}\u0000${s.currency}`;
    const r = registers.get(rk) ?? { branchCode: s.branchCode, registerCode: s.registerCode, currency: s.currency, totals: zeroTotals() };
    const b = branches.get(bk) ?? { branchCode: s.branchCode, currency: s.currency, totals: zeroTotals() };
    const o = overall.get(s.currency) ?? { currency: s.currency, totals: zeroTotals() };
    add(r.totals, s);
    add(b.totals, s);
    add(o.totals, s);
    registers.set(rk, r);
    branches.set(bk, b);
    overall.set(s.currency, o);
  }
  const byKey = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  return { businessDate, registers: byKey(registers), branches: byKey(branches), overall: byKey(overall) };
}
