// The default HQ store: one SQLite file in the data folder (embedded, zero setup). Migrations are HQ's shared list
// (migrations.ts, SQLite dialect), tracked by PRAGMA user_version; a database written by a newer HQ is refused, not touched.
// Invariants: `sessions` is unique by session_id and append-only (triggers); ingest runs in one IMMEDIATE transaction,
// so concurrent deliveries of one session, from this process or another, leave exactly one row.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { VerifiedBundle } from '../src/sync/protocol';
import { HQ_MIGRATIONS, HqDatabaseFromFutureError, migrationSql } from './migrations';
import type { RejectedRow, SessionRow } from './rows';
import { INSERT_COLUMNS, REJECTED_COLUMNS, SUMMARY_COLUMNS, insertValues, toRejected, toSummary } from './rows';
import type { HqSql, HqStore, IngestOutcome, KeyOwner, MasterKey, MasterPlan, MasterRecord, RedeemOutcome, RejectedInput, RejectedRecord, SessionFilter, SessionSummary, StoredChange } from './store';
import type { RegisterStream, StoredStreamEntry, StreamHeader, StreamPlan, StreamState, TamperRecord } from './store';
import { masterMapKey } from './store';
import type { SessionBundle } from '../src/sync/protocol';
import { branchTimeZone, factsOf } from './reports/facts';
import type { DailyRangeQuery, DailyRangeReport, OverShortQuery, OverShortReport, ReportDb, SessionPage, SessionPageQuery, SqlArg } from './reports/queries';
import { BRANCH_RECORD_SQL, MISSING_FACTS_SQL, dailyRangeReport, factsStatements, listSessionPage, overShortReport } from './reports/queries';
import { firstDivergence } from './anchor';
import { STREAM_REGISTERS_SQL, STREAM_TAMPER_COLUMNS, type StreamRegisterRow, type TamperRow, streamRegistersOf, toTamper } from './stream-rows';

export { HQ_MIGRATIONS, HqDatabaseFromFutureError };

export const HQ_DB_FILE = 'hq.db';

export function migrateHq(sqlite: Database.Database, file: string): void {
  const version = sqlite.pragma('user_version', { simple: true }) as number;
  if (version > HQ_MIGRATIONS.length) throw new HqDatabaseFromFutureError(file, version);
  for (const m of HQ_MIGRATIONS) {
    if (m.version <= version) continue;
    sqlite.transaction(() => {
      sqlite.exec(migrationSql(m, 'sqlite'));
      sqlite.pragma(`user_version = ${m.version}`);
    })();
  }
}

export class SqliteHqStore implements HqStore {
  readonly sqlite: Database.Database;

  constructor(readonly file: string) {
    this.sqlite = new Database(file);
    try {
      this.sqlite.pragma('journal_mode = WAL');
      this.sqlite.pragma('synchronous = FULL');
      this.sqlite.pragma('foreign_keys = ON');
      this.sqlite.pragma('busy_timeout = 5000');
      migrateHq(this.sqlite, file);
    } catch (e) {
      this.sqlite.close();
      throw e;
    }
  }

  readonly sql: HqSql = {
    all: <T>(sql: string, params: readonly (string | number | null)[] = []) => Promise.resolve().then(() => this.sqlite.prepare(sql).all(...params) as T[]),
    run: (sql: string, params: readonly (string | number | null)[] = []) => Promise.resolve().then(() => this.sqlite.prepare(sql).run(...params).changes),
  };

  static inDir(dataDir: string): SqliteHqStore {
    mkdirSync(dataDir, { recursive: true });
    return new SqliteHqStore(path.join(dataDir, HQ_DB_FILE));
  }

