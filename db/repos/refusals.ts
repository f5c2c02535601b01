// Refused cash-outs, read from the ledger itself (CASH_OUT_REFUSED entries): the chain is their only record, so what
// the manager sees, what HQ receives and what the refusal limit counts cannot disagree. Invariant: reads only.
// The scan walks one session's entries by its primary key prefix (session_id, seq); cash-outs are rare enough that
// this costs nothing next to the write they guard.
import type { CashOutKind, CashOutRefusedPayload } from '../../src/session/ledger';
import type { Db } from '../open';

/** One refused cash-out: when, who (user id), what kind, how much (minor units), about what (`ref`). */
export interface CashOutRefusal {
  readonly at: string;
  readonly kind: CashOutKind;
  readonly amount: number;
  readonly userId: string;
  readonly ref: string | null;
}

/** The session's refused cash-outs in ledger order. */
export function cashOutRefusalsOf(db: Db, sessionId: string): CashOutRefusal[] {
  return db.$client
    .prepare<[string], { at: string; payload: string }>("SELECT at, payload FROM ledger_entries WHERE session_id = ? AND kind = 'CASH_OUT_REFUSED' ORDER BY seq")
    .all(sessionId)
    .map((r) => {
      const p = JSON.parse(r.payload) as CashOutRefusedPayload;
      return { at: r.at, kind: p.kind, amount: p.amount, userId: p.userId, ref: p.ref };
    });
}

/** How many cash-outs the session has refused (what the grant threshold counts). */
export function cashOutRefusalCount(db: Db, sessionId: string): number {
  return db.$client
    .prepare<[string], { n: number }>("SELECT COUNT(*) AS n FROM ledger_entries WHERE session_id = ? AND kind = 'CASH_OUT_REFUSED'")
    .get(sessionId)?.n ?? 0;
}
