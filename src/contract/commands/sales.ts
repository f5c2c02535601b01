// Selling, finding a sale, voiding it and refunding part of it.
import { z } from 'zod';
import {
  Id,
  Amount,
  PositiveAmount,
  MethodSchema,
  Quantity,
  SaleSchema,
  SaleListItemSchema,
  RefundSchema,
  PaginationSchema,
  CurrentSessionSchema,
} from '../schemas';
import type { Feature } from './define';
import { query, mutation, Text, Page } from './define';

export const SALES_COMMANDS = {
  'sales.create': mutation({
    input: {
      lines: z
        .array(z.strictObject({ productId: Id, quantity: Quantity, unitPrice: Amount.optional(), discount: Amount.optional() }))
        .min(1)
        .max(500),
      discount: Amount.optional(),
      payments: z
        .array(
          z.strictObject({
            method: MethodSchema,
            amount: PositiveAmount,
            tendered: PositiveAmount.optional(),
            reference: z.string().trim().max(80).optional(),
            cardLast4: z.string().regex(/^\d{4}$/).optional(),
            authCode: z.string().trim().min(1).max(20).optional(),
          }),
        )
        .max(20),
      /** A `sales:discount` grant: needed for discounts above the register's ceilings and for a sale left with nothing to pay. */
      grantId: Id.optional(),
    },
    output: z.object({
      sale: SaleSchema,
      stockWarnings: z.array(z.object({ productId: Id, stock: z.string(), stockMilli: z.int() })),
      /** The seller's session with this sale counted, as `cash.current` would now answer it (no second request). */
      current: CurrentSessionSchema,
    }),
    auth: true,
    permission: 'sales:create',
    summary:
      'Sell in the open session: line = round_half_up(price × quantity) − discounts; payments must cover the total; only CASH may be over-tendered and gives change. A price other than the catalog price needs `sales:price_override`. Discounts above the register ceilings `discountMaxBp`/`discountMaxAmount` (per line and for the whole sale), and a sale discounted to 0 (`payments: []`), need a `sales:discount` grant. A total whose cash due rounds to 0 (Bs 0.04 at Bs 0.10) is paid with `payments: []` (nothing to hand over; no grant). Stock goes down in the same transaction; below zero it is flagged in `stockWarnings`, or refused with OUT_OF_STOCK where the register forbids it.',
  }),
  'sales.get': query({
    input: { saleId: Id },
    output: z.object({ sale: SaleSchema, refunds: z.array(RefundSchema) }),
    auth: true,
    permission: null,
    summary: 'A sale with what has been refunded per line (for the refund screen). Any sale of your branch.',
  }),
  'sales.list': query({
    input: {
      sessionId: Id.optional(),
      saleNumber: z.string().trim().min(1).max(60).optional(),
      query: z.string().trim().min(1).max(60).optional(),
      ...Page,
    },
    output: z.object({ sales: z.array(SaleListItemSchema), pagination: PaginationSchema }),
    auth: true,
    permission: null,
    summary:
      'Sales of a session, newest first: your active session by default, another of yours by `sessionId`, any with `cash:view_all`. `query` narrows by sale number (digits alone match the sequence at its end: "12" finds …-0012). `saleNumber` is an exact sale number looked up across your branch (any register, any day: refunds happen anywhere in the branch), by anyone signed in.',
  }),
  'sales.void': mutation({
    input: { saleId: Id, reason: Text(200), grantId: Id },
    output: z.object({ sale: SaleSchema }),
    auth: true,
    permission: 'sales:create',
    summary:
      "Void a whole sale of your open session with another user's `sales:void` grant: reversing entries for its total, payments and stock; the original stays.",
  }),
  'sales.refund': mutation({
    input: {
      saleId: Id,
      lines: z.array(z.strictObject({ lineId: z.int().min(1), quantity: Quantity })).min(1).max(500),
      method: MethodSchema,
      reason: Text(200),
      damaged: z.boolean().optional(),
      grantId: Id.optional(),
    },
    /** `sale` as it is after this refund (refunded quantities and total), so the screen need not fetch it again. */
    output: z.object({ refund: RefundSchema, sale: SaleSchema }),
    auth: true,
    permission: 'sales:create',
    summary:
      "Give back part of a sale of this branch, in your open session (any register, any later day). `lineId` is the sale's line number. Quantities never exceed sold minus refunded; above the register's `refundApprovalAbove` a `sales:refund` grant is needed. A cash refund leaves this drawer. Items go back to stock unless `damaged`.",
  }),
} as const satisfies Feature<'sales'>;
