// HQ's side of live streaming (issue 12): a register posts batches of its open sessions' ledger entries; HQ checks each
// batch on its own (src/sync/stream.ts), then against the chain it holds for that session, stores the new entries once
// per (session, seq) and answers with its acknowledged head (the register's anchor). Framework-free: the HTTP layer
// authenticates, rate-limits and reads the body, then calls `postEntries`.
// Invariants:
// - an acknowledged entry never changes: a batch that gives an acknowledged seq another hash (or links past HQ's head
//   with another hash) is refused 409 CHAIN_REWRITTEN and both versions are kept in stream_tampering;
// - a register key streams only its own register's sessions, and one session id owns a (branch, register, session
//   number) whether it arrived streamed or sealed (session_numbers, shared with ingest);
// - a repeated batch (a retry after a lost answer, a restart) stores nothing and gets the same head back;
// - every refused batch is kept in rejected_bundles (prefix, size, digest), as refused bundles are.
import { createHash } from 'node:crypto';
import type { HqError, SessionBundle } from '../src/sync/protocol';
import type { EntryBatch, StreamAck } from '../src/sync/stream';
import { checkBatch } from '../src/sync/stream';
import { canonicalEntry } from './anchor';
import { sha256Hex } from './sha256';
import type { Divergence, HqStore, RegisterStream, StoredStreamEntry, StreamPlan, StreamState, TamperRecord } from './store';
import { REJECTED_BODY_PREFIX } from './store';

/** Largest batch body HQ reads: 500 entries of a large sale (≈ 3 KB each) with room to spare. */
export const MAX_BATCH_BYTES = 4 * 1024 * 1024;

export type BatchDecision =
  | { readonly kind: 'ack'; readonly ack: StreamAck }
  | { readonly kind: 'wrong_register'; readonly branchCode: string; readonly registerCode: string }
  | { readonly kind: 'number_taken'; readonly storedSessionId: string }
  | { readonly kind: 'header_mismatch'; readonly sessionNumber: string }
  | { readonly kind: 'gap'; readonly headSeq: number }
  | { readonly kind: 'tampered'; readonly divergence: Divergence };

/**
 * Decides a self-consistent batch against what HQ holds for its session. Pure. Refusals write nothing but, for
 * tampering, the record with both versions.
 */
export function decideBatch(batch: EntryBatch, state: StreamState, receivedAt: string): StreamPlan<BatchDecision> {
  const refuse = (value: BatchDecision): StreamPlan<BatchDecision> => ({ ok: false, value, tamper: null });
  const tampered = (divergence: Divergence): StreamPlan<BatchDecision> => {
    const tamper: TamperRecord = { ...divergence, receivedAt, via: 'BATCH', sessionId: batch.sessionId, branchCode: batch.branchCode, registerCode: batch.registerCode };
    return { ok: false, value: { kind: 'tampered', divergence }, tamper };
  };
  const ack = (seq: number, hash: string, stored: number, sealed: boolean): BatchDecision => ({ kind: 'ack', ack: { sessionId: batch.sessionId, seq, hash, stored, sealed } });
  const { head } = state;
  if (head && (head.branchCode !== batch.branchCode || head.registerCode !== batch.registerCode)) {
    return refuse({ kind: 'wrong_register', branchCode: head.branchCode, registerCode: head.registerCode });
  }
  if (head && head.sessionNumber !== batch.sessionNumber) return refuse({ kind: 'header_mismatch', sessionNumber: head.sessionNumber });
  if (state.numberHolder !== null && state.numberHolder !== batch.sessionId) return refuse({ kind: 'number_taken', storedSessionId: state.numberHolder });

  if (state.sealed !== null) {
    // Sealed at HQ already: the batch must be part of the sealed ledger, entry for entry.
    const sealed = (JSON.parse(state.sealed) as SessionBundle).entries;
    for (const e of batch.entries) {
      const s = sealed[e.seq - 1];
      if (!s || s.hash !== e.hash) {
        return tampered({ seq: e.seq, storedHash: s?.hash ?? '', storedEntry: s ? canonicalEntry(s) : '', receivedHash: e.hash, receivedEntry: canonicalEntry(e) });
      }
    }
    const last = sealed[sealed.length - 1];
    if (!last) throw new Error(`sealed session ${batch.sessionId} has no entries`);
    return { ok: true, value: ack(last.seq, last.hash, 0, true), claimNumber: false, append: [], head: null };
  }

  const headSeq = head?.seq ?? 0;
  for (const e of batch.entries) {
    if (e.seq > headSeq) break;
    const s = state.stored.get(e.seq);
    if (!s) throw new Error(`stream ${batch.sessionId}: acknowledged entry ${e.seq} not read`);
    if (s.hash !== e.hash) return tampered({ seq: e.seq, storedHash: s.hash, storedEntry: s.entry, receivedHash: e.hash, receivedEntry: canonicalEntry(e) });
  }
  const fresh = batch.entries.filter((e) => e.seq > headSeq);
  const first = fresh[0];
  if (!first) {
    // Every entry is held already (entries have seq >= 1, so a head exists): a repeat.
    if (!head) throw new Error(`stream ${batch.sessionId}: empty batch`);
    return { ok: true, value: ack(head.seq, head.hash, 0, false), claimNumber: false, append: [], head: null };
  }
  if (first.seq !== headSeq + 1) return refuse({ kind: 'gap', headSeq });
  if (head && first.prevHash !== head.hash) {
    // The register's chain no longer passes through the head HQ acknowledged: an acknowledged entry was rewritten.
    const s = state.stored.get(head.seq);
    if (!s) throw new Error(`stream ${batch.sessionId}: head entry ${head.seq} not read`);
    return tampered({ seq: head.seq, storedHash: head.hash, storedEntry: s.entry, receivedHash: first.prevHash, receivedEntry: canonicalEntry(first) });
  }
  const append: StoredStreamEntry[] = fresh.map((e) => ({ seq: e.seq, hash: e.hash, entry: canonicalEntry(e) }));
  const last = fresh[fresh.length - 1] ?? first;
  return { ok: true, value: ack(last.seq, last.hash, append.length, false), claimNumber: head === null && state.numberHolder === null, append, head: { seq: last.seq, hash: last.hash, lastEntryAt: last.at } };
}

