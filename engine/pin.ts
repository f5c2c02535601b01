// PIN hashing: scrypt with a per-user random salt, compared in constant time. Format: scrypt$N$r$p$salt$hash (hex).
// The synchronous forms block the thread for the whole hash (~50 ms at the default cost) and serve only tests, tools
// and the demo seed; the engine's transports hash through the asynchronous forms, which run on libuv's thread pool.
import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';

const KEY_LENGTH = 32;

export interface PinCost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

export const DEFAULT_PIN_COST: PinCost = { N: 16384, r: 8, p: 1 };

interface Parsed {
  readonly salt: Buffer;
  readonly expected: Buffer;
  readonly cost: PinCost;
}

function parse(stored: string): Parsed | null {
  const [scheme, n, r, p, saltHex, hashHex] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !saltHex || !hashHex) return null;
  return { salt: Buffer.from(saltHex, 'hex'), expected: Buffer.from(hashHex, 'hex'), cost: { N: Number(n), r: Number(r), p: Number(p) } };
}

const format = (cost: PinCost, salt: Buffer, hash: Buffer): string => `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('hex')}$${hash.toString('hex')}`;

/** The stored form of `pin`, hashed on this thread (tests, tools, demo seed). */
export function hashPin(pin: string, cost: PinCost = DEFAULT_PIN_COST): string {
  const salt = randomBytes(16);
  return format(cost, salt, scryptSync(pin, salt, KEY_LENGTH, cost));
}

/** Whether `pin` matches the stored form, hashed on this thread (tests, tools). */
export function verifyPin(pin: string, stored: string): boolean {
  const p = parse(stored);
  if (!p) return false;
  return timingSafeEqual(scryptSync(pin, p.salt, p.expected.length, p.cost), p.expected);
}

const scryptAsync = (pin: string, salt: Buffer, length: number, cost: PinCost): Promise<Buffer> =>
  new Promise((resolve, reject) => scrypt(pin, salt, length, cost, (err, key) => (err ? reject(err) : resolve(key))));

/** The stored form of `pin`, hashed on libuv's thread pool: the engine's thread keeps serving meanwhile. */
export async function hashPinAsync(pin: string, cost: PinCost = DEFAULT_PIN_COST): Promise<string> {
  const salt = randomBytes(16);
  return format(cost, salt, await scryptAsync(pin, salt, KEY_LENGTH, cost));
}

/** Whether `pin` matches the stored form, hashed on libuv's thread pool. */
export async function verifyPinAsync(pin: string, stored: string): Promise<boolean> {
  const p = parse(stored);
  if (!p) return false;
  return timingSafeEqual(await scryptAsync(pin, p.salt, p.expected.length, p.cost), p.expected);
}

/**
 * A stored form no PIN matches (random salt and digest), at `cost`: checked against when the username is unknown or
 * inactive, so such a sign-in costs exactly one scrypt, like a real one, and timing does not tell which names exist.
 */
export function dummyPinHash(cost: PinCost = DEFAULT_PIN_COST): string {
  return format(cost, randomBytes(16), randomBytes(KEY_LENGTH));
}
