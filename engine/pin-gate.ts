// The PIN work of commands: checking a PIN against its stored hash, hashing a new PIN, and admitting PIN checks through
// the machine's rate limit. Invariants: every PIN check first passes `admit` (one token of the machine's bucket, and no
// other check of the same person under way); in async mode no scrypt runs on the engine's thread: a handler that needs
// one throws `PinWorkNeeded`, the engine rolls the transaction back (nothing was written), hashes on libuv's thread
// pool, and runs the handler again with the answer, so the check happens before the transaction that records it.
import { availableParallelism } from 'node:os';
import type { BucketState, RateLimit } from '../src/auth/lockout';
import { takeToken } from '../src/auth/lockout';
import type { PinCost } from './pin';
import { dummyPinHash, hashPin, hashPinAsync, verifyPin, verifyPinAsync } from './pin';

/** What a handler may ask of PINs during one command. */
export interface Pins {
  /**
   * Admits one PIN check charged to `keys` (who asked, whom it names): 0 when admitted (again 0 for the rest of this
   * command), otherwise the milliseconds to wait (the machine's bucket is empty, or a check of one of these people is
   * under way). Nothing is admitted on a refusal.
   */
  admit(keys: readonly string[]): number;
  /** Whether `pin` matches `stored`. Only after `admit`. */
  verify(pin: string, stored: string): boolean;
  /** A new stored form of `pin` (users.create, users.update). */
  hash(pin: string): string;
  /** A stored form no PIN matches, at the engine's cost: what an unknown username is checked against. */
  readonly dummyHash: string;
  /** The engine's scrypt cost: only for seeding the demo, a one-off that hashes its five users on this thread. */
  readonly cost: PinCost;
}

export type PinJob = { readonly kind: 'verify'; readonly pin: string; readonly stored: string } | { readonly kind: 'hash'; readonly pin: string };

/** Thrown by a handler in async mode for scrypt work not yet done; the engine does it off-thread and runs it again. */
export class PinWorkNeeded extends Error {
  constructor(readonly job: PinJob) {
    super('PIN work needed');
  }
}

/**
 * At most this many scrypt runs at once: one core is left to the engine's thread, so a flood of sign-ins queues its
 * hashes instead of starving the sale being rung up (libuv's pool has four threads; a counter PC often has two cores).
 */
const HASHES_AT_ONCE = Math.max(1, availableParallelism() - 1);

/** The machine-wide state of PIN checks of one engine: the rate bucket and who is being checked right now. */
export class PinGate {
  private bucket: BucketState;
  private readonly busy = new Set<string>();
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  readonly dummyHash: string;

  constructor(
    private readonly limit: RateLimit,
    private readonly monotonic: () => number,
    readonly cost: PinCost,
  ) {
    this.bucket = { tokens: limit.burst, at: monotonic() };
    this.dummyHash = dummyPinHash(cost);
  }

  /** The PIN work of one command: `sync` hashes on this thread (tests, tools); `async` defers to `perform`. */
  attempt(mode: 'sync' | 'async'): PinAttempt {
    return new PinAttempt(this, mode);
  }

  /** @internal */
  tryAdmit(keys: readonly string[]): number {
    if (keys.some((k) => this.busy.has(k))) return 1000;
    const taken = takeToken(this.limit, this.bucket, this.monotonic());
    this.bucket = taken.state;
    if (taken.waitMs > 0) return taken.waitMs;
    for (const k of keys) this.busy.add(k);
    return 0;
  }

  /** @internal */
  release(keys: readonly string[]): void {
    for (const k of keys) this.busy.delete(k);
  }

  /** Runs `work` (one scrypt on libuv's pool) when fewer than HASHES_AT_ONCE are running, in arrival order. */
  async hashing<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= HASHES_AT_ONCE) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}

const verifyKey = (pin: string, stored: string): string => `${pin}\u0000${stored}`;

export class PinAttempt implements Pins {
  private held: readonly string[] | null = null;
  private readonly verified = new Map<string, boolean>();
  private readonly hashed = new Map<string, string>();

  constructor(
    private readonly gate: PinGate,
    private readonly mode: 'sync' | 'async',
  ) {}

  get dummyHash(): string {
    return this.gate.dummyHash;
  }

  get cost(): PinCost {
    return this.gate.cost;
  }

  admit(keys: readonly string[]): number {
    if (this.held !== null) return 0;
    const wait = this.gate.tryAdmit(keys);
    if (wait === 0) this.held = [...keys];
    return wait;
  }

  verify(pin: string, stored: string): boolean {
    if (this.held === null) throw new Error('a PIN was checked without admission');
    const key = verifyKey(pin, stored);
    const known = this.verified.get(key);
    if (known !== undefined) return known;
    if (this.mode === 'async') throw new PinWorkNeeded({ kind: 'verify', pin, stored });
    const result = verifyPin(pin, stored);
    this.verified.set(key, result);
    return result;
  }

  hash(pin: string): string {
    const known = this.hashed.get(pin);
    if (known !== undefined) return known;
    if (this.mode === 'async') throw new PinWorkNeeded({ kind: 'hash', pin });
    const result = hashPin(pin, this.gate.cost);
    this.hashed.set(pin, result);
    return result;
  }

  /** Does `job` on libuv's thread pool and remembers the answer for the handler's next run. */
  async perform(job: PinJob): Promise<void> {
    if (job.kind === 'verify') this.verified.set(verifyKey(job.pin, job.stored), await this.gate.hashing(() => verifyPinAsync(job.pin, job.stored)));
    else this.hashed.set(job.pin, await this.gate.hashing(() => hashPinAsync(job.pin, this.gate.cost)));
  }

  /** Ends the command's PIN work: the people it checked may be checked again. */
  release(): void {
    if (this.held !== null) this.gate.release(this.held);
    this.held = null;
  }
}
