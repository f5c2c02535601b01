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
import type { HqStore, IngestOutcome, KeyOwner, RejectedInput, RejectedRecord, SessionFilter, SessionSummary } from './store';

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

export interface PgStoreOptions {
  /** Pool size (default 10). */
  readonly max?: number;
}

export class PgHqStore implements HqStore {
  private constructor(
    readonly pool: pg.Pool,
    readonly where: string,
  ) {}

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
        if (!raced) throw new Error(`ingest ${s.sessionId}: session number claimed but no stored row`);
        return raced;
      }
      const { rows } = await c.query<{ hq_sequence: number }>(
        `INSERT INTO sessions (${INSERT_COLUMNS})
         VALUES (${INSERT_COLUMNS.split(',').map((_, i) => `$${i + 1}`).join(', ')})
         ON CONFLICT (session_id) DO NOTHING
         RETURNING hq_sequence`,
        insertValues(s, verified, receivedAt),
      );
      const inserted = rows[0];
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

  private closed = false;
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
