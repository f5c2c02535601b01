// The cash session: open, suspend, resume, move cash, count, close, hand over, and what a register holds.
import { z } from 'zod';
import {
  Id,
  Amount,
  PositiveAmount,
  Note,
  IsoDate,
  SessionStatusSchema,
  MovementInTypeSchema,
  MovementOutTypeSchema,
  MovementReasonSchema,
  RegisterSchema,
  SessionSchema,
  CountInputSchema,
  CountSchema,
  CountSummarySchema,
  MovementSchema,
  CloseSummarySchema,
  PaginationSchema,
  CurrentSessionSchema,
  RegisterHolderSchema,
  SessionReportSchema,
} from '../schemas';
import type { Feature } from './define';
import { query, mutation, Page } from './define';


export const CASH_COMMANDS = {
  'cash.current': query({
    input: {},
    output: CurrentSessionSchema,
    auth: true,
    permission: null,
    summary: "The signed-in user's active session and its expected cash (null when blind).",
  }),
  'cash.status': query({
    input: { registerId: Id },
    output: z.object({
      register: RegisterSchema,
      currentSession: RegisterHolderSchema.nullable(),
      isOpen: z.boolean(),
      isSuspended: z.boolean(),
      isCounting: z.boolean(),
    }),
    auth: true,
    permission: null,
    summary: 'Whether a register is free or held, and by whom.',
  }),
  'cash.open': mutation({
    input: { registerId: Id, openingAmount: Amount.optional(), count: CountInputSchema.optional(), notes: Note.optional() },
    output: z.object({ session: SessionSchema }),
    auth: true,
    permission: 'cash:open',
    summary:
      "Open a session with a float, typed or counted. With a count the opening amount is its cash total. An enrolled PC opens only its own register (REGISTER_NOT_THIS_PC, `details.thisRegister`), and every session command refuses a session on another; a standalone store opens any of its registers.",
  }),
  'cash.suspend': mutation({
    input: {},
    output: z.object({ session: SessionSchema }),
    auth: true,
    permission: 'cash:open',
    summary: 'Suspend the open session (OPEN → SUSPENDED).',
  }),
  'cash.resume': mutation({
    input: { grantId: Id.optional() },
    output: z.object({ session: SessionSchema }),
    auth: true,
    permission: 'cash:open',
    summary:
      "Resume your suspended session (SUSPENDED → OPEN). With `grantId`, a supervisor's `cash:resume` grant (asked for by you) approves it: spent, and the approver recorded on the RESUMED ledger entry.",
  }),
  'cash.deposit': mutation({
    input: {
      amount: PositiveAmount,
      reason: MovementReasonSchema,
      type: MovementInTypeSchema.optional(),
      description: Note.optional(),
      reference: Note.optional(),
    },
    output: z.object({ movement: MovementSchema }),
    auth: true,
    permission: 'cash:deposit',
    summary: 'Cash into the drawer.',
  }),
  'cash.withdraw': mutation({
    input: {
      amount: PositiveAmount,
      reason: MovementReasonSchema,
      type: MovementOutTypeSchema.optional(),
      description: Note.optional(),
      reference: Note.optional(),
      destinationType: z.string().trim().max(40).optional(),
      grantId: Id.optional(),
    },
    output: z.object({ movement: MovementSchema }),
    auth: true,
    permission: 'cash:withdraw',
    summary: 'Cash out of the drawer, approved by another user’s `cash:movements` grant; never more than expected cash.',
  }),
  'cash.movements': query({
    input: { sessionId: Id.optional() },
    output: z.object({ sessionId: Id.nullable(), movements: z.array(MovementSchema) }),
    auth: true,
    permission: null,
    summary: 'Movements of your session, or of any session with `cash:view_all`.',
  }),
  'cash.count': mutation({
    input: { type: z.enum(['PARTIAL', 'AUDIT']), ...CountInputSchema.shape },
    output: z.object({ count: CountSchema, summary: CountSummarySchema }),
    auth: true,
    permission: 'cash:count',
    summary: 'Count the drawer by denomination mid-session.',
  }),
  'cash.counts': query({
    input: { sessionId: Id },
    output: z.object({ sessionId: Id, counts: z.array(CountSchema) }),
    auth: true,
    permission: null,
    summary: 'Counts of a session.',
  }),
  'cash.close': mutation({
    input: { count: CountInputSchema, notes: Note.optional(), grantId: Id.optional() },
    /** `report`: the Z report of the session just closed, as `reports.session` would answer it (no second request). */
    output: z.object({ session: SessionSchema, summary: CloseSummarySchema, count: CountSchema, report: SessionReportSchema }),
    auth: true,
    permission: 'cash:close',
    summary:
      'Blind close with a count. Beyond the tolerance and without a `cash:approve_difference` grant the close is refused (DIFFERENCE_NEEDS_APPROVAL), the count kept and the session left COUNTING.',
  }),
  'cash.transfer': mutation({
    input: { toUserId: Id, count: CountInputSchema, incomingGrantId: Id, notes: Note.optional() },
    output: z.object({ closedSession: SessionSchema, newSession: SessionSchema }),
    auth: true,
    permission: 'cash:close',
    summary:
      "Hand the drawer over: the counted cash closes this session as TRANSFERRED and opens the incoming user's session. `incomingGrantId` is a `cash:open` grant from the incoming user's own PIN.",
  }),
  'cash.sessions': query({
    input: {
      branchId: Id.optional(),
      registerId: Id.optional(),
      userId: Id.optional(),
      status: SessionStatusSchema.optional(),
      dateFrom: IsoDate.optional(),
      dateTo: IsoDate.optional(),
      ...Page,
    },
    output: z.object({ sessions: z.array(SessionSchema), pagination: PaginationSchema }),
    auth: true,
    permission: null,
    summary: 'Sessions, newest first, by business date. Without `cash:view_all` only your own.',
  }),
} as const satisfies Feature<'cash'>;
