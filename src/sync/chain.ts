// The per-session hash chain. Each entry hashes (session, seq, kind, time, previous hash, payload) canonically; the
// first entry links to GENESIS. Invariant: changing, removing or reordering any entry breaks every hash after it.
// The hash function is injected (node:crypto in the register and at HQ): the core has no crypto of its own.
import type { LedgerBody, LedgerKind } from '../session/ledger';
import { drawerOf, foldLedger, expectedCash, operationsOf, zeroDrawer, zeroOperations } from '../session/ledger';
import type { Canonical } from './canonical';
import { canonicalJson } from './canonical';
import type { Result } from '../result';
import { fail, ok } from '../result';

export const GENESIS = '0'.repeat(64);
export const CHAIN_VERSION = 1;

/**
 * SHA-256 of the UTF-8 bytes of `text` (a lone surrogate encodes as U+FFFD), as 64 lowercase hex digits. Callers pass
 * node:crypto's (`db`'s and `hq`'s `sha256Hex`); any other implementation must give the same digest, or every
 * stored chain stops verifying.
 */
export type Sha256Hex = (text: string) => string;

export interface LedgerEntry {
  readonly sessionId: string;
  readonly seq: number;
  readonly kind: LedgerKind;
  readonly at: string;
  readonly payload: unknown;
  readonly prevHash: string;
  readonly hash: string;
}

/**
 * The hash of an entry: SHA-256 of the canonical JSON of {v, sessionId, seq, kind, at, prevHash, payload}. The
 * envelope is written out in canonical (sorted) key order around the payload's canonical JSON, so a writer that
 * already serialized the payload to store it does not serialize it twice; a test holds it equal to canonicalJson.
 * Throws on a non-integer `seq` or a payload canonicalJson refuses (a bug, never input).
 */
export function entryHash(sha256: Sha256Hex, e: Omit<LedgerEntry, 'hash'>, payloadJson: string = canonicalJson(e.payload as Canonical)): string {
  if (!Number.isSafeInteger(e.seq)) throw new Error(`entryHash: non-integer seq ${e.seq}`);
  const str = JSON.stringify;
  return sha256(`{"at":${str(e.at)},"kind":${str(e.kind)},"payload":${payloadJson},"prevHash":${str(e.prevHash)},"seq":${e.seq},"sessionId":${str(e.sessionId)},"v":${CHAIN_VERSION}}`);
}

/** Seals the next entry of a chain. `payloadJson`, when given, must be canonicalJson(body.payload). */
export function sealEntry(sha256: Sha256Hex, sessionId: string, seq: number, prevHash: string, at: string, body: LedgerBody, payloadJson?: string): LedgerEntry {
  const unsealed = { sessionId, seq, kind: body.kind, at, payload: body.payload, prevHash };
  return { ...unsealed, hash: entryHash(sha256, unsealed, payloadJson) };
}

export type ChainProblem =
  | 'EMPTY'
  | 'WRONG_SESSION'
  | 'SEQUENCE_GAP'
  | 'BROKEN_LINK'
  | 'BAD_HASH'
  | 'NOT_OPENED_FIRST'
  | 'NOT_SEALED'
  | 'TOTALS_MISMATCH';

export interface ChainFault {
  readonly problem: ChainProblem;
  readonly seq: number | null;
}

/**
 * Verifies a complete session ledger: contiguous sequence from 1, every link and hash, opened first, and, when
 * `requireSealed`, closed or transferred last with the declared totals equal to a recompute from the entries.
 * Payload shapes are trusted to match their kind: callers validate them with the contract schemas first.
 */
export function verifyChain(sha256: Sha256Hex, sessionId: string, entries: readonly LedgerEntry[], requireSealed: boolean): Result<{ head: string }> {
  const faultAt = (problem: ChainProblem, seq: number | null) => fail('VALIDATION_FAILED', { problem, seq });
  if (entries.length === 0) return faultAt('EMPTY', null);
  let prev = GENESIS;
  for (const [i, e] of entries.entries()) {
    if (e.sessionId !== sessionId) return faultAt('WRONG_SESSION', e.seq);
    if (e.seq !== i + 1) return faultAt('SEQUENCE_GAP', e.seq);
    if (e.prevHash !== prev) return faultAt('BROKEN_LINK', e.seq);
    if (entryHash(sha256, e) !== e.hash) return faultAt('BAD_HASH', e.seq);
    prev = e.hash;
  }
  const bodies = entries.map((e) => ({ kind: e.kind, payload: e.payload }) as LedgerBody);
  if (bodies[0]?.kind !== 'SESSION_OPENED') return faultAt('NOT_OPENED_FIRST', 1);
  if (requireSealed) {
    const last = bodies[bodies.length - 1];
    if (!last || (last.kind !== 'SESSION_CLOSED' && last.kind !== 'SESSION_TRANSFERRED')) return faultAt('NOT_SEALED', entries.length);
    const totals = foldLedger(bodies);
    const declared = last.payload;
    const same =
      declared.expectedAmount === expectedCash(totals) &&
      declared.salesCount === totals.salesCount &&
      declared.salesTotal === totals.salesTotal &&
      declared.depositsTotal === totals.depositsTotal &&
      declared.withdrawalsTotal === totals.withdrawalsTotal &&
      declared.difference === declared.closingAmount - declared.expectedAmount &&
      Object.entries(totals.byMethod).every(([m, v]) => declared.byMethod[m as keyof typeof declared.byMethod] === v) &&
      // A seal without operation totals is only valid for a ledger that has none: omitting them hides nothing.
      canonicalJson((declared.operations ?? zeroOperations()) as unknown as Canonical) === canonicalJson(operationsOf(totals) as unknown as Canonical) &&
      // Likewise the drawer openings and cash rounding.
      canonicalJson((declared.drawer ?? zeroDrawer()) as unknown as Canonical) === canonicalJson(drawerOf(totals) as unknown as Canonical);
    if (!same) return faultAt('TOTALS_MISMATCH', entries.length);
  }
  return ok({ head: prev });
}
