// What the sell screen's search box reads: a barcode scanner (keystrokes faster than a hand, ending in Enter) or a
// person, and "3*code" / "0,750*code" quantities. Pure: key times come in as numbers (ms), nothing reads a clock or the
// DOM. Quantities are thousandths parsed from text, never through a float.
import { parseTypedQuantity } from '../../quantity';

/** Keystrokes closer together than this (ms) come from a scanner, not a hand. */
export const SCANNER_GAP_MS = 35;
/** A scan is at least this many keystrokes in a row, each within SCANNER_GAP_MS of the one before. */
const BURST = 4;
/** Key times kept (a burst needs only the last BURST). */
const KEPT = 21;

/** `times` with `at` (ms) appended, keeping the last KEPT. */
export function recordKey(times: readonly number[], at: number): number[] {
  return [...times.slice(-(KEPT - 1)), at];
}

/** Whether the last BURST key times (ms, ascending) came from a scanner. */
export function isScannerBurst(times: readonly number[], gap: number = SCANNER_GAP_MS): boolean {
  if (times.length < BURST) return false;
  const recent = times.slice(-BURST);
  return recent.every((v, i) => i === 0 || v - (recent[i - 1] ?? 0) < gap);
}

const MULTIPLIED = /^(\d{1,5}(?:[.,]\d{1,3})?)\*(.+)$/;
const MULTIPLIER_PREFIX = /^\d{1,5}(?:[.,]\d{1,3})?\*/;

/** What Enter in a non-empty box asks for: `milli` thousandths of `code` (1000 when no "n*"), or a malformed quantity. */
export type Entry = { readonly ok: true; readonly code: string; readonly milli: number } | { readonly ok: false };

/** "3*code" = three units, "0,750*code" = 0.750 kg (whether the product takes decimals is the cart's to decide). */
export function readEntry(raw: string): Entry {
  const text = raw.trim();
  const mult = MULTIPLIED.exec(text);
  if (mult?.[1] === undefined) return { ok: true, code: text, milli: 1000 };
  const typed = parseTypedQuantity(mult[1], 'KG');
  if (!typed.ok) return { ok: false };
  return { ok: true, code: (mult[2] ?? '').trim(), milli: typed.milli };
}

/** The text a name search looks for: the box without blanks around it and without a leading "n*". */
export const nameQuery = (raw: string): string => raw.trim().replace(MULTIPLIER_PREFIX, '');

export interface Scanner {
  /** Notes a key of the search box (KeyboardEvent.key); only printable keys count. */
  key(key: string): void;
  /** Whether the latest keys came as a scanner burst. */
  isScanner(): boolean;
  /** Forgets the key times (after Enter: the next code starts clean). */
  reset(): void;
  /** Runs `task` after every task enqueued before it, so scans resolve in the order they were read. */
  enqueue(task: () => Promise<void>): Promise<void>;
}

/** A scanner detector over `now` (ms). The sell screen keeps one per mount (useScanner). */
export function createScanner(now: () => number): Scanner {
  let times: number[] = [];
  let queue: Promise<void> = Promise.resolve();
  return {
    key: (key) => {
      if (key.length === 1) times = recordKey(times, now());
    },
    isScanner: () => isScannerBurst(times),
    reset: () => {
      times = [];
    },
    enqueue: (task) => {
      queue = queue.then(task, task);
      return queue;
    },
  };
}
