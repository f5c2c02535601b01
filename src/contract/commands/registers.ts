// The registers (points of sale) of the store and their settings.
import { z } from 'zod';
import { PrinterSettingsSchema, StoreHeaderSettingsSchema } from '../../print/settings';
import { Id, Amount, Code, CurrencySchema, SpecialtySchema, RegisterSchema, RegisterHolderSchema } from '../schemas';
import type { Feature } from './define';
import { query, mutation, Name } from './define';

export const REGISTERS_COMMANDS = {
  'registers.create': mutation({
    input: {
      code: Code,
      name: Name,
      specialty: SpecialtySchema,
      currency: CurrencySchema.optional(),
      blindClose: z.boolean().optional(),
      differenceTolerance: Amount.optional(),
      allowNegativeStock: z.boolean().optional(),
      refundApprovalAbove: Amount.optional(),
      noSaleNeedsApproval: z.boolean().optional(),
      cashRounding: z.int().min(1).max(100000).nullable().optional(),
      /** Discounts above this share of the gross (basis points, 10000 = 100 %) need a `sales:discount` grant. */
      discountMaxBp: z.int().min(0).max(10_000).optional(),
      /** ... or above this amount (minor units). */
      discountMaxAmount: Amount.optional(),
      branchId: Id.optional(),
    },
    output: z.object({ register: RegisterSchema }),
    auth: true,
    permission: 'registers:manage',
    summary: "Create a register (point of sale). Currency defaults to the branch's; blind close on; tolerance 0; discount ceilings 0 (every discount needs a `sales:discount` grant).",
  }),
  'registers.list': query({
    input: { includeInactive: z.boolean().optional() },
    output: z.object({
      /** Each with who holds it now (`cash.status`'s `currentSession`), so a list of registers takes one request. */
      registers: z.array(RegisterSchema.extend({ currentSession: RegisterHolderSchema.nullable() })),
    }),
    auth: true,
    permission: null,
    summary: 'Registers of the store.',
  }),
  'registers.update': mutation({
    input: {
      id: Id,
      name: Name.optional(),
      specialty: SpecialtySchema.optional(),
      blindClose: z.boolean().optional(),
      differenceTolerance: Amount.optional(),
      allowNegativeStock: z.boolean().optional(),
      refundApprovalAbove: Amount.optional(),
      noSaleNeedsApproval: z.boolean().optional(),
      cashRounding: z.int().min(1).max(100000).nullable().optional(),
      /** Discounts above this share of the gross (basis points, 10000 = 100 %) need a `sales:discount` grant. */
      discountMaxBp: z.int().min(0).max(10_000).optional(),
      /** ... or above this amount (minor units). */
      discountMaxAmount: Amount.optional(),
      /** The register's printer, drawer pulse and auto receipt (a raw device must be an allowed printer device). */
      printer: PrinterSettingsSchema.optional(),
      /** The receipt header, footer, logo and scale-label layout of the register's branch (shared by its registers). */
      receipt: StoreHeaderSettingsSchema.optional(),
    },
    output: z.object({ register: RegisterSchema, printer: PrinterSettingsSchema, receipt: StoreHeaderSettingsSchema }),
    auth: true,
    permission: 'registers:manage',
    summary:
      "Change a register, its printer (none, a system printer, ESC/POS on the network or an allowed raw device; auto receipt) and its branch's receipt header (NIT, address, phone, footer, logo). Currency cannot change once the register exists.",
  }),
  'registers.remove': mutation({
    input: { id: Id },
    output: z.object({ register: RegisterSchema }),
    auth: true,
    permission: 'registers:manage',
    summary: 'Soft-remove a register (refused while it has an active session).',
  }),
} as const satisfies Feature<'registers'>;
