// PIN hashing: scrypt with a per-user random salt, compared in constant time. Format: scrypt$N$r$p$salt$hash (hex).
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

const KEY_LENGTH = 32;

export interface PinCost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

export const DEFAULT_PIN_COST: PinCost = { N: 16384, r: 8, p: 1 };

export function hashPin(pin: string, cost: PinCost = DEFAULT_PIN_COST): string {
  const salt = randomBytes(16);
  const hash = scryptSync(pin, salt, KEY_LENGTH, cost);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('hex')}$${hash.toString('hex')}`;
}

export function verifyPin(pin: string, stored: string): boolean {
  const [scheme, n, r, p, saltHex, hashHex] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !saltHex || !hashHex) return false;
  const expected = Buffer.from(hashHex, 'hex');
  const actual = scryptSync(pin, Buffer.from(saltHex, 'hex'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(actual, expected);
}
