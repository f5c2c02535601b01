// Record ids: UUIDv7 (RFC 9562), time-ordered. Ids stay globally unique across registers (HQ merges them), and rows
// inserted in time order land at the right edge of their primary-key B-trees instead of on a random page, so each
// commit dirties and fsyncs fewer pages than with random UUIDv4 keys.
import { randomBytes } from 'node:crypto';

let lastMs = 0;
let counter = 0;

export function uuidv7(now: number = Date.now()): string {
  // A 12-bit counter in rand_a keeps ids monotonic within one millisecond (RFC 9562, method 1).
  if (now <= lastMs) {
    counter = (counter + 1) & 0xfff;
    if (counter === 0) lastMs += 1;
    now = lastMs;
  } else {
    lastMs = now;
    counter = randomBytes(2).readUInt16BE(0) & 0x7ff;
  }
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
