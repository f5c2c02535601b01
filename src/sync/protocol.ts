// The register → headquarters wire format, version 1. A closed or transferred session travels as one `SessionBundle`:
// a header naming the branch, register and session, and the session's complete hash-chained ledger. HQ answers a
// stored (or already stored) bundle with a `Receipt`.
// Invariants: payload schemas never transform (no trim, no defaults, no stripping: unknown keys are refused), because
// the hash covers the exact payload bytes; a bundle verifies only if its header agrees with its SESSION_OPENED entry,
// its status with its sealing entry, and the whole chain (links, hashes, declared totals) with `verifyChain`.
import { z } from 'zod';
import { CURRENCY_CODES } from '../money/currencies';
import { PAYMENT_METHODS } from '../sale/methods';
import { COUNT_TYPES } from '../session/count';
import type {
  AgentPayload,
  ClosedPayload,
  CountPayload,
  RefundPayload,
  VoidPayload,
  LedgerBody,
  LedgerKind,
  MovementPayload,
  OpenedPayload,
  SalePayload,
  TransferredPayload,
} from '../session/ledger';
import { AGENT_KINDS, MOVEMENT_IN_TYPES, MOVEMENT_OUT_TYPES, MOVEMENT_REASONS } from '../session/ledger';
import type { Canonical } from './canonical';
import { canonicalJson } from './canonical';
import type { ChainProblem, LedgerEntry, Sha256Hex } from './chain';
import { verifyChain } from './chain';
import type { Result } from '../result';
import { fail, ok } from '../result';

export const PROTOCOL_VERSION = 1;

/** Paths HQ serves; the register only needs the first. */
export const HQ_PATHS = { sessions: '/v1/sessions', dailyReport: '/v1/reports/daily', rejected: '/v1/rejected', health: '/v1/health' } as const;

// Primitives. No transforms anywhere in this file.
const Str = z.string().max(1000);
const NullableStr = Str.nullable();
const Id = z.string().min(1).max(64);
const Code = z.string().regex(/^[A-Z0-9_-]{1,16}$/);
const Hash = z.string().regex(/^[0-9a-f]{64}$/);
const Minor = z.int().min(0).max(Number.MAX_SAFE_INTEGER);
const SignedMinor = z.int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
const Count = z.int().min(0).max(Number.MAX_SAFE_INTEGER);
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Instant = z.string().min(1).max(40);
const Currency = z.enum(CURRENCY_CODES);
const Method = z.enum(PAYMENT_METHODS);
const DifferenceType = z.enum(['SURPLUS', 'SHORTAGE']).nullable();
const MethodTotals = z.strictObject(Object.fromEntries(PAYMENT_METHODS.map((m) => [m, SignedMinor])) as Record<(typeof PAYMENT_METHODS)[number], typeof SignedMinor>);

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

const SaleLineSchema = z.strictObject({
  lineNo: z.int().min(1),
  productId: Id,
  sku: Str,
  name: Str,
  /** Thousandths of the product's unit. */
  quantity: z.int(),
  unitPrice: Minor,
  total: Minor,
  unit: z.enum(['UNIT', 'KG']).optional(),
  gross: Minor.optional(),
  discount: Minor.optional(),
  taxRateBp: Count.optional(),
  tax: Minor.optional(),
});

const PaymentRecordSchema = z.strictObject({
  id: Id,
  method: Method,
  amount: Minor,
  tendered: Minor,
  change: Minor,
  reference: NullableStr,
  cardLast4: NullableStr.optional(),
  authCode: NullableStr.optional(),
});

export const SalePayloadSchema = z.strictObject({
  id: Id,
  saleNumber: Str,
  userId: Id,
  total: Minor,
  change: Minor,
  lines: z.array(SaleLineSchema),
  payments: z.array(PaymentRecordSchema),
  discount: Minor.optional(),
  tax: Minor.optional(),
});

