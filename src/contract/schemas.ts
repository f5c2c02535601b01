// Shared zod shapes of the command contract. Invariant: money is an integer of minor units everywhere in here.
import { APPROVAL_KINDS } from '../session/approvals';
import { z } from 'zod';
import { CURRENCY_CODES } from '../money/currencies';
import { CASH_ROUNDING_RULES } from '../money/rounding';
import { PERMISSIONS, ROLES } from '../auth/permissions';
import { PAYMENT_METHODS } from '../sale/methods';
import { COUNT_TYPES, DIFFERENCE_TYPES } from '../session/count';
import { SESSION_STATUSES } from '../session/state';
import { AGENT_KINDS, CASH_OUT_KINDS, MOVEMENT_DIRECTIONS, MOVEMENT_IN_TYPES, MOVEMENT_OUT_TYPES, MOVEMENT_REASONS, NO_SALE_REASONS } from '../session/ledger';
import { OUTBOX_STATUSES, SALE_STATUSES, SPECIALTIES, STOCK_MOVEMENT_KINDS } from '../vocabulary';
import { UNITS } from '../sale/quantity';
import { IMPORT_ERROR_CODES } from '../catalog/csv';
import { AMOUNT_CEILING } from '../money/ceilings';

export const Id = z.string().min(1).max(64);
export const Minor = z.int().min(0).max(Number.MAX_SAFE_INTEGER);
export const SignedMinor = z.int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
export const PositiveMinor = z.int().min(1).max(Number.MAX_SAFE_INTEGER);
/** An amount a caller sends (price, payment, tendered, movement, count value, float): 0 to AMOUNT_CEILING minor units. */
export const Amount = z.int().min(0).max(AMOUNT_CEILING);
/** A positive amount a caller sends: 1 to AMOUNT_CEILING minor units. */
export const PositiveAmount = z.int().min(1).max(AMOUNT_CEILING);
export const Note = z.string().trim().max(500);
export const Timestamp = z.string();
export const IsoDate = z.iso.date();
export const RequestId = z.string().min(8).max(100);
export const Pin = z.string().regex(/^\d{4,8}$/, 'El PIN debe tener de 4 a 8 dígitos');
export const Code = z.string().trim().regex(/^[A-Z0-9_-]{1,16}$/, 'Solo mayúsculas, dígitos, _ y -, hasta 16');

export const RoleSchema = z.enum(ROLES);
export const PermissionSchema = z.enum(PERMISSIONS);
export const CurrencySchema = z.enum(CURRENCY_CODES);
export const MethodSchema = z.enum(PAYMENT_METHODS);
export const SessionStatusSchema = z.enum(SESSION_STATUSES);
export const CountTypeSchema = z.enum(COUNT_TYPES);
export const SpecialtySchema = z.enum(SPECIALTIES);
export const DifferenceTypeSchema = z.enum(DIFFERENCE_TYPES).nullable();
export const MovementDirectionSchema = z.enum(MOVEMENT_DIRECTIONS);
export const SaleStatusSchema = z.enum(SALE_STATUSES);
export const StockMovementKindSchema = z.enum(STOCK_MOVEMENT_KINDS);
export const OutboxStatusSchema = z.enum(OUTBOX_STATUSES);
export const MovementInTypeSchema = z.enum(MOVEMENT_IN_TYPES);
export const MovementOutTypeSchema = z.enum(MOVEMENT_OUT_TYPES);
export const MovementReasonSchema = z.enum(MOVEMENT_REASONS);
export const UnitSchema = z.enum(UNITS);
export const AgentKindSchema = z.enum(AGENT_KINDS);
/** A quantity: whole units as an integer, or a decimal string with up to 3 decimals ("1.250") for weighed items. */
export const Quantity = z.union([z.int().min(1).max(1_000_000), z.string().trim().regex(/^\d{1,7}(\.\d{1,3})?$/, 'Hasta 3 decimales')]);
export const SignedQuantity = z.union([z.int().min(-1_000_000).max(1_000_000), z.string().trim().regex(/^[-+]?\d{1,7}(\.\d{1,3})?$/, 'Hasta 3 decimales')]);
/** EAN-13, EAN-8, UPC-A or an internal code. */
export const Barcode = z.string().trim().regex(/^[0-9A-Za-z-]{4,32}$/);
/** Tax rate in basis points: 1300 = 13 %. */
export const TaxRateBp = z.int().min(0).max(10_000);
const NonCashMethod = z.enum(PAYMENT_METHODS.filter((m) => m !== 'CASH') as [Exclude<(typeof PAYMENT_METHODS)[number], 'CASH'>, ...Exclude<(typeof PAYMENT_METHODS)[number], 'CASH'>[]]);
export const DeclaredTenderSchema = z.strictObject({ method: NonCashMethod, amount: Amount });

