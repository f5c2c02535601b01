// The printed X/Z report and handover slip from what the engine answered (reports.session, cash.close's report, a
// session's counts). Invariant: every figure is the engine's, copied; names come from `nameOf` (user ids → names);
// nothing is summed here, so the paper agrees with the screen.
import type { CommandOutput } from '../../src/contract';
import { MOVEMENT_REASON_LABELS, type CountPrint, type DailyReportInput, type ShiftReportInput } from '../../src/print';
import type { SessionStatus } from '../../src/session/state';
import { PAYMENT_METHODS } from '../../src/sale/methods';

type Report = CommandOutput<'reports.session'>;
type Count = Report['counts'][number];

/** A count as printed: denominations, totals, and expected/difference where the reader may see them. */
export function countPrintOf(count: Pick<Count, 'denominations' | 'totalCash' | 'vouchers' | 'checks' | 'otherValues' | 'totalWithOthers' | 'expectedAmount' | 'difference'>): CountPrint {
  return {
    denominations: count.denominations,
    totalCash: count.totalCash,
    vouchers: count.vouchers,
    checks: count.checks,
    otherValues: count.otherValues,
    totalWithOthers: count.totalWithOthers,
    expected: count.expectedAmount,
    difference: count.difference,
  };
}

/**
 * The shift report's input from a session report: sales by tender (tenders with nothing left out), taxes, cash flow,
 * the closing (or handover) count for a Z, the per-tender reconciliation, the approvals (withdrawals and deposits a
 * supervisor authorized, and the close's difference approval) with names.
 */
export function shiftReportInput(report: Report, nameOf: (userId: string) => string, printedAt: string): ShiftReportInput {
  const s = report.session;
  const closing = [...report.counts].reverse().find((c) => c.type === 'CLOSING' || c.type === 'TRANSFER') ?? null;
  const approvals: ShiftReportInput['approvals'][number][] = report.movements
    .filter((m) => m.authorizedBy !== null)
    .map((m) => ({
      what: `${m.direction === 'OUT' ? 'Retiro' : 'Ingreso'} · ${MOVEMENT_REASON_LABELS[m.reason]}`,
      approver: nameOf(m.authorizedBy ?? ''),
      amount: m.amount,
      at: m.createdAt,
    }));
  if (s.approvedBy !== null && s.closedAt !== null) approvals.push({ what: 'Cierre con diferencia', approver: nameOf(s.approvedBy), amount: s.difference, at: s.closedAt });
  return {
    sessionNumber: s.sessionNumber,
    businessDate: s.businessDate,
    openedAt: s.openedAt,
    closedAt: s.closedAt,
    printedAt,
    openingAmount: s.openingAmount,
    salesCount: report.sales.count,
    salesTotal: report.sales.total,
    byMethod: PAYMENT_METHODS.filter((m) => report.totals[m] !== 0).map((m) => ({ method: m, amount: report.totals[m] })),
    taxes: report.taxes.map((t) => ({ rateBp: t.taxRateBp, taxable: t.taxable, tax: t.tax })),
    depositsTotal: s.depositsTotal,
    withdrawalsTotal: s.withdrawalsTotal,
    voids: report.voids,
    refunds: report.refunds,
    discounts: report.discounts,
    cashOutRefusals: { count: report.cashOutRefusals.count, total: report.cashOutRefusals.total },
    expectedCash: report.expected,
    count: report.kind === 'Z' && closing ? countPrintOf(closing) : null,
    tenders: report.kind === 'Z' ? report.tenders.map((t) => ({ method: t.method, expected: t.expected, declared: t.declared, difference: t.difference })) : [],
    approvals,
    supervisor: s.approvedBy ? nameOf(s.approvedBy) : null,
  };
}

const STATUS_LABELS: Readonly<Record<SessionStatus, string>> = {
  OPEN: 'Abierto',
  SUSPENDED: 'Suspendido',
  COUNTING: 'En arqueo',
  CLOSED: 'Cerrado',
  TRANSFERRED: 'Entregado',
};

/** The daily report's printed input from reports.daily's answer (print.daily carries it): every figure copied. */
export function dailyReportInput(report: CommandOutput<'reports.daily'>, printedAt: string): DailyReportInput {
  const s = report.summary;
  return {
    date: report.date,
    printedAt,
    sessions: report.sessions.map((x) => ({
      sessionNumber: x.sessionNumber,
      registerCode: x.registerCode,
      cashier: x.userName,
      status: STATUS_LABELS[x.status],
      salesCount: x.salesCount,
      salesTotal: x.salesTotal,
      difference: x.difference,
      currency: x.currency,
    })),
    salesCount: s.salesCount,
    salesTotal: s.salesTotal,
    byMethod: PAYMENT_METHODS.filter((m) => s.totals[m] !== 0).map((m) => ({ method: m, amount: s.totals[m] })),
    depositsTotal: s.depositsTotal,
    withdrawalsTotal: s.withdrawalsTotal,
    voids: { count: s.operations.voidsCount, total: s.operations.voidsTotal },
    refunds: { count: s.operations.refundsCount, total: s.operations.refundsTotal },
    discounts: s.discounts,
    cashOutRefusals: s.cashOutRefusals,
    difference: s.difference,
    otherCurrencySessions: s.otherCurrencySessions,
  };
}
