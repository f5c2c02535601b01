// The one reply shape of every transport.
import type { ErrorCode } from './errors';

export interface ReplyError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: Record<string, unknown>;
}

export type Reply<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly error: ReplyError };
