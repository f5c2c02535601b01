// The engine. It resolves the user from the token, checks the setup state and the permission, parses the input with
// the command's zod schema, replays a repeated requestId, and runs the handler in one SQLite transaction: a writing
// command in an IMMEDIATE one (the write lock, taken up front), a read-only command in a deferred one under
// `query_only`, so it reads one snapshot, never waits for or blocks a writer, and cannot write.
// Invariant: a refused command writes nothing unless its handler says `keep`.
// Two entry points: `invoke` is the transports' (IPC, HTTP): a command that checks or hashes a PIN does its scrypt on
// libuv's thread pool between two runs of its handler (engine/pin-gate.ts), and backups and the commands that talk to
// HQ await their I/O, so the engine keeps serving other commands meanwhile. `dispatch` runs the synchronous commands
// with scrypt on this thread: tests, benches and tools only.
import type { z } from 'zod';
import type { OpenedDb } from '../db';
import type { StorageFault } from '../db';
import { classifyStorageError, hqEnrollment, storeInitialized, isRevokedToken, storeReply, storedReply, userByTokenHash } from '../db';
import type { RateLimit } from '../src/auth/lockout';
import { PIN_CHECK_RATE } from '../src/auth/lockout';
import { can, permissionsOf } from '../src/auth/permissions';
import type { CommandName, CommandOutput, ErrorCode, ParsedInput, Reply, ReplyError } from '../src/contract';
import { COMMANDS, ERRORS, isCommandName } from '../src/contract';
import type { NetworkCommandName } from '../src/contract/commands/setup-enroll';
import { HQ_MANAGED_COMMANDS, NETWORK_COMMANDS } from '../src/contract/commands/setup-enroll';
import type { DomainError } from '../src/result';
import type { Actor, AsyncCommandName, Ctx, Outcome } from './context';
import { recordDrawerOpening } from './drawer';
import { ASYNC_COMMANDS } from './context';
import type { HostCtx } from './backup';
import * as backup from './backup';
import { HANDLERS } from './handlers';
import { uuidv7Generator } from './ids';
import type { SecretStore } from './secrets';
import { MemorySecretStore, hqKeyName } from './secrets';
import type { PinCost } from './pin';
import { DEFAULT_PIN_COST } from './pin';
import { requestDigest } from './request-digest';
import type { PinAttempt } from './pin-gate';
import { PinGate, PinWorkNeeded } from './pin-gate';
import { newToken, tokenHash } from './tokens';
import type { HqHttp } from './master-sync';
import { enrollRegister, pullMaster } from './master-sync';

const isNetworkCommand = (name: CommandName): name is NetworkCommandName => (NETWORK_COMMANDS as readonly string[]).includes(name);

export interface EngineOptions {
  readonly clock?: () => Date;
  /** Monotonic milliseconds (default performance.now()): what grant expiry measures, immune to clock changes. */
  readonly monotonic?: () => number;
  /** Where HQ keys live (never the database); default in memory. */
  readonly secrets?: SecretStore;
  readonly pinCost?: PinCost;
  /** The machine's rate limit on PIN checks (default PIN_CHECK_RATE); benches raise it to measure hashing alone. */
  readonly pinRate?: RateLimit;
  /** Called after a command's transaction commits (e.g. to wake the sync worker after a close). Never throws back. */
  readonly afterCommit?: (name: CommandName) => void;
  /** The live database file (backups and restore need it; openEngine passes it). */
  readonly file?: string;
  readonly migrationsFolder?: string;
  /** How `setup.enroll` and `sync.pull` reach HQ (default: fetch). */
  readonly hqHttp?: HqHttp;
}

const isAsync = (name: CommandName): name is AsyncCommandName => (ASYNC_COMMANDS as readonly CommandName[]).includes(name);


/** The asynchronous handlers (engine/backup.ts): SQLite's backup API yields to the event loop between steps. */
const ASYNC_HANDLERS: { [N in AsyncCommandName]: (ctx: HostCtx, input: ParsedInput<N>) => Promise<Outcome<CommandOutput<N>>> } = {
  'backup.now': backup.now,
  'backup.restore': backup.restore,
};

/** What an uninitialized store answers: the first start's commands, and restoring a backup instead of setting up. */
const beforeSetup = (name: CommandName): boolean => name.startsWith('setup.') || name === 'backup.restore';

