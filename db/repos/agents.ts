// Banking-agent operations, their providers, and their totals by kind and provider. Invariants: an operation is written
// only with its AGENT_OPERATION ledger entry (append-only); `where` is a constant SQL condition written in code, never
// input; values travel in `params`.
import { asc, eq } from 'drizzle-orm';
import type { Db, Sqlite } from '../open';
import * as schema from '../schema';
import type { AgentKind, AgentPayload } from '../../src/session/ledger';
import { REPORT_CEILING, addSaturating, saturate } from '../../src/money/ceilings';

export type AgentOperationRow = typeof schema.agentOperations.$inferSelect;
export type AgentProviderRow = typeof schema.agentProviders.$inferSelect;

/** Writes one operation row as its ledger payload describes it. */
export function insertAgentOperation(db: Db, sessionId: string, at: string, payload: AgentPayload): void {
  db.insert(schema.agentOperations).values({ ...payload, sessionId, createdAt: at }).run();
}

/** A session's operations, oldest first. */
export function agentOperationsOf(db: Db, sessionId: string): AgentOperationRow[] {
  return db.select().from(schema.agentOperations).where(eq(schema.agentOperations.sessionId, sessionId)).orderBy(asc(schema.agentOperations.createdAt)).all();
}

/** One provider by code, or undefined. */
export function providerByCode(db: Db, code: string): AgentProviderRow | undefined {
  return db.select().from(schema.agentProviders).where(eq(schema.agentProviders.code, code)).get();
}

/** Providers by code; only the active ones unless `includeInactive`. */
export function listProviders(db: Db, includeInactive: boolean): AgentProviderRow[] {
  return db
    .select()
    .from(schema.agentProviders)
    .where(includeInactive ? undefined : eq(schema.agentProviders.active, true))
    .orderBy(asc(schema.agentProviders.code))
    .all();
}

/** Creates or replaces a provider by its code (`kinds` already JSON); returns the stored row. */
export function saveProvider(db: Db, p: { code: string; name: string; kinds: string; active: boolean }, at: string): AgentProviderRow {
  return db
    .insert(schema.agentProviders)
    .values({ ...p, updatedAt: at })
    .onConflictDoUpdate({ target: schema.agentProviders.code, set: { name: p.name, kinds: p.kinds, active: p.active, updatedAt: at } })
    .returning()
    .get();
}

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
  // Saturated at the report ceiling (src/money/ceilings.ts): safe integers whatever an older version stored.
  const byKind = { CASH_IN: 0, CASH_OUT: 0, TOP_UP: 0 };
  for (const r of rows) byKind[r.kind] = addSaturating(byKind[r.kind], r.amount);
  return {
    count: rows.reduce((a, r) => a + r.n, 0),
    byKind,
    commission: rows.reduce((a, r) => addSaturating(a, r.commission), 0),
    netCash: addSaturating(addSaturating(byKind.CASH_IN, byKind.TOP_UP), -byKind.CASH_OUT),
    byProvider: rows.map((r) => ({ provider: r.provider, kind: r.kind, count: r.n, amount: saturate(r.amount, REPORT_CEILING), commission: saturate(r.commission, REPORT_CEILING) })),
  };
}

/** Totals of one session's agent operations. */
export function agentTotals(db: Db, sessionId: string): AgentTotals {
  return agentTotalsWhere(db.$client, 'session_id = ?', [sessionId]);
}
