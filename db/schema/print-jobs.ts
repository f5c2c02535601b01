import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { registers } from './registers';

/**
 * The print queue: one row per document to print on a register's printer. Not part of the ledger (a print is not a
 * business fact): rows move PENDING → DONE, or FAILED after the last retry (a person may retry it, back to PENDING).
 * `document` is the layout-neutral PrintDocument as JSON; the drawer pulse is only ever sent on the first attempt.
 */
export const printJobs = sqliteTable(
  'print_jobs',
  {
    id: text('id').primaryKey(),
    registerId: text('register_id')
      .notNull()
      .references(() => registers.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    document: text('document').notNull(),
    status: text('status', { enum: ['PENDING', 'DONE', 'FAILED'] })
      .notNull()
      .default('PENDING'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull(),
    lastErrorCode: text('last_error_code'),
    lastError: text('last_error'),
    createdAt: text('created_at').notNull(),
    printedAt: text('printed_at'),
  },
  (t) => [
    index('print_jobs_due').on(t.status, t.nextAttemptAt),
    // print.jobs: a register's jobs newest first (created_at, then id), read in index order up to the limit.
    index('print_jobs_register_order').on(t.registerId, t.createdAt, t.id),
    check('print_jobs_attempts_nonneg', sql`${t.attempts} >= 0`),
  ],
);
