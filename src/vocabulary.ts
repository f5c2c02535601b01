// Closed sets of stored values that belong to no single rule module. Each is declared here once, as an `as const`
// array, and used by both the db schema (drizzle `text({ enum })`) and the contract (zod enums).
// The others live beside the rules that decide them: ROLES (auth/permissions), SESSION_STATUSES (session/state),
// COUNT_TYPES and DIFFERENCE_TYPES (session/count), UNITS (sale/quantity), PAYMENT_METHODS (sale/methods), movement
// types, reasons and directions and AGENT_KINDS (session/movements, zod-free so the renderer bundles no schema).

/** What a register may do: sell, run banking-agent operations, or both. */
export const SPECIALTIES = ['SALES_ONLY', 'AGENTS_ONLY', 'MIXED'] as const;
export type Specialty = (typeof SPECIALTIES)[number];

/** A sale as the contract shows it: VOIDED once a void (its own append-only row) reverses it. */
export const SALE_STATUSES = ['COMPLETED', 'VOIDED'] as const;
export type SaleStatus = (typeof SALE_STATUSES)[number];
/** What a sale row itself stores: rows are never updated, so a voided sale's row still says COMPLETED. */
export const STORED_SALE_STATUSES = ['COMPLETED'] as const satisfies readonly SaleStatus[];

/** Why stock moved: every row of the stock ledger names one. */
export const STOCK_MOVEMENT_KINDS = ['INITIAL', 'SALE', 'VOID', 'REFUND', 'ADJUSTMENT', 'IMPORT'] as const;
export type StockMovementKind = (typeof STOCK_MOVEMENT_KINDS)[number];

/** Delivery state of a sealed session in the register's outbox. */
export const OUTBOX_STATUSES = ['PENDING', 'SENT', 'REJECTED'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];
