// The printed X/Z report and handover slip from what the engine answered (reports.session, cash.close's report, a
// session's counts). Invariant: every figure is the engine's, copied; names come from `nameOf` (user ids → names);
// nothing is summed here, so the paper agrees with the screen.
import type { CommandOutput } from '../../src/contract';
import { MOVEMENT_REASON_LABELS, type CountPrint, type DailyReportInput, type ShiftReportInput } from '../../src/print';
import type { SessionStatus } from '../../src/session/state';
import { NO_SALE_REASON_LABELS } from '../../src/labels-es';
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
 * the closing (or handover) count for a Z, the per-tender reconciliation, every approval of the session with the
 * approver's name (movements, voids, refunds, the close's difference, resumes, discounts above authority, granted
 * no-sale openings), and the drawer's openings and cash rounding.
 */
export function shiftReportInput(report: Report, nameOf: (userId: string) => string, printedAt: string): ShiftReportInput {
  // Every approval of the session with its approver (engine/report.ts reads them from the approved rows).
  const s = report.session;
  const closing = [...report.counts].reverse().find((c) => c.type === 'CLOSING' || c.type === 'TRANSFER') ?? null;
  const approvals = report.approvals.map((a) => ({ what: approvalLabel(a, report), approver: a.approverName, amount: a.amount, at: a.at }));
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
    drawer: { openings: report.drawer.openings, noSale: report.drawer.noSale, cashRounding: report.drawer.cashRounding },
  };
}

type Approval = Report['approvals'][number];

/** What an approval was for, as the paper says it: the movement's reason, the sale or refund number, the no-sale's reason. */
function approvalLabel(a: Approval, report: Report): string {
  const ref = a.reference === null ? '' : ` ${a.reference}`;
  switch (a.kind) {
    case 'WITHDRAWAL':
    case 'DEPOSIT': {
      const m = report.movements.find((x) => x.authorizedBy === a.approverId && x.createdAt === a.at);
      const what = a.kind === 'WITHDRAWAL' ? 'Retiro' : 'Ingreso';
      return m ? `${what} · ${MOVEMENT_REASON_LABELS[m.reason]}` : what;
    }
    case 'VOID':
      return `Anulación${ref}`;
    case 'REFUND':
      return `Devolución${ref}`;
    case 'CLOSE_DIFFERENCE':
      return 'Cierre con diferencia';
    case 'RESUME':
      return 'Reanudación';
    case 'DISCOUNT':
      return `Descuento sobre el límite${ref}`;
    case 'NO_SALE': {
      const o = report.drawer.noSaleOpenings.find((x) => x.authorizedBy === a.approverId && x.at === a.at);
      return o ? `Apertura sin venta · ${NO_SALE_REASON_LABELS[o.reason]}` : 'Apertura sin venta';
    }
  }
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
