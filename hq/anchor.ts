// Anchors at HQ: what a register streamed and HQ acknowledged is fixed. A sealed session (or a later batch) that says
// otherwise about an acknowledged seq is tampering. Pure; the stores call it inside their ingest transaction.
// Invariant: an entry is compared by its hash only (the hash covers session, seq, kind, time, link and payload bytes).
import type { Canonical } from '../src/sync/canonical';
import { canonicalJson } from '../src/sync/canonical';
import type { LedgerEntry } from '../src/sync/chain';
import type { Divergence, StoredStreamEntry } from './store';

/** Canonical JSON of one entry: the form HQ keeps streamed entries in. */
export const canonicalEntry = (e: LedgerEntry): string => canonicalJson(e as unknown as Canonical);

/**
 * The first acknowledged entry (`stored`, in seq order from 1) that `entries` (a whole ledger, in seq order from 1)
 * contradicts: another hash at that seq, or missing from `entries`. Null when `entries` extends the stored prefix.
 */
export function firstDivergence(stored: readonly StoredStreamEntry[], entries: readonly LedgerEntry[]): Divergence | null {
  for (const s of stored) {
    const e = entries[s.seq - 1];
    if (e?.seq === s.seq && e.hash === s.hash) continue;
    return { seq: s.seq, storedHash: s.hash, storedEntry: s.entry, receivedHash: e?.hash ?? '', receivedEntry: e ? canonicalEntry(e) : '' };
  }
  return null;
}
