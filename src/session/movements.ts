// The closed sets of cash movements and agent operations, as plain `as const` arrays with no zod attached, so the
// renderer can list them without bundling the ledger's schemas (src/session/payloads.ts builds its zod enums on these).
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
export const AGENT_KINDS = ['CASH_IN', 'CASH_OUT', 'TOP_UP'] as const;
export type AgentKind = (typeof AGENT_KINDS)[number];

/**
 * Why the cash drawer opened: a cash event (a sale with a cash tender, a cash refund or void, a deposit, a withdrawal,
 * a count) or "Abrir cajón" with no sale. Every opening is a DRAWER_OPENED ledger entry with one of these.
 */
export const DRAWER_CAUSES = ['SALE_CASH', 'REFUND_CASH', 'VOID_CASH', 'DEPOSIT', 'WITHDRAWAL', 'COUNT', 'NO_SALE', 'CLOSE_COUNT', 'HANDOVER', 'AGENT_CASH'] as const;
export type DrawerCause = (typeof DRAWER_CAUSES)[number];
/** The reasons a cashier may give for opening the drawer with no sale; OTHER needs a note. */
export const NO_SALE_REASONS = ['CHANGE_REQUEST', 'WRONG_CHANGE', 'CHECK_CASH', 'STORE_RECEIPT', 'OTHER'] as const;
export type NoSaleReason = (typeof NO_SALE_REASONS)[number];
/** What kind of cash-out was refused (a CASH_OUT_REFUSED ledger entry): an agent cash-out, a withdrawal, a cash refund or the cash of a void. */
export const CASH_OUT_KINDS = ['AGENT_CASH_OUT', 'WITHDRAWAL', 'REFUND', 'VOID'] as const;
export type CashOutKind = (typeof CASH_OUT_KINDS)[number];
