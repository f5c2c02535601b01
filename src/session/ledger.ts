// The session ledger: every event of a session, in order, as typed payloads. `applyEntry` is the single reducer that
// turns entries into running totals; the engine applies it per command and verification folds the whole ledger with it.
// Invariant: expected cash = opening + net cash payments (sales, less voided and refunded cash) + cash-in movements
// - cash-out movements + agent cash-ins and top-ups - agent cash-outs, nothing else.
import type { CurrencyCode, Minor } from '../money';
import type { PaymentMethod, MethodTotals } from '../sale/methods';
import { zeroMethodTotals } from '../sale/methods';
import type { CountType, DifferenceType } from './count';
import type { SessionStatus } from './state';
import { assertNever } from '../result';
import type { Unit } from '../sale/quantity';

export const MOVEMENT_IN_TYPES = ['DEPOSIT', 'CHANGE_FUND', 'ADJUSTMENT_IN'] as const;
export const MOVEMENT_OUT_TYPES = ['WITHDRAWAL', 'ADJUSTMENT_OUT'] as const;
export type MovementType = (typeof MOVEMENT_IN_TYPES)[number] | (typeof MOVEMENT_OUT_TYPES)[number];
export const MOVEMENT_DIRECTIONS = ['IN', 'OUT'] as const;
export type MovementDirection = (typeof MOVEMENT_DIRECTIONS)[number];
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

export const AGENT_KINDS = ['CASH_IN', 'CASH_OUT', 'TOP_UP'] as const;
export type AgentKind = (typeof AGENT_KINDS)[number];

/**
 * A sold line. `quantity` is in thousandths of the product's unit (1 unit = 1000). The optional fields are always
 * written by this engine; they are optional only so ledgers written before them still verify.
 */
export interface SaleLineRecord {
  readonly lineNo: number;
  readonly productId: string;
  readonly sku: string;
  readonly name: string;
  readonly quantity: number;
  readonly unitPrice: Minor;
  /** Net of every discount: what the line adds to the sale total. */
  readonly total: Minor;
  readonly unit?: Unit;
  readonly gross?: Minor;
  readonly discount?: Minor;
  readonly taxRateBp?: number;
  readonly tax?: Minor;
}

export interface PaymentRecord {
  readonly id: string;
  readonly method: PaymentMethod;
  readonly amount: Minor;
  readonly tendered: Minor;
  readonly change: Minor;
  readonly reference: string | null;
  readonly cardLast4?: string | null;
  readonly authCode?: string | null;
}

export interface SalePayload {
  readonly id: string;
  readonly saleNumber: string;
  readonly userId: string;
  readonly total: Minor;
  readonly change: Minor;
  readonly lines: readonly SaleLineRecord[];
  readonly payments: readonly PaymentRecord[];
  /** Sale-level discount (already spread over the line totals). */
  readonly discount?: Minor;
  readonly tax?: Minor;
}

/** Reverses a whole sale of this session: its total, each payment by method, and its stock. */
export interface VoidPayload {
  readonly id: string;
  readonly saleId: string;
  readonly saleNumber: string;
  readonly total: Minor;
  readonly payments: readonly { readonly method: PaymentMethod; readonly amount: Minor }[];
  readonly reason: string;
  readonly userId: string;
  readonly authorizedBy: string;
}

/** Gives back part of a sale (possibly of another session): `total` leaves this session's `method` tender. */
export interface RefundPayload {
  readonly id: string;
  readonly refundNumber: string;
  readonly saleId: string;
  readonly saleNumber: string;
  readonly saleSessionId: string;
  readonly method: PaymentMethod;
  readonly total: Minor;
  readonly tax: Minor;
  readonly lines: readonly { readonly lineNo: number; readonly productId: string; readonly quantity: number; readonly total: Minor; readonly tax: Minor }[];
  readonly reason: string;
  readonly damaged: boolean;
  readonly userId: string;
  readonly authorizedBy: string | null;
}

/** A banking-agent operation: CASH_IN and TOP_UP put cash in the drawer, CASH_OUT takes it out. */
export interface AgentPayload {
  readonly id: string;
  readonly provider: string;
  readonly kind: AgentKind;
  readonly amount: Minor;
  /** Earned by the store from the provider; never drawer cash. */
  readonly commission: Minor;
  readonly reference: string;
  readonly customerRef: string | null;
  readonly userId: string;
}

export interface MovementPayload {
  readonly id: string;
  readonly direction: MovementDirection;
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
  /** Totals the cashier read off each non-cash tender's statement (card batch, QR, transfers). */
  readonly tenders?: readonly { readonly method: PaymentMethod; readonly amount: Minor }[];
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
  /** Voids, refunds and agent totals. Absent only in ledgers with none of them (verification checks both ways). */
  readonly operations?: OperationTotals;
}

