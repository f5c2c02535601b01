import { sql } from 'drizzle-orm';
import type { Db } from '../open';

/** Next value of a document sequence, inside the caller's transaction. */
export function nextCounter(db: Db, scope: string): number {
  const row = db.get<{ value: number }>(
    sql`INSERT INTO counters (scope, value) VALUES (${scope}, 1) ON CONFLICT(scope) DO UPDATE SET value = value + 1 RETURNING value`,
  );
  return row.value;
}
