// Bulk work that never blocks the counter: the one mechanism behind products.import and the catalog pull (and any later
// bulk job). A job is a list of items applied in short IMMEDIATE transactions ("chunks") bounded by time, not by count:
// a chunk stops taking rows once its measured time plus the commit it still owes would pass the budget, so a slow disk
// or a loaded CPU makes chunks smaller instead of longer. Between chunks the job rests (the write lock free, the event
// loop free), so a sale on this thread runs between two chunks and a sale on another connection finds the lock free.
// Invariants: every chunk is one transaction that also records the job's progress (`settle`), so what is committed and
// what the job says it did never disagree, and a crash loses at most the chunk in flight; a chunk is committed with
// synchronous=NORMAL (no fsync of its own: at most the last chunks are lost on power loss, which the recorded progress
// makes redoable; the counter's next commit, at FULL, fsyncs them anyway) and the connection is back at FULL before
// anything else runs on it.
import type { Sqlite } from '../db';

/** What one chunk did: `rows` applied, `done` of `total` so far, and how long it held the write lock (ms). */
export interface ChunkReport {
  readonly chunk: number;
  readonly rows: number;
  readonly done: number;
  readonly total: number;
  /** From BEGIN IMMEDIATE returning to COMMIT returning: what another writer may have waited, in milliseconds. */
  readonly heldMs: number;
  /** The COMMIT alone (a WAL checkpoint, when one falls due, runs inside it), in milliseconds. */
  readonly commitMs: number;
}

/** How a job applies its items. Every callback runs inside the chunk's transaction. */
export interface BulkWork<T> {
  /**
   * Called first in every chunk: false stops the job before writing anything (e.g. another puller already applied
   * this page). Optional.
   */
  readonly begin?: () => boolean;
  /** Applies one item (the `index`-th of the job). Throwing rolls the chunk back and ends the job with the error. */
  readonly apply: (item: T, index: number) => void;
  /** Records progress after the chunk's rows: `done` items are applied, counting this chunk. */
  readonly settle: (done: number) => void;
}

export interface BulkOptions {
  /** Longest a chunk should hold the write lock, in milliseconds (default BULK_BUDGET_MS). */
  readonly budgetMs?: number;
  /** Most rows in one chunk whatever the clock says (default 5,000). */
  readonly maxRows?: number;
  /**
   * The share of wall time the job may hold the write lock, in (0, 1] (default BULK_DUTY): after a chunk that held it
   * h ms the job rests h·(1 − duty)/duty ms. A writer on another connection waits in SQLite's busy handler, which
   * polls at growing intervals (1, 2, 5, 10, 15, 20, 25 ms …): a rest as long as the chunk is what lets it in.
   */
  readonly duty?: number;
  /** Monotonic milliseconds (default performance.now). */
  readonly clock?: () => number;
  /** Told after every committed chunk (progress for the screen, figures for the bench, events for tests). */
  readonly onChunk?: (report: ChunkReport) => void;
}

/** A chunk's budget: half the 50 ms the issue allows, less on purpose (a sale waiting behind it adds its own commit). */
export const BULK_BUDGET_MS = 12;
export const BULK_DUTY = 0.5;

/** The summary of a finished (or stopped) job. */
export interface BulkOutcome {
  readonly done: number;
  readonly total: number;
  readonly chunks: number;
  /** False when `begin` refused a chunk (nothing of that chunk was written). */
  readonly completed: boolean;
}

/**
 * A job in chunks. `step()` runs one chunk synchronously; `run()` runs them all, resting between chunks; `runNow()`
 * runs them all without resting (tools and tests that have nothing to interleave).
 */
export class ChunkedJob<T> {
  private next = 0;
  private chunks = 0;
  private stopped = false;
  /** What the last commits cost (ms): the rows of a chunk leave room for it. */
  private commitEstimate = 2;
  private readonly budgetMs: number;
  private readonly maxRows: number;
  private readonly duty: number;
  private readonly clock: () => number;

  constructor(
    private readonly sqlite: Sqlite,
    private readonly items: readonly T[],
    private readonly work: BulkWork<T>,
    private readonly options: BulkOptions = {},
  ) {
    this.budgetMs = options.budgetMs ?? BULK_BUDGET_MS;
    this.maxRows = Math.max(1, options.maxRows ?? 5000);
    this.duty = Math.min(1, Math.max(0.05, options.duty ?? BULK_DUTY));
    this.clock = options.clock ?? (() => performance.now());
  }

