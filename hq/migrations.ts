// HQ's schema as one ordered list of migrations shared by both stores (SQLite and PostgreSQL). Each migration is one
// SQL text with a few dialect tokens, plus per-dialect blocks only where the dialects truly differ (triggers).
// Invariants:
// - append only: a shipped migration is never edited, only followed by a new one (version = position + 1);
// - each migration is applied in its own transaction together with the record that it was applied
//   (SQLite: PRAGMA user_version; PostgreSQL: a row in hq_schema_migrations);
// - a database recorded at a version above HQ_MIGRATIONS.length was written by a newer HQ and is refused untouched.
// Tokens: {{ID}} an auto-assigned 64-bit primary key, {{BIGINT}} a 64-bit integer column (money in minor units).
// Timestamps stay ISO-8601 TEXT and JSON stays TEXT in both dialects, so what HQ answers is byte-for-byte the same
// whichever store it runs on (the stored bundle is the canonical JSON that was hashed).

export type Dialect = 'sqlite' | 'postgres';

export interface HqMigration {
  readonly version: number;
  readonly name: string;
  /** Shared SQL with dialect tokens. */
  readonly sql: string;
  /** Dialect-specific SQL run after `sql`, in the same transaction. */
  readonly sqlite?: string;
  readonly postgres?: string;
}

