import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { branches } from './branches';
import { SPECIALTIES } from '../../src/vocabulary';

export const registers = sqliteTable(
  'registers',
  {
    id: text('id').primaryKey(),
    branchId: text('branch_id')
      .notNull()
      .references(() => branches.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    specialty: text('specialty', { enum: SPECIALTIES }).notNull(),
    currency: text('currency').notNull(),
    blindClose: integer('blind_close', { mode: 'boolean' }).notNull(),
    differenceTolerance: integer('difference_tolerance').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    /** False: a sale that would take a product's stock below zero is refused (OUT_OF_STOCK). */
    allowNegativeStock: integer('allow_negative_stock', { mode: 'boolean' }).notNull().default(true),
    /** Refunds above this amount (minor units) need a `sales:refund` grant; 0: every refund does. */
    refundApprovalAbove: integer('refund_approval_above').notNull().default(0),
    /** "Abrir cajón" with no sale needs a supervisor's `cash:approve_no_sale` grant. */
    noSaleNeedsApproval: integer('no_sale_needs_approval', { mode: 'boolean' }).notNull().default(false),
    /** Minor units cash totals round to (1: none); null: the currency's default (src/money/rounding.ts). */
    cashRounding: integer('cash_rounding'),
    /** Discounts up to this share of the gross (basis points, 10000 = 100 %) need no supervisor; 0: every one does. */
    discountMaxBp: integer('discount_max_bp').notNull().default(0),
    /** ... and up to this amount (minor units); 0: every discount needs a `sales:discount` grant. */
    discountMaxAmount: integer('discount_max_amount').notNull().default(0),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('registers_branch_code').on(t.branchId, t.code),
    check('registers_tolerance_nonneg', sql`${t.differenceTolerance} >= 0`),
  ],
);
