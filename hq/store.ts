// HQ storage behind one small interface, so the SQLite default and a PostgreSQL implementation are interchangeable.
// Every method is async because a networked database is. Invariants every implementation keeps:
// - a session is stored at most once (unique by sessionId), in one transaction with its summary, never updated or
//   deleted afterwards; a second ingest of the same sessionId answers from the stored row;
// - keys are stored only as SHA-256 hex digests;
// - at most one session per (branch, register, session number): a second sessionId for a taken number is refused;
// - rejected bundles are kept, append-only, with their reason, a capped prefix of the body, its size and digest;
// - master data: every logged write appends one change with the next version (no gaps, commit order), in the same
//   transaction as the current state; writers are serialized, so a `decide` sees the state it replaces;
// - an enrollment code is redeemed at most once, before it expires, in the transaction that creates the register's key.
import type { MethodTotals } from '../src/sale/methods';
import type { DrawerTotals, OperationTotals } from '../src/session/ledger';
import type { EnrollRefusal } from '../src/sync/master';
import type { Receipt, SealedStatus, VerifiedBundle } from '../src/sync/protocol';
import type { DailyRangeQuery, DailyRangeReport, OverShortQuery, OverShortReport, SessionPage, SessionPageQuery } from './reports/queries';

export type KeyOwner = { readonly role: 'REGISTER'; readonly branchCode: string; readonly registerCode: string } | { readonly role: 'ADMIN' };

/** One stored session as the read endpoints show it; the bundle itself is fetched separately. */
export interface SessionSummary {
  readonly hqSequence: number;
  readonly sessionId: string;
  readonly branchCode: string;
  readonly registerCode: string;
  readonly sessionNumber: string;
  readonly businessDate: string;
  readonly currency: string;
  readonly status: SealedStatus;
  readonly chainHead: string;
  readonly entryCount: number;
  readonly openedAt: string;
  readonly closedAt: string;
  readonly openingAmount: number;
  readonly closingAmount: number;
  readonly expectedAmount: number;
  readonly difference: number;
  readonly salesCount: number;
  readonly salesTotal: number;
  readonly depositsTotal: number;
  readonly withdrawalsTotal: number;
  readonly byMethod: MethodTotals;
  /** Voids, refunds and agent operations, from the seal (zeros for a seal that carries none: its ledger had none). */
  readonly operations: OperationTotals;
  /** Drawer openings of every cause and with no sale, and the net cash rounding, from the seal (zeros: it declares none). */
  readonly drawer: DrawerTotals;
  readonly receivedAt: string;
}

export type IngestOutcome =
  | { readonly kind: 'stored'; readonly receipt: Receipt }
  | { readonly kind: 'duplicate'; readonly receipt: Receipt }
  | { readonly kind: 'conflict'; readonly storedHead: string }
  /** Another sessionId already holds this (branch, register, session number). */
  | { readonly kind: 'number_taken'; readonly storedSessionId: string }
  /** The sealed ledger contradicts entries HQ acknowledged while the session streamed (nothing stored). */
  | { readonly kind: 'anchor_conflict'; readonly divergence: Divergence };

/** Where a ledger first contradicts what HQ acknowledged: the seq and both versions (canonical JSON of each entry). */
export interface Divergence {
  readonly seq: number;
  readonly storedHash: string;
  readonly storedEntry: string;
  /** Empty when the received ledger ends before the acknowledged one. */
  readonly receivedHash: string;
  readonly receivedEntry: string;
}

/** A streamed session's identity, as its batches (and its SESSION_OPENED) name it. */
export interface StreamHeader {
  readonly sessionId: string;
  readonly branchCode: string;
  readonly registerCode: string;
  readonly sessionNumber: string;
  readonly businessDate: string;
  readonly currency: string;
}

/** One streamed entry as HQ keeps it: `entry` is its canonical JSON, the bytes that hash to `hash`. */
export interface StoredStreamEntry {
  readonly seq: number;
  readonly hash: string;
  readonly entry: string;
}

/** What a batch is decided against, read in the batch's transaction. */
export interface StreamState {
  /** HQ's acknowledged head for the session and the identity it was first streamed under; null: never streamed. */
  readonly head: { readonly branchCode: string; readonly registerCode: string; readonly sessionNumber: string; readonly seq: number; readonly hash: string } | null;
  /** Stored entries with seq in the asked range, plus the head entry, by seq. */
  readonly stored: ReadonlyMap<number, StoredStreamEntry>;
  /** The canonical sealed bundle when HQ already holds the session closed (or transferred). */
  readonly sealed: string | null;
  /** The session id that holds the header's (branch, register, session number), if any. */
  readonly numberHolder: string | null;
}

