// The ledger's payloads, declared once as zod schemas: the engine writes values of the inferred types, HQ parses
// received ledgers with the schemas themselves (sync/protocol.ts), so the two cannot drift apart.
// Invariants: no schema here transforms (no trim, no default, no stripping: unknown keys are refused), because the hash
// covers the exact payload bytes; money is an integer of minor units, quantities integers of thousandths.
import { z } from 'zod';
import { CURRENCY_CODES } from '../money/currencies';
import { PAYMENT_METHODS } from '../sale/methods';
import type { PaymentMethod } from '../sale/methods';
import { UNITS } from '../sale/quantity';
import { COUNT_TYPES, DIFFERENCE_TYPES } from './count';
import { AGENT_KINDS, CASH_OUT_KINDS, DRAWER_CAUSES, MOVEMENT_DIRECTIONS, MOVEMENT_IN_TYPES, MOVEMENT_OUT_TYPES, MOVEMENT_REASONS, NO_SALE_REASONS } from './movements';
export { AGENT_KINDS, CASH_OUT_KINDS, DRAWER_CAUSES, MOVEMENT_DIRECTIONS, MOVEMENT_IN_TYPES, MOVEMENT_OUT_TYPES, MOVEMENT_REASONS, NO_SALE_REASONS } from './movements';
export type { AgentKind, CashOutKind, DrawerCause, MovementDirection, MovementReason, MovementType, NoSaleReason } from './movements';

/** A parsed shape made deeply read-only: a written ledger entry is never changed, only reversed by a later one. */
export type Frozen<T> = T extends readonly (infer E)[] ? readonly Frozen<E>[] : T extends object ? { readonly [K in keyof T]: Frozen<T[K]> } : T;

// Primitives of the wire format. No transforms anywhere in this file.
const Str = z.string().max(1000);
const NullableStr = Str.nullable();
const Id = z.string().min(1).max(64);
const Code = z.string().regex(/^[A-Z0-9_-]{1,16}$/);
const Minor = z.int().min(0).max(Number.MAX_SAFE_INTEGER);
const SignedMinor = z.int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
const Count = z.int().min(0).max(Number.MAX_SAFE_INTEGER);
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Currency = z.enum(CURRENCY_CODES);
const Method = z.enum(PAYMENT_METHODS);
const DifferenceType = z.enum(DIFFERENCE_TYPES).nullable();
const MethodTotals = z.strictObject(Object.fromEntries(PAYMENT_METHODS.map((m) => [m, SignedMinor])) as Record<PaymentMethod, typeof SignedMinor>);

/** The primitives the session bundle's header shares with the payloads. */
export const wire = { Str, Id, Code, IsoDate, Currency } as const;

export const OpenedPayloadSchema = z.strictObject({
  sessionNumber: Str,
  registerId: Id,
  registerCode: Code,
  branchId: Id,
  branchCode: Code,
  userId: Id,
  businessDate: IsoDate,
  currency: Currency,
  openingAmount: Minor,
  previousSessionId: Id.nullable(),
  notes: NullableStr,
});
export type OpenedPayload = Frozen<z.infer<typeof OpenedPayloadSchema>>;

/**
 * A sold line. `quantity` is in thousandths of the product's unit (1 unit = 1000); `total` is net of every discount:
 * what the line adds to the sale total. The optional fields are always written by this engine; they are optional only
 * so ledgers written before them still verify.
 */
export const SaleLineRecordSchema = z.strictObject({
  lineNo: z.int().min(1),
  productId: Id,
  sku: Str,
  name: Str,
  quantity: z.int(),
  unitPrice: Minor,
  total: Minor,
  unit: z.enum(UNITS).optional(),
  gross: Minor.optional(),
  discount: Minor.optional(),
  taxRateBp: Count.optional(),
  tax: Minor.optional(),
});
export type SaleLineRecord = Frozen<z.infer<typeof SaleLineRecordSchema>>;

export const PaymentRecordSchema = z.strictObject({
  id: Id,
  method: Method,
  amount: Minor,
  tendered: Minor,
  change: Minor,
  reference: NullableStr,
  cardLast4: NullableStr.optional(),
  authCode: NullableStr.optional(),
});
export type PaymentRecord = Frozen<z.infer<typeof PaymentRecordSchema>>;