export interface OperationTotals {
  readonly voidsCount: number;
  readonly voidsTotal: Minor;
  readonly refundsCount: number;
  readonly refundsTotal: Minor;
  readonly agentCount: number;
  readonly agentCashIn: Minor;
  readonly agentCashOut: Minor;
  readonly agentTopUp: Minor;
  readonly agentCommission: Minor;
}

/**
 * A suspended session back to OPEN. `approvedBy` is the supervisor whose `cash:resume` grant approved it; the key is
 * written only when there was one, so a resume without approval hashes exactly as it did before the field existed.
 */
export interface ResumedPayload {
  readonly userId: string;
  readonly approvedBy?: string;
}

export interface TransferredPayload extends ClosedPayload {
  readonly toUserId: string;
  readonly newSessionId: string;
}

export type LedgerBody =
  | { readonly kind: 'SESSION_OPENED'; readonly payload: OpenedPayload }
  | { readonly kind: 'SALE'; readonly payload: SalePayload }
  | { readonly kind: 'SALE_VOIDED'; readonly payload: VoidPayload }
  | { readonly kind: 'REFUND'; readonly payload: RefundPayload }
  | { readonly kind: 'AGENT_OPERATION'; readonly payload: AgentPayload }
  | { readonly kind: 'MOVEMENT'; readonly payload: MovementPayload }
  | { readonly kind: 'COUNT'; readonly payload: CountPayload }
  | { readonly kind: 'SUSPENDED'; readonly payload: { readonly userId: string } }
  | { readonly kind: 'RESUMED'; readonly payload: ResumedPayload }
  | { readonly kind: 'CLOSE_REFUSED'; readonly payload: { readonly countId: string; readonly userId: string } }
  | { readonly kind: 'SESSION_CLOSED'; readonly payload: ClosedPayload }
  | { readonly kind: 'SESSION_TRANSFERRED'; readonly payload: TransferredPayload };

export type LedgerKind = LedgerBody['kind'];

/**
 * Running totals. `salesCount`/`salesTotal` are net: a void removes its sale, a refund lowers the total; `byMethod` is
 * net of voided payments and refunds per tender. The gross figures are recoverable as net + voids + refunds.
 */
export interface SessionTotals extends OperationTotals {
  readonly status: SessionStatus;
  readonly openingAmount: Minor;
  readonly salesCount: number;
  readonly salesTotal: Minor;
  readonly byMethod: MethodTotals;
  readonly depositsTotal: Minor;
  readonly withdrawalsTotal: Minor;
}

export function zeroOperations(): OperationTotals {
  return { voidsCount: 0, voidsTotal: 0, refundsCount: 0, refundsTotal: 0, agentCount: 0, agentCashIn: 0, agentCashOut: 0, agentTopUp: 0, agentCommission: 0 };
}

export function operationsOf(t: OperationTotals): OperationTotals {
  const { voidsCount, voidsTotal, refundsCount, refundsTotal, agentCount, agentCashIn, agentCashOut, agentTopUp, agentCommission } = t;
  return { voidsCount, voidsTotal, refundsCount, refundsTotal, agentCount, agentCashIn, agentCashOut, agentTopUp, agentCommission };
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
    ...zeroOperations(),
  };
}

export function expectedCash(t: SessionTotals): Minor {
  return t.openingAmount + t.byMethod.CASH + t.depositsTotal - t.withdrawalsTotal + t.agentCashIn + t.agentTopUp - t.agentCashOut;
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
    case 'SALE_VOIDED': {
      const byMethod = { ...t.byMethod };
      for (const p of body.payload.payments) byMethod[p.method] -= p.amount;
      return {
        ...t,
        salesCount: t.salesCount - 1,
        salesTotal: t.salesTotal - body.payload.total,
        voidsCount: t.voidsCount + 1,
        voidsTotal: t.voidsTotal + body.payload.total,
        byMethod,
      };
    }
    case 'REFUND': {
      const byMethod = { ...t.byMethod, [body.payload.method]: t.byMethod[body.payload.method] - body.payload.total };
      return { ...t, salesTotal: t.salesTotal - body.payload.total, refundsCount: t.refundsCount + 1, refundsTotal: t.refundsTotal + body.payload.total, byMethod };
    }
    case 'AGENT_OPERATION': {
      const p = body.payload;
      const moved = { ...t, agentCount: t.agentCount + 1, agentCommission: t.agentCommission + p.commission };
      switch (p.kind) {
        case 'CASH_IN':
          return { ...moved, agentCashIn: t.agentCashIn + p.amount };
        case 'CASH_OUT':
          return { ...moved, agentCashOut: t.agentCashOut + p.amount };
        case 'TOP_UP':
          return { ...moved, agentTopUp: t.agentTopUp + p.amount };
        default:
          return assertNever(p.kind, 'agent kind');
      }
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
