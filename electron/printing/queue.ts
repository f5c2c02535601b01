// The print queue: a document to print is a row first, then an attempt; a failure is recorded on the row and retried
// with capped exponential backoff, so a sale never waits on (or fails for) a printer. Invariant: jobs print one at a
// time in the order they were queued; the drawer pulse goes out on a job's first attempt only (a drawer that pops
// open minutes later, with nobody asking, is worse than one that did not open); the last error is always visible.
import { randomUUID } from 'node:crypto';
import type { PrintJobRow } from '../../db/repos/print-jobs';
import { insertPrintJob, markAttemptFailed, markPrinted, nextPrintAttempt, pendingPrintJobs, printJob, printJobsOf, requeuePrintJob } from '../../db/repos/print-jobs';
import type { Db } from '../../db/open';
import type { PrintDocument } from '../../src/print';
import { PrintDocumentSchema } from '../../src/print';
import { PrinterError } from './transport';

/** A job as the cashier's screen shows it. Times are ISO instants. */
export interface PrintJobView {
  readonly id: string;
  readonly registerId: string;
  readonly kind: string;
  readonly title: string;
  readonly status: 'PENDING' | 'DONE' | 'FAILED';
  readonly attempts: number;
  /** When it will be tried next (PENDING only). */
  readonly nextAttemptAt: string | null;
  readonly lastErrorCode: string | null;
  /** Spanish, for the cashier: "Impresora sin conexión (…)". */
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly printedAt: string | null;
}

export interface PrintQueueOptions {
  readonly db: Db;
  /** Prints one document on the register's printer; throws (a PrinterError, ideally) when it did not print. */
  readonly send: (registerId: string, doc: PrintDocument) => Promise<void>;
  readonly now?: () => Date;
  /** Attempts before a job is FAILED and waits for a person (default 8: about four minutes of retrying). */
  readonly maxAttempts?: number;
  /** Delay after the `attempt`-th failure, in milliseconds (default 2 s doubling, capped at 60 s). */
  readonly backoffMs?: (attempt: number) => number;
  /** Called after every change of a job (queued, printed, failed attempt), for the screen's indicator. */
  readonly onChange?: (job: PrintJobView) => void;
}

export const defaultBackoffMs = (attempt: number): number => Math.min(60_000, 2000 * 2 ** Math.max(0, attempt - 1));

export class PrintQueue {
  private readonly db: Db;
  private readonly now: () => Date;
  private readonly maxAttempts: number;
  private readonly backoffMs: (attempt: number) => number;
  private draining: Promise<number> | null = null;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;

  constructor(private readonly options: PrintQueueOptions) {
    this.db = options.db;
    this.now = options.now ?? (() => new Date());
    this.maxAttempts = options.maxAttempts ?? 8;
    this.backoffMs = options.backoffMs ?? defaultBackoffMs;
  }

  /** Queues `doc` for `registerId`, due now. Returns the row as queued; printing happens in `drain`. */
  enqueue(registerId: string, doc: PrintDocument): PrintJobView {
    const row = insertPrintJob(this.db, { id: randomUUID(), registerId, kind: doc.kind, title: doc.title, document: JSON.stringify(doc), now: this.now() });
    const view = toView(row);
    this.options.onChange?.(view);
    return view;
  }

  /**
   * Tries every due job once, oldest first, one at a time. Resolves with how many printed. Concurrent calls share one
   * pass (and a call during a pass runs another pass after it, so nothing queued meanwhile waits for the timer).
   */
  drain(): Promise<number> {
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    const pass = async (): Promise<number> => {
      let printed = 0;
      do {
        this.again = false;
        // A register's jobs wait behind its oldest one (not yet due, or just failed): papers never come out of order.
        const blocked = new Set<string>();
        for (const row of pendingPrintJobs(this.db)) {
          if (blocked.has(row.registerId)) continue;
          if (row.nextAttemptAt > this.now().toISOString()) blocked.add(row.registerId);
          else if (await this.attempt(row)) printed += 1;
          else blocked.add(row.registerId);
        }
      } while (this.again);
      return printed;
    };
    this.draining = pass().finally(() => {
      this.draining = null;
      this.schedule();
    });
    return this.draining;
  }

  /** Starts retrying on its own: a timer wakes at the earliest due job. */
  start(): void {
    this.running = true;
    void this.drain();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  job(id: string): PrintJobView | null {
    const row = printJob(this.db, id);
    return row ? toView(row) : null;
  }

  /** A register's jobs, newest first. */
  jobs(registerId: string, limit = 50): PrintJobView[] {
    return printJobsOf(this.db, registerId, limit).map(toView);
  }

  /** "Reimprimir": a waiting or failed job is due now. Null when unknown or already printed. */
  retry(id: string): PrintJobView | null {
    const row = requeuePrintJob(this.db, id, this.now());
    if (!row) return null;
    const view = toView(row);
    this.options.onChange?.(view);
    return view;
  }

  private async attempt(row: PrintJobRow): Promise<boolean> {
    const attempts = row.attempts + 1;
    const parsed = PrintDocumentSchema.safeParse(JSON.parse(row.document));
    if (!parsed.success) {
      // A row that no longer reads as a document can never print: give up on it at once, visibly.
      markAttemptFailed(this.db, row.id, attempts, { code: 'PRINT_DOCUMENT_INVALID', message: 'Documento de impresión ilegible' }, null);
      this.changed(row.id);
      return false;
    }
    const doc = row.attempts === 0 ? parsed.data : { ...parsed.data, openDrawer: false };
    try {
      await this.options.send(row.registerId, doc);
      markPrinted(this.db, row.id, attempts, this.now());
      this.changed(row.id);
      return true;
    } catch (e) {
      const error = e instanceof PrinterError ? { code: e.code, message: e.message } : { code: 'PRINTER_ERROR', message: e instanceof Error ? e.message : String(e) };
      const next = attempts >= this.maxAttempts ? null : new Date(this.now().getTime() + this.backoffMs(attempts));
      markAttemptFailed(this.db, row.id, attempts, error, next);
      this.changed(row.id);
      return false;
    }
  }

  private changed(id: string): void {
    const row = printJob(this.db, id);
    if (row) this.options.onChange?.(toView(row));
  }

  private schedule(): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    const next = nextPrintAttempt(this.db);
    if (next === null) return;
    const wait = Math.max(0, Math.min(60_000, new Date(next).getTime() - this.now().getTime()));
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.drain();
    }, wait);
    this.timer.unref();
  }
}

function toView(row: PrintJobRow): PrintJobView {
  return {
    id: row.id,
    registerId: row.registerId,
    kind: row.kind,
    title: row.title,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'PENDING' ? row.nextAttemptAt : null,
    lastErrorCode: row.lastErrorCode,
    lastError: row.lastError,
    createdAt: row.createdAt,
    printedAt: row.printedAt,
  };
}