export function replyError(error: DomainError): ReplyError {
  return {
    code: error.code,
    message: error.message ?? ERRORS[error.code].es,
    ...(error.details === undefined ? {} : { details: error.details }),
  };
}

function validationError(err: z.ZodError): ReplyError {
  const issues = err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const first = issues[0];
  return {
    code: 'VALIDATION_FAILED',
    message: first ? `${ERRORS.VALIDATION_FAILED.es}: ${first.path || '(entrada)'}: ${first.message}` : ERRORS.VALIDATION_FAILED.es,
    details: { issues },
  };
}

/**
 * Commands that write although they take no requestId: a sign-in records its token or its failed PIN, a sign-out
 * revokes its token. Every other command that is not `mutating` in the contract only reads.
 */
const WRITES_WITHOUT_REQUEST_ID: ReadonlySet<CommandName> = new Set<CommandName>(['auth.login', 'auth.logout']);

/** Whether a command runs without the write lock: not `mutating` in the contract and not a sign-in or sign-out. */
export function isReadOnly(name: CommandName): boolean {
  return !COMMANDS[name].mutating && !WRITES_WITHOUT_REQUEST_ID.has(name);
}

const SESSION_ENDED = 'Su sesión terminó (se cerró, o cambió su PIN, su rol o su estado): vuelva a ingresar con su PIN';

const failure = (code: ErrorCode, details?: Record<string, unknown>): Reply<never> => ({
  ok: false,
  error: replyError({ code, ...(details ? { details } : {}) }),
});

/** What a thrown storage fault tells the user; a violated constraint or anything unclassified is a bug (INTERNAL). */
const STORAGE_CODES: Readonly<Record<StorageFault['kind'] | 'other', ErrorCode>> = {
  full: 'DISK_FULL',
  busy: 'STORAGE_BUSY',
  readonly: 'STORAGE_READONLY',
  corrupt: 'STORAGE_CORRUPT',
  unique: 'INTERNAL',
  constraint: 'INTERNAL',
  other: 'INTERNAL',
};

export class Engine {
  private readonly clock: () => Date;
  private readonly monotonic: () => number;
  readonly secrets: SecretStore;
  private readonly pinCost: PinCost;
  private readonly pinGate: PinGate;
  /** Ids timestamped by this engine's clock, in creation order. */
  private readonly newIdAt = uuidv7Generator();
  /** Replies of mutating commands that wrote in this process (a replayed requestId's reply is a new object). */
  private readonly wrote = new WeakSet<object>();
  /** Refusals whose writes were committed on purpose (a handler's `keep`): a wrong PIN counted, a refused close's count. */
  private readonly kept = new WeakSet<object>();
  afterCommit: ((name: CommandName) => void) | null;
  readonly file: string | null;
  private readonly migrationsFolder: string | undefined;
  /** True once the store is set up (storeInitialized: enrolled, or has a branch); never goes back (a restore only accepts a set-up store). */
  private setUp = false;
  /** True while a restore writes the live database: every command is refused (RESTORE_IN_PROGRESS). */
  private restoring = false;
  private readonly hqHttp: HqHttp | undefined;

  constructor(
    readonly store: OpenedDb,
    options: EngineOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.monotonic = options.monotonic ?? (() => performance.now());
    this.secrets = options.secrets ?? new MemorySecretStore();
    this.pinCost = options.pinCost ?? DEFAULT_PIN_COST;
    this.pinGate = new PinGate(options.pinRate ?? PIN_CHECK_RATE, this.monotonic, this.pinCost);
    this.afterCommit = options.afterCommit ?? null;
    this.file = options.file ?? null;
    this.migrationsFolder = options.migrationsFolder;
    this.hqHttp = options.hqHttp;
  }

  /** Whether the store is set up (`storeInitialized`): until then only setup.* and backup.restore answer. */
  initialized(): boolean {
    if (!this.setUp) this.setUp = storeInitialized(this.store.db);
    return this.setUp;
  }

  /** Whether a restore is writing the database (the daily backup waits). */
  busy(): boolean {
    return this.restoring;
  }

