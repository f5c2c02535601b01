// Row shapes of HQ's tables as both stores read them (snake_case columns, JSON as TEXT), and their mapping to the
// store interface. Shared so that the SQLite and PostgreSQL stores answer byte-for-byte the same.
import type { MethodTotals } from '../src/sale/methods';
import type { DrawerTotals, OperationTotals } from '../src/session/ledger';
import type { SealedStatus } from '../src/sync/protocol';
import type { RejectedRecord, SessionSummary } from './store';
import { REJECTED_BODY_PREFIX } from './store';
import type { VerifiedBundle } from '../src/sync/protocol';

export interface SessionRow {
  hq_sequence: number;
  session_id: string;
  branch_code: string;
  register_code: string;
  session_number: string;
  business_date: string;
  currency: string;
  status: SealedStatus;
  chain_head: string;
  entry_count: number;
  opened_at: string;
  closed_at: string;
  opening_amount: number;
  closing_amount: number;
  expected_amount: number;
  difference: number;
  sales_count: number;
  sales_total: number;
  deposits_total: number;
  withdrawals_total: number;
  by_method: string;
  operations: string;
  drawer: string;
  received_at: string;
}

export interface RejectedRow {
  id: number;
  received_at: string;
  reason: string;
  http_status: number;
  session_id: string | null;
  branch_code: string | null;
  register_code: string | null;
  sender_branch_code: string | null;
  sender_register_code: string | null;
  details: string | null;
  body: string;
  body_bytes: number | null;
  body_sha256: string | null;
}

/** The columns of a rejected row as listed: the body cut to the prefix (rows from before migration 3 hold it whole). */
export const REJECTED_COLUMNS = `id, received_at, reason, http_status, session_id, branch_code, register_code, sender_branch_code,
  sender_register_code, details, substr(body, 1, ${REJECTED_BODY_PREFIX}) AS body, body_bytes, body_sha256`;

export const SUMMARY_COLUMNS = `hq_sequence, session_id, branch_code, register_code, session_number, business_date, currency, status, chain_head,
  entry_count, opened_at, closed_at, opening_amount, closing_amount, expected_amount, difference, sales_count, sales_total,
  deposits_total, withdrawals_total, by_method, operations, drawer, received_at`;

export function toSummary(r: SessionRow): SessionSummary {
  return {
    hqSequence: r.hq_sequence,
    sessionId: r.session_id,
    branchCode: r.branch_code,
    registerCode: r.register_code,
    sessionNumber: r.session_number,
    businessDate: r.business_date,
    currency: r.currency,
    status: r.status,
    chainHead: r.chain_head,
    entryCount: r.entry_count,
    openedAt: r.opened_at,
    closedAt: r.closed_at,
    openingAmount: r.opening_amount,
    closingAmount: r.closing_amount,
    expectedAmount: r.expected_amount,
    difference: r.difference,
    salesCount: r.sales_count,
    salesTotal: r.sales_total,
    depositsTotal: r.deposits_total,
    withdrawalsTotal: r.withdrawals_total,
    byMethod: JSON.parse(r.by_method) as MethodTotals,
    operations: JSON.parse(r.operations) as OperationTotals,
    drawer: JSON.parse(r.drawer) as DrawerTotals,
    receivedAt: r.received_at,
  };
}

/** Columns written when a session is stored, in the order of `insertValues`. */
export const INSERT_COLUMNS = `session_id, branch_code, register_code, session_number, business_date, currency, status, chain_head,
  entry_count, opened_at, closed_at, opening_amount, closing_amount, expected_amount, difference, sales_count, sales_total,
  deposits_total, withdrawals_total, by_method, operations, drawer, bundle, received_at`;

export function insertValues(s: Omit<SessionSummary, 'hqSequence' | 'receivedAt'>, verified: VerifiedBundle, receivedAt: string): (string | number)[] {
  return [
    s.sessionId,
    s.branchCode,
    s.registerCode,
    s.sessionNumber,
    s.businessDate,
    s.currency,
    s.status,
    s.chainHead,
    s.entryCount,
    s.openedAt,
    s.closedAt,
    s.openingAmount,
    s.closingAmount,
    s.expectedAmount,
    s.difference,
    s.salesCount,
    s.salesTotal,
    s.depositsTotal,
    s.withdrawalsTotal,
    JSON.stringify(s.byMethod),
    JSON.stringify(s.operations),
    JSON.stringify(s.drawer),
    verified.canonical,
    receivedAt,
  ];
}

export function toRejected(r: RejectedRow): RejectedRecord {
  return {
    id: r.id,
    receivedAt: r.received_at,
    reason: r.reason,
    httpStatus: r.http_status,
    sessionId: r.session_id,
    branchCode: r.branch_code,
    registerCode: r.register_code,
    senderBranchCode: r.sender_branch_code,
    senderRegisterCode: r.sender_register_code,
    details: r.details,
    body: r.body,
    bodyBytes: r.body_bytes,
    bodySha256: r.body_sha256,
  };
}
