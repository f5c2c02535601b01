// Any stored session's Z report at HQ, in the register's own A4 layout: the ledger HQ holds → the register's
// `ShiftReportInput` → `shiftReportDocument` → `documentToHtml(…, 'A4')` (src/print), so the page is the one the
// register prints. The console shows this HTML and the browser prints it or saves it as PDF (see README: why not a
// server-side PDF library).
// Invariants: every figure is the sealed ledger's (the seal's totals, the closing count, the reducer's fold), never
// re-derived differently from the register; names come from HQ's master data and fall back to the stored ids.
// Known gap: the tax lines subtract refunds only of sales in the same session (HQ's bundle does not carry the rate of a
// refunded line sold in another session).
import type { CurrencyCode } from '../../src/money';
import { CURRENCY_CODES } from '../../src/money';
import type { CountPrint, PrintContext, PrintDocument, ShiftReportInput } from '../../src/print';
import { MOVEMENT_REASON_LABELS, shiftReportDocument } from '../../src/print';
import { documentToHtml } from '../../src/print/html';
import { PAYMENT_METHODS } from '../../src/sale/methods';
import type { LedgerBody } from '../../src/session/ledger';
import { foldLedger } from '../../src/session/ledger';
import { reconcileTenders } from '../../src/session/reconcile';
import type { SessionBundle } from '../../src/sync/protocol';
import type { HqStore } from '../store';
import { branchTimeZone } from './facts';

/** What HQ knows about the people and places a bundle names (master data; empty for a never-enrolled register). */
export interface ZReportNames {
  readonly store: { readonly name: string; readonly taxId: string; readonly address: string; readonly phone: string; readonly timeZone: string };
  readonly registerName: string;
  readonly nameOf: (userId: string) => string;
}

/** The register's shift-report input for a sealed bundle (kind Z), printed at `printedAt`. Throws on an unsealed bundle. */
export function zReportInputOf(bundle: SessionBundle, nameOf: (userId: string) => string, printedAt: string): ShiftReportInput {
  const first = bundle.entries[0];
  const last = bundle.entries[bundle.entries.length - 1];
  if (first?.kind !== 'SESSION_OPENED' || (last?.kind !== 'SESSION_CLOSED' && last?.kind !== 'SESSION_TRANSFERRED')) throw new Error('zReportInputOf: not a sealed session');
  const seal = last.payload;
  const totals = foldLedger(bundle.entries as unknown as readonly LedgerBody[]);
  const voided = new Set(bundle.entries.flatMap((e) => (e.kind === 'SALE_VOIDED' ? [e.payload.saleId] : [])));
  const taxes = new Map<number, { taxable: number; tax: number }>();
  const lineRate = new Map<string, number>();
  let discounts = { count: 0, total: 0 };
  let refusals = { count: 0, total: 0 };
  const approvals: { what: string; approver: string; amount: number | null; at: string }[] = [];
  for (const e of bundle.entries) {
    if (e.kind === 'SALE') {
      for (const l of e.payload.lines) if (l.taxRateBp !== undefined) lineRate.set(`${e.payload.id}#${l.lineNo}`, l.taxRateBp);
      if (voided.has(e.payload.id)) continue;
      for (const l of e.payload.lines) {
        if (l.taxRateBp === undefined) continue;
        const t = taxes.get(l.taxRateBp) ?? { taxable: 0, tax: 0 };
        t.taxable += l.total;
        t.tax += l.tax ?? 0;
        taxes.set(l.taxRateBp, t);
      }
      if (e.payload.lines.some((l) => (l.discount ?? 0) > 0)) {
        discounts = { count: discounts.count + 1, total: discounts.total + e.payload.lines.reduce((a, l) => a + (l.discount ?? 0), 0) };
      }
    } else if (e.kind === 'REFUND') {
      for (const l of e.payload.lines) {
        const rate = lineRate.get(`${e.payload.saleId}#${l.lineNo}`);
        if (rate === undefined) continue;
        const t = taxes.get(rate) ?? { taxable: 0, tax: 0 };
        t.taxable -= l.total;
        t.tax -= l.tax;
        taxes.set(rate, t);
      }
    } else if (e.kind === 'CASH_OUT_REFUSED') {
      refusals = { count: refusals.count + 1, total: refusals.total + e.payload.amount };
    } else if (e.kind === 'MOVEMENT' && e.payload.authorizedBy !== null) {
      approvals.push({
        what: `${e.payload.direction === 'OUT' ? 'Retiro' : 'Ingreso'} · ${MOVEMENT_REASON_LABELS[e.payload.reason]}`,
        approver: nameOf(e.payload.authorizedBy),
        amount: e.payload.amount,
        at: e.at,
      });
    }
  }
  if (seal.approvedBy !== null) approvals.push({ what: 'Cierre con diferencia', approver: nameOf(seal.approvedBy), amount: seal.difference, at: last.at });
  const closing = bundle.entries.find((e) => e.kind === 'COUNT' && e.payload.id === seal.countId);
  const countPayload = closing?.kind === 'COUNT' ? closing.payload : null;
  const count: CountPrint | null = countPayload
    ? {
        denominations: countPayload.denominations,
        totalCash: countPayload.totalCash,
        vouchers: countPayload.vouchers,
        checks: countPayload.checks,
        otherValues: countPayload.otherValues,
        totalWithOthers: countPayload.totalWithOthers,
        expected: countPayload.expectedAmount,
        difference: countPayload.difference,
      }
    : null;
  const tenders = reconcileTenders(totals, countPayload, 0);
  return {
    sessionNumber: bundle.sessionNumber,
    businessDate: bundle.businessDate,
    openedAt: first.at,
    closedAt: last.at,
    printedAt,
    openingAmount: first.payload.openingAmount,
    salesCount: seal.salesCount,
    salesTotal: seal.salesTotal,
    byMethod: PAYMENT_METHODS.filter((m) => seal.byMethod[m] !== 0).map((m) => ({ method: m, amount: seal.byMethod[m] })),
    taxes: [...taxes.entries()].sort(([a], [b]) => a - b).map(([rateBp, t]) => ({ rateBp, taxable: t.taxable, tax: t.tax })),
    depositsTotal: seal.depositsTotal,
    withdrawalsTotal: seal.withdrawalsTotal,
    voids: { count: totals.voidsCount, total: totals.voidsTotal },
    refunds: { count: totals.refundsCount, total: totals.refundsTotal },
    discounts,
    cashOutRefusals: refusals,
    expectedCash: seal.expectedAmount,
    count,
    tenders: tenders.map((t) => ({ method: t.method, expected: t.expected, declared: t.declared, difference: t.difference })),
    approvals,
    supervisor: seal.approvedBy ? nameOf(seal.approvedBy) : null,
    drawer: { openings: totals.drawerOpenings, noSale: totals.noSaleOpenings, cashRounding: totals.cashRounding },
  };
}

