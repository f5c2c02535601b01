// Drawer counts of a session (opening, partial, audit, closing, handover), refused close attempts included.
// Invariant: written only with their COUNT ledger entry; denominations and tenders are stored as JSON of the payload.
import { asc, eq } from 'drizzle-orm';
import type { CountPayload } from '../../src/session/ledger';
import type { Db } from '../open';
import * as schema from '../schema';

export type CountRow = typeof schema.cashCounts.$inferSelect;

/** Writes one count row exactly as its ledger payload describes it. */
export function insertCount(db: Db, sessionId: string, at: string, payload: CountPayload): void {
  db.insert(schema.cashCounts)
    .values({
      ...payload,
      sessionId,
      denominations: JSON.stringify(payload.denominations),
      tenders: payload.tenders ? JSON.stringify(payload.tenders) : null,
      countedAt: at,
    })
    .run();
}

/** A session's counts, oldest first. */
export function countsOfSession(db: Db, sessionId: string): CountRow[] {
  return db.select().from(schema.cashCounts).where(eq(schema.cashCounts.sessionId, sessionId)).orderBy(asc(schema.cashCounts.countedAt)).all();
}