const TOKENS: Readonly<Record<Dialect, Readonly<Record<string, string>>>> = {
  sqlite: { ID: 'INTEGER PRIMARY KEY AUTOINCREMENT', BIGINT: 'INTEGER' },
  postgres: { ID: 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY', BIGINT: 'BIGINT' },
};

export const HQ_MIGRATIONS: readonly HqMigration[] = [
  {
    version: 1,
    name: 'init',
    sql: `
  CREATE TABLE api_keys (
    key_hash TEXT PRIMARY KEY CHECK (length(key_hash) = 64),
    role TEXT NOT NULL CHECK (role IN ('REGISTER', 'ADMIN')),
    branch_code TEXT,
    register_code TEXT,
    created_at TEXT NOT NULL,
    revoked_at TEXT,
    CHECK ((role = 'REGISTER') = (branch_code IS NOT NULL AND register_code IS NOT NULL))
  );
  CREATE TABLE sessions (
    hq_sequence {{ID}},
    session_id TEXT NOT NULL UNIQUE,
    branch_code TEXT NOT NULL,
    register_code TEXT NOT NULL,
    session_number TEXT NOT NULL,
    business_date TEXT NOT NULL,
    currency TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('CLOSED', 'TRANSFERRED')),
    chain_head TEXT NOT NULL,
    entry_count INTEGER NOT NULL CHECK (entry_count >= 1),
    opened_at TEXT NOT NULL,
    closed_at TEXT NOT NULL,
    opening_amount {{BIGINT}} NOT NULL,
    closing_amount {{BIGINT}} NOT NULL,
    expected_amount {{BIGINT}} NOT NULL,
    difference {{BIGINT}} NOT NULL,
    sales_count INTEGER NOT NULL,
    sales_total {{BIGINT}} NOT NULL,
    deposits_total {{BIGINT}} NOT NULL,
    withdrawals_total {{BIGINT}} NOT NULL,
    by_method TEXT NOT NULL,
    bundle TEXT NOT NULL,
    received_at TEXT NOT NULL
  );
  CREATE INDEX sessions_branch_date ON sessions (branch_code, business_date);
  CREATE INDEX sessions_register_date ON sessions (branch_code, register_code, business_date);
  CREATE INDEX sessions_date ON sessions (business_date);
  CREATE TABLE rejected_bundles (
    id {{ID}},
    received_at TEXT NOT NULL,
    reason TEXT NOT NULL,
    http_status INTEGER NOT NULL,
    session_id TEXT,
    branch_code TEXT,
    register_code TEXT,
    sender_branch_code TEXT,
    sender_register_code TEXT,
    details TEXT,
    body TEXT NOT NULL
  );
  CREATE INDEX rejected_session ON rejected_bundles (session_id);
  `,
    sqlite: `
  CREATE TRIGGER sessions_no_update BEFORE UPDATE ON sessions BEGIN SELECT RAISE(ABORT, 'hq sessions are append-only'); END;
  CREATE TRIGGER sessions_no_delete BEFORE DELETE ON sessions BEGIN SELECT RAISE(ABORT, 'hq sessions are append-only'); END;
  CREATE TRIGGER rejected_no_update BEFORE UPDATE ON rejected_bundles BEGIN SELECT RAISE(ABORT, 'rejected bundles are append-only'); END;
  `,
    postgres: `
  CREATE FUNCTION hq_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
  END
  $fn$;
  CREATE TRIGGER sessions_no_update BEFORE UPDATE OR DELETE ON sessions FOR EACH ROW EXECUTE FUNCTION hq_append_only('hq sessions are append-only');
  CREATE TRIGGER sessions_no_truncate BEFORE TRUNCATE ON sessions FOR EACH STATEMENT EXECUTE FUNCTION hq_append_only('hq sessions are append-only');
  CREATE TRIGGER rejected_no_update BEFORE UPDATE ON rejected_bundles FOR EACH ROW EXECUTE FUNCTION hq_append_only('rejected bundles are append-only');
  `,
  },
  {
    // The seal's voids, refunds and agent totals (src/sync/protocol.ts `operations`), as one JSON column like
    // by_method. Sessions stored before it are filled from their own stored bundle: the seal is the last entry, and a
    // seal without `operations` verified only because its ledger had none, so zeros are exact for it. The append-only
    // trigger is lifted for that one statement inside the migration's transaction and put back before it commits.
    version: 2,
    name: 'session_operations',
    sql: `
  ALTER TABLE sessions ADD COLUMN operations TEXT NOT NULL DEFAULT '{"agentCashIn":0,"agentCashOut":0,"agentCommission":0,"agentCount":0,"agentTopUp":0,"refundsCount":0,"refundsTotal":0,"voidsCount":0,"voidsTotal":0}';
  `,
    sqlite: `
  DROP TRIGGER sessions_no_update;
  UPDATE sessions SET operations = json_extract(bundle, '$.entries[#-1].payload.operations')
    WHERE json_extract(bundle, '$.entries[#-1].payload.operations') IS NOT NULL;
  CREATE TRIGGER sessions_no_update BEFORE UPDATE ON sessions BEGIN SELECT RAISE(ABORT, 'hq sessions are append-only'); END;
  `,
    postgres: `
  ALTER TABLE sessions DISABLE TRIGGER sessions_no_update;
  UPDATE sessions SET operations = (bundle::jsonb -> 'entries' -> -1 -> 'payload' -> 'operations')::text
    WHERE (bundle::jsonb -> 'entries' -> -1 -> 'payload' -> 'operations') IS NOT NULL;
  ALTER TABLE sessions ENABLE TRIGGER sessions_no_update;
  `,
  },
  {
    // One session per (branch, register, session number): a re-sent session under a new sessionId (a stolen key,
    // rebuilt hashes) is refused. A claim table rather than a unique index on sessions, because a database may already
    // hold such copies (stored before this check): the first stored keeps the number, the later copies stay for
    // review but can never be joined by another. Rejected bodies keep only a prefix, so their size and digest go beside.
    version: 3,
    name: 'session_number_claims',
    sql: `
  CREATE TABLE session_numbers (
    branch_code TEXT NOT NULL,
    register_code TEXT NOT NULL,
    session_number TEXT NOT NULL,
    session_id TEXT NOT NULL UNIQUE,
    PRIMARY KEY (branch_code, register_code, session_number)
  );
  INSERT INTO session_numbers (branch_code, register_code, session_number, session_id)
    SELECT branch_code, register_code, session_number, session_id FROM sessions WHERE true ORDER BY hq_sequence
    ON CONFLICT DO NOTHING;
  ALTER TABLE rejected_bundles ADD COLUMN body_bytes {{BIGINT}};
  ALTER TABLE rejected_bundles ADD COLUMN body_sha256 TEXT;
  CREATE INDEX rejected_sender ON rejected_bundles (sender_branch_code, sender_register_code);
  `,
    sqlite: `
  CREATE TRIGGER session_numbers_no_update BEFORE UPDATE ON session_numbers BEGIN SELECT RAISE(ABORT, 'session number claims are append-only'); END;
  CREATE TRIGGER session_numbers_no_delete BEFORE DELETE ON session_numbers BEGIN SELECT RAISE(ABORT, 'session number claims are append-only'); END;
  `,
    postgres: `
  CREATE TRIGGER session_numbers_no_update BEFORE UPDATE OR DELETE ON session_numbers FOR EACH ROW EXECUTE FUNCTION hq_append_only('session number claims are append-only');
  `,
  },
  {
    // Master data (issue 11): HQ is the source of branches, registers, users, products and agent providers for enrolled
    // registers. `master_records` holds each entity's current state (JSON, the wire format of src/sync/master.ts) and
    // a few unlogged index rows (BARCODE → sku, so a code belongs to one product); `master_changes` is the append-only
    // log registers pull, one row per change with the entity's whole state. `master_head` is a one-row counter taken
    // FOR UPDATE (PostgreSQL) or under the write lock (SQLite) by every writer, so versions have no gaps and commit in
    // order: a reader that saw head H has every change up to H. Enrollment codes are stored as SHA-256 digests.
    version: 4,
    name: 'master_data',
    sql: `
  CREATE TABLE master_head (id INTEGER PRIMARY KEY CHECK (id = 1), version {{BIGINT}} NOT NULL);
  INSERT INTO master_head (id, version) VALUES (1, 0);
  CREATE TABLE master_records (
    entity TEXT NOT NULL,
    key TEXT NOT NULL,
    branch_code TEXT,
    data TEXT NOT NULL,
    version {{BIGINT}} NOT NULL,
    PRIMARY KEY (entity, key)
  );
  CREATE TABLE master_changes (
    version {{BIGINT}} PRIMARY KEY,
    entity TEXT NOT NULL,
    key TEXT NOT NULL,
    branch_code TEXT,
    data TEXT NOT NULL,
    at TEXT NOT NULL
  );
  CREATE TABLE enrollment_codes (
    code_hash TEXT PRIMARY KEY CHECK (length(code_hash) = 64),
    branch_code TEXT NOT NULL,
    register_code TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
  );
  `,
    sqlite: `
  CREATE TRIGGER master_changes_no_update BEFORE UPDATE ON master_changes BEGIN SELECT RAISE(ABORT, 'the master change log is append-only'); END;
  CREATE TRIGGER master_changes_no_delete BEFORE DELETE ON master_changes BEGIN SELECT RAISE(ABORT, 'the master change log is append-only'); END;
  `,
    postgres: `
  CREATE TRIGGER master_changes_no_update BEFORE UPDATE OR DELETE ON master_changes FOR EACH ROW EXECUTE FUNCTION hq_append_only('the master change log is append-only');
  CREATE TRIGGER master_changes_no_truncate BEFORE TRUNCATE ON master_changes FOR EACH STATEMENT EXECUTE FUNCTION hq_append_only('the master change log is append-only');
  `,
  },
  {
    // HQ people (console sign-in), their console sessions and failed sign-ins (hq/people.ts). Sessions are kept only
    // as SHA-256 digests of their token; a failure row is a username and an epoch-millisecond time.
    version: 5,
    name: 'hq_people',
    sql: `
  CREATE TABLE hq_users (
    username TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('OWNER', 'HQ_MANAGER', 'AUDITOR')),
    password_hash TEXT NOT NULL,
    active INTEGER NOT NULL CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE hq_console_sessions (
    token_hash TEXT PRIMARY KEY CHECK (length(token_hash) = 64),
    username TEXT NOT NULL REFERENCES hq_users (username),
    created_at_ms {{BIGINT}} NOT NULL,
    last_seen_ms {{BIGINT}} NOT NULL,
    expires_ms {{BIGINT}} NOT NULL
  );
  CREATE INDEX hq_console_sessions_user ON hq_console_sessions (username);
  CREATE TABLE hq_login_failures (
    id {{ID}},
    username TEXT NOT NULL,
    at_ms {{BIGINT}} NOT NULL
  );
  CREATE INDEX hq_login_failures_user ON hq_login_failures (username, at_ms);
  `,
  },
  {
    // The console's reports (issue 13): one row per sealed session with every figure the sessions list and the
    // over/short report read (src/sync/report-facts.ts), written in the ingest transaction; the daily report's rollups
    // summed per (business date, branch, currency) in report_days; sales by the store's local hour per (business date,
    // branch, currency, hour) and chain-wide per (business date, currency, hour). Rows of sessions stored before this
    // migration are filled at the store's start from their stored bundles (hq/reports/queries.ts backfill), since the
    // figures come from parsing the ledger. Keyed by hq_sequence; indexes serve each filter with keyset order
    // (business_date, hq_sequence).
    version: 6,
    name: 'report_rollups',
    sql: `
  CREATE TABLE report_sessions (
    hq_sequence {{BIGINT}} PRIMARY KEY,
    session_id TEXT NOT NULL UNIQUE,
    branch_code TEXT NOT NULL,
    register_code TEXT NOT NULL,
    session_number TEXT NOT NULL,
    business_date TEXT NOT NULL,
    currency TEXT NOT NULL,
    status TEXT NOT NULL,
    cashier_id TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    closed_at TEXT NOT NULL,
    opening_amount {{BIGINT}} NOT NULL,
    expected_amount {{BIGINT}} NOT NULL,
    closing_amount {{BIGINT}} NOT NULL,
    difference {{BIGINT}} NOT NULL,
    sales_count {{BIGINT}} NOT NULL,
    sales_total {{BIGINT}} NOT NULL,
    m_cash {{BIGINT}} NOT NULL,
    m_debit_card {{BIGINT}} NOT NULL,
    m_credit_card {{BIGINT}} NOT NULL,
    m_qr {{BIGINT}} NOT NULL,
    m_card_terminal {{BIGINT}} NOT NULL,
    m_transfer {{BIGINT}} NOT NULL,
    m_check {{BIGINT}} NOT NULL,
    m_voucher {{BIGINT}} NOT NULL,
    m_other {{BIGINT}} NOT NULL,
    deposits_total {{BIGINT}} NOT NULL,
    withdrawals_total {{BIGINT}} NOT NULL,
    voids_count {{BIGINT}} NOT NULL,
    voids_total {{BIGINT}} NOT NULL,
    refunds_count {{BIGINT}} NOT NULL,
    refunds_total {{BIGINT}} NOT NULL,
    discounts_count {{BIGINT}} NOT NULL,
    discounts_total {{BIGINT}} NOT NULL,
    drawer_openings {{BIGINT}} NOT NULL,
    no_sale_count {{BIGINT}} NOT NULL,
    cash_out_refused_count {{BIGINT}} NOT NULL,
    cash_out_refused_total {{BIGINT}} NOT NULL,
    close_refused_count {{BIGINT}} NOT NULL
  );
  CREATE INDEX report_sessions_date ON report_sessions (business_date, hq_sequence);
  CREATE INDEX report_sessions_branch ON report_sessions (branch_code, business_date, hq_sequence);
  CREATE INDEX report_sessions_register ON report_sessions (branch_code, register_code, business_date, hq_sequence);
  CREATE INDEX report_sessions_cashier ON report_sessions (cashier_id, business_date, hq_sequence);
  CREATE TABLE report_hours (
    business_date TEXT NOT NULL,
    branch_code TEXT NOT NULL,
    currency TEXT NOT NULL,
    hour INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),
    sales_count {{BIGINT}} NOT NULL,
    sales_total {{BIGINT}} NOT NULL,
    refunds_count {{BIGINT}} NOT NULL,
    refunds_total {{BIGINT}} NOT NULL,
    PRIMARY KEY (business_date, branch_code, currency, hour)
  );
  CREATE TABLE report_hours_all (
    business_date TEXT NOT NULL,
    currency TEXT NOT NULL,
    hour INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),
    sales_count {{BIGINT}} NOT NULL,
    sales_total {{BIGINT}} NOT NULL,
    refunds_count {{BIGINT}} NOT NULL,
    refunds_total {{BIGINT}} NOT NULL,
    PRIMARY KEY (business_date, currency, hour)
  );
  CREATE TABLE report_days (
    business_date TEXT NOT NULL,
    branch_code TEXT NOT NULL,
    currency TEXT NOT NULL,
    sessions {{BIGINT}} NOT NULL,
    sales_count {{BIGINT}} NOT NULL,
    sales_total {{BIGINT}} NOT NULL,
    m_cash {{BIGINT}} NOT NULL,
    m_debit_card {{BIGINT}} NOT NULL,
    m_credit_card {{BIGINT}} NOT NULL,
    m_qr {{BIGINT}} NOT NULL,
    m_card_terminal {{BIGINT}} NOT NULL,
    m_transfer {{BIGINT}} NOT NULL,
    m_check {{BIGINT}} NOT NULL,
    m_voucher {{BIGINT}} NOT NULL,
    m_other {{BIGINT}} NOT NULL,
    opening_total {{BIGINT}} NOT NULL,
    expected_cash {{BIGINT}} NOT NULL,
    counted_cash {{BIGINT}} NOT NULL,
    difference {{BIGINT}} NOT NULL,
    short_count {{BIGINT}} NOT NULL,
    short_total {{BIGINT}} NOT NULL,
    over_count {{BIGINT}} NOT NULL,
    over_total {{BIGINT}} NOT NULL,
    deposits_total {{BIGINT}} NOT NULL,
    withdrawals_total {{BIGINT}} NOT NULL,
    voids_count {{BIGINT}} NOT NULL,
    voids_total {{BIGINT}} NOT NULL,
    refunds_count {{BIGINT}} NOT NULL,
    refunds_total {{BIGINT}} NOT NULL,
    discounts_count {{BIGINT}} NOT NULL,
    discounts_total {{BIGINT}} NOT NULL,
    no_sale_count {{BIGINT}} NOT NULL,
    cash_out_refused_count {{BIGINT}} NOT NULL,
    cash_out_refused_total {{BIGINT}} NOT NULL,
    PRIMARY KEY (business_date, branch_code, currency)
  );
  `,
    // Over/short by cashier reads a month of session rows: an index holding just its columns (an index-only scan on
    // PostgreSQL, a covering index on SQLite) reads a third of the bytes of the table's rows.
    sqlite: `
  CREATE INDEX report_sessions_over_short ON report_sessions (business_date, cashier_id, currency, branch_code, difference, no_sale_count,
    cash_out_refused_count, cash_out_refused_total, voids_count, voids_total, refunds_count, refunds_total, discounts_count, discounts_total,
    sales_count, sales_total);
  `,
    // hq_sum8: a BIGINT sum in a BIGINT accumulator (int8pl raises on overflow), where SUM(bigint) goes through numeric,
    // several times slower over a month of a chain; the report queries use it on PostgreSQL (queries.ts `pgSql`).
    postgres: `
  CREATE AGGREGATE hq_sum8(bigint) (SFUNC = int8pl, STYPE = bigint, COMBINEFUNC = int8pl, INITCOND = '0', PARALLEL = SAFE);
  CREATE INDEX report_sessions_over_short ON report_sessions (business_date) INCLUDE (cashier_id, currency, branch_code, difference,
    no_sale_count, cash_out_refused_count, cash_out_refused_total, voids_count, voids_total, refunds_count, refunds_total, discounts_count,
    discounts_total, sales_count, sales_total);
  `,
  },
  {
    // The seal's drawer figures (src/session/payloads.ts `drawer`: openings of every cause, no-sale openings, net cash
    // rounding), as one JSON column like operations. A seal declares them only when one is not zero, so zeros are exact
    // for a seal without them; sessions stored before this are filled from their own stored bundle, the append-only
    // trigger lifted for that one statement inside the migration's transaction.
    version: 7,
    name: 'session_drawer',
    sql: `
  ALTER TABLE sessions ADD COLUMN drawer TEXT NOT NULL DEFAULT '{"drawerOpenings":0,"noSaleOpenings":0,"cashRounding":0}';
  `,
    sqlite: `
  DROP TRIGGER sessions_no_update;
  UPDATE sessions SET drawer = json_extract(bundle, '$.entries[#-1].payload.drawer')
    WHERE json_extract(bundle, '$.entries[#-1].payload.drawer') IS NOT NULL;
  CREATE TRIGGER sessions_no_update BEFORE UPDATE ON sessions BEGIN SELECT RAISE(ABORT, 'hq sessions are append-only'); END;
  `,
    postgres: `
  ALTER TABLE sessions DISABLE TRIGGER sessions_no_update;
  UPDATE sessions SET drawer = (bundle::jsonb -> 'entries' -> -1 -> 'payload' -> 'drawer')::text
    WHERE (bundle::jsonb -> 'entries' -> -1 -> 'payload' -> 'drawer') IS NOT NULL;
  ALTER TABLE sessions ENABLE TRIGGER sessions_no_update;
  `,
  },
  {
    // Live streaming (issue 12). `stream_sessions` is HQ's acknowledged head per streamed session (the anchor) with the
    // identity it was first streamed under; `stream_entries` holds every streamed entry once per (session, seq), its
    // canonical JSON byte-for-byte as hashed, append-only; `stream_tampering` keeps both versions of an entry whenever
    // a batch or a close contradicts what HQ acknowledged; `register_backlog` is each register's last reported unsent
    // backlog. Nothing existing changes: a session delivered only at its close never touches these tables.
    version: 8,
    name: 'ledger_stream',
    sql: `
  CREATE TABLE stream_sessions (
    session_id TEXT PRIMARY KEY,
    branch_code TEXT NOT NULL,
    register_code TEXT NOT NULL,
    session_number TEXT NOT NULL,
    business_date TEXT NOT NULL,
    currency TEXT NOT NULL,
    head_seq INTEGER NOT NULL CHECK (head_seq >= 1),
    head_hash TEXT NOT NULL,
    last_entry_at TEXT NOT NULL,
    first_received_at TEXT NOT NULL,
    last_received_at TEXT NOT NULL
  );
  CREATE INDEX stream_sessions_register ON stream_sessions (branch_code, register_code);
  CREATE INDEX stream_sessions_date ON stream_sessions (business_date);
  CREATE TABLE stream_entries (
    session_id TEXT NOT NULL,
    seq INTEGER NOT NULL CHECK (seq >= 1),
    hash TEXT NOT NULL,
    entry TEXT NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (session_id, seq)
  );
  CREATE TABLE stream_tampering (
    id {{ID}},
    received_at TEXT NOT NULL,
    via TEXT NOT NULL CHECK (via IN ('BATCH', 'SEAL')),
    session_id TEXT NOT NULL,
    branch_code TEXT NOT NULL,
    register_code TEXT NOT NULL,
    seq INTEGER NOT NULL,
    stored_hash TEXT NOT NULL,
    stored_entry TEXT NOT NULL,
    received_hash TEXT NOT NULL,
    received_entry TEXT NOT NULL
  );
  CREATE INDEX stream_tampering_session ON stream_tampering (session_id);
  CREATE TABLE register_backlog (
    branch_code TEXT NOT NULL,
    register_code TEXT NOT NULL,
    entries {{BIGINT}} NOT NULL,
    sessions {{BIGINT}} NOT NULL,
    reported_at TEXT NOT NULL,
    PRIMARY KEY (branch_code, register_code)
  );
  `,
    sqlite: `
  CREATE TRIGGER stream_entries_no_update BEFORE UPDATE ON stream_entries BEGIN SELECT RAISE(ABORT, 'streamed entries are append-only'); END;
  CREATE TRIGGER stream_entries_no_delete BEFORE DELETE ON stream_entries BEGIN SELECT RAISE(ABORT, 'streamed entries are append-only'); END;
  CREATE TRIGGER stream_tampering_no_update BEFORE UPDATE ON stream_tampering BEGIN SELECT RAISE(ABORT, 'tampering records are append-only'); END;
  CREATE TRIGGER stream_tampering_no_delete BEFORE DELETE ON stream_tampering BEGIN SELECT RAISE(ABORT, 'tampering records are append-only'); END;
  `,
    postgres: `
  CREATE TRIGGER stream_entries_no_update BEFORE UPDATE OR DELETE ON stream_entries FOR EACH ROW EXECUTE FUNCTION hq_append_only('streamed entries are append-only');
  CREATE TRIGGER stream_entries_no_truncate BEFORE TRUNCATE ON stream_entries FOR EACH STATEMENT EXECUTE FUNCTION hq_append_only('streamed entries are append-only');
  CREATE TRIGGER stream_tampering_no_update BEFORE UPDATE OR DELETE ON stream_tampering FOR EACH ROW EXECUTE FUNCTION hq_append_only('tampering records are append-only');
  `,
  },
];

/** The SQL of one migration for one dialect, tokens replaced. */
export function migrationSql(m: HqMigration, dialect: Dialect): string {
  const tokens = TOKENS[dialect];
  const shared = m.sql.replace(/\{\{([A-Z]+)\}\}/g, (_, name: string) => {
    const v = tokens[name];
    if (v === undefined) throw new Error(`migration ${m.version}: unknown token {{${name}}}`);
    return v;
  });
  return `${shared}${m[dialect] ?? ''}`;
}

export class HqDatabaseFromFutureError extends Error {
  readonly code = 'HQ_DB_FROM_FUTURE';
  constructor(where: string, version: number) {
    super(`${where} is at schema version ${version}; this HQ knows ${HQ_MIGRATIONS.length}. Upgrade HQ; the database was not modified.`);
  }
}
