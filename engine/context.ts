// What a handler sees: the transaction's database, the signed-in user (from the token, never from input), one clock
// reading for the whole command, and an id source. Handlers return Outcomes; they never throw for domain errors.
import type { Db } from '../db';
import type { Permission, Role } from '../src/auth/permissions';
import type { CommandName, CommandOutput, ParsedInput } from '../src/contract';
import type { DomainError, Result } from '../src/result';
import type { Pins } from './pin-gate';
import type { SecretStore } from './secrets';

export interface Actor {
  readonly id: string;
  readonly username: string;
  readonly name: string;
  readonly role: Role;
  readonly branchId: string | null;
  readonly permissions: ReadonlySet<Permission>;
  readonly tokenHash: string;
}

export interface Ctx {
  readonly db: Db;
  readonly now: Date;
  readonly at: string;
  /** A monotonic reading in milliseconds (never goes back when the PC's clock does): for elapsed-time rules. */
  readonly elapsedMs: number;
  readonly actor: Actor | null;
  /** HQ keys (outside the database). */
  readonly secrets: SecretStore;
  readonly newId: () => string;
  readonly newToken: () => string;
  /** PIN checks and hashes (engine/pin-gate.ts): never scrypt directly, so the transports can hash off-thread. */
  readonly pins: Pins;
}

export interface AuthedCtx extends Ctx {
  readonly actor: Actor;
}

/** A refused command whose writes must still be kept (a refused close keeps its count; a wrong PIN counts). */
export interface CommittedFailure {
  readonly ok: false;
  readonly error: DomainError;
  readonly commit: true;
}

export type Outcome<T> = Result<T> | CommittedFailure;

/** Commands that wait on I/O (SQLite's backup API): run by Engine.invoke, outside the synchronous handler table. */
export const ASYNC_COMMANDS = ['backup.now', 'backup.restore'] as const satisfies readonly CommandName[];
export type AsyncCommandName = (typeof ASYNC_COMMANDS)[number];

/** Bulk jobs (engine/bulk.ts): written in short transactions, not one; `invoke` rests between them, `dispatch` does not. */
export const BULK_COMMANDS = ['products.import'] as const satisfies readonly CommandName[];
export type BulkCommandName = (typeof BULK_COMMANDS)[number];

export type Handler<N extends CommandName> = (ctx: AuthedCtx, input: ParsedInput<N>) => Outcome<CommandOutput<N>>;
export type PublicHandler<N extends CommandName> = (ctx: Ctx, input: ParsedInput<N>) => Outcome<CommandOutput<N>>;

export const keep = (error: DomainError): CommittedFailure => ({ ok: false, error, commit: true });