export interface Sender {
  readonly branchCode: string;
  readonly registerCode: string;
}

/** An HTTP answer: status and JSON body (an `HqError` for every non-2xx). */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v.slice(0, 200) : null);

function error(status: number, code: string, message: string, reason?: string, details?: Record<string, unknown>): Answer {
  const body: HqError = { error: { code, message, ...(reason === undefined ? {} : { reason }), ...(details === undefined ? {} : { details }) } };
  return { status, body };
}

/**
 * `POST /v1/entries` after authentication: `sender` is the register key's owner, `body` the raw request body.
 * Answers 200 + `StreamAck` (stored now or held already), 403 WRONG_REGISTER, 409 CHAIN_REWRITTEN (tampering, both
 * versions kept), 409 SESSION_NUMBER_TAKEN, 409 STREAM_GAP (details.headSeq: resend from there), 422 with a
 * `BatchProblem` reason. Every refusal is also kept in rejected_bundles. Storage errors throw (the caller answers 500).
 */
export async function postEntries(store: HqStore, sender: Sender, body: string, receivedAt: string): Promise<Answer> {
  let claimed: Record<string, unknown> = {};
  const keep = async (status: number, reason: string, details: Record<string, unknown> | undefined): Promise<void> => {
    await store.reject({
      receivedAt,
      reason,
      httpStatus: status,
      sessionId: str(claimed['sessionId']),
      branchCode: str(claimed['branchCode']),
      registerCode: str(claimed['registerCode']),
      senderBranchCode: sender.branchCode,
      senderRegisterCode: sender.registerCode,
      details: details === undefined ? null : JSON.stringify(details),
      body: body.slice(0, REJECTED_BODY_PREFIX).replace(/[\uD800-\uDBFF]$/, ''),
      bodyBytes: Buffer.byteLength(body),
      bodySha256: createHash('sha256').update(body, 'utf8').digest('hex'),
    });
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body) as unknown;
  } catch {
    await keep(422, 'MALFORMED', { json: 'not JSON' });
    return error(422, 'REJECTED', 'body is not JSON', 'MALFORMED');
  }
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) claimed = parsed as Record<string, unknown>;
  // A key streams only its own register's sessions, whatever the body claims: checked before anything else.
  if ((claimed['branchCode'] !== undefined && claimed['branchCode'] !== sender.branchCode) || (claimed['registerCode'] !== undefined && claimed['registerCode'] !== sender.registerCode)) {
    await keep(403, 'WRONG_REGISTER', undefined);
    return error(403, 'FORBIDDEN', `this key belongs to ${sender.branchCode}/${sender.registerCode}`, 'WRONG_REGISTER');
  }
  const checked = checkBatch(sha256Hex, parsed);
  if (!checked.ok) {
    await keep(422, checked.problem, checked.details);
    return error(422, 'REJECTED', `batch did not verify: ${checked.problem}`, checked.problem, checked.details);
  }
  const batch = checked.batch;
  const first = batch.entries[0]?.seq ?? 1;
  const last = batch.entries[batch.entries.length - 1]?.seq ?? first;
  const decision = await store.streamUpdate(batch, { from: first, to: last }, (state) => decideBatch(batch, state, receivedAt), receivedAt);
  await store.reportBacklog(batch.branchCode, batch.registerCode, batch.backlog, receivedAt);
  switch (decision.kind) {
    case 'ack':
      return { status: 200, body: decision.ack };
    case 'wrong_register':
      await keep(403, 'WRONG_REGISTER', { streamedBy: `${decision.branchCode}/${decision.registerCode}` });
      return error(403, 'FORBIDDEN', `session ${batch.sessionId} streams from another register`, 'WRONG_REGISTER');
    case 'number_taken':
      await keep(409, 'SESSION_NUMBER_TAKEN', { sessionNumber: batch.sessionNumber, storedSessionId: decision.storedSessionId });
      return error(409, 'CONFLICT', `HQ already holds session ${batch.sessionNumber} of this register under another id`, 'SESSION_NUMBER_TAKEN', {
        sessionNumber: batch.sessionNumber,
        storedSessionId: decision.storedSessionId,
      });
    case 'header_mismatch':
      await keep(422, 'HEADER_MISMATCH', { storedSessionNumber: decision.sessionNumber });
      return error(422, 'REJECTED', 'the batch names another session number than its session streamed under', 'HEADER_MISMATCH');
    case 'gap':
      // Not kept: a register that lost its anchor (a restored backup) just resends from HQ's head.
      return error(409, 'CONFLICT', `HQ holds this session up to seq ${decision.headSeq}; send from the next one`, 'STREAM_GAP', { headSeq: decision.headSeq });
    case 'tampered':
      await keep(409, 'CHAIN_REWRITTEN', { seq: decision.divergence.seq, storedHash: decision.divergence.storedHash, receivedHash: decision.divergence.receivedHash });
      return error(409, 'CONFLICT', `entry ${decision.divergence.seq} differs from what HQ acknowledged: kept for review`, 'CHAIN_REWRITTEN', {
        seq: decision.divergence.seq,
        storedHash: decision.divergence.storedHash,
        receivedHash: decision.divergence.receivedHash,
      });
  }
}

