// The register → headquarters wire format, version 1. A closed or transferred session travels as one `SessionBundle`:
// a header naming the branch, register and session, and the session's complete hash-chained ledger. HQ answers a
// stored (or already stored) bundle with a `Receipt`.
// Invariants: payload schemas never transform (no trim, no defaults, no stripping: unknown keys are refused), because
// the hash covers the exact payload bytes; a bundle verifies only if its header agrees with its SESSION_OPENED entry,
// its status with its sealing entry, and the whole chain (links, hashes, declared totals) with `verifyChain`.
import { z } from 'zod';
import { OUTBOX_STATUSES } from '../vocabulary';
import type { LedgerKind } from '../session/payloads';
import { LEDGER_PAYLOADS, wire } from '../session/payloads';
// The payload schemas are declared in session/payloads.ts; re-exported for code that reads them as part of the wire.
export {
  AgentPayloadSchema,
  ClosedPayloadSchema,
  CountPayloadSchema,
  MovementPayloadSchema,
  OpenedPayloadSchema,
  RefundPayloadSchema,
  SalePayloadSchema,
  TransferredPayloadSchema,
  VoidPayloadSchema,
} from '../session/payloads';
import type { Canonical } from './canonical';
import { canonicalJson } from './canonical';
import type { ChainProblem, LedgerEntry, Sha256Hex } from './chain';
import { verifyChain } from './chain';
import type { Result } from '../result';
import { fail, ok } from '../result';

export const PROTOCOL_VERSION = 1;

/** Paths HQ serves; the register only needs the first. */
export const HQ_PATHS = { sessions: '/v1/sessions', dailyReport: '/v1/reports/daily', rejected: '/v1/rejected', health: '/v1/health' } as const;

// No transforms anywhere in this file: the payload schemas (session/payloads.ts) are parsed exactly as they hash.
const { Str, Id, Code, IsoDate, Currency } = wire;
const Hash = z.string().regex(/^[0-9a-f]{64}$/);
const Instant = z.string().min(1).max(40);

const entryBase = { sessionId: Id, seq: z.int().min(1), at: Instant, prevHash: Hash, hash: Hash };
const entry = <K extends LedgerKind>(kind: K) => z.strictObject({ ...entryBase, kind: z.literal(kind), payload: LEDGER_PAYLOADS[kind] });

export const LedgerEntrySchema = z.discriminatedUnion('kind', [
  entry('SESSION_OPENED'),
  entry('SALE'),
  entry('SALE_VOIDED'),
  entry('REFUND'),
  entry('AGENT_OPERATION'),
  entry('MOVEMENT'),
  entry('COUNT'),
  entry('DRAWER_OPENED'),
  entry('SUSPENDED'),
  entry('RESUMED'),
  entry('CLOSE_REFUSED'),
  entry('CASH_OUT_REFUSED'),
  entry('SESSION_CLOSED'),
  entry('SESSION_TRANSFERRED'),
]);
export type WireLedgerEntry = z.infer<typeof LedgerEntrySchema>;
// Every kind of the ledger travels, and a wire entry is a chain entry.
export const WIRE_CARRIES_EVERY_KIND: Exclude<LedgerKind, WireLedgerEntry['kind']> extends never ? true : never = true;
export const WIRE_ENTRY_IS_LEDGER_ENTRY: WireLedgerEntry extends LedgerEntry ? true : never = true;

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
  status: z.enum(OUTBOX_STATUSES),
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
  /**
   * Enrolled at HQ: who this register is there and how far its master data is (`version` of HQ's `head` when last
   * asked; equal when up to date). Null for a standalone store: its master data is its own.
   */
  master: z
    .object({ branchCode: z.string(), registerCode: z.string(), version: z.int().min(0), head: z.int().min(0), pulledAt: z.string().nullable() })
    .nullable(),
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
