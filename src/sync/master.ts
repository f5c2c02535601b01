// Master data from headquarters: the wire format of enrollment and of the change log a register pulls.
// Invariants: every change carries the entity's whole state (never a diff), so applying a change twice or after a later
// one of another entity is harmless; versions increase per chain (one HQ) without gaps, in commit order; a change scoped
// to a branch (`branch` set) goes only to that branch's registers, a global one (`branch` null) to every register.
// Money is minor units, tax rates basis points; a user's PIN travels only as its scrypt hash (scrypt$N$r$p$salt$hash).
import { z } from 'zod';
import { ROLES } from '../auth/permissions';
import { CURRENCY_CODES } from '../money/currencies';
import { NO_PRINTER, PrinterSettingsSchema } from '../print/settings';
import { UNITS } from '../sale/quantity';
import { AGENT_KINDS } from '../session/movements';
import { SPECIALTIES } from '../vocabulary';

export const MASTER_PATHS = { enroll: '/v1/enroll', changes: '/v1/changes' } as const;

/** Most changes HQ sends in one page; a register asks for fewer (its apply chunk). */
export const MASTER_PAGE_MAX = 5000;

const CodeText = z.string().regex(/^[A-Z0-9_-]{1,16}$/);
const Text = (max: number) => z.string().min(1).max(max);
const Minor = z.int().min(0).max(Number.MAX_SAFE_INTEGER);
const Id = z.string().min(1).max(64);

export const MASTER_ENTITIES = ['BRANCH', 'REGISTER', 'USER', 'PRODUCT', 'PROVIDER'] as const;
export type MasterEntity = (typeof MASTER_ENTITIES)[number];

export const BranchDataSchema = z.strictObject({
  id: Id,
  code: CodeText,
  name: Text(120),
  timeZone: Text(64),
  currency: z.enum(CURRENCY_CODES),
  taxId: z.string().max(40).nullable(),
  address: z.string().max(200).nullable(),
  phone: z.string().max(40).nullable(),
  /** Basis points (1300 = 13 %): the rate a product gets when none is given. */
  defaultTaxRateBp: z.int().min(0).max(10_000),
  /**
   * The receipt header's name (null: the branch's name) and the receipt footer. Absent in changes logged before they
   * existed: read as null and ''. Tax id, address and phone above are printed in the header too.
   */
  receiptName: z.string().max(80).nullable().default(null),
  receiptFooter: z.string().max(240).default(''),
});
export type BranchData = z.infer<typeof BranchDataSchema>;

export const RegisterDataSchema = z.strictObject({
  id: Id,
  branchCode: CodeText,
  code: CodeText,
  name: Text(120),
  specialty: z.enum(SPECIALTIES),
  currency: z.enum(CURRENCY_CODES),
  blindClose: z.boolean(),
  /** Minor units. */
  differenceTolerance: Minor,
  allowNegativeStock: z.boolean(),
  /** Minor units; refunds above it need a supervisor. */
  refundApprovalAbove: Minor,
  active: z.boolean(),
  // Settings added after the first change log shipped: a change logged before them reads with the safe default (the
  // same as a register migrated locally: every discount needs a supervisor, no printer, the currency's cash rounding).
  /** "Abrir cajón" without a sale needs a supervisor. */
  noSaleNeedsApproval: z.boolean().default(false),
  /** Minor units cash totals round to (1: none); null: the currency's default. */
  cashRounding: z.int().min(1).max(100_000).nullable().default(null),
  /** Discounts up to this share of the gross (basis points) and this amount (minor units) need no supervisor. */
  discountMaxBp: z.int().min(0).max(10_000).default(0),
  discountMaxAmount: Minor.default(0),
  /** The register's printer, drawer pulse and auto receipt (src/print/settings.ts). */
  printer: PrinterSettingsSchema.default(NO_PRINTER),
});
export type RegisterData = z.infer<typeof RegisterDataSchema>;

export const PinHashSchema = z.string().regex(/^scrypt\$\d+\$\d+\$\d+\$[0-9a-f]{32}\$[0-9a-f]{64}$/);

