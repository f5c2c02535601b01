// Row shapes and shared SQL of the streaming tables (migration 5), the same for both stores (no placeholders here).
import type { RegisterStream, TamperRecord } from './store';

export const STREAM_TAMPER_COLUMNS =
  'id, received_at AS "receivedAt", via, session_id AS "sessionId", branch_code AS "branchCode", register_code AS "registerCode", seq, stored_hash AS "storedHash", stored_entry AS "storedEntry", received_hash AS "receivedHash", received_entry AS "receivedEntry"';

export type TamperRow = TamperRecord & { readonly id: number };

export const toTamper = (r: TamperRow): TamperRow => ({ ...r, id: Number(r.id), seq: Number(r.seq) });

/** One row per (register, open streamed session), or one per register with none open. */
export const STREAM_REGISTERS_SQL = `
  SELECT r.branch_code, r.register_code, b.entries, b.sessions, b.reported_at,
         s.session_id, s.session_number, s.business_date, s.head_seq, s.last_entry_at, s.last_received_at
  FROM (SELECT branch_code, register_code FROM stream_sessions UNION SELECT branch_code, register_code FROM register_backlog) r
  LEFT JOIN register_backlog b ON b.branch_code = r.branch_code AND b.register_code = r.register_code
  LEFT JOIN stream_sessions s ON s.branch_code = r.branch_code AND s.register_code = r.register_code
    AND NOT EXISTS (SELECT 1 FROM sessions x WHERE x.session_id = s.session_id)
  ORDER BY r.branch_code, r.register_code, s.first_received_at, s.session_id`;

export interface StreamRegisterRow {
  readonly branch_code: string;
  readonly register_code: string;
  readonly entries: number | null;
  readonly sessions: number | null;
  readonly reported_at: string | null;
  readonly session_id: string | null;
  readonly session_number: string | null;
  readonly business_date: string | null;
  readonly head_seq: number | null;
  readonly last_entry_at: string | null;
  readonly last_received_at: string | null;
}

export function streamRegistersOf(rows: readonly StreamRegisterRow[]): RegisterStream[] {
  const out: { branchCode: string; registerCode: string; backlog: RegisterStream['backlog']; open: RegisterStream['open'][number][] }[] = [];
  for (const r of rows) {
    let reg = out[out.length - 1];
    if (!reg || reg.branchCode !== r.branch_code || reg.registerCode !== r.register_code) {
      reg = {
        branchCode: r.branch_code,
        registerCode: r.register_code,
        backlog: r.reported_at === null ? null : { entries: Number(r.entries), sessions: Number(r.sessions), reportedAt: r.reported_at },
        open: [],
      };
      out.push(reg);
    }
    if (r.session_id !== null) {
      reg.open.push({
        sessionId: r.session_id,
        sessionNumber: r.session_number ?? '',
        businessDate: r.business_date ?? '',
        headSeq: Number(r.head_seq),
        lastEntryAt: r.last_entry_at ?? '',
        lastReceivedAt: r.last_received_at ?? '',
      });
    }
  }
  return out;
}
