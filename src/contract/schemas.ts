// Shared zod shapes of the command contract. Invariant: money is an integer of minor units everywhere in here.
import { z } from 'zod';
import { CURRENCY_CODES } from '../money/currencies';
import { PERMISSIONS, ROLES } from '../auth/permissions';
import { PAYMENT_METHODS } from '../sale/methods';
import { COUNT_TYPES } from '../session/count';
import { SESSION_STATUSES } from '../session/state';
import { MOVEMENT_IN_TYPES, MOVEMENT_OUT_TYPES, MOVEMENT_REASONS } from '../session/ledger';

export const Id = z.string().min(1).max(64);
export const Minor = z.int().min(0).max(Number.MAX_SAFE_INTEGER);
export const SignedMinor = z.int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
export const PositiveMinor = z.int().min(1).max(Number.MAX_SAFE_INTEGER);
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
export const SpecialtySchema = z.enum(['SALES_ONLY', 'AGENTS_ONLY', 'MIXED']);
export const DifferenceTypeSchema = z.enum(['SURPLUS', 'SHORTAGE']).nullable();
export const MovementInTypeSchema = z.enum(MOVEMENT_IN_TYPES);
export const MovementOutTypeSchema = z.enum(MOVEMENT_OUT_TYPES);
export const MovementReasonSchema = z.enum(MOVEMENT_REASONS);

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
});

export const AuthUserSchema = z.object({
  id: Id,
  username: z.string(),
  name: z.string(),
  role: RoleSchema,
  permissions: z.array(PermissionSchema),
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
  active: z.boolean(),
});

export const ProductSchema = z.object({
  id: Id,
  sku: z.string(),
  barcode: z.string().nullable(),
  name: z.string(),
  price: Minor,
  stock: z.int(),
  active: z.boolean(),
});

export const SessionSchema = z.object({
  id: Id,
  sessionNumber: z.string(),
  status: SessionStatusSchema,
  branchId: Id,
  registerId: Id,
  registerCode: z.string(),
  registerName: z.string(),
  userId: Id,
  userName: z.string(),
  currency: CurrencySchema,
  businessDate: IsoDate,
  openingAmount: Minor,
  openingNotes: z.string().nullable(),
  openedAt: Timestamp,
  closedAt: Timestamp.nullable(),
  closingAmount: Minor.nullable(),
  /** Null while the session is active, and for a user who may not see it (blind close). */
  expectedAmount: SignedMinor.nullable(),
  difference: SignedMinor.nullable(),
  differenceType: DifferenceTypeSchema,
  closingNotes: z.string().nullable(),
  approvedBy: Id.nullable(),
  previousSessionId: Id.nullable(),
  totals: MethodTotalsSchema,
  salesCount: z.int().min(0),
  salesTotal: SignedMinor,
  depositsTotal: Minor,
  withdrawalsTotal: Minor,
  ledgerSeq: z.int().min(0),
  chainHead: z.string(),
});

export const DenominationInput = z.strictObject({ value: PositiveMinor, quantity: z.int().min(0).max(1_000_000) });

export const CountInputSchema = z.strictObject({
  denominations: z.array(DenominationInput).max(64),
  vouchers: Minor.optional(),
  checks: Minor.optional(),
  otherValues: Minor.optional(),
  otherValuesNote: Note.optional(),
  notes: Note.optional(),
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
  direction: z.enum(['IN', 'OUT']),
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
  quantity: z.int(),
  unitPrice: Minor,
  total: Minor,
});

export const PaymentSchema = z.object({
  id: Id,
  method: MethodSchema,
  amount: Minor,
  tendered: Minor,
  change: Minor,
  reference: z.string().nullable(),
});

export const SaleSchema = z.object({
  id: Id,
  sessionId: Id,
  saleNumber: z.string(),
  total: Minor,
  change: Minor,
  status: z.enum(['COMPLETED']),
  createdAt: Timestamp,
  lines: z.array(SaleLineSchema),
  payments: z.array(PaymentSchema),
});

export const TenderReconciliationSchema = z.object({
  method: MethodSchema,
  expected: SignedMinor.nullable(),
  declared: Minor.nullable(),
  difference: SignedMinor.nullable(),
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
  tenders: z.array(TenderReconciliationSchema),
});

export const PaginationSchema = z.object({
  total: z.int(),
  page: z.int(),
  pageSize: z.int(),
  totalPages: z.int(),
});
