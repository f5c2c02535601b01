// Cash movements (deposits, withdrawals, adjustments) of a session. Invariant: written only with their MOVEMENT ledger
// entry, in the same transaction; never updated or deleted (append-only).
import { asc, eq } from 'drizzle-orm';
import type { MovementPayload } from '../../src/session/ledger';
import type { Db } from '../open';
import * as schema from '../schema';

export type MovementRow = typeof schema.cashMovements.$inferSelect;

/** Writes one movement row exactly as its ledger payload describes it. */
export function insertMovement(db: Db, sessionId: string, at: string, payload: MovementPayload): void {
  db.insert(schema.cashMovements).values({ ...payload, sessionId, createdAt: at }).run();
}

/** A session's movements, oldest first. */
export function movementsOfSession(db: Db, sessionId: string): MovementRow[] {
  return db.select().from(schema.cashMovements).where(eq(schema.cashMovements.sessionId, sessionId)).orderBy(asc(schema.cashMovements.createdAt)).all();
}
