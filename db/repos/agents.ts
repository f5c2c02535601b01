// Banking-agent operation totals, by kind and provider. Invariant: `where` is a constant SQL condition written in
// code, never input; values travel in `params`.
import type { Sqlite } from '../open';
import type { AgentKind } from '../../src/session/ledger';

export interface AgentTotals {
  readonly count: number;
  /** Minor units by kind. */
  readonly byKind: { CASH_IN: number; CASH_OUT: number; TOP_UP: number };
  /** Minor units: the store's income from providers, never drawer cash. */
  readonly commission: number;
  /** Minor units: CASH_IN + TOP_UP − CASH_OUT. */
  readonly netCash: number;
  readonly byProvider: { provider: string; kind: AgentKind; count: number; amount: number; commission: number }[];
}

/** Totals of the agent operations that `where` selects. */
export function agentTotalsWhere(sqlite: Sqlite, where: string, params: readonly string[]): AgentTotals {
  const rows = sqlite
    .prepare<string[], { provider: string; kind: AgentKind; n: number; amount: number; commission: number }>(
      `SELECT provider, kind, COUNT(*) AS n, SUM(amount) AS amount, SUM(commission) AS commission FROM agent_operations WHERE ${where} GROUP BY provider, kind ORDER BY provider, kind`,
    )
    .all(...params);
  const byKind = { CASH_IN: 0, CASH_OUT: 0, TOP_UP: 0 };
  for (const r of rows) byKind[r.kind] += r.amount;
  return {
    count: rows.reduce((a, r) => a + r.n, 0),
    byKind,
    commission: rows.reduce((a, r) => a + r.commission, 0),
    netCash: byKind.CASH_IN + byKind.TOP_UP - byKind.CASH_OUT,
    byProvider: rows.map((r) => ({ provider: r.provider, kind: r.kind, count: r.n, amount: r.amount, commission: r.commission })),
  };
}

/** Totals of one session's agent operations. */
export function agentTotals(sqlite: Sqlite, sessionId: string): AgentTotals {
  return agentTotalsWhere(sqlite, 'session_id = ?', [sessionId]);
}