/** The Z report document of a sealed bundle with HQ's names. */
export function zReportDocumentOf(bundle: SessionBundle, names: ZReportNames, printedAt: string): PrintDocument {
  if (!(CURRENCY_CODES as readonly string[]).includes(bundle.currency)) throw new Error(`zReport: unknown currency ${bundle.currency}`);
  const first = bundle.entries[0];
  const cashierId = first?.kind === 'SESSION_OPENED' ? first.payload.userId : '';
  const ctx: PrintContext = {
    store: { ...names.store, currency: bundle.currency as CurrencyCode, footer: '' },
    registerCode: bundle.registerCode,
    registerName: names.registerName,
    cashier: names.nameOf(cashierId),
  };
  return shiftReportDocument(ctx, 'Z', zReportInputOf(bundle, names.nameOf, printedAt));
}

/** HQ's names for a bundle's branch, register and users, from master data (ids and codes where HQ has none). */
export async function zReportNames(store: HqStore, bundle: SessionBundle): Promise<ZReportNames> {
  const [branch, register, users] = await Promise.all([
    store.masterGet('BRANCH', bundle.branchCode),
    store.masterGet('REGISTER', `${bundle.branchCode}/${bundle.registerCode}`),
    store.masterList('USER'),
  ]);
  const b = branch ? (JSON.parse(branch.data) as { name?: string; taxId?: string | null; address?: string | null; phone?: string | null }) : {};
  const names = new Map<string, string>();
  for (const u of users) {
    const d = JSON.parse(u.data) as { id?: unknown; name?: unknown };
    if (typeof d.id === 'string' && typeof d.name === 'string') names.set(d.id, d.name);
  }
  return {
    store: { name: b.name ?? bundle.branchCode, taxId: b.taxId ?? '', address: b.address ?? '', phone: b.phone ?? '', timeZone: branchTimeZone(branch?.data ?? null) },
    registerName: register ? ((JSON.parse(register.data) as { name?: string }).name ?? bundle.registerCode) : bundle.registerCode,
    nameOf: (id) => names.get(id) ?? id,
  };
}

/**
 * The A4 HTML page of a stored session's Z report (self-contained, no script; the console prints it or saves it as
 * PDF through the browser), or null when HQ holds no such session.
 */
export async function zReportHtml(store: HqStore, sessionId: string, printedAt: string): Promise<string | null> {
  const stored = await store.getSession(sessionId);
  if (!stored) return null;
  const bundle = JSON.parse(stored.canonical) as SessionBundle;
  return documentToHtml(zReportDocumentOf(bundle, await zReportNames(store, bundle), printedAt), 'A4', null);
}
