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
import { INSERT_BUNDLE, INSERT_COLUMNS, REJECTED_COLUMNS, SUMMARY_COLUMNS, insertValues, toRejected, toSummary } from './rows';
import type { HqStore, IngestOutcome, KeyOwner, MasterKey, MasterPlan, MasterRecord, RedeemOutcome, RejectedInput, RejectedRecord, SessionFilter, SessionSummary, StoredChange } from './store';
import { masterMapKey } from './store';

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
      const holder = claimed.get(s.branchCode, s.registerCode, s.sessionNumber) as { session_id: string } | undefined;
      if (holder) return { kind: 'number_taken', storedSessionId: holder.session_id };
      claim.run(s.branchCode, s.registerCode, s.sessionNumber, s.sessionId);
      const info = this.sqlite
        .prepare(
          `INSERT INTO sessions (${INSERT_COLUMNS}) VALUES (${INSERT_COLUMNS.split(',').map(() => '?').join(', ')})`,
        )
        .run(...insertValues(s, receivedAt));
      this.sqlite.prepare(`${INSERT_BUNDLE} (?, ?)`).run(s.sessionId, verified.canonical);
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
    // Two point reads in one snapshot: the small row, then its bundle from its own table.
    const read = this.sqlite.transaction(() => {
      const row = this.sqlite.prepare(`SELECT ${SUMMARY_COLUMNS} FROM sessions WHERE session_id = ?`).get(sessionId) as SessionRow | undefined;
      if (!row) return null;
      const stored = this.sqlite.prepare('SELECT bundle FROM session_bundles WHERE session_id = ?').get(sessionId) as { bundle: string } | undefined;
      if (!stored) throw new Error(`hq: session ${sessionId} has no stored bundle`);
      return { summary: toSummary(row), canonical: stored.bundle };
    });
    return Promise.resolve(read.deferred());
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

  close(): Promise<void> {
    if (this.sqlite.open) this.sqlite.close();
    return Promise.resolve();
  }
}
