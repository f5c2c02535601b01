// Banking-agent operations (cash-in, cash-out, top-up) and their providers.
import { z } from 'zod';
import {
  Id,
  Amount,
  PositiveAmount,
  Code,
  AgentKindSchema,
  AgentOperationSchema,
  AgentProviderSchema,
  AgentTotalsSchema,
} from '../schemas';
import type { Feature } from './define';
import { query, mutation, Name, Text } from './define';

export const AGENTS_COMMANDS = {
  'agents.create': mutation({
    input: {
      provider: Code,
      kind: AgentKindSchema,
      amount: PositiveAmount,
      commission: Amount.optional(),
      reference: Text(80),
      customerRef: Text(80).optional(),
      /** A `cash:movements` grant: needed for a CASH_OUT once the session has refused three cash-outs. */
      grantId: Id.optional(),
    },
    output: z.object({ operation: AgentOperationSchema }),
    auth: true,
    permission: 'agents:operate',
    summary:
      'A banking-agent operation in your open session (AGENTS_ONLY or MIXED registers): CASH_IN and TOP_UP add cash to the drawer, CASH_OUT takes it out and never below zero expected cash (a refusal is recorded; after three in a session a CASH_OUT needs a `cash:movements` grant). Commission is reported, never drawer cash.',
  }),
  'agents.list': query({
    input: { sessionId: Id.optional() },
    output: z.object({ sessionId: Id.nullable(), operations: z.array(AgentOperationSchema), totals: AgentTotalsSchema }),
    auth: true,
    permission: null,
    summary: 'Agent operations of your session, or of any session with `cash:view_all`, with totals by kind and provider.',
  }),
  'agents.providers': query({
    input: { includeInactive: z.boolean().optional() },
    output: z.object({ providers: z.array(AgentProviderSchema) }),
    auth: true,
    permission: null,
    summary: 'The configured agent providers.',
  }),
  'agents.saveProvider': mutation({
    input: { code: Code, name: Name, kinds: z.array(AgentKindSchema).min(1).max(3), active: z.boolean().optional() },
    output: z.object({ provider: AgentProviderSchema }),
    auth: true,
    permission: 'agents:manage',
    summary: 'Create or change an agent provider and the operation kinds it allows.',
  }),
} as const satisfies Feature<'agents'>;