  /** `setup.enroll` and `sync.pull`: they await HQ, so they run outside one synchronous transaction (engine/master-sync.ts). */
  private async runNetwork(name: NetworkCommandName, rawInput: unknown, token: string | null): Promise<Reply<unknown>> {
    const gate = this.gate(name, rawInput, token);
    if ('reply' in gate) return gate.reply;
    const def = COMMANDS[name];
    const http = this.hqHttp ? { http: this.hqHttp } : {};
    switch (name) {
      case 'setup.enroll': {
        const input = COMMANDS['setup.enroll'].input.parse(rawInput);
        const r = await enrollRegister(this.store, this.secrets, input, { ...http, now: this.clock });
        if (!r.ok) return { ok: false, error: replyError(r.error) };
        this.committed(name);
        const { pull } = r.value;
        return { ok: true, data: def.output.parse({ ...r.value.enrollment, version: pull.version, head: pull.head, complete: pull.complete }) };
      }
      case 'sync.pull': {
        const r = await pullMaster(this.store, { ...http, now: this.clock, keyFor: (code) => this.secrets.get(hqKeyName(code)) });
        if (!r.ok) return { ok: false, error: replyError(r.error) };
        if (r.value.error !== null && r.value.applied === 0) return failure('HQ_UNREACHABLE', { reason: r.value.error });
        this.committed(name);
        return { ok: true, data: def.output.parse(r.value) };
      }
    }
  }

  /**
   * Runs one synchronous command, hashing any PIN on this thread (tests, benches, tools: a transport uses `invoke`).
   * Never throws: a storage fault becomes its code (DISK_FULL, ...), a bug INTERNAL, with nothing written.
   */
  dispatch(name: string, rawInput: unknown, token: string | null): Reply<unknown> {
    const pins = this.pinGate.attempt('sync');
    try {
      return this.dispatchWith(name, rawInput, token, pins);
    } finally {
      pins.release();
    }
  }

  /**
   * Runs one synchronous command as `dispatch` does, with the same replies, but a PIN check or hash runs on libuv's
   * thread pool while the engine serves other commands: the handler runs, asks for the PIN work (nothing written), the
   * work is done off-thread, and the handler runs again with its answer in a fresh transaction. Never rejects.
   */
  private async withPinsOffThread(name: string, rawInput: unknown, token: string | null): Promise<Reply<unknown>> {
    const pins = this.pinGate.attempt('async');
    try {
      // A handler asks for at most a few pieces of PIN work (one check, one hash); more runs than that is a bug.
      for (let run = 0; run < 4; run++) {
        try {
          return this.dispatchWith(name, rawInput, token, pins);
        } catch (e) {
          if (!(e instanceof PinWorkNeeded)) throw e;
          await pins.perform(e.job);
        }
      }
      throw new Error(`${name} kept asking for PIN work`);
    } catch (e) {
      console.error(`[engine] ${name} failed:`, e);
      return failure('INTERNAL');
    } finally {
      pins.release();
    }
  }

  private dispatchWith(name: string, rawInput: unknown, token: string | null, pins: PinAttempt): Reply<unknown> {
    if (!isCommandName(name)) return failure('UNKNOWN_COMMAND', { command: name });
    if (isAsync(name) || isNetworkCommand(name)) {
      console.error(`[engine] ${name} is asynchronous: hosts call engine.invoke`);
      return failure('INTERNAL');
    }
    try {
      return this.run(name, rawInput ?? {}, token, pins);
    } catch (e) {
      if (this.store.sqlite.inTransaction) this.store.sqlite.exec('ROLLBACK');
      if (e instanceof PinWorkNeeded) throw e;
      // The raw text (SQLite's, a stack) goes to the log only: a reply carries a stable code and our own sentence.
      console.error(`[engine] ${name} failed:`, e);
      return failure(STORAGE_CODES[classifyStorageError(e)?.kind ?? 'other']);
    }
  }

  close(): void {
    this.store.close();
  }

  private resolveActor(token: string | null): Actor | null {
    if (!token) return null;
    const hash = tokenHash(token);
    const u = userByTokenHash(this.store.db, hash);
    if (!u || !u.active) return null;
    return { id: u.id, username: u.username, name: u.name, role: u.role, branchId: u.branchId, permissions: new Set(permissionsOf(u.role)), tokenHash: hash };
  }

