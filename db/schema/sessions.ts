import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { branches } from './branches';
import { registers } from './registers';
import { users } from './users';
import { ACTIVE_STATUSES, SESSION_STATUSES } from '../../src/session/state';
import { DIFFERENCE_TYPES } from '../../src/session/count';

// The partial indexes' predicate, spelled exactly as the migrations have it: status IN ('OPEN', 'SUSPENDED', 'COUNTING').
const ACTIVE = sql.raw(`status IN (${ACTIVE_STATUSES.map((s) => `'${s}'`).join(', ')})`);

/**
 * Cash sessions (turnos). The row holds running totals updated in the same transaction as each ledger entry; the
 * ledger itself is append-only. At most one active session per register and per user, enforced by partial unique
 * indexes so that two simultaneous opens cannot both succeed.
 */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    sessionNumber: text('session_number').notNull().unique(),
    branchId: text('branch_id')
      .notNull()
      .references(() => branches.id),
    registerId: text('register_id')
      .notNull()
      .references(() => registers.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    currency: text('currency').notNull(),
    businessDate: text('business_date').notNull(),
    status: text('status', { enum: SESSION_STATUSES }).notNull(),
    openingAmount: integer('opening_amount').notNull(),
    openingNotes: text('opening_notes'),
    openedAt: text('opened_at').notNull(),
    closedAt: text('closed_at'),
    closingAmount: integer('closing_amount'),
    expectedAmount: integer('expected_amount'),
    difference: integer('difference'),
    differenceType: text('difference_type', { enum: DIFFERENCE_TYPES }),
    closingNotes: text('closing_notes'),
    closedBy: text('closed_by').references(() => users.id),
    approvedBy: text('approved_by').references(() => users.id),
    previousSessionId: text('previous_session_id'),
    salesCount: integer('sales_count').notNull().default(0),
    salesTotal: integer('sales_total').notNull().default(0),
    depositsTotal: integer('deposits_total').notNull().default(0),
    withdrawalsTotal: integer('withdrawals_total').notNull().default(0),
    /** Net cash payments (after change). With opening, deposits and withdrawals it gives expected cash in O(1). */
    totalCash: integer('total_cash').notNull().default(0),
    totalDebitCard: integer('total_debit_card').notNull().default(0),
    totalCreditCard: integer('total_credit_card').notNull().default(0),
    totalQr: integer('total_qr').notNull().default(0),
    totalCardTerminal: integer('total_card_terminal').notNull().default(0),
    totalTransfer: integer('total_transfer').notNull().default(0),
    totalCheck: integer('total_check').notNull().default(0),
    totalVoucher: integer('total_voucher').notNull().default(0),
    totalOther: integer('total_other').notNull().default(0),
    voidsCount: integer('voids_count').notNull().default(0),
    voidsTotal: integer('voids_total').notNull().default(0),
    refundsCount: integer('refunds_count').notNull().default(0),
    refundsTotal: integer('refunds_total').notNull().default(0),
    agentCount: integer('agent_count').notNull().default(0),
    agentCashIn: integer('agent_cash_in').notNull().default(0),
    agentCashOut: integer('agent_cash_out').notNull().default(0),
    agentTopUp: integer('agent_top_up').notNull().default(0),
    agentCommission: integer('agent_commission').notNull().default(0),
    /** DRAWER_OPENED entries, and those of them with no sale. */
    drawerOpenings: integer('drawer_openings').notNull().default(0),
    noSaleOpenings: integer('no_sale_openings').notNull().default(0),
    /** Net cash rounding (signed minor units): sales' roundings less those of voids and cash refunds. */
    cashRounding: integer('cash_rounding').notNull().default(0),
    /** The last session sealed on this register before this one opened, and the cash it was closed with. */
    priorSessionId: text('prior_session_id'),
    priorClosingAmount: integer('prior_closing_amount'),
    ledgerSeq: integer('ledger_seq').notNull().default(0),
    chainHead: text('chain_head').notNull(),
  },
  (t) => [
    uniqueIndex('sessions_one_active_per_register').on(t.registerId).where(ACTIVE),
    uniqueIndex('sessions_one_active_per_user').on(t.userId).where(ACTIVE),
    // cash.sessions pages newest first by (business date, opened at, number), whichever equality filter leads; the day's
    // sessions of a branch (reports.daily) use the branch one.
    index('sessions_date_order').on(t.businessDate, t.openedAt, t.sessionNumber),
    index('sessions_register_date_order').on(t.registerId, t.businessDate, t.openedAt, t.sessionNumber),
    index('sessions_branch_date_order').on(t.branchId, t.businessDate, t.openedAt, t.sessionNumber),
    index('sessions_user_date_order').on(t.userId, t.businessDate, t.openedAt, t.sessionNumber),
    index('sessions_status_date_order').on(t.status, t.businessDate, t.openedAt, t.sessionNumber),
    // cash.open's "last sealed session of this register" without sorting every closed session of it.
    index('sessions_register_sealed').on(t.registerId, t.closedAt).where(sql.raw("status IN ('CLOSED', 'TRANSFERRED')")),
    check('sessions_opening_nonneg', sql`${t.openingAmount} >= 0`),
    check('sessions_closing_nonneg', sql`${t.closingAmount} IS NULL OR ${t.closingAmount} >= 0`),
  ],
);
