// Test and bench helper: a correctly hash-chained, sealed session bundle built from the core alone (no register
// database), so HQ can be exercised in isolation. Not used by the server.
import type { CurrencyCode } from '../src/money';
import type { AgentKind, DrawerCause, LedgerBody } from '../src/session/ledger';
import { drawerOf, expectedCash, foldLedger, hasDrawerTotals, operationsOf } from '../src/session/ledger';
import type { LedgerEntry } from '../src/sync/chain';
import { GENESIS, sealEntry } from '../src/sync/chain';
import type { SessionBundle } from '../src/sync/protocol';
import { sha256Hex } from './sha256';

export interface BundleSpec {
  readonly sessionId: string;
  readonly branchCode?: string;
  readonly registerCode?: string;
  readonly businessDate?: string;
  readonly currency?: CurrencyCode;
  readonly openingAmount?: number;
  /** Cash sale totals, in minor units. */
  readonly sales?: readonly number[];
  /** Indexes into `sales` of the sales voided in the session. */
  readonly voids?: readonly number[];
  /** Cash refunds this session pays out for sales of an earlier session, in minor units. */
  readonly refunds?: readonly number[];
  readonly agents?: readonly { readonly kind: AgentKind; readonly amount: number; readonly commission?: number; readonly provider?: string }[];
  /** Drawer openings (DRAWER_OPENED entries) by cause; the seal then declares the drawer figures. */
  readonly drawer?: readonly DrawerCause[];
  /** Counted cash minus expected cash. */
  readonly difference?: number;
  readonly at?: string;
  /** The session's number within its register and day (default: one per sessionId, in order of first use). */
  readonly number?: number;
  /** The cashier who opens (and whose ledger entries these are); default 'user-1'. */
  readonly userId?: string;
  /** Per sale (by index), the discount already taken off its total (a discounted line: gross = total + discount). */
  readonly discounts?: readonly number[];
  /** Per sale (by index), the instant of its ledger entry (default: `at`). */
  readonly saleTimes?: readonly string[];
  /** Drawer openings with no sale. */
  readonly noSales?: number;
  /** Cash-outs refused for exceeding expected cash: the amounts asked. */
  readonly cashOutRefused?: readonly number[];
}

/** HQ keeps one session per (branch, register, number): each new sessionId gets the next number, a repeat the same. */
const numbers = new Map<string, number>();
const numberFor = (sessionId: string): number => {
  const known = numbers.get(sessionId);
  if (known !== undefined) return known;
  numbers.set(sessionId, numbers.size + 1);
  return numbers.size;
};

/** Hash-chains `bodies` as one session's ledger, each at `ats[i]` when given, else at `at`. */
export function sealChain(sessionId: string, bodies: readonly LedgerBody[], at: string, ats: readonly (string | undefined)[] = []): LedgerEntry[] {
  const out: LedgerEntry[] = [];
  let prev = GENESIS;
  bodies.forEach((b, i) => {
    const e = sealEntry(sha256Hex, sessionId, i + 1, prev, ats[i] ?? at, b);
    out.push(e);
    prev = e.hash;
  });
  return out;
}

