// The register's SHA-256 for the ledger's hash chain (src/sync/chain.ts takes it injected: the core has no crypto).
// Invariant: the digest of the UTF-8 bytes, in lowercase hex, exactly what HQ computes (hq/sha256.ts).
import { createHash } from 'node:crypto';
import type { Sha256Hex } from '../src/sync/chain';

/** SHA-256 of `text` as UTF-8 (a lone surrogate as U+FFFD), 64 lowercase hex digits. */
export const sha256Hex: Sha256Hex = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
