// PIN hashing at HQ, in the exact format the register verifies (engine/pin.ts): scrypt$N$r$p$salt$hash, hex, 16-byte
// salt, 32-byte key. HQ never keeps or sends a PIN, only this hash; the register checks a PIN against it offline.
import { randomBytes, scryptSync } from 'node:crypto';

/** The register's default cost (engine/pin.ts DEFAULT_PIN_COST). */
export const HQ_PIN_COST = { N: 16384, r: 8, p: 1 } as const;

export function hashPin(pin: string, cost: { readonly N: number; readonly r: number; readonly p: number } = HQ_PIN_COST): string {
  const salt = randomBytes(16);
  const hash = scryptSync(pin, salt, 32, cost);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('hex')}$${hash.toString('hex')}`;
}