/**
 * The answer to a close whose ledger contradicts what HQ acknowledged while it streamed (ingest's `anchor_conflict`):
 * records the tampering with both versions and answers 409 CHAIN_REWRITTEN. The caller keeps the refused body.
 */
export async function refuseRewrittenSeal(store: HqStore, header: Sender & { readonly sessionId: string }, divergence: Divergence, receivedAt: string): Promise<Answer> {
  await store.recordTamper({ ...divergence, receivedAt, via: 'SEAL', sessionId: header.sessionId, branchCode: header.branchCode, registerCode: header.registerCode });
  return error(409, 'CONFLICT', `entry ${divergence.seq} differs from what HQ acknowledged: kept for review`, 'CHAIN_REWRITTEN', {
    seq: divergence.seq,
    storedHash: divergence.storedHash,
    receivedHash: divergence.receivedHash,
  });
}

/** A register's stream as `GET /v1/stream/registers` shows it: `lagSeconds` is now − the newest entry HQ holds. */
export interface RegisterStreamView extends RegisterStream {
  readonly lagSeconds: number | null;
}

/** `GET /v1/stream/registers` (admin): each register's unsent backlog as it last reported it, and its open streams. */
export async function streamRegistersView(store: HqStore, now: Date): Promise<{ registers: RegisterStreamView[] }> {
  const registers = await store.streamRegisters();
  return {
    registers: registers.map((r) => {
      const newest = r.open.reduce<string | null>((m, s) => (m === null || s.lastEntryAt > m ? s.lastEntryAt : m), null);
      return { ...r, lagSeconds: newest === null ? null : Math.max(0, Math.round((now.getTime() - Date.parse(newest)) / 1000)) };
    }),
  };
}

/** `GET /v1/entries?session=<id>` (admin): the entries HQ holds streamed for a session, in seq order, as stored. */
export async function streamedEntriesView(store: HqStore, sessionId: string): Promise<{ sessionId: string; entries: unknown[] }> {
  const stored = await store.streamEntries(sessionId.slice(0, 200));
  return { sessionId, entries: stored.map((e) => JSON.parse(e.entry) as unknown) };
}
