// Every supervisor approval a session's records carry, with the approver's name. Invariant: read from the approved rows
// themselves (movements, voids, refunds paid by the session, the session's close, its RESUMED ledger entries, the SALE
// entries with a discount approver, the DRAWER_OPENED entries of a granted no-sale).
import type { ApprovalKind } from '../../src/session/approvals';
import type { Db } from '../open';

export interface ApprovalRow {
  readonly kind: ApprovalKind;
  readonly approverId: string;
  readonly approverName: string;
  /** Minor units; null for a resume and a no-sale. For a close, the difference's size (absolute); for a discount, the sale's. */
  readonly amount: number | null;
  /** The sale or refund number, or null. */
  readonly reference: string | null;
  readonly at: string;
}

/** The approvals of one session, oldest first. */
export function approvalsOfSession(db: Db, sessionId: string): ApprovalRow[] {
  return db.$client
    .prepare<[string, string, string, string, string, string, string], ApprovalRow>(
      `SELECT a.kind, a.approverId, u.name AS approverName, a.amount, a.reference, a.at FROM (
         SELECT CASE m.direction WHEN 'OUT' THEN 'WITHDRAWAL' ELSE 'DEPOSIT' END AS kind, m.authorized_by AS approverId,
                m.amount AS amount, NULL AS reference, m.created_at AS at
           FROM cash_movements m WHERE m.session_id = ? AND m.authorized_by IS NOT NULL
         UNION ALL
         SELECT 'VOID', v.authorized_by, v.total, s.sale_number, v.created_at
           FROM sale_voids v JOIN sales s ON s.id = v.sale_id WHERE v.session_id = ?
         UNION ALL
         SELECT 'REFUND', r.authorized_by, r.total, r.refund_number, r.created_at
           FROM refunds r WHERE r.session_id = ? AND r.authorized_by IS NOT NULL
         UNION ALL
         SELECT 'CLOSE_DIFFERENCE', s.approved_by, ABS(s.difference), NULL, s.closed_at
           FROM sessions s WHERE s.id = ? AND s.approved_by IS NOT NULL
         UNION ALL
         SELECT 'RESUME', json_extract(e.payload, '$.approvedBy'), NULL, NULL, e.at
           FROM ledger_entries e WHERE e.session_id = ? AND e.kind = 'RESUMED' AND json_extract(e.payload, '$.approvedBy') IS NOT NULL
         UNION ALL
         SELECT 'DISCOUNT', json_extract(e.payload, '$.discountApprovedBy'),
                (SELECT SUM(l.discount) FROM sale_lines l WHERE l.sale_id = json_extract(e.payload, '$.id')),
                json_extract(e.payload, '$.saleNumber'), e.at
           FROM ledger_entries e WHERE e.session_id = ? AND e.kind = 'SALE' AND json_extract(e.payload, '$.discountApprovedBy') IS NOT NULL
         UNION ALL
         SELECT 'NO_SALE', json_extract(e.payload, '$.authorizedBy'), NULL, NULL, e.at
           FROM ledger_entries e WHERE e.session_id = ? AND e.kind = 'DRAWER_OPENED' AND json_extract(e.payload, '$.authorizedBy') IS NOT NULL
       ) a JOIN users u ON u.id = a.approverId ORDER BY a.at, a.kind`,
    )
    .all(sessionId, sessionId, sessionId, sessionId, sessionId, sessionId, sessionId);
}
