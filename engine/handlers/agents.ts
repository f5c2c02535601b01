// Banking-agent operations. Invariants: only on AGENTS_ONLY or MIXED registers; the provider must be configured for
// the kind; CASH_IN and TOP_UP add to the drawer, CASH_OUT takes from it and never below zero expected cash; the
// commission is the store's income from the provider, reported but never counted as drawer cash.
import type { AgentOperationRow, AgentProviderRow } from '../../db';
import { agentOperationsOf, agentTotals, appendLedger, insertAgentOperation, listProviders, providerByCode, saveProvider as storeProvider, totalsOf } from '../../db';
import type { AgentKind, AgentPayload } from '../../src/session/ledger';
import { AGENT_KINDS } from '../../src/session/ledger';
import { checkCashOut } from '../../src/session/cash-out';
import { allowsUse } from '../../src/session/register-rules';
import { providerTakes } from '../../src/session/agents';
import { allows } from '../../src/session/state';
import type { CommandOutput } from '../../src/contract';
import { fail, ok } from '../../src/result';
import type { Handler } from '../context';
import { heldSession, seesExpected, visibleSession } from '../held';
import { roomIn } from '../ceiling';
import { checkGrantId, consumeGrant } from '../grants';
import { noteAllowedCashOut, refuseCashOut, refusalsNeedGrant } from '../refused-cash-out';

const operationView = (r: AgentOperationRow): CommandOutput<'agents.create'>['operation'] => ({ ...r });
const providerView = (p: AgentProviderRow): CommandOutput<'agents.saveProvider'>['provider'] => ({
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
  const use = allowsUse(register.specialty, 'agents');
  if (!use.ok) return use;
  const row = providerByCode(ctx.db, input.provider);
  const takes = providerTakes(row && providerView(row), input.provider, input.kind);
  if (!takes.ok) return takes;
  const provider = takes.value;
  if (input.kind === 'CASH_OUT') {
    // After repeated refusals a cash-out is a supervisor's call: the refusal must not serve as a free probe of the drawer.
    const needsGrant = refusalsNeedGrant(ctx, session);
    if (needsGrant && input.grantId === undefined) return fail('SUPERVISOR_REQUIRED', { permission: 'cash:movements', reason: 'CASH_OUT_REFUSALS' });
    const grantId = needsGrant ? input.grantId : undefined;
    if (grantId !== undefined) {
      const grant = checkGrantId(ctx, grantId, 'cash:movements');
      if (!grant.ok) return grant;
    }
    const sees = seesExpected(ctx, held.value);
    const room = checkCashOut(totalsOf(session), input.amount, sees);
    if (!room.ok) return refuseCashOut(ctx, session, { kind: 'AGENT_CASH_OUT', amount: input.amount, ref: provider.code }, room.error, 'agents.create', grantId);
    noteAllowedCashOut(ctx, session, room.value, input.amount, !sees, grantId !== undefined);
    if (grantId !== undefined) consumeGrant(ctx, grantId, 'agents.create');
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
  const room = roomIn(session, { kind: 'AGENT_OPERATION', payload });
  if (!room.ok) return room;
  insertAgentOperation(ctx.db, session.id, ctx.at, payload);
  appendLedger(ctx.db, session, ctx.at, { kind: 'AGENT_OPERATION', payload });
  return ok({ operation: { ...payload, sessionId: session.id, createdAt: ctx.at } });
};

export const list: Handler<'agents.list'> = (ctx, input) => {
  const held = input.sessionId === undefined ? heldSession(ctx) : visibleSession(ctx, input.sessionId);
  if (!held.ok) return input.sessionId === undefined ? ok({ sessionId: null, operations: [], totals: agentTotals(ctx.db, '') }) : held;
  const id = held.value.session.id;
  return ok({ sessionId: id, operations: agentOperationsOf(ctx.db, id).map(operationView), totals: agentTotals(ctx.db, id) });
};

export const providers: Handler<'agents.providers'> = (ctx, input) => {
  return ok({ providers: listProviders(ctx.db, input.includeInactive ?? false).map(providerView) });
};

export const saveProvider: Handler<'agents.saveProvider'> = (ctx, input) => {
  const row = storeProvider(ctx.db, { code: input.code, name: input.name, kinds: JSON.stringify([...new Set(input.kinds)]), active: input.active ?? true }, ctx.at);
  return ok({ provider: providerView(row) });
};
