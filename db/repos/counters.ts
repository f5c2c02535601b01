import type { Db } from '../open';
import { prepared } from './prepared';

/** Next value of a document sequence, inside the caller's transaction. */
export function nextCounter(db: Db, scope: string): number {
  const stmt = prepared(db, 'counter.next', () =>
    db.$client.prepare<[string], { value: number }>(
      'INSERT INTO counters (scope, value) VALUES (?, 1) ON CONFLICT(scope) DO UPDATE SET value = value + 1 RETURNING value',
    ),
  );
  const row = stmt.get(scope);
  if (!row) throw new Error(`counter ${scope} returned nothing`);
  return row.value;
}

/** A counter's current value (0 when never taken), inside the caller's transaction. */
export function counterValue(db: Db, scope: string): number {
  return prepared(db, 'counter.value', () => db.$client.prepare<[string], { value: number }>('SELECT value FROM counters WHERE scope = ?')).get(scope)?.value ?? 0;
}