  /**
   * Runs any command: what the hosts (IPC, HTTP) call. A PIN is checked or hashed off this thread (withPinsOffThread);
   * backups and the commands that talk to HQ await their I/O. Never rejects; like dispatch, a fault becomes its code.
   */
  async invoke(name: string, rawInput: unknown, token: string | null): Promise<Reply<unknown>> {
    if (!isCommandName(name) || !(isAsync(name) || isNetworkCommand(name))) return this.withPinsOffThread(name, rawInput, token);
    try {
      if (isNetworkCommand(name)) return await this.runNetwork(name, rawInput ?? {}, token);
      const gate = this.gate(name, rawInput ?? {}, token);
      if ('reply' in gate) return gate.reply;
      const { actor, input, requestId } = gate;
      const digest = requestId === null ? null : requestDigest(name, input);
      const replay = this.replayOf(name, actor, requestId, digest);
      if (replay) return replay;
      const now = this.clock();
      const ctx: HostCtx = {
        store: this.store,
        file: this.file ?? '',
        migrationsFolder: this.migrationsFolder,
        now,
        actor,
        initialized: this.initialized(),
        exclusive: async (work) => {
          this.restoring = true;
          try {
            return await work();
          } finally {
            this.restoring = false;
          }
        },
      };
      if (this.file === null) throw new Error(`${name} needs the engine's database file (openEngine passes it)`);
      const outcome = await (ASYNC_HANDLERS[name] as (ctx: HostCtx, input: unknown) => Promise<Outcome<unknown>>)(ctx, input);
      const reply = replyOf(outcome, COMMANDS[name].output);
      if (!reply.ok) return reply;
      if (requestId !== null && digest !== null && actor) {
        this.store.sqlite.transaction(() => storeReply(this.store.db, { userId: actor.id, requestId, command: name, reply: JSON.stringify(reply), bodyDigest: digest, at: now.toISOString() })).immediate();
      }
      this.wrote.add(reply);
      this.committed(name);
      return reply;
    } catch (e) {
      if (this.store.sqlite.inTransaction) this.store.sqlite.exec('ROLLBACK');
      console.error(`[engine] ${name} failed:`, e);
      return failure(STORAGE_CODES[classifyStorageError(e)?.kind ?? 'other']);
    }
  }

  /**
   * The stored reply of a request already answered under `requestId` (the same command and body), or
   * IDEMPOTENCY_CONFLICT when the id was used for another command or another body; null for a new request.
   */
  private replayOf(name: CommandName, actor: Actor | null, requestId: string | null, digest: string | null): Reply<unknown> | null {
    if (requestId === null) return null;
    const seen = storedReply(this.store.db, actor?.id ?? '', requestId);
    if (!seen) return null;
    if (seen.command !== name) return failure('IDEMPOTENCY_CONFLICT', { requestId, command: seen.command });
    // Same id, other body: a bug or a second tab with another cart state; answering the first reply would hide it.
    if (seen.bodyDigest !== null && seen.bodyDigest !== digest) return failure('IDEMPOTENCY_CONFLICT', { requestId, command: seen.command });
    return JSON.parse(seen.reply) as Reply<unknown>;
  }

  /** Sign-in, setup state, permission and input checks every command passes before its handler runs. */
  private gate(
    name: CommandName,
    rawInput: unknown,
    token: string | null,
  ): { reply: Reply<never> } | { actor: Actor | null; input: Record<string, unknown>; requestId: string | null } {
    if (this.restoring) return { reply: failure('RESTORE_IN_PROGRESS') };
    if (!beforeSetup(name) && !this.initialized()) return { reply: failure('NOT_INITIALIZED') };
    const def = COMMANDS[name];
    const actor = this.resolveActor(token);
    if (def.auth && !actor) {
      // A revoked token (signed out, or its user's PIN, role or active flag changed) says so: same code, clearer words.
      if (token && isRevokedToken(this.store.db, tokenHash(token))) return { reply: { ok: false, error: { code: 'UNAUTHENTICATED', message: SESSION_ENDED, details: { reason: 'SESSION_ENDED' } } } };
      return { reply: failure('UNAUTHENTICATED') };
    }
    if (def.permission && actor && !can(actor.role, def.permission)) return { reply: failure('FORBIDDEN', { permission: def.permission }) };

    // An enrolled register takes master data from HQ only: nothing here may fork it.
    if (HQ_MANAGED_COMMANDS.has(name) && hqEnrollment(this.store.db)) return { reply: failure('MANAGED_BY_HQ') };

    const parsed = def.input.safeParse(rawInput);
    if (!parsed.success) return { reply: { ok: false, error: validationError(parsed.error) } };
    const input = parsed.data as Record<string, unknown>;
    const requestId = def.mutating && typeof input['requestId'] === 'string' ? input['requestId'] : null;
    return { actor, input, requestId };
  }