export const VoidPayloadSchema = z.strictObject({
  id: Id,
  saleId: Id,
  saleNumber: Str,
  total: Minor,
  payments: z.array(z.strictObject({ method: Method, amount: Minor })),
  reason: Str,
  userId: Id,
  authorizedBy: Id,
});

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
});

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

export const MovementPayloadSchema = z.strictObject({
  id: Id,
  direction: z.enum(['IN', 'OUT']),
  type: z.enum([...MOVEMENT_IN_TYPES, ...MOVEMENT_OUT_TYPES]),
  amount: Minor,
  reason: z.enum(MOVEMENT_REASONS),
  description: NullableStr,
  reference: NullableStr,
  destinationType: NullableStr,
  createdBy: Id,
  authorizedBy: Id.nullable(),
});

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
  operations: z
    .strictObject({
      voidsCount: Count,
      voidsTotal: Minor,
      refundsCount: Count,
      refundsTotal: Minor,
      agentCount: Count,
      agentCashIn: Minor,
      agentCashOut: Minor,
      agentTopUp: Minor,
      agentCommission: Minor,
    })
    .optional(),
};
export const ClosedPayloadSchema = z.strictObject(closedShape);
export const TransferredPayloadSchema = z.strictObject({ ...closedShape, toUserId: Id, newSessionId: Id });
const UserOnly = z.strictObject({ userId: Id });

const entryBase = { sessionId: Id, seq: z.int().min(1), at: Instant, prevHash: Hash, hash: Hash };

export const LedgerEntrySchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...entryBase, kind: z.literal('SESSION_OPENED'), payload: OpenedPayloadSchema }),
  z.strictObject({ ...entryBase, kind: z.literal('SALE'), payload: SalePayloadSchema }),
  z.strictObject({ ...entryBase, kind: z.literal('SALE_VOIDED'), payload: VoidPayloadSchema }),
  z.strictObject({ ...entryBase, kind: z.literal('REFUND'), payload: RefundPayloadSchema }),
  z.strictObject({ ...entryBase, kind: z.literal('AGENT_OPERATION'), payload: AgentPayloadSchema }),
  z.strictObject({ ...entryBase, kind: z.literal('MOVEMENT'), payload: MovementPayloadSchema }),
  z.strictObject({ ...entryBase, kind: z.literal('COUNT'), payload: CountPayloadSchema }),
  z.strictObject({ ...entryBase, kind: z.literal('SUSPENDED'), payload: UserOnly }),
  z.strictObject({ ...entryBase, kind: z.literal('RESUMED'), payload: z.strictObject({ userId: Id, approvedBy: Id.optional() }) }),
  z.strictObject({ ...entryBase, kind: z.literal('CLOSE_REFUSED'), payload: z.strictObject({ countId: Id, userId: Id }) }),
  z.strictObject({ ...entryBase, kind: z.literal('SESSION_CLOSED'), payload: ClosedPayloadSchema }),
  z.strictObject({ ...entryBase, kind: z.literal('SESSION_TRANSFERRED'), payload: TransferredPayloadSchema }),
]);
export type WireLedgerEntry = z.infer<typeof LedgerEntrySchema>;

export const SEALED_STATUSES = ['CLOSED', 'TRANSFERRED'] as const;
export type SealedStatus = (typeof SEALED_STATUSES)[number];

/** Upper bound on entries per bundle: far above any real shift, low enough to refuse a memory bomb early. */
export const MAX_BUNDLE_ENTRIES = 200_000;

export const SessionBundleSchema = z.strictObject({
  protocol: z.literal(PROTOCOL_VERSION),
  branchCode: Code,
  registerCode: Code,
  sessionId: Id,
  sessionNumber: Str,
  businessDate: IsoDate,
  currency: Currency,
  status: z.enum(SEALED_STATUSES),
  entries: z.array(LedgerEntrySchema).min(1).max(MAX_BUNDLE_ENTRIES),
});
export type SessionBundle = z.infer<typeof SessionBundleSchema>;