/** A sale. `discount` is the sale-level discount, already spread over the line totals. */
export const SalePayloadSchema = z.strictObject({
  id: Id,
  saleNumber: Str,
  userId: Id,
  total: Minor,
  change: Minor,
  lines: z.array(SaleLineRecordSchema),
  payments: z.array(PaymentRecordSchema),
  discount: Minor.optional(),
  tax: Minor.optional(),
  /** Signed: what the cash part was rounded by (payments add up to total + cashRounding). Written only when not 0. */
  cashRounding: SignedMinor.optional(),
  /** The supervisor whose `sales:discount` grant approved the discounts; written only when there was one. */
  discountApprovedBy: Id.optional(),
});
export type SalePayload = Frozen<z.infer<typeof SalePayloadSchema>>;

/** Reverses a whole sale of this session: its total, each payment by method, and its stock. */
export const VoidPayloadSchema = z.strictObject({
  id: Id,
  saleId: Id,
  saleNumber: Str,
  total: Minor,
  payments: z.array(z.strictObject({ method: Method, amount: Minor })),
  reason: Str,
  userId: Id,
  authorizedBy: Id,
  /** The voided sale's cash rounding, reversed with it. Written only when not 0. */
  cashRounding: SignedMinor.optional(),
});
export type VoidPayload = Frozen<z.infer<typeof VoidPayloadSchema>>;

/** Gives back part of a sale (possibly of another session): `total` leaves this session's `method` tender. */
export const RefundPayloadSchema = z.strictObject({
  id: Id,
  refundNumber: Str,
  saleId: Id,
  saleNumber: Str,
  saleSessionId: Id,
  method: Method,
  total: Minor,
  tax: Minor,
  lines: z.array(z.strictObject({ lineNo: z.int().min(1), productId: Id, quantity: Count, total: Minor, tax: Minor })),
  reason: Str,
  damaged: z.boolean(),
  userId: Id,
  authorizedBy: Id.nullable(),
  /** Signed: a cash refund paid out rounded (cash out = total + cashRounding). Written only when not 0. */
  cashRounding: SignedMinor.optional(),
});
export type RefundPayload = Frozen<z.infer<typeof RefundPayloadSchema>>;

/**
 * A banking-agent operation: CASH_IN and TOP_UP put cash in the drawer, CASH_OUT takes it out. `commission` is earned
 * by the store from the provider; never drawer cash.
 */
export const AgentPayloadSchema = z.strictObject({
  id: Id,
  provider: Str,
  kind: z.enum(AGENT_KINDS),
  amount: Minor,
  commission: Minor,
  reference: Str,
  customerRef: NullableStr,
  userId: Id,
});
export type AgentPayload = Frozen<z.infer<typeof AgentPayloadSchema>>;

export const MovementPayloadSchema = z.strictObject({
  id: Id,
  direction: z.enum(MOVEMENT_DIRECTIONS),
  type: z.enum([...MOVEMENT_IN_TYPES, ...MOVEMENT_OUT_TYPES]),
  amount: Minor,
  reason: z.enum(MOVEMENT_REASONS),
  description: NullableStr,
  reference: NullableStr,
  destinationType: NullableStr,
  createdBy: Id,
  authorizedBy: Id.nullable(),
});
export type MovementPayload = Frozen<z.infer<typeof MovementPayloadSchema>>;

/** A drawer count. `tenders`: totals the cashier read off each non-cash tender's statement (card batch, QR, transfers). */
export const CountPayloadSchema = z.strictObject({
  id: Id,
  type: z.enum(COUNT_TYPES),
  denominations: z.array(z.strictObject({ value: Minor, quantity: Count })),
  totalBills: Minor,
  totalCoins: Minor,
  totalCash: Minor,
  vouchers: Minor,
  checks: Minor,
  otherValues: Minor,
  otherValuesNote: NullableStr,
  totalWithOthers: Minor,
  expectedAmount: Minor,
  difference: SignedMinor,
  differenceType: DifferenceType,
  notes: NullableStr,
  countedBy: Id,
  tenders: z.array(z.strictObject({ method: Method, amount: Minor })).optional(),
});
export type CountPayload = Frozen<z.infer<typeof CountPayloadSchema>>;

/**
 * The cash drawer opened. `reference` is the document that opened it (sale, refund, void, movement or count id), null
 * for NO_SALE; `reason` and `note` say why a NO_SALE opened it (null otherwise); `authorizedBy` is the supervisor whose
 * grant approved a no-sale where the register asks for one. Recorded whether or not the pulse reached the printer.
 */
export const DrawerOpenedPayloadSchema = z.strictObject({
  id: Id,
  cause: z.enum(DRAWER_CAUSES),
  reference: Id.nullable(),
  reason: z.enum(NO_SALE_REASONS).nullable(),
  note: NullableStr,
  userId: Id,
  authorizedBy: Id.nullable(),
});
export type DrawerOpenedPayload = Frozen<z.infer<typeof DrawerOpenedPayloadSchema>>;

