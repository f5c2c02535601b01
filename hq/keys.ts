// API keys: random, shown once, stored only as SHA-256. Lookup is by digest, so no stored secret is ever compared.
import { randomBytes } from 'node:crypto';
import { sha256Hex } from './sha256';
import type { HqStore, KeyOwner } from './store';

export function newKey(prefix: 'reg' | 'adm'): string {
  return `hq_${prefix}_${randomBytes(32).toString('base64url')}`;
}

export function keyDigest(key: string): string {
  return sha256Hex(key);
}

/** Creates a key for `owner`, stores its digest, returns the key itself (the only time it exists in clear). */
export async function createKey(store: HqStore, owner: KeyOwner, now: Date = new Date()): Promise<string> {
  const key = newKey(owner.role === 'ADMIN' ? 'adm' : 'reg');
  await store.addKey(keyDigest(key), owner, now.toISOString());
  return key;
}
