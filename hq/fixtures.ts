// Test and bench helper: a correctly hash-chained, sealed session bundle built from the core alone (no register
// database), so HQ can be exercised in isolation. Not used by the server.
import type { CurrencyCode } from '../src/money';
import { zeroMethodTotals } from '../src/sale/methods';
import type { LedgerBody } from '../src/session/ledger';
import type { LedgerEntry } from '../src/sync/chain';
import { GENESIS, sealEntry } from '../src/sync/chain';
import type { SessionBundle } from '../src/sync/protocol';

export interface BundleSpec {
  readonly sessionId: string;
  readonly branchCode?: string;
  readonly registerCode?: string;
  readonly businessDate?: string;
  readonly currency?: CurrencyCode;
  readonly openingAmount?: number;
  /** Cash sale totals, in minor units. */
  readonly sales?: readonly number[];
  /** Counted cash minus expected cash. */
  readonly difference?: number;
  readonly at?: string;
}

export function sealChain(sessionId: string, bodies: readonly LedgerBody[], at: string): LedgerEntry[] {
  const out: LedgerEntry[] = [];
  let prev = GENESIS;
  bodies.forEach((b, i) => {
    const e = sealEntry(sessionId, i + 1, prev, at, b);
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
  const sessionNumber = `T-${registerCode}-${businessDate.replaceAll('-', '')}-001`;
  const bodies: LedgerBody[] = [
    {
      kind: 'SESSION_OPENED',
      payload: {
        sessionNumber,
        registerId: `reg-${registerCode}`,
        registerCode,
        branchId: `br-${branchCode}`,
        branchCode,
        userId: 'user-1',
        businessDate,
        currency,
        openingAmount: opening,
        previousSessionId: null,
        notes: null,
      },
    },
  ];
  sales.forEach((total, i) => {
    bodies.push({
      kind: 'SALE',
      payload: {
        id: `${spec.sessionId}-sale-${i + 1}`,
        saleNumber: `${branchCode}-${registerCode}-${businessDate.replaceAll('-', '')}-${String(i + 1).padStart(4, '0')}`,
        userId: 'user-1',
        total,
        change: 0,
        lines: [{ lineNo: 1, productId: 'p1', sku: 'SKU-001', name: 'Producto', quantity: 1, unitPrice: total, total }],
        payments: [{ id: `${spec.sessionId}-pay-${i + 1}`, method: 'CASH', amount: total, tendered: total, change: 0, reference: null }],
      },
    });
  });
  const cash = sales.reduce((a, b) => a + b, 0);
  const expected = opening + cash;
  const difference = spec.difference ?? 0;
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
      salesCount: sales.length,
      salesTotal: cash,
      byMethod: { ...zeroMethodTotals(), CASH: cash },
      depositsTotal: 0,
      withdrawalsTotal: 0,
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
    entries: sealChain(spec.sessionId, bodies, at) as SessionBundle['entries'],
  };
}
