// The X/Z report of a session and the store's daily report.
import { z } from 'zod';
import {
  Id,
  Minor,
  SignedMinor,
  IsoDate,
  CurrencySchema,
  MethodTotalsSchema,
  OperationTotalsSchema,
  SessionSchema,
  AgentTotalsSchema,
  HourTotalsSchema,
  SessionReportSchema,
  DiscountTotalsSchema,
} from '../schemas';
import type { Feature } from './define';
import { query } from './define';

export const REPORTS_COMMANDS = {
  'reports.session': query({
    input: { sessionId: Id },
    output: SessionReportSchema,
    auth: true,
    permission: null,
    summary: 'X report of an active session, Z report of a closed one.',
  }),
  'reports.daily': query({
    input: { date: IsoDate.optional(), branchId: Id.optional() },
    output: z.object({
      date: IsoDate,
      /** The branch's currency: every amount of `summary` is in it. */
      currency: CurrencySchema,
      sessions: z.array(SessionSchema),
      summary: z.object({
        totalSessions: z.int(),
        openSessions: z.int(),
        closedSessions: z.int(),
        /** Sessions of registers in another currency: listed in `sessions`, left out of every amount below. */
        otherCurrencySessions: z.int(),
        salesCount: z.int(),
        salesTotal: SignedMinor,
        totals: MethodTotalsSchema,
        depositsTotal: Minor,
        withdrawalsTotal: Minor,
        difference: SignedMinor,
        operations: OperationTotalsSchema,
        agents: AgentTotalsSchema,
        salesByHour: z.array(HourTotalsSchema),
        /** Sales (not voided) with a discount and the sum of their discounts. */
        discounts: DiscountTotalsSchema,
        /** Cash-outs refused for exceeding expected cash, and the amounts asked. */
        cashOutRefusals: z.object({ count: z.int(), total: Minor }),
      }),
    }),
    auth: true,
    permission: 'cash:report_all',
    summary:
      "Every session of the store's local date (default today) across registers, with totals in the branch's currency: sales, tenders, movements, voids, refunds, agent operations and sales by hour.",
  }),
} as const satisfies Feature<'reports'>;