export interface TamperRecord extends Divergence {
  readonly receivedAt: string;
  /** Found in a live batch or in the sealed session at close. */
  readonly via: 'BATCH' | 'SEAL';
  readonly sessionId: string;
  readonly branchCode: string;
  readonly registerCode: string;
}

export type StreamPlan<T> =
  | {
      readonly ok: true;
      readonly value: T;
      /** Claim the header's session number for this session id (its first batch). */
      readonly claimNumber: boolean;
      readonly append: readonly StoredStreamEntry[];
      /** The new head (null: unchanged). */
      readonly head: { readonly seq: number; readonly hash: string; readonly lastEntryAt: string } | null;
    }
  | { readonly ok: false; readonly value: T; readonly tamper: TamperRecord | null };

/** One register as the stream sees it: its last reported backlog and its streamed sessions not yet sealed at HQ. */
export interface RegisterStream {
  readonly branchCode: string;
  readonly registerCode: string;
  readonly backlog: { readonly entries: number; readonly sessions: number; readonly reportedAt: string } | null;
  readonly open: readonly {
    readonly sessionId: string;
    readonly sessionNumber: string;
    readonly businessDate: string;
    readonly headSeq: number;
    readonly lastEntryAt: string;
    readonly lastReceivedAt: string;
  }[];
}

export interface RejectedInput {
  readonly receivedAt: string;
  readonly reason: string;
  readonly httpStatus: number;
  readonly sessionId: string | null;
  readonly branchCode: string | null;
  readonly registerCode: string | null;
  /** Who sent it (the key's register), which may differ from what the bundle claims. */
  readonly senderBranchCode: string | null;
  readonly senderRegisterCode: string | null;
  readonly details: string | null;
  /** The first REJECTED_BODY_PREFIX bytes of the request body (the rest is never kept). */
  readonly body: string;
  /** The whole body's size in bytes and SHA-256 hex (null on rows stored before migration 3, whose body is whole). */
  readonly bodyBytes: number | null;
  readonly bodySha256: string | null;
}

/** How much of a refused body is kept for review: enough to read its header and first entries, never a flood. */
export const REJECTED_BODY_PREFIX = 16 * 1024;

export interface RejectedRecord extends RejectedInput {
  readonly id: number;
}

export interface SessionFilter {
  readonly branchCode?: string | undefined;
  readonly registerCode?: string | undefined;
  /** Business date, exact, or a range (inclusive). */
  readonly businessDate?: string | undefined;
  readonly fromDate?: string | undefined;
  readonly toDate?: string | undefined;
  readonly status?: SealedStatus | undefined;
  /** Keyset pagination on hqSequence. */
  readonly afterSequence?: number | undefined;
  readonly limit: number;
}

/** One master-data record: an entity's current state (`data`, JSON) and the version of its last logged change. */
export interface MasterRecord {
  readonly entity: string;
  readonly key: string;
  /** The branch it belongs to; null: global (every branch). */
  readonly branch: string | null;
  readonly data: string;
  readonly version: number;
}

export interface MasterKey {
  readonly entity: string;
  readonly key: string;
}

/** A write of a record's whole state; `logged` ones become a change registers pull, others are HQ-only index rows. */
export interface MasterWrite extends MasterKey {
  readonly branch: string | null;
  /** null deletes the record (only for unlogged rows: a logged entity is deactivated, never deleted). */
  readonly data: string | null;
  readonly logged: boolean;
}

export type MasterPlan<T> = { readonly ok: true; readonly writes: readonly MasterWrite[]; readonly value: T } | { readonly ok: false; readonly code: string; readonly message: string };

/** Map key of a record in `decide`'s view. */
export const masterMapKey = (entity: string, key: string): string => `${entity}\u0000${key}`;

export interface StoredChange {
  readonly version: number;
  readonly entity: string;
  readonly key: string;
  readonly branch: string | null;
  readonly data: string;
}

export type RedeemOutcome = { readonly kind: 'ok'; readonly branchCode: string; readonly registerCode: string } | { readonly kind: EnrollRefusal };

/**
 * One statement at a time in the store's dialect-neutral SQL (`?` placeholders; the shared schema of migrations.ts),
 * for features whose tables are simple rows (HQ people and their console sessions: people.ts). Each call is its own
 * transaction; anything that must be atomic across statements belongs in a store method instead.
 */
export interface HqSql {
  all<T>(sql: string, params?: readonly (string | number | null)[]): Promise<T[]>;
  /** Runs a write; resolves with the number of rows it changed. */
  run(sql: string, params?: readonly (string | number | null)[]): Promise<number>;
}