/** Drawer openings and the session's net cash rounding; a seal writes them only when one is not 0. */
export const DrawerTotalsSchema = z.strictObject({ drawerOpenings: Count, noSaleOpenings: Count, cashRounding: SignedMinor });
export type DrawerTotals = Frozen<z.infer<typeof DrawerTotalsSchema>>;

export const OperationTotalsSchema = z.strictObject({
  voidsCount: Count,
  voidsTotal: Minor,
  refundsCount: Count,
  refundsTotal: Minor,
  agentCount: Count,
  agentCashIn: Minor,
  agentCashOut: Minor,
  agentTopUp: Minor,
  agentCommission: Minor,
});
export type OperationTotals = Frozen<z.infer<typeof OperationTotalsSchema>>;

const closedShape = {
  countId: Id,
  closingAmount: Minor,
  expectedAmount: Minor,
  difference: SignedMinor,
  differenceType: DifferenceType,
  approvedBy: Id.nullable(),
  closedBy: Id,
  notes: NullableStr,
  salesCount: Count,
  // Net of refunds, which may come from earlier sessions: a session can give back more than it sold.
  salesTotal: SignedMinor,
  byMethod: MethodTotals,
  depositsTotal: Minor,
  withdrawalsTotal: Minor,
  // Voids, refunds and agent totals. Absent only in ledgers with none of them (verification checks both ways).
  operations: OperationTotalsSchema.optional(),
  // Drawer openings and cash rounding. Absent only in ledgers with none of them (verification checks both ways).
  drawer: DrawerTotalsSchema.optional(),
};
export const ClosedPayloadSchema = z.strictObject(closedShape);
export type ClosedPayload = Frozen<z.infer<typeof ClosedPayloadSchema>>;

export const TransferredPayloadSchema = z.strictObject({ ...closedShape, toUserId: Id, newSessionId: Id });
export type TransferredPayload = Frozen<z.infer<typeof TransferredPayloadSchema>>;

export const SuspendedPayloadSchema = z.strictObject({ userId: Id });

/**
 * A suspended session back to OPEN. `approvedBy` is the supervisor whose `cash:resume` grant approved it; the key is
 * written only when there was one, so a resume without approval hashes exactly as it did before the field existed.
 */
export const ResumedPayloadSchema = z.strictObject({ userId: Id, approvedBy: Id.optional() });
export type ResumedPayload = Frozen<z.infer<typeof ResumedPayloadSchema>>;

export const CloseRefusedPayloadSchema = z.strictObject({ countId: Id, userId: Id });


/**
 * A cash-out refused for exceeding expected cash (src/session/cash-out.ts): who asked, how much, what for. It moves no
 * money (the reducer leaves the totals alone); it is on the chain so HQ and the manager see every probe of the drawer.
 * `ref` names what it was about (a sale id for a refund or a void, the provider for an agent cash-out), else null.
 */
export const CashOutRefusedPayloadSchema = z.strictObject({ kind: z.enum(CASH_OUT_KINDS), amount: Minor, userId: Id, ref: NullableStr });
export type CashOutRefusedPayload = Frozen<z.infer<typeof CashOutRefusedPayloadSchema>>;

/** Every kind of ledger entry and the schema of its payload, in the order a session meets them. */
export const LEDGER_PAYLOADS = {
  SESSION_OPENED: OpenedPayloadSchema,
  SALE: SalePayloadSchema,
  SALE_VOIDED: VoidPayloadSchema,
  REFUND: RefundPayloadSchema,
  AGENT_OPERATION: AgentPayloadSchema,
  MOVEMENT: MovementPayloadSchema,
  COUNT: CountPayloadSchema,
  DRAWER_OPENED: DrawerOpenedPayloadSchema,
  SUSPENDED: SuspendedPayloadSchema,
  RESUMED: ResumedPayloadSchema,
  CLOSE_REFUSED: CloseRefusedPayloadSchema,
  CASH_OUT_REFUSED: CashOutRefusedPayloadSchema,
  SESSION_CLOSED: ClosedPayloadSchema,
  SESSION_TRANSFERRED: TransferredPayloadSchema,
} as const;

export type LedgerKind = keyof typeof LEDGER_PAYLOADS;
/** One ledger entry's body: its kind and the payload that kind carries. */
export type LedgerBody = { [K in LedgerKind]: { readonly kind: K; readonly payload: Frozen<z.infer<(typeof LEDGER_PAYLOADS)[K]>> } }[LedgerKind];
