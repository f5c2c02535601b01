// Record ids: UUIDv7 (RFC 9562), time-ordered. Ids stay globally unique across registers (HQ merges them), and rows
// inserted in time order land at the right edge of their primary-key B-trees instead of on a random page, so each
// commit dirties and fsyncs fewer pages than with random UUIDv4 keys.
// Invariants: the timestamp is the time the caller gives (the engine's clock), except where that would break order:
// ids of one generator always sort in creation order, also within one millisecond and when the clock steps back.
import { randomFillSync } from 'node:crypto';

// Random bytes are drawn from the OS in 4 KiB batches: one syscall per 256 ids instead of one or two per id (a sale
// makes several ids, and the syscall was 6 % of a sale's CPU time). Shared by every generator: bytes are never reused.
const pool = Buffer.alloc(4096);
let poolAt = pool.length;
function random16(): Buffer {
  if (poolAt + 16 > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const out = Buffer.from(pool.subarray(poolAt, poolAt + 16));
  poolAt += 16;
  return out;
}

/** Makes one UUIDv7 for the instant `nowMs` (Unix milliseconds); see `uuidv7Generator`. */
export type Uuidv7 = (nowMs: number) => string;

/**
 * A UUIDv7 source with its own ordering state (one per engine, so one engine's clock never shifts another's ids).
 * The 48-bit timestamp field is `nowMs`, unless an earlier id of this generator had a later one (the clock stepped
 * back, or 4096 ids in one millisecond overflowed the counter): then it is that id's time, so order is kept.
 * Throws (a RangeError) on a time outside 0 … 2^48 − 1 ms.
 */
export function uuidv7Generator(): Uuidv7 {
  let lastMs = -1;
  let counter = 0;
  return (nowMs) => {
    let ms = nowMs;
    // A 12-bit counter in rand_a keeps ids monotonic within one millisecond (RFC 9562, method 1).
    const bytes = random16();
    if (ms <= lastMs) {
      counter = (counter + 1) & 0xfff;
      if (counter === 0) lastMs += 1;
      ms = lastMs;
    } else {
      lastMs = ms;
      // A random start below half the range leaves room to count up within the millisecond.
      counter = bytes.readUInt16BE(6) & 0x7ff;
    }
    bytes.writeUIntBE(ms, 0, 6);
    bytes[6] = 0x70 | (counter >> 8);
    bytes[7] = counter & 0xff;
    bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
}

/** The 48-bit timestamp field of a UUIDv7, in Unix milliseconds. */
export function uuidv7Time(id: string): number {
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}
