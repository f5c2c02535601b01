// The print queue's rows. Invariant: a job is written once when queued; only its delivery fields change after (status,
// attempts, next attempt, last error, printed time). Reads never write.
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../open';
import * as schema from '../schema';

export type PrintJobRow = typeof schema.printJobs.$inferSelect;
export type PrintJobStatus = PrintJobRow['status'];

/** Queues a job, due at once. `document` is the PrintDocument JSON. */
export function insertPrintJob(db: Db, job: { id: string; registerId: string; kind: string; title: string; document: string; now: Date }): PrintJobRow {
  const at = job.now.toISOString();
  return db
    .insert(schema.printJobs)
    .values({ id: job.id, registerId: job.registerId, kind: job.kind, title: job.title, document: job.document, nextAttemptAt: at, createdAt: at })
    .returning()
    .get();
}

/** PENDING jobs, oldest first (due or not: the queue keeps each register's papers in the order they were asked for). */
export function pendingPrintJobs(db: Db, limit = 50): PrintJobRow[] {
  return db
    .select()
    .from(schema.printJobs)
    .where(eq(schema.printJobs.status, 'PENDING'))
    .orderBy(asc(schema.printJobs.createdAt), asc(schema.printJobs.id))
    .limit(limit)
    .all();
}

/** The earliest next attempt among PENDING jobs, or null when none waits. */
export function nextPrintAttempt(db: Db): string | null {
  const row = db
    .select({ at: schema.printJobs.nextAttemptAt })
    .from(schema.printJobs)
    .where(eq(schema.printJobs.status, 'PENDING'))
    .orderBy(asc(schema.printJobs.nextAttemptAt))
    .limit(1)
    .get();
  return row?.at ?? null;
}

export function printJob(db: Db, id: string): PrintJobRow | null {
  return db.select().from(schema.printJobs).where(eq(schema.printJobs.id, id)).get() ?? null;
}

/** A register's jobs, newest first. */
export function printJobsOf(db: Db, registerId: string, limit = 50): PrintJobRow[] {
  return db.select().from(schema.printJobs).where(eq(schema.printJobs.registerId, registerId)).orderBy(desc(schema.printJobs.createdAt), desc(schema.printJobs.id)).limit(limit).all();
}

export function markPrinted(db: Db, id: string, attempts: number, now: Date): void {
  db.update(schema.printJobs).set({ status: 'DONE', attempts, printedAt: now.toISOString(), lastErrorCode: null, lastError: null }).where(eq(schema.printJobs.id, id)).run();
}

/** Records a failed attempt: PENDING again at `nextAttemptAt`, or FAILED when `nextAttemptAt` is null (gave up). */
export function markAttemptFailed(db: Db, id: string, attempts: number, error: { code: string; message: string }, nextAttemptAt: Date | null): void {
  db.update(schema.printJobs)
    .set({
      status: nextAttemptAt ? 'PENDING' : 'FAILED',
      attempts,
      nextAttemptAt: nextAttemptAt?.toISOString() ?? undefined,
      lastErrorCode: error.code,
      lastError: error.message,
    })
    .where(eq(schema.printJobs.id, id))
    .run();
}

/** "Reimprimir" on a waiting or failed job: PENDING and due now (attempts kept so the log stays true). Null if unknown or printed. */
export function requeuePrintJob(db: Db, id: string, now: Date): PrintJobRow | null {
  return (
    db
      .update(schema.printJobs)
      .set({ status: 'PENDING', nextAttemptAt: now.toISOString() })
      .where(and(eq(schema.printJobs.id, id), inArray(schema.printJobs.status, ['PENDING', 'FAILED'])))
      .returning()
      .get() ?? null
  );
}