export const MethodTotalsSchema = z.object(
  Object.fromEntries(PAYMENT_METHODS.map((m) => [m, SignedMinor])) as Record<(typeof PAYMENT_METHODS)[number], typeof SignedMinor>,
);

export const UserSchema = z.object({
  id: Id,
  username: z.string(),
  name: z.string(),
  role: RoleSchema,
  active: z.boolean(),
  lockedUntil: Timestamp.nullable(),
  /**
   * Wrong PINs given for this user's approval in the last 24 h, from anyone (`users.list` only): each one delays her
   * next approval (src/auth/lockout.ts APPROVER_DELAY); many, from one cashier, is someone guessing her PIN.
   */
  approvalPinFailures: z.object({ count: z.int().min(1), lastAt: Timestamp, requesters: z.array(z.string()) }).nullable().optional(),
});

export const AuthUserSchema = z.object({
  id: Id,
  username: z.string(),
  name: z.string(),
  role: RoleSchema,
  permissions: z.array(PermissionSchema),
  /** The store's IANA time zone (the user's branch): every time the renderer shows is in it, not the PC's. */
  timeZone: z.string(),
});

export const RegisterSchema = z.object({
  id: Id,
  branchId: Id,
  code: z.string(),
  name: z.string(),
  specialty: SpecialtySchema,
  currency: CurrencySchema,
  blindClose: z.boolean(),
  differenceTolerance: Minor,
  allowNegativeStock: z.boolean(),
  refundApprovalAbove: Minor,
  /** "Abrir cajón" with no sale needs a supervisor's `cash:approve_no_sale` grant. */
  noSaleNeedsApproval: z.boolean(),
  /** Minor units cash totals round to (1: none); null: the currency's default. `cashRoundingApplied` is what applies. */
  cashRounding: z.int().min(1).nullable(),
  cashRoundingApplied: z.int().min(1),
  /** Discount ceilings: above this share of the gross (basis points) or this amount a `sales:discount` grant is needed. */
  discountMaxBp: z.int().min(0).max(10_000),
  discountMaxAmount: Minor,
  active: z.boolean(),
});

export const ProductSchema = z.object({
  id: Id,
  sku: z.string(),
  /** The first of `barcodes`. */
  barcode: z.string().nullable(),
  barcodes: z.array(z.string()),
  name: z.string(),
  price: Minor,
  unit: UnitSchema,
  category: z.string().nullable(),
  taxRateBp: TaxRateBp,
  /** Stock as a decimal string ("12", "3.250"), and the same in thousandths. Below zero when sold short. */
  stock: z.string(),
  stockMilli: z.int(),
  active: z.boolean(),
});

export const StockMovementSchema = z.object({
  id: Id,
  productId: Id,
  kind: StockMovementKindSchema,
  delta: z.string(),
  deltaMilli: z.int(),
  refId: z.string().nullable(),
  reason: z.string().nullable(),
  userId: Id.nullable(),
  createdAt: Timestamp,
});

export const OperationTotalsSchema = z.object({
  voidsCount: z.int().min(0),
  voidsTotal: Minor,
  refundsCount: z.int().min(0),
  refundsTotal: Minor,
  agentCount: z.int().min(0),
  agentCashIn: Minor,
  agentCashOut: Minor,
  agentTopUp: Minor,
  agentCommission: Minor,
});

export const OpeningCheckSchema = z.object({
  priorSessionId: Id,
  priorSessionNumber: z.string(),
  priorClosingAmount: Minor,
  /** Opening amount minus the previous closing count: non-zero is the flag. */
  difference: SignedMinor,
  mismatch: z.boolean(),
});