  /** Whether every item is applied or the job was stopped by `begin`. */
  get finished(): boolean {
    return this.stopped || this.next >= this.items.length;
  }

  outcome(): BulkOutcome {
    return { done: this.next, total: this.items.length, chunks: this.chunks, completed: !this.stopped && this.next >= this.items.length };
  }

  /**
   * Runs one chunk: BEGIN IMMEDIATE (waiting up to busy_timeout for another writer), rows until the budget less the
   * expected commit is spent (at least one row), `settle`, COMMIT. Returns its report, or null when nothing ran (done,
   * or `begin` refused). Throws what a row or SQLite threw, with the chunk rolled back.
   */
  step(): ChunkReport | null {
    if (this.finished) {
      // An empty job still settles once, so its progress (and a page's version) is recorded.
      if (this.chunks > 0 || this.stopped) return null;
    }
    const { sqlite, work, items } = this;
    sqlite.pragma('synchronous = NORMAL');
    try {
      sqlite.exec('BEGIN IMMEDIATE');
      const start = this.clock();
      try {
        if (work.begin && !work.begin()) {
          sqlite.exec('ROLLBACK');
          this.stopped = true;
          return null;
        }
        const from = this.next;
        const rowsUntil = start + Math.max(this.budgetMs / 4, this.budgetMs - this.commitEstimate);
        let i = from;
        while (i < items.length && i - from < this.maxRows) {
          work.apply(items[i] as T, i);
          i++;
          if (this.clock() >= rowsUntil) break;
        }
        work.settle(i);
        const committing = this.clock();
        sqlite.exec('COMMIT');
        const end = this.clock();
        const commitMs = end - committing;
        // A checkpoint now and then makes one commit slow: follow the usual cost, not the spike.
        this.commitEstimate = Math.min(this.budgetMs / 2, 0.8 * this.commitEstimate + 0.2 * commitMs);
        this.next = i;
        this.chunks++;
        const report: ChunkReport = { chunk: this.chunks, rows: i - from, done: i, total: items.length, heldMs: end - start, commitMs };
        this.options.onChunk?.(report);
        return report;
      } catch (e) {
        if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
        throw e;
      }
    } finally {
      sqlite.pragma('synchronous = FULL');
    }
  }

  /** How long to rest after a chunk that held the lock `heldMs`, in milliseconds. */
  restAfter(heldMs: number): number {
    return (heldMs * (1 - this.duty)) / this.duty;
  }

  /** Runs every chunk, resting between them (a timer, so I/O and other commands on this thread run meanwhile). */
  async run(): Promise<BulkOutcome> {
    for (;;) {
      const report = this.step();
      if (report === null || this.finished) return this.outcome();
      await rest(this.restAfter(report.heldMs));
    }
  }

  /** Runs every chunk back to back: the same transactions and progress as `run`, for callers with nothing to interleave. */
  runNow(): BulkOutcome {
    while (this.step() !== null && !this.finished);
    return this.outcome();
  }
}

/** Lets the event loop turn at least once (pending I/O callbacks run), then waits out `ms`. */
export function rest(ms: number): Promise<void> {
  return new Promise((resolve) => (ms >= 1 ? setTimeout(resolve, ms) : setImmediate(resolve)));
}

/**
 * Runs `fn` over `items` outside any transaction in slices of about `budgetMs`, yielding to the event loop between
 * slices: for the CPU-only parts of a bulk job (validating a pulled page) that would otherwise hold this thread.
 */
export async function forEachSliced<T>(items: readonly T[], fn: (item: T, index: number) => void, budgetMs = BULK_BUDGET_MS, clock: () => number = () => performance.now()): Promise<void> {
  let i = 0;
  while (i < items.length) {
    const until = clock() + budgetMs;
    do {
      fn(items[i] as T, i);
      i++;
    } while (i < items.length && clock() < until);
    if (i < items.length) await rest(0);
  }
}

/**
 * Runs a stepwise computation (a generator that yields every few hundred items: reading a large CSV, checking its rows)
 * in slices of about `budgetMs`, resting between slices so commands on this thread run meanwhile. Returns its result.
 */
export async function drive<T>(steps: Generator<void, T>, budgetMs = BULK_BUDGET_MS, clock: () => number = () => performance.now()): Promise<T> {
  for (;;) {
    const until = clock() + budgetMs;
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
      if (clock() >= until) break;
    }
    await rest(0);
  }
}

/** Runs a stepwise computation to its end at once (callers with nothing to interleave). */
export function driveNow<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
