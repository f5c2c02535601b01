// The PostgreSQL HQ store, used when DATABASE_URL is set. Same interface, same migrations (migrations.ts, PostgreSQL
// dialect), same answers as the SQLite store.
// Invariants:
// - migrations run in one transaction under a transaction-scoped advisory lock, each with its hq_schema_migrations row
//   (PostgreSQL DDL is transactional: all pending migrations apply or none), so HQ processes starting together migrate
//   once; a database recorded at a newer version is refused untouched;
// - ingest is one transaction: look up, claim the (branch, register, session number) in session_numbers (a number held
//   by another sessionId is refused), else INSERT ... ON CONFLICT (session_id) DO NOTHING, else look up again. The
//   unique constraint makes concurrent identical deliveries (from any number of HQ processes) leave exactly one row,
//   and the loser reads the winner's row after it commits (READ COMMITTED: each statement sees committed rows);
// - sessions are append-only (triggers on UPDATE, DELETE and TRUNCATE); rejected bundles are never updated;
// - BIGINT columns come back as JS numbers and must be safe integers (money in minor units), or the read fails loudly.
// hq_sequence is increasing but may have gaps (an identity value taken by a delivery that lost the race is not reused).
// The connection URL may name a schema through libpq options, e.g. `?options=-c%20search_path%3Dhq`.
import pg from 'pg';
import type { VerifiedBundle } from '../src/sync/protocol';
import { HQ_MIGRATIONS, HqDatabaseFromFutureError, migrationSql } from './migrations';
import type { RejectedRow, SessionRow } from './rows';
import { INSERT_COLUMNS, REJECTED_COLUMNS, SUMMARY_COLUMNS, insertValues, toRejected, toSummary } from './rows';
import type { HqSql, HqStore, IngestOutcome, KeyOwner, MasterKey, MasterPlan, MasterRecord, MasterWrite, RedeemOutcome, RejectedInput, RejectedRecord, SessionFilter, SessionSummary, StoredChange } from './store';
import type { RegisterStream, StoredStreamEntry, StreamHeader, StreamPlan, StreamState, TamperRecord } from './store';
import { masterMapKey } from './store';
import type { SessionBundle } from '../src/sync/protocol';
import { branchTimeZone, factsOf } from './reports/facts';
import type { DailyRangeQuery, DailyRangeReport, OverShortQuery, OverShortReport, ReportDb, SessionPage, SessionPageQuery, SqlArg } from './reports/queries';
import { BRANCH_RECORD_SQL, MISSING_FACTS_SQL, dailyRangeReport, factsStatements, listSessionPage, overShortReport, pgSql, toPg } from './reports/queries';
import { firstDivergence } from './anchor';
import { STREAM_REGISTERS_SQL, STREAM_TAMPER_COLUMNS, type StreamRegisterRow, type TamperRow, streamRegistersOf, toTamper } from './stream-rows';

/** Serializes the batches and the ingest of one session across HQ processes (a transaction-scoped advisory lock). */
const lockSession = (c: pg.PoolClient, sessionId: string) => c.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 12))', [sessionId]);

/** Rows per multi-row statement of a master write (unnest arrays), so a 100,000-product import is ~100 round trips. */
const MASTER_BATCH = 1000;

/** Arbitrary constant: the advisory lock every HQ takes while migrating. */
const MIGRATION_LOCK = 0x41525155; // 'ARQU'
const INT8_OID = 20;

function safeInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`bigint ${text} is beyond JavaScript's safe integers`);
  return n;
}

/** Per-pool type parsers: BIGINT (count(*), identities, amounts) as safe numbers; the global pg.types is left alone. */
const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? safeInt8 : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