export interface HqStore {
  /** Single statements over this store's connection (see HqSql). */
  readonly sql: HqSql;
  /**
   * Master-data write in one transaction: reads `keys` (those present), calls `decide` (synchronous, pure) with them
   * by `masterMapKey`, and if it says ok writes its records, appending one change per logged write. Returns the plan.
   */
  masterUpdate<T>(keys: readonly MasterKey[], decide: (current: ReadonlyMap<string, MasterRecord>) => MasterPlan<T>, at: string): Promise<MasterPlan<T>>;
  masterGet(entity: string, key: string): Promise<MasterRecord | null>;
  /** Every record of an entity, by key. */
  masterList(entity: string): Promise<MasterRecord[]>;
  /**
   * Changes after `after` visible to `branch` (its own and global ones), at most `limit`, in version order, read in one
   * snapshot with the head: `next` is the last version covered (head when the page is not full).
   */
  masterChanges(after: number, branch: string, limit: number): Promise<{ readonly changes: StoredChange[]; readonly next: number; readonly head: number }>;
  addEnrollmentCode(codeHash: string, branchCode: string, registerCode: string, createdAt: string, expiresAt: string): Promise<void>;
  /** Marks the code used and stores the register's new key digest, in one transaction; refuses unknown, used or expired codes. */
  redeemEnrollmentCode(codeHash: string, at: string, keyHash: string): Promise<RedeemOutcome>;

  addKey(keyHash: string, owner: KeyOwner, createdAt: string): Promise<void>;
  findKey(keyHash: string): Promise<KeyOwner | null>;
  /** Stores the verified session exactly once and answers with its receipt (the original one on a repeat). */
  ingest(verified: VerifiedBundle, summary: Omit<SessionSummary, 'hqSequence' | 'receivedAt'>, receivedAt: string): Promise<IngestOutcome>;
  reject(input: RejectedInput): Promise<number>;
  listSessions(filter: SessionFilter): Promise<SessionSummary[]>;
  /** The stored summary and the canonical bundle bytes exactly as received. */
  getSession(sessionId: string): Promise<{ readonly summary: SessionSummary; readonly canonical: string } | null>;
  /** Rejected deliveries after `afterId`, oldest first; `body` is at most REJECTED_BODY_PREFIX characters. */
  listRejected(limit: number, afterId?: number): Promise<RejectedRecord[]>;

  // The console's reports (hq/reports/README.md), from the rollups written at ingest (migration 6). Query shapes are
  // validated by hq/reports/schemas.ts at the route; these trust their input.
  /**
   * A page of sealed sessions, newest business date first, filtered by branch, register, cashier (user id), status,
   * difference (SHORT/OVER/EVEN) and business dates; `next` is the keyset position after the page (null at the end).
   */
  reportSessions(q: SessionPageQuery): Promise<SessionPage>;
  /** The daily report over business dates [from, to]: totals, by branch, by date, by local hour, tender mix; per currency. */
  reportDaily(q: DailyRangeQuery): Promise<DailyRangeReport>;
  /** Over/short by cashier over business dates [from, to], with no-sale openings, refused cash-outs, voids, refunds, discounts. */
  reportOverShort(q: OverShortQuery): Promise<OverShortReport>;
  /**
   * Writes the report facts of stored sessions that have none (stored before migration 6), `batch` at a time; returns
   * how many. Run at start (openHqStore); safe to run concurrently with ingest and with another HQ.
   */
  backfillReports(batch?: number): Promise<number>;
  /**
   * A live batch, in one transaction serialized with every other batch and the ingest of the same session: reads the
   * state (`range` bounds the stored entries read), calls `decide` (synchronous, pure), then applies its plan: the
   * number claim, the appended entries and the new head; or, refused, the tamper record only. Returns `value`.
   */
  streamUpdate<T>(header: StreamHeader, range: { readonly from: number; readonly to: number }, decide: (state: StreamState) => StreamPlan<T>, receivedAt: string): Promise<T>;
  /** Keeps a register's last reported backlog (one row per register, replaced). */
  reportBacklog(branchCode: string, registerCode: string, backlog: { readonly entries: number; readonly sessions: number }, at: string): Promise<void>;
  recordTamper(record: TamperRecord): Promise<void>;
  /** Tampering records after `afterId`, oldest first. */
  listTampering(limit: number, afterId?: number): Promise<(TamperRecord & { readonly id: number })[]>;
  /** Every register that streamed or reported a backlog, by branch and register code. */
  streamRegisters(): Promise<RegisterStream[]>;
  /** The streamed entries of a session in seq order (canonical JSON each). */
  streamEntries(sessionId: string): Promise<StoredStreamEntry[]>;
  close(): Promise<void>;
}