  private run(name: Exclude<CommandName, AsyncCommandName | NetworkCommandName>, rawInput: unknown, token: string | null, pins: PinAttempt): Reply<unknown> {
    const def = COMMANDS[name];
    const gate = this.gate(name, rawInput, token);
    if ('reply' in gate) return gate.reply;
    const { actor, input, requestId } = gate;

    const { sqlite, db } = this.store;
    if (isReadOnly(name)) return this.read(name, def.output, actor, input, pins);
    sqlite.exec('BEGIN IMMEDIATE');
    const digest = requestId === null ? null : requestDigest(name, input);
    const replay = this.replayOf(name, actor, requestId, digest);
    if (replay) {
      sqlite.exec('ROLLBACK');
      return replay;
    }

    const ctx = this.context(actor, pins);
    const outcome = (HANDLERS[name] as (ctx: Ctx, input: unknown) => Outcome<unknown>)(ctx, input);
    const commit = outcome.ok || ('commit' in outcome && outcome.commit);
    const reply = replyOf(outcome, def.output);
    if (!commit) {
      sqlite.exec('ROLLBACK');
      return reply;
    }
    // A cash event opens the drawer: its DRAWER_OPENED entry commits with it (engine/drawer.ts).
    if (outcome.ok && ctx.actor) recordDrawerOpening({ ...ctx, actor: ctx.actor }, name, outcome.value);
    if (requestId !== null && digest !== null && actor) {
      storeReply(db, { userId: actor.id, requestId, command: name, reply: JSON.stringify(reply), bodyDigest: digest, at: ctx.at });
    }
    sqlite.exec('COMMIT');
    if (reply.ok) this.wrote.add(reply);
    else this.kept.add(reply);
    this.committed(name);
    return reply;
  }

  /**
   * Whether `reply` answers a mutating command that just succeeded and wrote, as opposed to a replay of an earlier
   * requestId (the same answer, nothing done again), a refusal or a read. Hosts act on a command's side effects outside
   * the database (printing its slip, pulsing the drawer) only for such a reply, so a retried request never prints twice.
   */
  acted(reply: Reply<unknown>): boolean {
    return this.wrote.has(reply);
  }

  /** Whether `reply` is a refusal whose writes the engine committed on purpose (`keep`): every other refusal wrote nothing. */
  keptRefusal(reply: Reply<unknown>): boolean {
    return this.kept.has(reply);
  }

  /**
   * A read-only command: a deferred transaction (its snapshot starts at the first read and takes no write lock) with
   * `query_only` on, so a handler that tried to write would throw SQLITE_READONLY (a bug) instead of taking the lock.
   */
  private read(name: Exclude<CommandName, AsyncCommandName | NetworkCommandName>, output: z.ZodType, actor: Actor | null, input: unknown, pins: PinAttempt): Reply<unknown> {
    const { sqlite } = this.store;
    sqlite.exec('BEGIN');
    sqlite.exec('PRAGMA query_only = 1');
    try {
      const outcome = (HANDLERS[name] as (ctx: Ctx, input: unknown) => Outcome<unknown>)(this.context(actor, pins), input);
      const reply = replyOf(outcome, output);
      sqlite.exec(outcome.ok ? 'COMMIT' : 'ROLLBACK');
      return reply;
    } finally {
      sqlite.exec('PRAGMA query_only = 0');
    }
  }

  private context(actor: Actor | null, pins: PinAttempt): Ctx {
    const now = this.clock();
    const { db } = this.store;
    return { db, now, at: now.toISOString(), elapsedMs: this.monotonic(), secrets: this.secrets, actor, newId: () => this.newIdAt(now.getTime()), newToken, pins };
  }

  private committed(name: CommandName): void {
    try {
      this.afterCommit?.(name);
    } catch (e) {
      console.error(`[engine] afterCommit(${name}) failed:`, e);
    }
  }
}

function replyOf(outcome: Outcome<unknown>, output: z.ZodType): Reply<unknown> {
  // The output schema is the contract: it also strips any field a handler should not have leaked.
  return outcome.ok ? { ok: true, data: output.parse(outcome.value) } : { ok: false, error: replyError(outcome.error) };
}
