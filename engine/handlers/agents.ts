// Banking-agent operations. Invariants: only on AGENTS_ONLY or MIXED registers; the provider must be configured for
// the kind; CASH_IN and TOP_UP add to the drawer, CASH_OUT takes from it and never below zero expected cash; the
// commission is the store's income from the provider, reported but never counted as drawer cash.
import { asc, eq } from 'drizzle-orm';
import { agentTotals, appendLedger, schema, totalsOf } from '../../db';
import type { AgentKind, AgentPayload } from '../../src/session/ledger';
import { AGENT_KINDS } from '../../src/session/ledger';
import { checkCashOut } from '../../src/session/cash-out';
import { allows } from '../../src/session/state';
import type { CommandOutput } from '../../src/contract';
import { fail, ok } from '../../src/result';
import type { Handler } from '../context';
import { heldSession, seesExpected, visibleSession } from '../held';

type OperationRow = typeof schema.agentOperations.$inferSelect;
type ProviderRow = typeof schema.agentProviders.$inferSelect;

const operationView = (r: OperationRow): CommandOutput<'agents.create'>['operation'] => ({ ...r });
const providerView = (p: ProviderRow): CommandOutput<'agents.saveProvider'>['provider'] => ({
  code: p.code,
  name: p.name,
  kinds: (JSON.parse(p.kinds) as AgentKind[]).filter((k) => (AGENT_KINDS as readonly string[]).includes(k)),
  active: p.active,
});

export const create: Handler<'agents.create'> = (ctx, input) => {
  const held = heldSession(ctx);
  if (!held.ok) return held;
  const { session, register } = held.value;
  const allowed = allows(session.status, 'move');
  if (!allowed.ok) return allowed;
  if (register.specialty === 'SALES_ONLY') return fail('REGISTER_SPECIALTY_MISMATCH', { specialty: register.specialty });
  const provider = ctx.db.select().from(schema.agentProviders).where(eq(schema.agentProviders.code, input.provider)).get();
  if (!provider || !provider.active || !providerView(provider).kinds.includes(input.kind)) {
    return fail('AGENT_PROVIDER_UNKNOWN', { provider: input.provider, kind: input.kind });
  }
  if (input.kind === 'CASH_OUT') {
    const room = checkCashOut(totalsOf(session), input.amount, seesExpected(ctx, held.value));
    if (!room.ok) return room;
  }
  const payload: AgentPayload = {
    id: ctx.newId(),
    provider: provider.code,
    kind: input.kind,
    amount: input.amount,
    commission: input.commission ?? 0,
    reference: input.reference,
    customerRef: input.customerRef ?? null,
    userId: ctx.actor.id,
  };
  ctx.db.insert(schema.agentOperations).values({ ...payload, sessionId: session.id, createdAt: ctx.at }).run();
  appendLedger(ctx.db, session, ctx.at, { kind: 'AGENT_OPERATION', payload });
  return ok({ operation: { ...payload, sessionId: session.id, createdAt: ctx.at } });
};

export const list: Handler<'agents.list'> = (ctx, input) => {
  const held = input.sessionId === undefined ? heldSession(ctx) : visibleSession(ctx, input.sessionId);
  if (!held.ok) return input.sessionId === undefined ? ok({ sessionId: null, operations: [], totals: agentTotals(ctx.sqlite, '') }) : held;
  const id = held.value.session.id;
  const rows = ctx.db.select().from(schema.agentOperations).where(eq(schema.agentOperations.sessionId, id)).orderBy(asc(schema.agentOperations.createdAt)).all();
  return ok({ sessionId: id, operations: rows.map(operationView), totals: agentTotals(ctx.sqlite, id) });
};

export const providers: Handler<'agents.providers'> = (ctx, input) => {
  const rows = ctx.db
    .select()
    .from(schema.agentProviders)
    .where(input.includeInactive ? undefined : eq(schema.agentProviders.active, true))
    .orderBy(asc(schema.agentProviders.code))
    .all();
  return ok({ providers: rows.map(providerView) });
};

export const saveProvider: Handler<'agents.saveProvider'> = (ctx, input) => {
  const values = { code: input.code, name: input.name, kinds: JSON.stringify([...new Set(input.kinds)]), active: input.active ?? true, updatedAt: ctx.at };
  const row = ctx.db
    .insert(schema.agentProviders)
    .values(values)
    .onConflictDoUpdate({ target: schema.agentProviders.code, set: { name: values.name, kinds: values.kinds, active: values.active, updatedAt: ctx.at } })
    .returning()
    .get();
  return ok({ provider: providerView(row) });
};
