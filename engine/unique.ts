// Inserts whose natural key the user chose (a username, a register code, a SKU): a clash is the user's CONFLICT,
// not a bug. Invariant: only unique violations are turned into values; every other storage error is rethrown.
import { classifyStorageError } from '../db';
import type { Result } from '../src/result';
import { fail, ok } from '../src/result';

/** Runs a write, turning a unique-key clash into CONFLICT naming the column the user chose (the key's last column). */
export function unique<T>(write: () => T): Result<T> {
  try {
    return ok(write());
  } catch (e) {
    const fault = classifyStorageError(e);
    if (fault?.kind === 'unique') return fail('CONFLICT', { field: fault.columns[fault.columns.length - 1] });
    throw e;
  }
}