export const ReceiptSchema = z.strictObject({
  sessionId: Id,
  /** HQ's own arrival order, unique across every register. */
  hqSequence: z.int().min(1),
  receivedAt: Instant,
  chainHead: Hash,
  /** True when HQ already held this exact session: the receipt is the original one. */
  duplicate: z.boolean(),
});
export type Receipt = z.infer<typeof ReceiptSchema>;

/** HQ's error body for every non-2xx answer. `reason` is a BundleProblem for 409/422. */
export const HqErrorSchema = z.object({
  error: z.object({ code: z.string(), reason: z.string().optional(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }),
});
export type HqError = z.infer<typeof HqErrorSchema>;

/** Register-side: one outbox entry as the manager's sync list shows it (output of a `sync.entries` command). */
export const SyncEntrySchema = z.object({
  sessionId: Id,
  sessionNumber: z.string().nullable(),
  registerCode: z.string().nullable(),
  businessDate: z.string().nullable(),
  status: z.enum(['PENDING', 'SENT', 'REJECTED']),
  attempts: z.int().min(0),
  createdAt: z.string(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  sentAt: z.string().nullable(),
  hqSequence: z.int().nullable(),
});
export type SyncEntry = z.infer<typeof SyncEntrySchema>;

/** Register-side: the output of the `sync.status` command (the badge on every screen). */
export const SyncStatusSchema = z.object({
  /** False while no HQ address is set: the outbox simply waits. */
  configured: z.boolean(),
  pending: z.int().min(0),
  sent: z.int().min(0),
  /** Refused by HQ (422/409): never retried automatically; see the manager list. */
  rejected: z.int().min(0),
  /** sent_at of the most recent delivery, or null if none yet. */
  lastSuccessAt: z.string().nullable(),
  /** The error holding up the oldest pending entry (network, timeout, HTTP status), or null. */
  lastError: z.object({ sessionId: Id, message: z.string(), attempts: z.int().min(0) }).nullable(),
  /** When the oldest pending entry will be tried next (null when nothing is pending). */
  nextAttemptAt: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

/** Why a bundle was refused. The chain problems come from `verifyChain`; the rest from the bundle checks here. */
export type BundleProblem =
  | 'MALFORMED'
  | 'UNSUPPORTED_PROTOCOL'
  | 'HEADER_MISMATCH'
  | 'STATUS_MISMATCH'
  | ChainProblem
  | 'IDEMPOTENCY_KEY_MISMATCH'
  | 'CHAIN_HEAD_CONFLICT';

export interface VerifiedBundle {
  readonly bundle: SessionBundle;
  /** Hash of the last entry: identifies this exact ledger. */
  readonly head: string;
  /** Canonical JSON of the whole bundle: the bytes HQ stores. */
  readonly canonical: string;
}

function problem(reason: BundleProblem, details: Record<string, unknown> = {}): Result<never> {
  return fail('VALIDATION_FAILED', { reason, ...details }, `bundle rejected: ${reason}`);
}

/** The reason code of a failed `verifyBundle`. */
export function bundleProblemOf(error: { readonly details?: Record<string, unknown> }): BundleProblem {
  return (error.details?.['reason'] as BundleProblem | undefined) ?? 'MALFORMED';
}

export function canonicalBundle(bundle: SessionBundle): string {
  return canonicalJson(bundle as unknown as Canonical);
}

/** Canonical JSON of the entries alone: what "byte-for-byte the register's ledger" is compared on. */
export function canonicalEntries(entries: readonly LedgerEntry[]): string {
  return canonicalJson(entries as unknown as Canonical);
}

/**
 * Parses and verifies a bundle from untrusted input, hashing with `sha256`. Pure: no clock, no I/O. On failure
 * `error.details.reason` is a `BundleProblem` (and `seq` where an entry is at fault, `issues` for a schema failure).
 */
export function verifyBundle(sha256: Sha256Hex, input: unknown): Result<VerifiedBundle> {
  if (typeof input === 'object' && input !== null && 'protocol' in input && (input as { protocol: unknown }).protocol !== PROTOCOL_VERSION) {
    return problem('UNSUPPORTED_PROTOCOL', { protocol: (input as { protocol: unknown }).protocol });
  }
  const parsed = SessionBundleSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    return problem('MALFORMED', { issues });
  }
  const bundle = parsed.data;
  const first = bundle.entries[0];
  if (!first || first.kind !== 'SESSION_OPENED') return problem('NOT_OPENED_FIRST', { seq: first?.seq ?? null });
  const opened = first.payload;
  const mismatched = (
    [
      ['branchCode', opened.branchCode, bundle.branchCode],
      ['registerCode', opened.registerCode, bundle.registerCode],
      ['sessionNumber', opened.sessionNumber, bundle.sessionNumber],
      ['businessDate', opened.businessDate, bundle.businessDate],
      ['currency', opened.currency, bundle.currency],
    ] as const
  )
    .filter(([, inLedger, inHeader]) => inLedger !== inHeader)
    .map(([field]) => field);
  if (mismatched.length > 0) return problem('HEADER_MISMATCH', { fields: mismatched });
  const chain = verifyChain(sha256, bundle.sessionId, bundle.entries, true);
  if (!chain.ok) {
    const d = chain.error.details ?? {};
    return problem((d['problem'] as ChainProblem | undefined) ?? 'MALFORMED', { seq: d['seq'] ?? null });
  }
  const last = bundle.entries[bundle.entries.length - 1];
  const sealedAs: SealedStatus | null = last?.kind === 'SESSION_CLOSED' ? 'CLOSED' : last?.kind === 'SESSION_TRANSFERRED' ? 'TRANSFERRED' : null;
  if (sealedAs === null) return problem('NOT_SEALED', { seq: last?.seq ?? null });
  if (sealedAs !== bundle.status) return problem('STATUS_MISMATCH', { status: bundle.status, sealedAs });
  // Exactly one opening and one seal: anything else in the middle is a forged ledger even if it hashes.
  const misplaced = bundle.entries.find((e, i) => i > 0 && i < bundle.entries.length - 1 && (e.kind === 'SESSION_OPENED' || e.kind === 'SESSION_CLOSED' || e.kind === 'SESSION_TRANSFERRED'));
  if (misplaced) return problem('HEADER_MISMATCH', { seq: misplaced.seq, fields: ['kind'] });
  return ok({ bundle, head: chain.value.head, canonical: canonicalBundle(bundle) });
}

// Compile-time proof that each wire schema describes exactly the ledger payload type it stands for: the parsed
// value is assignable to the interface and neither side has a key the other lacks.
type SameKeys<A, B> = [Exclude<keyof A, keyof B> | Exclude<keyof B, keyof A>] extends [never] ? true : false;
type Matches<S, T> = [S] extends [T] ? SameKeys<S, T> : false;
type PayloadOf<K extends LedgerKind> = Extract<LedgerBody, { kind: K }>['payload'];
type WirePayloadOf<K extends LedgerKind> = Extract<WireLedgerEntry, { kind: K }>['payload'];
type AllMatch = {
  [K in LedgerKind]: Matches<WirePayloadOf<K>, PayloadOf<K>>;
}[LedgerKind];
export const WIRE_MATCHES_LEDGER: AllMatch extends true ? true : never = true;
// Keep the named payload types referenced so a rename in ledger.ts is caught here as well.
export type LedgerPayloads = OpenedPayload | SalePayload | VoidPayload | RefundPayload | AgentPayload | MovementPayload | CountPayload | ClosedPayload | TransferredPayload;
// A wire entry is a chain entry.
export const WIRE_ENTRY_IS_LEDGER_ENTRY: WireLedgerEntry extends LedgerEntry ? true : never = true;