export function makeBundle(spec: BundleSpec): SessionBundle {
  const branchCode = spec.branchCode ?? 'SUC001';
  const registerCode = spec.registerCode ?? 'POS001';
  const businessDate = spec.businessDate ?? '2026-11-22';
  const currency = spec.currency ?? 'BOB';
  const opening = spec.openingAmount ?? 10_000;
  const sales = spec.sales ?? [1500];
  const at = spec.at ?? `${businessDate}T14:00:00.000Z`;
  const sessionNumber = `T-${registerCode}-${businessDate.replaceAll('-', '')}-${String(spec.number ?? numberFor(spec.sessionId)).padStart(3, '0')}`;
  const bodies: LedgerBody[] = [
    {
      kind: 'SESSION_OPENED',
      payload: {
        sessionNumber,
        registerId: `reg-${registerCode}`,
        registerCode,
        branchId: `br-${branchCode}`,
        branchCode,
        userId: spec.userId ?? 'user-1',
        businessDate,
        currency,
        openingAmount: opening,
        previousSessionId: null,
        notes: null,
      },
    },
  ];
  const user = spec.userId ?? 'user-1';
  const ats: (string | undefined)[] = [undefined];
  sales.forEach((total, i) => {
    const discount = spec.discounts?.[i] ?? 0;
    ats.push(spec.saleTimes?.[i]);
    bodies.push({
      kind: 'SALE',
      payload: {
        id: `${spec.sessionId}-sale-${i + 1}`,
        saleNumber: `${branchCode}-${registerCode}-${businessDate.replaceAll('-', '')}-${String(i + 1).padStart(4, '0')}`,
        userId: user,
        total,
        change: 0,
        lines: [
          discount > 0
            ? { lineNo: 1, productId: 'p1', sku: 'SKU-001', name: 'Producto', quantity: 1, unitPrice: total + discount, total, gross: total + discount, discount }
            : { lineNo: 1, productId: 'p1', sku: 'SKU-001', name: 'Producto', quantity: 1, unitPrice: total, total },
        ],
        payments: [{ id: `${spec.sessionId}-pay-${i + 1}`, method: 'CASH', amount: total, tendered: total, change: 0, reference: null }],
      },
    });
  });
  for (const index of spec.voids ?? []) {
    const sale = bodies[index + 1];
    if (sale?.kind !== 'SALE') throw new Error(`makeBundle: no sale ${index} to void`);
    bodies.push({
      kind: 'SALE_VOIDED',
      payload: {
        id: `${spec.sessionId}-void-${index + 1}`,
        saleId: sale.payload.id,
        saleNumber: sale.payload.saleNumber,
        total: sale.payload.total,
        payments: sale.payload.payments.map((p) => ({ method: p.method, amount: p.amount })),
        reason: 'error',
        userId: 'user-1',
        authorizedBy: 'user-2',
      },
    });
  }
  (spec.refunds ?? []).forEach((total, i) => {
    bodies.push({
      kind: 'REFUND',
      payload: {
        id: `${spec.sessionId}-refund-${i + 1}`,
        refundNumber: `R-${branchCode}-${registerCode}-${businessDate.replaceAll('-', '')}-${String(i + 1).padStart(4, '0')}`,
        saleId: `earlier-sale-${i + 1}`,
        saleNumber: `${branchCode}-${registerCode}-20000101-${String(i + 1).padStart(4, '0')}`,
        saleSessionId: 'earlier-session',
        method: 'CASH',
        total,
        tax: 0,
        lines: [{ lineNo: 1, productId: 'p1', quantity: 1000, total, tax: 0 }],
        reason: 'devolución',
        damaged: false,
        userId: 'user-1',
        authorizedBy: null,
      },
    });
  });
  (spec.agents ?? []).forEach((a, i) => {
    bodies.push({
      kind: 'AGENT_OPERATION',
      payload: {
        id: `${spec.sessionId}-agent-${i + 1}`,
        provider: a.provider ?? 'TIGO_MONEY',
        kind: a.kind,
        amount: a.amount,
        commission: a.commission ?? 0,
        reference: `REF-${i + 1}`,
        customerRef: null,
        userId: 'user-1',
      },
    });
  });
  for (let i = 0; i < (spec.noSales ?? 0); i++) {
    bodies.push({ kind: 'DRAWER_OPENED', payload: { id: `${spec.sessionId}-nosale-${i + 1}`, cause: 'NO_SALE', reference: null, reason: 'CHANGE_REQUEST', note: null, userId: user, authorizedBy: null } });
  }
  for (const amount of spec.cashOutRefused ?? []) {
    bodies.push({ kind: 'CASH_OUT_REFUSED', payload: { kind: 'WITHDRAWAL', amount, userId: user, ref: null } });
  }
  (spec.drawer ?? []).forEach((cause, i) => {
    bodies.push({
      kind: 'DRAWER_OPENED',
      payload: {
        id: `${spec.sessionId}-drawer-${i + 1}`,
        cause,
        reference: null,
        reason: cause === 'NO_SALE' ? 'CHANGE_REQUEST' : null,
        note: null,
        userId: 'user-1',
        authorizedBy: null,
      },
    });
  });
  // The seal from the same reducer verification uses, so the fixture cannot disagree with verifyChain.
  const totals = foldLedger(bodies);
  const expected = expectedCash(totals);
  const difference = spec.difference ?? 0;
  const hasOperations = (spec.voids?.length ?? 0) + (spec.refunds?.length ?? 0) + (spec.agents?.length ?? 0) > 0;
  bodies.push({
    kind: 'SESSION_CLOSED',
    payload: {
      countId: `${spec.sessionId}-count`,
      closingAmount: expected + difference,
      expectedAmount: expected,
      difference,
      differenceType: difference > 0 ? 'SURPLUS' : difference < 0 ? 'SHORTAGE' : null,
      approvedBy: null,
      closedBy: 'user-1',
      notes: null,
      salesCount: totals.salesCount,
      salesTotal: totals.salesTotal,
      byMethod: totals.byMethod,
      depositsTotal: 0,
      withdrawalsTotal: 0,
      // Written like a register before issue 3 when there is nothing to report, so both seal shapes stay exercised.
      ...(hasOperations ? { operations: operationsOf(totals) } : {}),
      ...(hasDrawerTotals(totals) ? { drawer: drawerOf(totals) } : {}),
    },
  });
  return {
    protocol: 1,
    branchCode,
    registerCode,
    sessionId: spec.sessionId,
    sessionNumber,
    businessDate,
    currency,
    status: 'CLOSED',
    entries: sealChain(spec.sessionId, bodies, at, ats) as SessionBundle['entries'],
  };
}