export const SessionSchema = z.object({
  id: Id,
  sessionNumber: z.string(),
  status: SessionStatusSchema,
  branchId: Id,
  registerId: Id,
  registerCode: z.string(),
  registerName: z.string(),
  /** The register's specialty (what it may do: sales, agent operations, or both), as it is now. */
  specialty: SpecialtySchema,
  userId: Id,
  userName: z.string(),
  currency: CurrencySchema,
  /** How the register rounds cash totals now (its own increment or its currency's, with the currency's tie rule). */
  cashRounding: z.object({ increment: z.int().min(1), rule: z.enum(CASH_ROUNDING_RULES) }),
  businessDate: IsoDate,
  openingAmount: Minor,
  openingNotes: z.string().nullable(),
  openedAt: Timestamp,
  /** When the session was last suspended; null unless it is SUSPENDED now. */
  suspendedAt: Timestamp.nullable(),
  closedAt: Timestamp.nullable(),
  closingAmount: Minor.nullable(),
  /** Null while the session is active, and for a user who may not see it (blind close). */
  expectedAmount: SignedMinor.nullable(),
  difference: SignedMinor.nullable(),
  differenceType: DifferenceTypeSchema,
  closingNotes: z.string().nullable(),
  approvedBy: Id.nullable(),
  previousSessionId: Id.nullable(),
  /**
   * Running figures. Null, with `salesTotal`, `depositsTotal`, `withdrawalsTotal` and `operations`, for a viewer who may
   * not see expected cash while the session is active (blind close): expected cash could be computed from them.
   */
  totals: MethodTotalsSchema.nullable(),
  salesCount: z.int().min(0),
  salesTotal: SignedMinor.nullable(),
  depositsTotal: Minor.nullable(),
  withdrawalsTotal: Minor.nullable(),
  /** Voids, refunds and agent operations of this session (sales figures above are already net of voids and refunds). */
  operations: OperationTotalsSchema.nullable(),
  /** The float against the previous session's closing count on this register; null when there was none. */
  openingCheck: OpeningCheckSchema.nullable(),
  ledgerSeq: z.int().min(0),
  chainHead: z.string(),
});

export const DenominationInput = z.strictObject({ value: PositiveAmount, quantity: z.int().min(0).max(1_000_000) });

export const CountInputSchema = z.strictObject({
  denominations: z.array(DenominationInput).max(64),
  vouchers: Amount.optional(),
  checks: Amount.optional(),
  otherValues: Amount.optional(),
  otherValuesNote: Note.optional(),
  notes: Note.optional(),
  /** Totals read off each non-cash tender's statement (card batch, QR, transfers): reconciled per method at close. */
  tenders: z.array(DeclaredTenderSchema).max(8).optional(),
});

export const CountSchema = z.object({
  id: Id,
  sessionId: Id,
  type: CountTypeSchema,
  denominations: z.array(z.object({ value: Minor, quantity: z.int() })),
  totalBills: Minor,
  totalCoins: Minor,
  totalCash: Minor,
  vouchers: Minor,
  checks: Minor,
  otherValues: Minor,
  otherValuesNote: z.string().nullable(),
  totalWithOthers: Minor,
  /** Null for a user who may not see the expected amount (blind register). */
  expectedAmount: SignedMinor.nullable(),
  difference: SignedMinor.nullable(),
  differenceType: DifferenceTypeSchema,
  notes: z.string().nullable(),
  countedBy: Id,
  countedAt: Timestamp,
  tenders: z.array(z.object({ method: MethodSchema, amount: Minor })),
});

export const CountSummarySchema = z.object({
  totalBills: Minor,
  totalCoins: Minor,
  totalCash: Minor,
  vouchers: Minor,
  checks: Minor,
  otherValues: Minor,
  totalWithOthers: Minor,
  expectedAmount: SignedMinor.nullable(),
  difference: SignedMinor.nullable(),
  differenceType: DifferenceTypeSchema,
});

export const MovementSchema = z.object({
  id: Id,
  sessionId: Id,
  direction: MovementDirectionSchema,
  type: z.union([MovementInTypeSchema, MovementOutTypeSchema]),
  amount: PositiveMinor,
  reason: MovementReasonSchema,
  description: z.string().nullable(),
  reference: z.string().nullable(),
  destinationType: z.string().nullable(),
  createdBy: Id,
  authorizedBy: Id.nullable(),
  createdAt: Timestamp,
});

export const SaleLineSchema = z.object({
  lineNo: z.int(),
  productId: Id,
  sku: z.string(),
  name: z.string(),
  unit: UnitSchema,
  /** Decimal string ("2", "1.250") and the same in thousandths. */
  quantity: z.string(),
  quantityMilli: z.int(),
  unitPrice: Minor,
  gross: Minor,
  /** Line discount plus this line's share of the sale discount. */
  discount: Minor,
  total: Minor,
  taxRateBp: TaxRateBp,
  tax: Minor,
  /** Already given back, in thousandths (sales.get only; 0 on a new sale). */
  refundedMilli: z.int(),
});