  addKey(keyHash: string, owner: KeyOwner, createdAt: string): Promise<void> {
    this.sqlite
      .prepare('INSERT INTO api_keys (key_hash, role, branch_code, register_code, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(keyHash, owner.role, owner.role === 'REGISTER' ? owner.branchCode : null, owner.role === 'REGISTER' ? owner.registerCode : null, createdAt);
    return Promise.resolve();
  }

  findKey(keyHash: string): Promise<KeyOwner | null> {
    const row = this.sqlite.prepare('SELECT role, branch_code, register_code FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL').get(keyHash) as
      | { role: 'REGISTER' | 'ADMIN'; branch_code: string | null; register_code: string | null }
      | undefined;
    if (!row) return Promise.resolve(null);
    if (row.role === 'ADMIN') return Promise.resolve({ role: 'ADMIN' });
    return Promise.resolve({ role: 'REGISTER', branchCode: row.branch_code ?? '', registerCode: row.register_code ?? '' });
  }

  ingest(verified: VerifiedBundle, s: Omit<SessionSummary, 'hqSequence' | 'receivedAt'>, receivedAt: string): Promise<IngestOutcome> {
    const find = this.sqlite.prepare('SELECT hq_sequence, chain_head, received_at FROM sessions WHERE session_id = ?');
    const claimed = this.sqlite.prepare('SELECT session_id FROM session_numbers WHERE branch_code = ? AND register_code = ? AND session_number = ?');
    const claim = this.sqlite.prepare('INSERT INTO session_numbers (branch_code, register_code, session_number, session_id) VALUES (?, ?, ?, ?)');
    const run = this.sqlite.transaction((): IngestOutcome => {
      const existing = find.get(s.sessionId) as { hq_sequence: number; chain_head: string; received_at: string } | undefined;
      if (existing) {
        if (existing.chain_head !== verified.head) return { kind: 'conflict', storedHead: existing.chain_head };
        return { kind: 'duplicate', receipt: { sessionId: s.sessionId, hqSequence: existing.hq_sequence, receivedAt: existing.received_at, chainHead: existing.chain_head, duplicate: true } };
      }
      // What HQ acknowledged while the session streamed is fixed: the sealed ledger must extend it.
      const divergence = firstDivergence(this.streamedOf(s.sessionId), verified.bundle.entries);
      if (divergence) return { kind: 'anchor_conflict', divergence };
      const holder = claimed.get(s.branchCode, s.registerCode, s.sessionNumber) as { session_id: string } | undefined;
      if (holder && holder.session_id !== s.sessionId) return { kind: 'number_taken', storedSessionId: holder.session_id };
      // A streamed session claimed its number with its first batch.
      if (!holder) claim.run(s.branchCode, s.registerCode, s.sessionNumber, s.sessionId);
      const info = this.sqlite
        .prepare(
          `INSERT INTO sessions (${INSERT_COLUMNS}) VALUES (${INSERT_COLUMNS.split(',').map(() => '?').join(', ')})`,
        )
        .run(...insertValues(s, verified, receivedAt));
      this.writeFacts(Number(info.lastInsertRowid), verified.bundle);
      return { kind: 'stored', receipt: { sessionId: s.sessionId, hqSequence: Number(info.lastInsertRowid), receivedAt, chainHead: verified.head, duplicate: false } };
    });
    // IMMEDIATE: take the write lock before the read, so another process cannot insert between our check and insert.
    return Promise.resolve(run.immediate());
  }

  reject(r: RejectedInput): Promise<number> {
    const info = this.sqlite
      .prepare(
        `INSERT INTO rejected_bundles (received_at, reason, http_status, session_id, branch_code, register_code, sender_branch_code, sender_register_code, details, body, body_bytes, body_sha256)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(r.receivedAt, r.reason, r.httpStatus, r.sessionId, r.branchCode, r.registerCode, r.senderBranchCode, r.senderRegisterCode, r.details, r.body, r.bodyBytes, r.bodySha256);
    return Promise.resolve(Number(info.lastInsertRowid));
  }

  listSessions(f: SessionFilter): Promise<SessionSummary[]> {
    const where: string[] = [];
    const args: (string | number)[] = [];
    const eq = (column: string, value: string | number | undefined, op = '=') => {
      if (value === undefined) return;
      where.push(`${column} ${op} ?`);
      args.push(value);
    };
    eq('branch_code', f.branchCode);
    eq('register_code', f.registerCode);
    eq('business_date', f.businessDate);
    eq('business_date', f.fromDate, '>=');
    eq('business_date', f.toDate, '<=');
    eq('status', f.status);
    eq('hq_sequence', f.afterSequence, '>');
    const sql = `SELECT ${SUMMARY_COLUMNS} FROM sessions ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY hq_sequence LIMIT ?`;
    const rows = this.sqlite.prepare(sql).all(...args, f.limit) as SessionRow[];
    return Promise.resolve(rows.map(toSummary));
  }

  getSession(sessionId: string): Promise<{ summary: SessionSummary; canonical: string } | null> {
    const row = this.sqlite.prepare(`SELECT ${SUMMARY_COLUMNS}, bundle FROM sessions WHERE session_id = ?`).get(sessionId) as (SessionRow & { bundle: string }) | undefined;
    return Promise.resolve(row ? { summary: toSummary(row), canonical: row.bundle } : null);
  }

  listRejected(limit: number, afterId = 0): Promise<RejectedRecord[]> {
    const rows = this.sqlite.prepare(`SELECT ${REJECTED_COLUMNS} FROM rejected_bundles WHERE id > ? ORDER BY id LIMIT ?`).all(afterId, limit) as RejectedRow[];
    return Promise.resolve(rows.map(toRejected));
  }

  masterUpdate<T>(keys: readonly MasterKey[], decide: (current: ReadonlyMap<string, MasterRecord>) => MasterPlan<T>, at: string): Promise<MasterPlan<T>> {
    const read = this.sqlite.prepare('SELECT entity, key, branch_code AS branch, data, version FROM master_records WHERE entity = ? AND key = ?');
    const upsert = this.sqlite.prepare(
      `INSERT INTO master_records (entity, key, branch_code, data, version) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (entity, key) DO UPDATE SET branch_code = excluded.branch_code, data = excluded.data, version = excluded.version`,
    );
    const remove = this.sqlite.prepare('DELETE FROM master_records WHERE entity = ? AND key = ?');
    const log = this.sqlite.prepare('INSERT INTO master_changes (version, entity, key, branch_code, data, at) VALUES (?, ?, ?, ?, ?, ?)');
    const run = this.sqlite.transaction((): MasterPlan<T> => {
      let head = (this.sqlite.prepare('SELECT version FROM master_head WHERE id = 1').get() as { version: number }).version;
      const current = new Map<string, MasterRecord>();
      for (const k of keys) {
        const row = read.get(k.entity, k.key) as MasterRecord | undefined;
        if (row) current.set(masterMapKey(k.entity, k.key), row);
      }
      const plan = decide(current);
      if (!plan.ok) return plan;
      for (const w of plan.writes) {
        if (w.data === null) {
          if (w.logged) throw new Error(`master: a logged ${w.entity} is never deleted`);
          remove.run(w.entity, w.key);
          continue;
        }
        if (w.logged) {
          head++;
          log.run(head, w.entity, w.key, w.branch, w.data, at);
        }
        upsert.run(w.entity, w.key, w.branch, w.data, w.logged ? head : 0);
      }
      this.sqlite.prepare('UPDATE master_head SET version = ? WHERE id = 1').run(head);
      return plan;
    });
    return Promise.resolve(run.immediate());
  }

  masterGet(entity: string, key: string): Promise<MasterRecord | null> {
    const row = this.sqlite.prepare('SELECT entity, key, branch_code AS branch, data, version FROM master_records WHERE entity = ? AND key = ?').get(entity, key) as MasterRecord | undefined;
    return Promise.resolve(row ?? null);
  }

  masterList(entity: string): Promise<MasterRecord[]> {
    return Promise.resolve(this.sqlite.prepare('SELECT entity, key, branch_code AS branch, data, version FROM master_records WHERE entity = ? ORDER BY key').all(entity) as MasterRecord[]);
  }

  masterChanges(after: number, branch: string, limit: number): Promise<{ changes: StoredChange[]; next: number; head: number }> {
    // One deferred transaction: the head and the page come from the same snapshot.
    const run = this.sqlite.transaction(() => {
      const head = (this.sqlite.prepare('SELECT version FROM master_head WHERE id = 1').get() as { version: number }).version;
      const changes = this.sqlite
        .prepare(
          `SELECT version, entity, key, branch_code AS branch, data FROM master_changes
           WHERE version > ? AND version <= ? AND (branch_code IS NULL OR branch_code = ?) ORDER BY version LIMIT ?`,
        )
        .all(after, head, branch, limit) as StoredChange[];
      const last = changes[changes.length - 1];
      return { changes, head, next: changes.length === limit && last ? last.version : Math.max(head, after) };
    });
    return Promise.resolve(run.deferred());
  }

  addEnrollmentCode(codeHash: string, branchCode: string, registerCode: string, createdAt: string, expiresAt: string): Promise<void> {
    this.sqlite
      .prepare('INSERT INTO enrollment_codes (code_hash, branch_code, register_code, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(codeHash, branchCode, registerCode, createdAt, expiresAt);
    return Promise.resolve();
  }

  redeemEnrollmentCode(codeHash: string, at: string, keyHash: string): Promise<RedeemOutcome> {
    const run = this.sqlite.transaction((): RedeemOutcome => {
      const row = this.sqlite.prepare('SELECT branch_code, register_code, expires_at, used_at FROM enrollment_codes WHERE code_hash = ?').get(codeHash) as
        | { branch_code: string; register_code: string; expires_at: string; used_at: string | null }
        | undefined;
      if (!row) return { kind: 'ENROLLMENT_CODE_UNKNOWN' };
      if (row.used_at !== null) return { kind: 'ENROLLMENT_CODE_USED' };
      if (row.expires_at <= at) return { kind: 'ENROLLMENT_CODE_EXPIRED' };
      this.sqlite.prepare('UPDATE enrollment_codes SET used_at = ? WHERE code_hash = ?').run(at, codeHash);
      this.sqlite
        .prepare("INSERT INTO api_keys (key_hash, role, branch_code, register_code, created_at) VALUES (?, 'REGISTER', ?, ?, ?)")
        .run(keyHash, row.branch_code, row.register_code, at);
      return { kind: 'ok', branchCode: row.branch_code, registerCode: row.register_code };
    });
    return Promise.resolve(run.immediate());
  }

  /** Records a stored session's report facts and hours (hq/reports); inside the caller's transaction. */
  private writeFacts(hqSequence: number, bundle: SessionBundle): void {
    const branch = this.sqlite.prepare(BRANCH_RECORD_SQL).get(bundle.branchCode) as { data: string } | undefined;
    const { insert, rollups } = factsStatements(hqSequence, factsOf(bundle, branchTimeZone(branch?.data ?? null)));
    if (this.sqlite.prepare(insert.sql).run(...insert.args).changes !== 1) return;
    for (const r of rollups) this.sqlite.prepare(r.sql).run(...r.args);
  }

  private readonly reportDb: ReportDb = {
    all: <T>(sql: string, args: readonly SqlArg[]) => Promise.resolve(this.sqlite.prepare(sql).all(...args) as T[]),
  };

  reportSessions(q: SessionPageQuery): Promise<SessionPage> {
    return listSessionPage(this.reportDb, q);
  }

  reportDaily(q: DailyRangeQuery): Promise<DailyRangeReport> {
    return dailyRangeReport(this.reportDb, q);
  }

  reportOverShort(q: OverShortQuery): Promise<OverShortReport> {
    return overShortReport(this.reportDb, q);
  }

  async backfillReports(batch = 200): Promise<number> {
    let done = 0;
    for (;;) {
      const missing = this.sqlite.prepare(MISSING_FACTS_SQL).all(batch) as { hqSequence: number; sessionId: string }[];
      if (missing.length === 0) return done;
      for (const m of missing) {
        const stored = await this.getSession(m.sessionId);
        if (!stored) throw new Error(`backfill: session ${m.sessionId} vanished`);
        const bundle = JSON.parse(stored.canonical) as SessionBundle;
        this.sqlite.transaction(() => this.writeFacts(m.hqSequence, bundle)).immediate();
        done++;
      }
    }
  }

  private streamedOf(sessionId: string): StoredStreamEntry[] {
    return this.sqlite.prepare('SELECT seq, hash, entry FROM stream_entries WHERE session_id = ? ORDER BY seq').all(sessionId) as StoredStreamEntry[];
  }

  /** The sealed bundle's canonical JSON, when HQ holds the session. */
  private sealedBundle(sessionId: string): string | null {
    const row = this.sqlite.prepare('SELECT bundle FROM sessions WHERE session_id = ?').get(sessionId) as { bundle: string } | undefined;
    return row?.bundle ?? null;
  }

  /** Batches waiting for the next group commit (see `streamUpdate`). */
  private streamQueue: { readonly run: () => unknown; readonly resolve: (v: unknown) => void; readonly reject: (e: unknown) => void }[] = [];

  /**
   * Group commit: batches arriving in the same turn of the event loop (many registers at once) are decided and written
   * in one IMMEDIATE transaction, each in its own savepoint (one failing undoes only itself), so they share one fsync
   * instead of one each. Each answer is resolved only after that transaction committed.
   */
  streamUpdate<T>(h: StreamHeader, range: { from: number; to: number }, decide: (state: StreamState) => StreamPlan<T>, receivedAt: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.streamQueue.push({ run: () => this.streamUpdateIn(h, range, decide, receivedAt), resolve: resolve as (v: unknown) => void, reject });
      if (this.streamQueue.length === 1) setImmediate(() => this.flushStream());
    });
  }

  private flushStream(): void {
    const group = this.streamQueue.splice(0);
    const results: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      this.sqlite
        .transaction(() => {
          for (const item of group) {
            try {
              results.push({ ok: true, value: this.sqlite.transaction(item.run)() });
            } catch (error) {
              results.push({ ok: false, error });
            }
          }
        })
        .immediate();
    } catch (error) {
      for (const item of group) item.reject(error);
      return;
    }
    group.forEach((item, i) => {
      const r = results[i];
      if (r?.ok) item.resolve(r.value);
      else item.reject(r?.error ?? new Error('stream group commit: no result'));
    });
  }

  /** One batch's read, decision and writes; runs inside the group's transaction (a savepoint of its own). */
  private streamUpdateIn<T>(h: StreamHeader, range: { from: number; to: number }, decide: (state: StreamState) => StreamPlan<T>, receivedAt: string): T {
    const run = (): T => {
      const head = this.sqlite
        .prepare('SELECT branch_code AS branchCode, register_code AS registerCode, session_number AS sessionNumber, head_seq AS seq, head_hash AS hash FROM stream_sessions WHERE session_id = ?')
        .get(h.sessionId) as StreamState['head'] | undefined;
      const stored = new Map<number, StoredStreamEntry>();
      if (head) {
        const rows = this.sqlite
          .prepare('SELECT seq, hash, entry FROM stream_entries WHERE session_id = ? AND ((seq >= ? AND seq <= ?) OR seq = ?)')
          .all(h.sessionId, range.from, Math.min(range.to, head.seq), head.seq) as StoredStreamEntry[];
        for (const r of rows) stored.set(r.seq, r);
      }
      const holder = this.sqlite.prepare('SELECT session_id FROM session_numbers WHERE branch_code = ? AND register_code = ? AND session_number = ?').get(h.branchCode, h.registerCode, h.sessionNumber) as
        | { session_id: string }
        | undefined;
      const plan = decide({ head: head ?? null, stored, sealed: this.sealedBundle(h.sessionId), numberHolder: holder?.session_id ?? null });
      if (!plan.ok) {
        if (plan.tamper) this.insertTamper(plan.tamper);
        return plan.value;
      }
      if (plan.claimNumber) {
        this.sqlite.prepare('INSERT INTO session_numbers (branch_code, register_code, session_number, session_id) VALUES (?, ?, ?, ?)').run(h.branchCode, h.registerCode, h.sessionNumber, h.sessionId);
      }
      const insert = this.sqlite.prepare('INSERT INTO stream_entries (session_id, seq, hash, entry, received_at) VALUES (?, ?, ?, ?, ?)');
      for (const e of plan.append) insert.run(h.sessionId, e.seq, e.hash, e.entry, receivedAt);
      if (plan.head && head) {
        this.sqlite
          .prepare('UPDATE stream_sessions SET head_seq = ?, head_hash = ?, last_entry_at = ?, last_received_at = ? WHERE session_id = ?')
          .run(plan.head.seq, plan.head.hash, plan.head.lastEntryAt, receivedAt, h.sessionId);
      } else if (plan.head) {
        this.sqlite
          .prepare(
            `INSERT INTO stream_sessions (session_id, branch_code, register_code, session_number, business_date, currency, head_seq, head_hash, last_entry_at, first_received_at, last_received_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(h.sessionId, h.branchCode, h.registerCode, h.sessionNumber, h.businessDate, h.currency, plan.head.seq, plan.head.hash, plan.head.lastEntryAt, receivedAt, receivedAt);
      }
      return plan.value;
    };
    return run();
  }

  private insertTamper(t: TamperRecord): void {
    this.sqlite
      .prepare(
        `INSERT INTO stream_tampering (received_at, via, session_id, branch_code, register_code, seq, stored_hash, stored_entry, received_hash, received_entry)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(t.receivedAt, t.via, t.sessionId, t.branchCode, t.registerCode, t.seq, t.storedHash, t.storedEntry, t.receivedHash, t.receivedEntry);
  }

  recordTamper(t: TamperRecord): Promise<void> {
    this.insertTamper(t);
    return Promise.resolve();
  }

  reportBacklog(branchCode: string, registerCode: string, b: { entries: number; sessions: number }, at: string): Promise<void> {
    this.sqlite
      .prepare(
        `INSERT INTO register_backlog (branch_code, register_code, entries, sessions, reported_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (branch_code, register_code) DO UPDATE SET entries = excluded.entries, sessions = excluded.sessions, reported_at = excluded.reported_at
         WHERE excluded.reported_at >= register_backlog.reported_at`,
      )
      .run(branchCode, registerCode, b.entries, b.sessions, at);
    return Promise.resolve();
  }

  listTampering(limit: number, afterId = 0): Promise<(TamperRecord & { id: number })[]> {
    const rows = this.sqlite.prepare(`SELECT ${STREAM_TAMPER_COLUMNS} FROM stream_tampering WHERE id > ? ORDER BY id LIMIT ?`).all(afterId, limit) as TamperRow[];
    return Promise.resolve(rows.map(toTamper));
  }

  streamRegisters(): Promise<RegisterStream[]> {
    return Promise.resolve(streamRegistersOf(this.sqlite.prepare(STREAM_REGISTERS_SQL).all() as StreamRegisterRow[]));
  }

  streamEntries(sessionId: string): Promise<StoredStreamEntry[]> {
    return Promise.resolve(this.streamedOf(sessionId));
  }

  close(): Promise<void> {
    if (this.sqlite.open) this.sqlite.close();
    return Promise.resolve();
  }
}