export const UserDataSchema = z.strictObject({
  id: Id,
  username: z.string().regex(/^[a-z0-9._-]{2,40}$/),
  name: Text(120),
  role: z.enum(ROLES),
  pinHash: PinHashSchema,
  active: z.boolean(),
  /** null: a chain-wide user, sent to every branch. */
  branchCode: CodeText.nullable(),
});
export type UserData = z.infer<typeof UserDataSchema>;

export const ProductDataSchema = z.strictObject({
  id: Id,
  sku: Text(64),
  name: Text(200),
  /** Minor units, tax included. */
  price: Minor,
  unit: z.enum(UNITS),
  category: z.string().min(1).max(80).nullable(),
  taxRateBp: z.int().min(0).max(10_000),
  barcodes: z.array(z.string().regex(/^[0-9A-Za-z-]{4,32}$/)).max(20),
  active: z.boolean(),
});
export type ProductData = z.infer<typeof ProductDataSchema>;

export const ProviderDataSchema = z.strictObject({
  code: CodeText,
  name: Text(120),
  kinds: z.array(z.enum(AGENT_KINDS)).min(1),
  active: z.boolean(),
});
export type ProviderData = z.infer<typeof ProviderDataSchema>;

export const MASTER_DATA_SCHEMAS = {
  BRANCH: BranchDataSchema,
  REGISTER: RegisterDataSchema,
  USER: UserDataSchema,
  PRODUCT: ProductDataSchema,
  PROVIDER: ProviderDataSchema,
} as const satisfies Record<MasterEntity, z.ZodType>;

export type MasterData = { [E in MasterEntity]: z.infer<(typeof MASTER_DATA_SCHEMAS)[E]> };

/** One change as pulled: `data` is the entity's state after the change. */
export type MasterChange = { [E in MasterEntity]: { readonly version: number; readonly entity: E; readonly key: string; readonly branch: string | null; readonly data: MasterData[E] } }[MasterEntity];

const changeOf = <E extends MasterEntity>(entity: E) =>
  z.strictObject({ version: z.int().min(1), entity: z.literal(entity), key: Text(200), branch: CodeText.nullable(), data: MASTER_DATA_SCHEMAS[entity] });

export const MasterChangeSchema = z.discriminatedUnion('entity', [changeOf('BRANCH'), changeOf('REGISTER'), changeOf('USER'), changeOf('PRODUCT'), changeOf('PROVIDER')]);

/**
 * GET /v1/changes?after=V&limit=N → a page of the caller's branch's changes after version V, in version order.
 * `next` is the cursor to ask with next time (the last version this page covers, which may be past the last change
 * shown when other branches' changes were skipped); `head` is HQ's version when the page was read; the register is up
 * to date when `next === head`.
 */
export const ChangesPageSchema = z.strictObject({ changes: z.array(MasterChangeSchema), next: z.int().min(0), head: z.int().min(0) });
export type ChangesPage = z.infer<typeof ChangesPageSchema>;

/** POST /v1/enroll {code} → who this register is, its own delivery key, and where its pull starts. */
export const EnrollRequestSchema = z.strictObject({ code: z.string().min(8).max(40) });
export const EnrollmentSchema = z.strictObject({
  branchCode: CodeText,
  registerCode: CodeText,
  registerId: Id,
  key: z.string().min(20).max(200),
  /** The pull cursor: 0, the whole log of the branch. */
  after: z.int().min(0),
});
export type Enrollment = z.infer<typeof EnrollmentSchema>;

/** HQ's refusals of an enrollment code (HTTP 404 unknown, 410 used or expired). */
export const ENROLL_REFUSALS = ['ENROLLMENT_CODE_UNKNOWN', 'ENROLLMENT_CODE_USED', 'ENROLLMENT_CODE_EXPIRED'] as const;
export type EnrollRefusal = (typeof ENROLL_REFUSALS)[number];

/** How long an enrollment code is good for. */
export const ENROLLMENT_CODE_TTL_MS = 24 * 60 * 60 * 1000;

/** An enrollment code as typed: 16 characters of Crockford base32 in four groups; case and dashes are not significant. */
export function normalizeEnrollmentCode(code: string): string {
  return code.toUpperCase().replace(/[^0-9A-Z]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}