export const PaymentSchema = z.object({
  id: Id,
  method: MethodSchema,
  amount: Minor,
  tendered: Minor,
  change: Minor,
  reference: z.string().nullable(),
  cardLast4: z.string().nullable(),
  authCode: z.string().nullable(),
});

export const SaleSchema = z.object({
  id: Id,
  sessionId: Id,
  saleNumber: z.string(),
  gross: Minor,
  discount: Minor,
  tax: Minor,
  total: Minor,
  change: Minor,
  /** Signed minor units the cash part was rounded by: the payments add up to total + cashRounding. */
  cashRounding: SignedMinor,
  status: SaleStatusSchema,
  createdAt: Timestamp,
  lines: z.array(SaleLineSchema),
  payments: z.array(PaymentSchema),
  refundedTotal: Minor,
});

/** One refused row of a CSV import (or the file itself): line, column, a stable code, its English reason and values. */
export const ImportErrorSchema = z.object({
  line: z.int(),
  field: z.string().nullable(),
  code: z.enum(IMPORT_ERROR_CODES),
  reason: z.string(),
  params: z
    .object({
      otherLine: z.int().optional(),
      max: z.int().optional(),
      expected: z.int().optional(),
      found: z.int().optional(),
      barcode: z.string().optional(),
      sku: z.string().optional(),
      amountError: z.string().optional(),
    })
    .optional(),
});

/** A sale as a list shows it (sales.list): enough to find it and open it with sales.get. */
export const SaleListItemSchema = z.object({
  id: Id,
  saleNumber: z.string(),
  sessionId: Id,
  registerCode: z.string(),
  total: Minor,
  status: SaleStatusSchema,
  refundedTotal: Minor,
  createdAt: Timestamp,
  /** The cashier who made the sale. */
  userName: z.string(),
});

export const RefundSchema = z.object({
  id: Id,
  refundNumber: z.string(),
  saleId: Id,
  saleNumber: z.string(),
  sessionId: Id,
  method: MethodSchema,
  total: Minor,
  tax: Minor,
  /** Signed: a cash refund pays out total + cashRounding. */
  cashRounding: SignedMinor,
  reason: z.string(),
  damaged: z.boolean(),
  restocked: z.boolean(),
  authorizedBy: Id.nullable(),
  lines: z.array(z.object({ lineNo: z.int(), productId: Id, quantity: z.string(), quantityMilli: z.int(), total: Minor, tax: Minor })),
  createdAt: Timestamp,
});

export const AgentOperationSchema = z.object({
  id: Id,
  sessionId: Id,
  provider: z.string(),
  kind: AgentKindSchema,
  amount: PositiveMinor,
  commission: Minor,
  reference: z.string(),
  customerRef: z.string().nullable(),
  userId: Id,
  createdAt: Timestamp,
});

export const AgentProviderSchema = z.object({ code: z.string(), name: z.string(), kinds: z.array(AgentKindSchema), active: z.boolean() });

export const AgentTotalsSchema = z.object({
  count: z.int(),
  byKind: z.object({ CASH_IN: Minor, CASH_OUT: Minor, TOP_UP: Minor }),
  commission: Minor,
  /** Net effect on the drawer: cash-ins and top-ups minus cash-outs. */
  netCash: SignedMinor,
  byProvider: z.array(z.object({ provider: z.string(), kind: AgentKindSchema, count: z.int(), amount: Minor, commission: Minor })),
});

/**
 * One hour of the store's day (0-23, the branch's time zone): sales made in it and not voided, and refunds paid out in
 * it. Summed over the hours, `net` is the net sales total. Only hours with activity are listed, ascending by hour.
 */
export const HourTotalsSchema = z.object({
  hour: z.int().min(0).max(23),
  count: z.int().min(0),
  total: Minor,
  refundsCount: z.int().min(0),
  refundsTotal: Minor,
  net: SignedMinor,
});

export const TaxLineSchema = z.object({ taxRateBp: TaxRateBp, taxable: SignedMinor, tax: SignedMinor });

export const TenderReconciliationSchema = z.object({
  method: MethodSchema,
  expected: SignedMinor.nullable(),
  declared: Minor.nullable(),
  difference: SignedMinor.nullable(),
  /** True when a declared figure differs from the expected one by more than the register's tolerance. */
  exceedsTolerance: z.boolean(),
});

