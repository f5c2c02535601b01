// The session ledger: every event of a session, in order, as typed payloads. `applyEntry` is the single reducer that
// turns entries into running totals; the engine applies it per command and verification folds the whole ledger with it.
// Invariant: expected cash = opening + net cash payments + cash-in movements - cash-out movements, nothing else.
import type { CurrencyCode, Minor } from '../money';
import type { PaymentMethod, MethodTotals } from '../sale/methods';
import { zeroMethodTotals } from '../sale/methods';
import type { CountType, DifferenceType } from './count';
import type { SessionStatus } from './state';
import { assertNever } from '../result';

export const MOVEMENT_IN_TYPES = ['DEPOSIT', 'CHANGE_FUND', 'ADJUSTMENT_IN'] as const;
export const MOVEMENT_OUT_TYPES = ['WITHDRAWAL', 'ADJUSTMENT_OUT'] as const;
export type MovementType = (typeof MOVEMENT_IN_TYPES)[number] | (typeof MOVEMENT_OUT_TYPES)[number];
export const MOVEMENT_REASONS = [
  'SAFE_DEPOSIT',
  'BANK_DEPOSIT',
  'SUPPLIER_PAYMENT',
  'EXPENSE',
  'CHANGE_FUND',
  'INITIAL_FUND',
  'LOAN_RETURN',
  'CORRECTION',
  'OTHER',
] as const;
export type MovementReason = (typeof MOVEMENT_REASONS)[number];

export interface OpenedPayload {
  readonly sessionNumber: string;
  readonly registerId: string;
  readonly registerCode: string;
  readonly branchId: string;
  readonly branchCode: string;
  readonly userId: string;
  readonly businessDate: string;
  readonly currency: CurrencyCode;
  readonly openingAmount: Minor;
  readonly previousSessionId: string | null;
  readonly notes: string | null;
}

export interface SaleLineRecord {
  readonly lineNo: number;
  readonly productId: string;
  readonly sku: string;
  readonly name: string;
  readonly quantity: number;
  readonly unitPrice: Minor;
  readonly total: Minor;
}

export interface PaymentRecord {
  readonly id: string;
  readonly method: PaymentMethod;
  readonly amount: Minor;
  readonly tendered: Minor;
  readonly change: Minor;
  readonly reference: string | null;
}

export interface SalePayload {
  readonly id: string;
  readonly saleNumber: string;
  readonly userId: string;
  readonly total: Minor;
  readonly change: Minor;
  readonly lines: readonly SaleLineRecord[];
  readonly payments: readonly PaymentRecord[];
}

export interface MovementPayload {
  readonly id: string;
  readonly direction: 'IN' | 'OUT';
  readonly type: MovementType;
  readonly amount: Minor;
  readonly reason: MovementReason;
  readonly description: string | null;
  readonly reference: string | null;
  readonly destinationType: string | null;
  readonly createdBy: string;
  readonly authorizedBy: string | null;
}

export interface CountPayload {
  readonly id: string;
  readonly type: CountType;
  readonly denominations: readonly { readonly value: Minor; readonly quantity: number }[];
  readonly totalBills: Minor;
  readonly totalCoins: Minor;
  readonly totalCash: Minor;
  readonly vouchers: Minor;
  readonly checks: Minor;
  readonly otherValues: Minor;
  readonly otherValuesNote: string | null;
  readonly totalWithOthers: Minor;
  readonly expectedAmount: Minor;
  readonly difference: Minor;
  readonly differenceType: DifferenceType | null;
  readonly notes: string | null;
  readonly countedBy: string;
}

export interface ClosedPayload {
  readonly countId: string;
  readonly closingAmount: Minor;
  readonly expectedAmount: Minor;
  readonly difference: Minor;
  readonly differenceType: DifferenceType | null;
  readonly approvedBy: string | null;
  readonly closedBy: string;
  readonly notes: string | null;
  readonly salesCount: number;
  readonly salesTotal: Minor;
  readonly byMethod: MethodTotals;
  readonly depositsTotal: Minor;
  readonly withdrawalsTotal: Minor;
}

export interface TransferredPayload extends ClosedPayload {
  readonly toUserId: string;
  readonly newSessionId: string;
}

export type LedgerBody =
  | { readonly kind: 'SESSION_OPENED'; readonly payload: OpenedPayload }
  | { readonly kind: 'SALE'; readonly payload: SalePayload }
  | { readonly kind: 'MOVEMENT'; readonly payload: MovementPayload }
  | { readonly kind: 'COUNT'; readonly payload: CountPayload }
  | { readonly kind: 'SUSPENDED'; readonly payload: { readonly userId: string } }
  | { readonly kind: 'RESUMED'; readonly payload: { readonly userId: string } }
  | { readonly kind: 'CLOSE_REFUSED'; readonly payload: { readonly countId: string; readonly userId: string } }
  | { readonly kind: 'SESSION_CLOSED'; readonly payload: ClosedPayload }
  | { readonly kind: 'SESSION_TRANSFERRED'; readonly payload: TransferredPayload };

export type LedgerKind = LedgerBody['kind'];

export interface SessionTotals {
  readonly status: SessionStatus;
  readonly openingAmount: Minor;
  readonly salesCount: number;
  readonly salesTotal: Minor;
  readonly byMethod: MethodTotals;
  readonly depositsTotal: Minor;
  readonly withdrawalsTotal: Minor;
}

export function emptyTotals(): SessionTotals {
  return {
    status: 'OPEN',
    openingAmount: 0,
    salesCount: 0,
    salesTotal: 0,
    byMethod: zeroMethodTotals(),
    depositsTotal: 0,
    withdrawalsTotal: 0,
  };
}

export function expectedCash(t: SessionTotals): Minor {
  return t.openingAmount + t.byMethod.CASH + t.depositsTotal - t.withdrawalsTotal;
}

/** Pure reducer: totals after one more ledger entry. */
export function applyEntry(t: SessionTotals, body: LedgerBody): SessionTotals {
  switch (body.kind) {
    case 'SESSION_OPENED':
      return { ...emptyTotals(), openingAmount: body.payload.openingAmount };
    case 'SALE': {
      const byMethod = { ...t.byMethod };
      for (const p of body.payload.payments) byMethod[p.method] += p.amount;
      return { ...t, salesCount: t.salesCount + 1, salesTotal: t.salesTotal + body.payload.total, byMethod };
    }
    case 'MOVEMENT':
      return body.payload.direction === 'IN'
        ? { ...t, depositsTotal: t.depositsTotal + body.payload.amount }
        : { ...t, withdrawalsTotal: t.withdrawalsTotal + body.payload.amount };
    case 'COUNT':
      return t;
    case 'SUSPENDED':
      return { ...t, status: 'SUSPENDED' };
    case 'RESUMED':
      return { ...t, status: 'OPEN' };
    case 'CLOSE_REFUSED':
      return { ...t, status: 'COUNTING' };
    case 'SESSION_CLOSED':
      return { ...t, status: 'CLOSED' };
    case 'SESSION_TRANSFERRED':
      return { ...t, status: 'TRANSFERRED' };
    default:
      return assertNever(body, 'ledger entry');
  }
}

export function foldLedger(bodies: readonly LedgerBody[]): SessionTotals {
  return bodies.reduce(applyEntry, emptyTotals());
}
