// Live streaming of a session's ledger to HQ (protocol 1, beside the sealed bundle): the register posts batches of
// consecutive entries of one session as they commit; HQ answers with its acknowledged head (the anchor).
// Invariants: a batch verifies on its own (contiguous seqs, every hash and inner link, payload schemas, an opening only
// at seq 1 and agreeing with the header) before HQ compares it with the chain it holds; the schemas never transform,
// because the hash covers the exact payload bytes.
import { z } from 'zod';
import { wire } from '../session/payloads';
import type { Sha256Hex } from './chain';
import { GENESIS, entryHash } from './chain';
import type { WireLedgerEntry } from './protocol';
import { LedgerEntrySchema, PROTOCOL_VERSION } from './protocol';

export const STREAM_PATHS = { entries: '/v1/entries', registers: '/v1/stream/registers', tampering: '/v1/stream/tampering', liveDrawers: '/v1/live/drawers', liveDay: '/v1/live/day' } as const;

/** Most entries in one batch: a long offline queue goes up in several requests, each small enough to verify quickly. */
export const MAX_BATCH_ENTRIES = 500;

const { Str, Id, Code, IsoDate, Currency } = wire;
const Hash = z.string().regex(/^[0-9a-f]{64}$/);

/** What the register has not yet had acknowledged, as it reports it in each batch. */
export const BacklogSchema = z.strictObject({
  /** Ledger entries of its open sessions beyond HQ's acknowledged heads, not counting this batch's. */
  entries: z.int().min(0).max(1_000_000_000),
  /** Sealed sessions waiting in its outbox. */
  sessions: z.int().min(0).max(1_000_000_000),
});
export type Backlog = z.infer<typeof BacklogSchema>;

export const EntryBatchSchema = z.strictObject({
  protocol: z.literal(PROTOCOL_VERSION),
  branchCode: Code,
  registerCode: Code,
  sessionId: Id,
  sessionNumber: Str,
  businessDate: IsoDate,
  currency: Currency,
  entries: z.array(LedgerEntrySchema).min(1).max(MAX_BATCH_ENTRIES),
  backlog: BacklogSchema,
});
export type EntryBatch = z.infer<typeof EntryBatchSchema>;

/** HQ's answer to a stored (or already held) batch: its head for the session after it. */
export const StreamAckSchema = z.strictObject({
  sessionId: Id,
  seq: z.int().min(1),
  hash: Hash,
  /** Entries of this batch HQ stored now (0: it held them all already). */
  stored: z.int().min(0),
  /** True when HQ holds the session sealed already (the batch was compared with the sealed ledger). */
  sealed: z.boolean(),
});
export type StreamAck = z.infer<typeof StreamAckSchema>;

export type BatchProblem = 'MALFORMED' | 'UNSUPPORTED_PROTOCOL' | 'WRONG_SESSION' | 'SEQUENCE_GAP' | 'BROKEN_LINK' | 'BAD_HASH' | 'HEADER_MISMATCH';

export type BatchCheck = { readonly ok: true; readonly batch: EntryBatch } | { readonly ok: false; readonly problem: BatchProblem; readonly details: Record<string, unknown> };

/**
 * Parses and checks a batch from untrusted input on its own: schema, one session, consecutive seqs, each entry's hash,
 * links between its entries (the first entry's link is HQ's to check against what it holds; at seq 1 it must be
 * GENESIS), SESSION_OPENED exactly at seq 1 agreeing with the header. Pure.
 */
export function checkBatch(sha256: Sha256Hex, input: unknown): BatchCheck {
  const no = (problem: BatchProblem, details: Record<string, unknown> = {}): BatchCheck => ({ ok: false, problem, details });
  if (typeof input === 'object' && input !== null && 'protocol' in input && (input as { protocol: unknown }).protocol !== PROTOCOL_VERSION) {
    return no('UNSUPPORTED_PROTOCOL');
  }
  const parsed = EntryBatchSchema.safeParse(input);
  if (!parsed.success) return no('MALFORMED', { issues: parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) });
  const batch = parsed.data;
  let prev: WireLedgerEntry | null = null;
  for (const e of batch.entries) {
    if (e.sessionId !== batch.sessionId) return no('WRONG_SESSION', { seq: e.seq });
    if (prev !== null && e.seq !== prev.seq + 1) return no('SEQUENCE_GAP', { seq: e.seq });
    if (prev !== null && e.prevHash !== prev.hash) return no('BROKEN_LINK', { seq: e.seq });
    if (e.seq === 1 && e.prevHash !== GENESIS) return no('BROKEN_LINK', { seq: 1 });
    if (entryHash(sha256, e) !== e.hash) return no('BAD_HASH', { seq: e.seq });
    if ((e.seq === 1) !== (e.kind === 'SESSION_OPENED')) return no('HEADER_MISMATCH', { seq: e.seq, fields: ['kind'] });
    if (e.kind === 'SESSION_OPENED') {
      const o = e.payload;
      const fields = (
        [
          ['branchCode', o.branchCode, batch.branchCode],
          ['registerCode', o.registerCode, batch.registerCode],
          ['sessionNumber', o.sessionNumber, batch.sessionNumber],
          ['businessDate', o.businessDate, batch.businessDate],
          ['currency', o.currency, batch.currency],
        ] as const
      )
        .filter(([, a, b]) => a !== b)
        .map(([f]) => f);
      if (fields.length > 0) return no('HEADER_MISMATCH', { seq: 1, fields });
    }
    prev = e;
  }
  return { ok: true, batch };
}