export const CloseSummarySchema = z.object({
  openingAmount: Minor,
  closingAmount: Minor,
  expectedAmount: SignedMinor,
  difference: SignedMinor,
  differenceType: DifferenceTypeSchema,
  salesCount: z.int(),
  salesTotal: SignedMinor,
  depositsTotal: Minor,
  withdrawalsTotal: Minor,
  totals: MethodTotalsSchema,
  operations: OperationTotalsSchema,
  tenders: z.array(TenderReconciliationSchema),
});

export const PaginationSchema = z.object({
  total: z.int(),
  page: z.int(),
  pageSize: z.int(),
  totalPages: z.int(),
});

/** What `cash.current` answers; a sale's reply carries the same, with the sale counted. */
export const CurrentSessionSchema = z.object({
  session: SessionSchema.nullable(),
  hasOpenSession: z.boolean(),
  /** Null when there is no session or the user may not see it (blind close). */
  expectedCash: SignedMinor.nullable(),
});

/** Who holds a register now: `cash.status`'s `currentSession`, and each row of `registers.list`. */
export const RegisterHolderSchema = z.object({ id: Id, sessionNumber: z.string(), status: SessionStatusSchema, userId: Id, userName: z.string() });

export const DiscountTotalsSchema = z.object({ count: z.int().min(0), total: Minor });

/** A cash-out refused for exceeding expected cash (a CASH_OUT_REFUSED ledger entry). */
export const CashOutRefusalSchema = z.object({
  at: Timestamp,
  kind: z.enum(CASH_OUT_KINDS),
  /** What was asked for (minor units). */
  amount: Minor,
  userId: Id,
  userName: z.string(),
  /** The sale (refund, void) or provider (agent cash-out) it was about. */
  ref: z.string().nullable(),
});

/** One supervisor approval of a session, naming who gave it; `amount` null for a resume, the difference's size for a close. */
export const ApprovalSchema = z.object({
  kind: z.enum(APPROVAL_KINDS),
  approverId: Id,
  approverName: z.string(),
  amount: Minor.nullable(),
  /** The sale or refund number it approved, when there is one. */
  reference: z.string().nullable(),
  at: Timestamp,
});

/** An X report (active session) or Z report (closed): what `reports.session` answers and a close's reply carries. */
export const SessionReportSchema = z.object({
  kind: z.enum(['X', 'Z']),
  generatedAt: Timestamp,
  session: SessionSchema,
  totals: MethodTotalsSchema,
  /** Net of voids and refunds; `gross` is before them. */
  sales: z.object({ count: z.int(), total: SignedMinor, gross: SignedMinor }),
  voids: z.object({ count: z.int(), total: Minor }),
  refunds: z.object({ count: z.int(), total: Minor }),
  agents: AgentTotalsSchema,
  taxes: z.array(TaxLineSchema),
  operations: OperationTotalsSchema,
  /** Sales (not voided) by the hour they were made and refunds by the hour this session paid them, store time. */
  salesByHour: z.array(HourTotalsSchema),
  movements: z.array(MovementSchema),
  /** Sales (not voided) with a discount, and the sum of their discounts (line and sale). */
  discounts: DiscountTotalsSchema,
  /** Cash-outs refused for exceeding expected cash: who, when, what, how much was asked. */
  cashOutRefusals: z.object({ count: z.int(), total: Minor, items: z.array(CashOutRefusalSchema) }),
  counts: z.array(CountSchema),
  /** Ids of the CLOSING counts whose close was refused (difference not approved; CLOSE_REFUSED in the ledger). */
  refusedCloses: z.array(Id),
  expected: SignedMinor.nullable(),
  counted: Minor.nullable(),
  difference: SignedMinor.nullable(),
  differenceType: DifferenceTypeSchema,
  tenders: z.array(TenderReconciliationSchema),
  /**
   * Drawer openings (every cause; "aperturas sin venta" among them) and the session's net cash rounding (signed minor
   * units, already inside the cash totals and expected cash), with each no-sale opening for the manager to see.
   */
  drawer: z.object({
    openings: z.int().min(0),
    noSale: z.int().min(0),
    cashRounding: SignedMinor,
    noSaleOpenings: z.array(
      z.object({
        at: Timestamp,
        userId: Id,
        userName: z.string(),
        reason: z.enum(NO_SALE_REASONS),
        note: z.string().nullable(),
        authorizedBy: Id.nullable(),
        authorizedByName: z.string().nullable(),
      }),
    ),
  }),
  /** Every approved withdrawal, deposit, void, refund, close difference and resume, oldest first, with its approver. */
  approvals: z.array(ApprovalSchema),
});
