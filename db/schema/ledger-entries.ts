import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, primaryKey, index } from 'drizzle-orm/sqlite-core';
import { sessions } from './sessions';

/** The per-session hash chain (see src/sync/chain.ts). Append-only; sealed once the session is closed. */
export const ledgerEntries = sqliteTable(
  'ledger_entries',
  {
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id),
    seq: integer('seq').notNull(),
    kind: text('kind').notNull(),
    at: text('at').notNull(),
    /** Canonical JSON of the payload, exactly the bytes that were hashed. */
    payload: text('payload').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.seq] }),
    // Refused cash-outs are counted before every cash-out and listed on reports; partial, so a sale never writes to it.
    index('ledger_cash_out_refused').on(t.sessionId).where(sql`kind = 'CASH_OUT_REFUSED'`),
  ],
);
