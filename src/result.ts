// A domain outcome is a value, not an exception: `Result` carries either data or a coded error.
// Bugs still throw. Error codes are the stable contract; classes are never matched on.
import type { ErrorCode } from './contract/errors';

export interface DomainError {
  readonly code: ErrorCode;
  readonly message?: string;
  readonly details?: Record<string, unknown>;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: DomainError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, details?: Record<string, unknown>, message?: string): { ok: false; error: DomainError } => ({
  ok: false,
  error: { code, ...(message === undefined ? {} : { message }), ...(details === undefined ? {} : { details }) },
});

export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