/** Where a URL points, without its credentials (for messages and logs). */
export function describePgUrl(url: string): string {
  try {
    const u = new URL(url);
    return `postgresql://${u.hostname || 'localhost'}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'postgresql (unparsable DATABASE_URL)';
  }
}

async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    try {
      await client.query('ROLLBACK');
    } catch (rollbackError) {
      // The connection itself is gone: drop it from the pool instead of handing it out again.
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    }
    throw e;
  } finally {
    client.release(broken);
  }
}

export async function migratePg(pool: pg.Pool, where: string): Promise<void> {
  await inTransaction(pool, async (c) => {
    await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await c.query('CREATE TABLE IF NOT EXISTS hq_schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    const { rows } = await c.query<{ v: number | null }>('SELECT max(version) AS v FROM hq_schema_migrations');
    const version = rows[0]?.v ?? 0;
    if (version > HQ_MIGRATIONS.length) throw new HqDatabaseFromFutureError(where, version);
    for (const m of HQ_MIGRATIONS) {
      if (m.version <= version) continue;
      await c.query(migrationSql(m, 'postgres'));
      await c.query('INSERT INTO hq_schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, new Date().toISOString()]);
    }
  });
}

/**
 * Records a stored session's report facts and hours (hq/reports) inside the caller's transaction; the hours only when
 * the facts row is new, so a backfill racing an ingest (or another HQ) never counts a session's hours twice.
 */
async function writeFacts(c: pg.PoolClient, hqSequence: number, bundle: SessionBundle): Promise<void> {
  const { rows } = await c.query<{ data: string }>(toPg(BRANCH_RECORD_SQL), [bundle.branchCode]);
  const { insert, rollups } = factsStatements(hqSequence, factsOf(bundle, branchTimeZone(rows[0]?.data ?? null)));
  const inserted = await c.query(toPg(insert.sql), insert.args);
  if (inserted.rowCount !== 1) return;
  for (const r of rollups) await c.query(toPg(r.sql), r.args);
}

export interface PgStoreOptions {
  /** Pool size (default 10). */
  readonly max?: number;
}

export class PgHqStore implements HqStore {
  private constructor(
    readonly pool: pg.Pool,
    readonly where: string,
  ) {}

  /** `?` placeholders become $1, $2 ... (the shared SQL never has a literal question mark). */
  readonly sql: HqSql = {
    all: async <T>(sql: string, params: readonly (string | number | null)[] = []) => {
      let n = 0;
      return (await this.pool.query(sql.replace(/\?/g, () => `$${++n}`), [...params])).rows as T[];
    },
    run: async (sql: string, params: readonly (string | number | null)[] = []) => {
      let n = 0;
      return (await this.pool.query(sql.replace(/\?/g, () => `$${++n}`), [...params])).rowCount ?? 0;
    },
  };

  /** Connects, migrates (or refuses a newer database), and returns the store. */
  static async open(connectionString: string, options: PgStoreOptions = {}): Promise<PgHqStore> {
    const pool = new pg.Pool({ connectionString, max: options.max ?? 10, types: TYPES, application_name: 'arqueo-hq' });
    // An idle connection dropped by the server must not crash HQ; the next query takes a fresh one.
    pool.on('error', (e) => console.error('[hq] postgres idle connection error:', e.message));
    const where = describePgUrl(connectionString);
    try {
      await migratePg(pool, where);
    } catch (e) {
      await pool.end();
      throw e;
    }
    return new PgHqStore(pool, where);
  }

  async addKey(keyHash: string, owner: KeyOwner, createdAt: string): Promise<void> {
    await this.pool.query('INSERT INTO api_keys (key_hash, role, branch_code, register_code, created_at) VALUES ($1, $2, $3, $4, $5)', [
      keyHash,
      owner.role,
      owner.role === 'REGISTER' ? owner.branchCode : null,
      owner.role === 'REGISTER' ? owner.registerCode : null,
      createdAt,
    ]);
  }

  async findKey(keyHash: string): Promise<KeyOwner | null> {
    const { rows } = await this.pool.query<{ role: 'REGISTER' | 'ADMIN'; branch_code: string | null; register_code: string | null }>(
      'SELECT role, branch_code, register_code FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL',
      [keyHash],
    );
    const row = rows[0];
    if (!row) return null;
    if (row.role === 'ADMIN') return { role: 'ADMIN' };
    return { role: 'REGISTER', branchCode: row.branch_code ?? '', registerCode: row.register_code ?? '' };
  }

  ingest(verified: VerifiedBundle, s: Omit<SessionSummary, 'hqSequence' | 'receivedAt'>, receivedAt: string): Promise<IngestOutcome> {
    return inTransaction(this.pool, async (c): Promise<IngestOutcome> => {
      const existing = async (): Promise<IngestOutcome | null> => {
        const { rows } = await c.query<{ hq_sequence: number; chain_head: string; received_at: string }>(
          'SELECT hq_sequence, chain_head, received_at FROM sessions WHERE session_id = $1',
          [s.sessionId],
        );
        const row = rows[0];
        if (!row) return null;
        if (row.chain_head !== verified.head) return { kind: 'conflict', storedHead: row.chain_head };
        return { kind: 'duplicate', receipt: { sessionId: s.sessionId, hqSequence: row.hq_sequence, receivedAt: row.received_at, chainHead: row.chain_head, duplicate: true } };
      };
      // The common repeat (a retry after a lost answer) is answered without touching the identity sequence.
      const before = await existing();
      if (before) return before;
      // What HQ acknowledged while the session streamed is fixed: the sealed ledger must extend it.
      await lockSession(c, s.sessionId);
      const { rows: streamed } = await c.query<StoredStreamEntry>('SELECT seq, hash, entry FROM stream_entries WHERE session_id = $1 ORDER BY seq', [s.sessionId]);
      const divergence = firstDivergence(streamed, verified.bundle.entries);
      if (divergence) return { kind: 'anchor_conflict', divergence };
      // Claim the session number first. A concurrent claim of the same number waits here until its transaction ends;
      // nothing returned means the number (or this sessionId, delivered concurrently) is already held.
      const claim = await c.query(
        `INSERT INTO session_numbers (branch_code, register_code, session_number, session_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING session_id`,
        [s.branchCode, s.registerCode, s.sessionNumber, s.sessionId],
      );
      if (claim.rowCount === 0) {
        const { rows: holders } = await c.query<{ session_id: string }>(
          'SELECT session_id FROM session_numbers WHERE branch_code = $1 AND register_code = $2 AND session_number = $3',
          [s.branchCode, s.registerCode, s.sessionNumber],
        );
        const holder = holders[0]?.session_id;
        if (holder !== undefined && holder !== s.sessionId) return { kind: 'number_taken', storedSessionId: holder };
        const raced = await existing();
        // No stored row: the number was claimed by this session's first streamed batch; store it now.
        if (raced) return raced;
      }
      const { rows } = await c.query<{ hq_sequence: number }>(
        `INSERT INTO sessions (${INSERT_COLUMNS})
         VALUES (${INSERT_COLUMNS.split(',').map((_, i) => `$${i + 1}`).join(', ')})
         ON CONFLICT (session_id) DO NOTHING
         RETURNING hq_sequence`,
        insertValues(s, verified, receivedAt),
      );
      const inserted = rows[0];
      if (inserted) await writeFacts(c, inserted.hq_sequence, verified.bundle);
      if (inserted) return { kind: 'stored', receipt: { sessionId: s.sessionId, hqSequence: inserted.hq_sequence, receivedAt, chainHead: verified.head, duplicate: false } };
      // Lost the race to a concurrent delivery that has committed by now: answer from its row.
      const after = await existing();
      if (!after) throw new Error(`ingest ${s.sessionId}: conflict on insert but no stored row`);
      return after;
    });
  }

  async reject(r: RejectedInput): Promise<number> {
    const { rows } = await this.pool.query<{ id: number }>(
      `INSERT INTO rejected_bundles (received_at, reason, http_status, session_id, branch_code, register_code, sender_branch_code, sender_register_code, details, body, body_bytes, body_sha256)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [r.receivedAt, r.reason, r.httpStatus, r.sessionId, r.branchCode, r.registerCode, r.senderBranchCode, r.senderRegisterCode, r.details, r.body, r.bodyBytes, r.bodySha256],
    );
    const id = rows[0]?.id;
    if (id === undefined) throw new Error('reject: no id returned');
    return id;
  }

  async listSessions(f: SessionFilter): Promise<SessionSummary[]> {
    const where: string[] = [];
    const args: (string | number)[] = [];
    const eq = (column: string, value: string | number | undefined, op = '=') => {
      if (value === undefined) return;
      args.push(value);
      where.push(`${column} ${op} $${args.length}`);
    };
    eq('branch_code', f.branchCode);
    eq('register_code', f.registerCode);
    eq('business_date', f.businessDate);
    eq('business_date', f.fromDate, '>=');
    eq('business_date', f.toDate, '<=');
    eq('status', f.status);
    eq('hq_sequence', f.afterSequence, '>');
    args.push(f.limit);
    const sql = `SELECT ${SUMMARY_COLUMNS} FROM sessions ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY hq_sequence LIMIT $${args.length}`;
    const { rows } = await this.pool.query<SessionRow>(sql, args);
    return rows.map(toSummary);
  }

  async getSession(sessionId: string): Promise<{ summary: SessionSummary; canonical: string } | null> {
    const { rows } = await this.pool.query<SessionRow & { bundle: string }>(`SELECT ${SUMMARY_COLUMNS}, bundle FROM sessions WHERE session_id = $1`, [sessionId]);
    const row = rows[0];
    return row ? { summary: toSummary(row), canonical: row.bundle } : null;
  }

  async listRejected(limit: number, afterId = 0): Promise<RejectedRecord[]> {
    const { rows } = await this.pool.query<RejectedRow>(`SELECT ${REJECTED_COLUMNS} FROM rejected_bundles WHERE id > $1 ORDER BY id LIMIT $2`, [afterId, limit]);
    return rows.map(toRejected);
  }

  masterUpdate<T>(keys: readonly MasterKey[], decide: (current: ReadonlyMap<string, MasterRecord>) => MasterPlan<T>, at: string): Promise<MasterPlan<T>> {
    return inTransaction(this.pool, async (c): Promise<MasterPlan<T>> => {
      // The head row's lock serializes every master writer: versions are taken in commit order, without gaps.
      const { rows: headRows } = await c.query<{ version: number }>('SELECT version FROM master_head WHERE id = 1 FOR UPDATE');
      let head = headRows[0]?.version ?? 0;
      const current = new Map<string, MasterRecord>();
      for (let i = 0; i < keys.length; i += MASTER_BATCH) {
        const part = keys.slice(i, i + MASTER_BATCH);
        const { rows } = await c.query<MasterRecord>(
          `SELECT r.entity, r.key, r.branch_code AS branch, r.data, r.version FROM master_records r
           JOIN unnest($1::text[], $2::text[]) AS k(entity, key) ON r.entity = k.entity AND r.key = k.key`,
          [part.map((k) => k.entity), part.map((k) => k.key)],
        );
        for (const r of rows) current.set(masterMapKey(r.entity, r.key), r);
      }
      const plan = decide(current);
      if (!plan.ok) return plan;
      // The last write of a record wins (one statement may not touch a row twice); every logged write is a change.
      const last = new Map<string, MasterWrite & { version: number }>();
      const changes: (MasterWrite & { version: number })[] = [];
      for (const w of plan.writes) {
        if (w.data === null && w.logged) throw new Error(`master: a logged ${w.entity} is never deleted`);
        const version = w.logged ? ++head : 0;
        const stamped = { ...w, version };
        if (w.logged) changes.push(stamped);
        last.set(masterMapKey(w.entity, w.key), stamped);
      }
      const finals = [...last.values()];
      const upserts = finals.filter((w) => w.data !== null);
      const deletes = finals.filter((w) => w.data === null);
      for (let i = 0; i < deletes.length; i += MASTER_BATCH) {
        const part = deletes.slice(i, i + MASTER_BATCH);
        await c.query(
          `DELETE FROM master_records r USING unnest($1::text[], $2::text[]) AS k(entity, key) WHERE r.entity = k.entity AND r.key = k.key`,
          [part.map((w) => w.entity), part.map((w) => w.key)],
        );
      }
      for (let i = 0; i < upserts.length; i += MASTER_BATCH) {
        const part = upserts.slice(i, i + MASTER_BATCH);
        await c.query(
          `INSERT INTO master_records (entity, key, branch_code, data, version)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[])
           ON CONFLICT (entity, key) DO UPDATE SET branch_code = EXCLUDED.branch_code, data = EXCLUDED.data, version = EXCLUDED.version`,
          [part.map((w) => w.entity), part.map((w) => w.key), part.map((w) => w.branch), part.map((w) => w.data), part.map((w) => w.version)],
        );
      }
      for (let i = 0; i < changes.length; i += MASTER_BATCH) {
        const part = changes.slice(i, i + MASTER_BATCH);
        await c.query(
          `INSERT INTO master_changes (version, entity, key, branch_code, data, at)
           SELECT v, e, k, b, d, $6 FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[]) AS x(v, e, k, b, d)`,
          [part.map((w) => w.version), part.map((w) => w.entity), part.map((w) => w.key), part.map((w) => w.branch), part.map((w) => w.data), at],
        );
      }
      await c.query('UPDATE master_head SET version = $1 WHERE id = 1', [head]);
      return plan;
    });
  }

  async masterGet(entity: string, key: string): Promise<MasterRecord | null> {
    const { rows } = await this.pool.query<MasterRecord>('SELECT entity, key, branch_code AS branch, data, version FROM master_records WHERE entity = $1 AND key = $2', [entity, key]);
    return rows[0] ?? null;
  }

  async masterList(entity: string): Promise<MasterRecord[]> {
    const { rows } = await this.pool.query<MasterRecord>('SELECT entity, key, branch_code AS branch, data, version FROM master_records WHERE entity = $1 ORDER BY key', [entity]);
    return rows;
  }

  masterChanges(after: number, branch: string, limit: number): Promise<{ changes: StoredChange[]; next: number; head: number }> {
    // REPEATABLE READ: the head and the page come from one snapshot.
    return inTransaction(this.pool, async (c) => {
      await c.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const { rows: headRows } = await c.query<{ version: number }>('SELECT version FROM master_head WHERE id = 1');
      const head = headRows[0]?.version ?? 0;
      const { rows: changes } = await c.query<StoredChange>(
        `SELECT version, entity, key, branch_code AS branch, data FROM master_changes
         WHERE version > $1 AND version <= $2 AND (branch_code IS NULL OR branch_code = $3) ORDER BY version LIMIT $4`,
        [after, head, branch, limit],
      );
      const last = changes[changes.length - 1];
      return { changes, head, next: changes.length === limit && last ? last.version : Math.max(head, after) };
    });
  }

  async addEnrollmentCode(codeHash: string, branchCode: string, registerCode: string, createdAt: string, expiresAt: string): Promise<void> {
    await this.pool.query('INSERT INTO enrollment_codes (code_hash, branch_code, register_code, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
      codeHash,
      branchCode,
      registerCode,
      createdAt,
      expiresAt,
    ]);
  }

  redeemEnrollmentCode(codeHash: string, at: string, keyHash: string): Promise<RedeemOutcome> {
    return inTransaction(this.pool, async (c): Promise<RedeemOutcome> => {
      // FOR UPDATE: two registers racing with one code — the second waits, then sees it used.
      const { rows } = await c.query<{ branch_code: string; register_code: string; expires_at: string; used_at: string | null }>(
        'SELECT branch_code, register_code, expires_at, used_at FROM enrollment_codes WHERE code_hash = $1 FOR UPDATE',
        [codeHash],
      );
      const row = rows[0];
      if (!row) return { kind: 'ENROLLMENT_CODE_UNKNOWN' };
      if (row.used_at !== null) return { kind: 'ENROLLMENT_CODE_USED' };
      if (row.expires_at <= at) return { kind: 'ENROLLMENT_CODE_EXPIRED' };
      await c.query('UPDATE enrollment_codes SET used_at = $1 WHERE code_hash = $2', [at, codeHash]);
      await c.query("INSERT INTO api_keys (key_hash, role, branch_code, register_code, created_at) VALUES ($1, 'REGISTER', $2, $3, $4)", [keyHash, row.branch_code, row.register_code, at]);
      return { kind: 'ok', branchCode: row.branch_code, registerCode: row.register_code };
    });
  }

  private readonly reportDb: ReportDb = {
    all: async <T>(sql: string, args: readonly SqlArg[]) => (await this.pool.query(pgSql(sql), [...args])).rows as T[],
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
      const { rows: missing } = await this.pool.query<{ hqSequence: number; sessionId: string }>(toPg(MISSING_FACTS_SQL), [batch]);
      if (missing.length === 0) return done;
      for (const m of missing) {
        const stored = await this.getSession(m.sessionId);
        if (!stored) throw new Error(`backfill: session ${m.sessionId} vanished`);
        const bundle = JSON.parse(stored.canonical) as SessionBundle;
        await inTransaction(this.pool, (c) => writeFacts(c, m.hqSequence, bundle));
        done++;
      }
    }
  }

  private closed = false;
  /** Batches waiting for the next group commit, and whether one is running (see `streamUpdate`). */
  private streamQueue: { readonly sessionId: string; readonly run: (c: pg.PoolClient) => Promise<unknown>; readonly resolve: (v: unknown) => void; readonly reject: (e: unknown) => void }[] = [];
  private streamFlushing = false;

  /**
   * Group commit: the batches that arrive while the previous group commits are decided and written together in one
   * transaction, each in its own savepoint (one failing undoes only itself), so they share one commit and one WAL
   * flush. Within a group the per-session advisory locks are taken in session id order, so two HQ processes' groups
   * never wait on each other in a cycle. Each answer is resolved only after its group committed.
   */
  streamUpdate<T>(h: StreamHeader, range: { from: number; to: number }, decide: (state: StreamState) => StreamPlan<T>, receivedAt: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.streamQueue.push({ sessionId: h.sessionId, run: (c) => this.streamUpdateIn(c, h, range, decide, receivedAt), resolve: resolve as (v: unknown) => void, reject });
      if (!this.streamFlushing) void this.flushStream();
    });
  }

  private async flushStream(): Promise<void> {
    this.streamFlushing = true;
    try {
      while (this.streamQueue.length > 0) {
        const group = this.streamQueue.splice(0).sort((a, b) => (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0));
        const results: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
        try {
          await inTransaction(this.pool, async (c) => {
            for (const item of group) {
              await c.query('SAVEPOINT stream_batch');
              try {
                results.push({ ok: true, value: await item.run(c) });
                await c.query('RELEASE SAVEPOINT stream_batch');
              } catch (error) {
                await c.query('ROLLBACK TO SAVEPOINT stream_batch');
                results.push({ ok: false, error });
              }
            }
          });
        } catch (error) {
          for (const item of group) item.reject(error);
          continue;
        }
        group.forEach((item, i) => {
          const r = results[i];
          if (r?.ok) item.resolve(r.value);
          else item.reject(r?.error ?? new Error('stream group commit: no result'));
        });
      }
    } finally {
      this.streamFlushing = false;
    }
  }

  /** One batch's read, decision and writes on the group's connection, inside its transaction. */
  private async streamUpdateIn<T>(c: pg.PoolClient, h: StreamHeader, range: { from: number; to: number }, decide: (state: StreamState) => StreamPlan<T>, receivedAt: string): Promise<T> {
    {
      await lockSession(c, h.sessionId);
      const { rows: heads } = await c.query<NonNullable<StreamState['head']>>(
        'SELECT branch_code AS "branchCode", register_code AS "registerCode", session_number AS "sessionNumber", head_seq AS seq, head_hash AS hash FROM stream_sessions WHERE session_id = $1',
        [h.sessionId],
      );
      const head = heads[0] ?? null;
      const stored = new Map<number, StoredStreamEntry>();
      if (head) {
        const { rows } = await c.query<StoredStreamEntry>('SELECT seq, hash, entry FROM stream_entries WHERE session_id = $1 AND ((seq >= $2 AND seq <= $3) OR seq = $4)', [
          h.sessionId,
          range.from,
          Math.min(range.to, head.seq),
          head.seq,
        ]);
        for (const r of rows) stored.set(r.seq, r);
      }
      const { rows: holders } = await c.query<{ session_id: string }>('SELECT session_id FROM session_numbers WHERE branch_code = $1 AND register_code = $2 AND session_number = $3', [
        h.branchCode,
        h.registerCode,
        h.sessionNumber,
      ]);
      const plan = decide({ head, stored, sealed: await this.sealedBundle(c, h.sessionId), numberHolder: holders[0]?.session_id ?? null });
      if (!plan.ok) {
        if (plan.tamper) await this.insertTamper(c, plan.tamper);
        return plan.value;
      }
      if (plan.claimNumber) {
        // A concurrent claim of the same number by another session id (a sealed copy) waits here; losing it is a bug-free refusal next time.
        await c.query('INSERT INTO session_numbers (branch_code, register_code, session_number, session_id) VALUES ($1, $2, $3, $4)', [h.branchCode, h.registerCode, h.sessionNumber, h.sessionId]);
      }
      if (plan.append.length > 0) {
        await c.query(
          `INSERT INTO stream_entries (session_id, seq, hash, entry, received_at)
           SELECT $1::text, u.*, $5::text FROM unnest($2::int[], $3::text[], $4::text[]) AS u`,
          [h.sessionId, plan.append.map((e) => e.seq), plan.append.map((e) => e.hash), plan.append.map((e) => e.entry), receivedAt],
        );
      }
      if (plan.head && head) {
        await c.query('UPDATE stream_sessions SET head_seq = $1, head_hash = $2, last_entry_at = $3, last_received_at = $4 WHERE session_id = $5', [
          plan.head.seq,
          plan.head.hash,
          plan.head.lastEntryAt,
          receivedAt,
          h.sessionId,
        ]);
      } else if (plan.head) {
        await c.query(
          `INSERT INTO stream_sessions (session_id, branch_code, register_code, session_number, business_date, currency, head_seq, head_hash, last_entry_at, first_received_at, last_received_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)`,
          [h.sessionId, h.branchCode, h.registerCode, h.sessionNumber, h.businessDate, h.currency, plan.head.seq, plan.head.hash, plan.head.lastEntryAt, receivedAt],
        );
      }
      return plan.value;
    }
  }

  /** The sealed bundle's canonical JSON, when HQ holds the session. */
  private async sealedBundle(c: pg.PoolClient, sessionId: string): Promise<string | null> {
    const { rows } = await c.query<{ bundle: string }>('SELECT bundle FROM sessions WHERE session_id = $1', [sessionId]);
    return rows[0]?.bundle ?? null;
  }

  private async insertTamper(c: pg.PoolClient | pg.Pool, t: TamperRecord): Promise<void> {
    await c.query(
      `INSERT INTO stream_tampering (received_at, via, session_id, branch_code, register_code, seq, stored_hash, stored_entry, received_hash, received_entry)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [t.receivedAt, t.via, t.sessionId, t.branchCode, t.registerCode, t.seq, t.storedHash, t.storedEntry, t.receivedHash, t.receivedEntry],
    );
  }

  recordTamper(t: TamperRecord): Promise<void> {
    return this.insertTamper(this.pool, t);
  }

  async reportBacklog(branchCode: string, registerCode: string, b: { entries: number; sessions: number }, at: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO register_backlog (branch_code, register_code, entries, sessions, reported_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (branch_code, register_code) DO UPDATE SET entries = excluded.entries, sessions = excluded.sessions, reported_at = excluded.reported_at
       WHERE excluded.reported_at >= register_backlog.reported_at`,
      [branchCode, registerCode, b.entries, b.sessions, at],
    );
  }

  async listTampering(limit: number, afterId = 0): Promise<(TamperRecord & { id: number })[]> {
    const { rows } = await this.pool.query<TamperRow>(`SELECT ${STREAM_TAMPER_COLUMNS} FROM stream_tampering WHERE id > $1 ORDER BY id LIMIT $2`, [afterId, limit]);
    return rows.map(toTamper);
  }

  async streamRegisters(): Promise<RegisterStream[]> {
    const { rows } = await this.pool.query<StreamRegisterRow>(STREAM_REGISTERS_SQL);
    return streamRegistersOf(rows);
  }

  async streamEntries(sessionId: string): Promise<StoredStreamEntry[]> {
    const { rows } = await this.pool.query<StoredStreamEntry>('SELECT seq, hash, entry FROM stream_entries WHERE session_id = $1 ORDER BY seq', [sessionId]);
    return rows;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
