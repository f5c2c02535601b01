// The session ledger: every event of a session, in order, as typed payloads. `applyEntry` is the single reducer that
// turns entries into running totals; the engine applies it per command and verification folds the whole ledger with it.
// Invariant: expected cash = opening + net cash payments (sales, less voided and refunded cash; each as taken or paid
// out, after cash rounding) + cash-in movements - cash-out movements + agent cash-ins and top-ups - agent cash-outs,
// nothing else. A drawer opening moves no money; it is counted.
import type { Minor } from '../money';
import type { MethodTotals } from '../sale/methods';
import { zeroMethodTotals } from '../sale/methods';
import type { SessionStatus } from './state';
import { assertNever } from '../result';
import type { DrawerTotals, LedgerBody, OperationTotals } from './payloads';

// The payload shapes are declared once, as zod schemas, in payloads.ts; their names are re-exported from here.
export { AGENT_KINDS, CASH_OUT_KINDS, DRAWER_CAUSES, MOVEMENT_DIRECTIONS, MOVEMENT_IN_TYPES, MOVEMENT_OUT_TYPES, MOVEMENT_REASONS, NO_SALE_REASONS } from './movements';
export type { CashOutKind } from './movements';
export type {
  AgentKind,
  AgentPayload,
  CashOutRefusedPayload,
  ClosedPayload,
  CountPayload,
  DrawerCause,
  DrawerOpenedPayload,
  DrawerTotals,
  LedgerBody,
  LedgerKind,
  MovementDirection,
  MovementPayload,
  MovementReason,
  MovementType,
  NoSaleReason,
  OpenedPayload,
  OperationTotals,
  PaymentRecord,
  RefundPayload,
  ResumedPayload,
  SaleLineRecord,
  SalePayload,
  TransferredPayload,
  VoidPayload,
} from './payloads';

/**
 * Running totals. `salesCount`/`salesTotal` are net: a void removes its sale, a refund lowers the total; `byMethod` is
 * net of voided payments and refunds per tender. The gross figures are recoverable as net + voids + refunds.
 */
export interface SessionTotals extends OperationTotals, DrawerTotals {
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

export function zeroDrawer(): DrawerTotals {
  return { drawerOpenings: 0, noSaleOpenings: 0, cashRounding: 0 };
}

export function drawerOf(t: DrawerTotals): DrawerTotals {
  return { drawerOpenings: t.drawerOpenings, noSaleOpenings: t.noSaleOpenings, cashRounding: t.cashRounding };
}

/** Whether a seal writes its `drawer` totals: only when one is not 0, so seals of ledgers without any hash as before. */
export function hasDrawerTotals(t: DrawerTotals): boolean {
  return t.drawerOpenings !== 0 || t.noSaleOpenings !== 0 || t.cashRounding !== 0;
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
    ...zeroDrawer(),
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
      return { ...t, salesCount: t.salesCount + 1, salesTotal: t.salesTotal + body.payload.total, byMethod, cashRounding: t.cashRounding + (body.payload.cashRounding ?? 0) };
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
        cashRounding: t.cashRounding - (body.payload.cashRounding ?? 0),
      };
    }
    case 'REFUND': {
      // A cash refund pays out its total rounded: the drawer loses total + cashRounding.
      const rounding = body.payload.cashRounding ?? 0;
      const byMethod = { ...t.byMethod, [body.payload.method]: t.byMethod[body.payload.method] - body.payload.total - rounding };
      return {
        ...t,
        salesTotal: t.salesTotal - body.payload.total,
        refundsCount: t.refundsCount + 1,
        refundsTotal: t.refundsTotal + body.payload.total,
        byMethod,
        cashRounding: t.cashRounding - rounding,
      };
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
    case 'DRAWER_OPENED':
      return { ...t, drawerOpenings: t.drawerOpenings + 1, noSaleOpenings: t.noSaleOpenings + (body.payload.cause === 'NO_SALE' ? 1 : 0) };
    case 'SUSPENDED':
      return { ...t, status: 'SUSPENDED' };
    case 'RESUMED':
      return { ...t, status: 'OPEN' };
    case 'CLOSE_REFUSED':
      return { ...t, status: 'COUNTING' };
    case 'CASH_OUT_REFUSED':
      // A refusal moves no money: it is kept on the chain as the record of an attempt.
      return t;
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
