// The command table: the whole public contract of the engine. Each command has an input schema (strict: unknown
// fields are refused), an output schema, whether it needs a signed-in user, and the permission it needs.
// Invariant: transports add no logic; a handler exists for every name here (the engine's table is typed against it).
import { z } from 'zod';
import type { Permission } from '../auth/permissions';
import { SyncEntrySchema, SyncStatusSchema } from '../sync/protocol';
import { PRINT_COMMANDS } from './print';
import {
  AuthUserSchema,
  CloseSummarySchema,
  Code,
  CountInputSchema,
  CountSchema,
  CountSummarySchema,
  CountTypeSchema,
  CurrencySchema,
  Id,
  IsoDate,
  MethodSchema,
  Minor,
  MovementInTypeSchema,
  MovementOutTypeSchema,
  MovementReasonSchema,
  MovementSchema,
  Note,
  PaginationSchema,
  PermissionSchema,
  Pin,
  PositiveMinor,
  ProductSchema,
  RegisterSchema,
  RequestId,
  RoleSchema,
  SaleListItemSchema,
  SaleSchema,
  SessionSchema,
  SessionStatusSchema,
  SignedMinor,
  SpecialtySchema,
  Timestamp,
  UserSchema,
  DenominationInput,
  MethodTotalsSchema,
  DifferenceTypeSchema,
  TenderReconciliationSchema,
  AgentKindSchema,
  AgentOperationSchema,
  AgentProviderSchema,
  AgentTotalsSchema,
  Barcode,
  OperationTotalsSchema,
  Quantity,
  RefundSchema,
  SignedQuantity,
  StockMovementSchema,
  TaxLineSchema,
  TaxRateBp,
  HourTotalsSchema,
  ImportErrorSchema,
  UnitSchema,
} from './schemas';

export interface CommandDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  /** false only for commands a signed-out screen needs. */
  readonly auth: boolean;
  readonly permission: Permission | null;
  /** Mutating commands accept `requestId`; a repeat returns the first reply. */
  readonly mutating: boolean;
  readonly summary: string;
}

const def = <I extends z.ZodType, O extends z.ZodType, A extends boolean>(d: CommandDef<I, O> & { readonly auth: A }) => d;

type Shape = Record<string, z.ZodType>;
const query = <S extends Shape>(shape: S) => z.strictObject(shape);
const mutation = <S extends Shape>(shape: S) => z.strictObject({ ...shape, requestId: RequestId.optional() });
const Empty = z.strictObject({});
const Nothing = z.object({});
const Name = z.string().trim().min(1).max(120);
const Sku = z.string().trim().min(1).max(40);
const Text = (max: number) => z.string().trim().min(1).max(max);

const Page = { page: z.int().min(1).default(1), pageSize: z.int().min(1).max(200).default(20) };

const CurrentSession = z.object({
  session: SessionSchema.nullable(),
  hasOpenSession: z.boolean(),
  /** Null when there is no session or the user may not see it (blind close). */
  expectedCash: SignedMinor.nullable(),
});

export const COMMANDS = {
  'auth.login': def({
    input: query({ username: Text(60), pin: Pin }),
    output: z.object({ token: z.string(), user: AuthUserSchema }),
    auth: false,
    permission: null,
    mutating: false,
    summary: 'Sign in with username and PIN. Five wrong PINs lock the user for five minutes.',
  }),
  'auth.logout': def({ input: Empty, output: Nothing, auth: true, permission: null, mutating: false, summary: 'End this sign-in.' }),
  'auth.me': def({
    input: Empty,
    output: z.object({ user: AuthUserSchema }),
    auth: true,
    permission: null,
    mutating: false,
    summary: 'The signed-in user.',
  }),
  'auth.users': def({
    input: Empty,
    output: z.object({ users: z.array(z.object({ username: z.string(), name: z.string(), role: RoleSchema })) }),
    auth: false,
    permission: null,
    mutating: false,
    summary: 'Active users for the sign-in screen (no secrets).',
  }),
  'auth.verifySupervisor': def({
    input: mutation({ pin: Pin, permission: PermissionSchema, username: Text(60).optional() }),
    output: z.object({ grantId: Id, supervisor: z.object({ id: Id, name: z.string() }), expiresAt: Timestamp }),
    auth: true,
    permission: null,
    mutating: true,
    summary:
      'A single-use grant of `permission`, valid 2 minutes, from the user whose PIN is given. Only the signed-in user who asked may use it, and never to approve their own action.',
  }),

  'users.create': def({
    input: mutation({ username: z.string().trim().regex(/^[a-z0-9._-]{2,40}$/), name: Name, role: RoleSchema, pin: Pin }),
    output: z.object({ user: UserSchema }),
    auth: true,
    permission: 'users:manage',
    mutating: true,
    summary: 'Create a user. A role above your own cannot be assigned.',
  }),
  'users.list': def({
    input: Empty,
    output: z.object({ users: z.array(UserSchema) }),
    auth: true,
    permission: null,
    mutating: false,
    summary: 'All users.',
  }),
  'users.update': def({
    input: mutation({ id: Id, name: Name.optional(), role: RoleSchema.optional(), pin: Pin.optional(), active: z.boolean().optional() }),
    output: z.object({ user: UserSchema }),
    auth: true,
    permission: 'users:manage',
    mutating: true,
    summary: 'Change name, role, PIN (clears a lock-out) or active flag.',
  }),

  'registers.create': def({
    input: mutation({
      code: Code,
      name: Name,
      specialty: SpecialtySchema,
      currency: CurrencySchema.optional(),
      blindClose: z.boolean().optional(),
      differenceTolerance: Minor.optional(),
      allowNegativeStock: z.boolean().optional(),
      refundApprovalAbove: Minor.optional(),
      branchId: Id.optional(),
    }),
    output: z.object({ register: RegisterSchema }),
    auth: true,
    permission: 'registers:manage',
    mutating: true,
    summary: "Create a register (point of sale). Currency defaults to the branch's; blind close on; tolerance 0.",
  }),
  'registers.list': def({
    input: query({ includeInactive: z.boolean().optional() }),
    output: z.object({ registers: z.array(RegisterSchema) }),
    auth: true,
    permission: null,
    mutating: false,
    summary: 'Registers of the store.',
  }),
  'registers.update': def({
    input: mutation({
      id: Id,
      name: Name.optional(),
      specialty: SpecialtySchema.optional(),
      blindClose: z.boolean().optional(),
      differenceTolerance: Minor.optional(),
      allowNegativeStock: z.boolean().optional(),
      refundApprovalAbove: Minor.optional(),
    }),
    output: z.object({ register: RegisterSchema }),
    auth: true,
    permission: 'registers:manage',
    mutating: true,
    summary: 'Change a register. Currency cannot change once the register exists.',
  }),
  'registers.remove': def({
    input: mutation({ id: Id }),
    output: z.object({ register: RegisterSchema }),
    auth: true,
    permission: 'registers:manage',
    mutating: true,
    summary: 'Soft-remove a register (refused while it has an active session).',
  }),

  'products.create': def({
    input: mutation({
      sku: Sku,
      barcode: Barcode.optional(),
      barcodes: z.array(Barcode).max(20).optional(),
      name: Name,
      price: Minor,
      stock: Quantity.optional(),
      unit: UnitSchema.optional(),
      category: Text(60).optional(),
      taxRateBp: TaxRateBp.optional(),
    }),
    output: z.object({ product: ProductSchema }),
    auth: true,
    permission: 'products:manage',
    mutating: true,
    summary: 'Create a product. Every barcode is unique across the catalog; initial stock is an INITIAL stock movement.',
  }),
  'products.update': def({
    input: mutation({
      id: Id,
      sku: Sku.optional(),
      barcodes: z.array(Barcode).max(20).optional(),
      name: Name.optional(),
      price: Minor.optional(),
      unit: UnitSchema.optional(),
      category: Text(60).nullable().optional(),
      taxRateBp: TaxRateBp.optional(),
      active: z.boolean().optional(),
    }),
    output: z.object({ product: ProductSchema }),
    auth: true,
    permission: 'products:manage',
    mutating: true,
    summary: 'Change a product. `barcodes` replaces the whole set. Stock only moves through products.adjustStock, sales and refunds.',
  }),
  'products.adjustStock': def({
    input: mutation({ productId: Id, delta: SignedQuantity, reason: Text(200) }),
    output: z.object({ product: ProductSchema, movement: StockMovementSchema }),
    auth: true,
    permission: 'products:manage',
    mutating: true,
    summary: 'Move stock by `delta` (units, or a decimal string for weighed items), kept as an ADJUSTMENT stock movement.',
  }),
  'products.movements': def({
    input: query({ productId: Id, limit: z.int().min(1).max(500).default(100) }),
    output: z.object({ product: ProductSchema, movements: z.array(StockMovementSchema) }),
    auth: true,
    permission: null,
    mutating: false,
    summary: 'Stock movements of a product, newest first. The stock is always their sum.',
  }),
  'products.search': def({
    input: query({ query: z.string().trim().min(1).max(100), limit: z.int().min(1).max(50).default(20), includeInactive: z.boolean().optional() }),
    output: z.object({ products: z.array(ProductSchema.extend({ match: z.enum(['BARCODE', 'SKU', 'NAME']) })) }),
    auth: true,
    permission: null,
    mutating: false,
    summary:
      'Scanner and typing lookup: an exact barcode or SKU first, then names by word prefix, accents and case ignored ("cafe" finds "Café"). Every word must match.',
  }),
  'products.import': def({
    input: mutation({ csv: z.string().min(1).max(64_000_000), goodRowsOnly: z.boolean().optional() }),
    output: z.object({
      created: z.int(),
      updated: z.int(),
      skipped: z.int(),
      errors: z.array(ImportErrorSchema),
    }),
    auth: true,
    permission: 'products:manage',
    mutating: true,
    summary:
      'Header-mapped CSV (sku, name, price; optional barcodes, unit, category, tax_rate, stock, active). Every row is validated; with any bad row nothing is written (IMPORT_INVALID, details.errors by line) unless `goodRowsOnly`. Each error has `line`, `field`, a stable `code` (MISSING_COLUMN, MISSING_FIELD, BAD_PRICE, DUPLICATE_SKU, …), an English `reason` and the `params` it names. A known SKU is updated, not duplicated.',
  }),
  'products.list': def({
    input: query({ query: z.string().max(100).optional(), ...Page }),
    output: z.object({ products: z.array(ProductSchema), pagination: PaginationSchema }),
    auth: true,
    permission: null,
    mutating: false,
    summary: 'Products by name, SKU or barcode, paged.',
  }),

  'cash.current': def({
    input: Empty,
    output: CurrentSession,
    auth: true,
    permission: null,
    mutating: false,
    summary: "The signed-in user's active session and its expected cash (null when blind).",
  }),
  'cash.status': def({
    input: query({ registerId: Id }),
    output: z.object({
      register: RegisterSchema,
      currentSession: z
        .object({ id: Id, sessionNumber: z.string(), status: SessionStatusSchema, userId: Id, userName: z.string() })
        .nullable(),
      isOpen: z.boolean(),
      isSuspended: z.boolean(),
      isCounting: z.boolean(),
    }),
    auth: true,
    permission: null,
    mutating: false,
    summary: 'Whether a register is free or held, and by whom.',
  }),
  'cash.open': def({
    input: mutation({ registerId: Id, openingAmount: Minor.optional(), count: CountInputSchema.optional(), notes: Note.optional() }),
    output: z.object({ session: SessionSchema }),
    auth: true,
    permission: 'cash:open',
    mutating: true,
    summary: 'Open a session with a float, typed or counted. With a count the opening amount is its cash total.',
  }),
  'cash.suspend': def({
    input: mutation({}),
    output: z.object({ session: SessionSchema }),
    auth: true,
    permission: 'cash:open',
    mutating: true,
    summary: 'Suspend the open session (OPEN → SUSPENDED).',
  }),
  'cash.resume': def({
    input: mutation({ grantId: Id.optional() }),
    output: z.object({ session: SessionSchema }),
    auth: true,
    permission: 'cash:open',
    mutating: true,
    summary:
      "Resume your suspended session (SUSPENDED → OPEN). With `grantId`, a supervisor's `cash:resume` grant (asked for by you) approves it: spent, and the approver recorded on the RESUMED ledger entry.",
  }),
  'cash.deposit': def({
    input: mutation({
      amount: PositiveMinor,
      reason: MovementReasonSchema,
      type: MovementInTypeSchema.optional(),
      description: Note.optional(),
      reference: Note.optional(),
    }),
    output: z.object({ movement: MovementSchema }),
    auth: true,
    permission: 'cash:deposit',
    mutating: true,
    summary: 'Cash into the drawer.',
  }),
  'cash.withdraw': def({
    input: mutation({
      amount: PositiveMinor,
      reason: MovementReasonSchema,
      type: MovementOutTypeSchema.optional(),
      description: Note.optional(),
      reference: Note.optional(),
      destinationType: z.string().trim().max(40).optional(),
      grantId: Id.optional(),
    }),
    output: z.object({ movement: MovementSchema }),
    auth: true,
    permission: 'cash:withdraw',
    mutating: true,
    summary: 'Cash out of the drawer, approved by another user’s `cash:movements` grant; never more than expected cash.',
  }),
  'cash.movements': def({
    input: query({ sessionId: Id.optional() }),
    output: z.object({ sessionId: Id.nullable(), movements: z.array(MovementSchema) }),
    auth: true,
    permission: null,
    mutating: false,
    summary: 'Movements of your session, or of any session with `cash:view_all`.',
  }),
  'cash.count': def({
    input: mutation({ type: z.enum(['PARTIAL', 'AUDIT']), ...CountInputSchema.shape }),
    output: z.object({ count: CountSchema, summary: CountSummarySchema }),
    auth: true,
    permission: 'cash:count',
    mutating: true,
    summary: 'Count the drawer by denomination mid-session.',
  }),
  'cash.counts': def({
    input: query({ sessionId: Id }),
    output: z.object({ sessionId: Id, counts: z.array(CountSchema) }),
    auth: true,
    permission: null,
    mutating: false,
    summary: 'Counts of a session.',
  }),
  'cash.close': def({
    input: mutation({ count: CountInputSchema, notes: Note.optional(), grantId: Id.optional() }),
    output: z.object({ session: SessionSchema, summary: CloseSummarySchema, count: CountSchema }),
    auth: true,
    permission: 'cash:close',
    mutating: true,
    summary:
      'Blind close with a count. Beyond the tolerance and without a `cash:approve_difference` grant the close is refused (DIFFERENCE_NEEDS_APPROVAL), the count kept and the session left COUNTING.',
  }),
  'cash.transfer': def({
    input: mutation({ toUserId: Id, count: CountInputSchema, incomingGrantId: Id, notes: Note.optional() }),
    output: z.object({ closedSession: SessionSchema, newSession: SessionSchema }),
    auth: true,
    permission: 'cash:close',
    mutating: true,
    summary:
      "Hand the drawer over: the counted cash closes this session as TRANSFERRED and opens the incoming user's session. `incomingGrantId` is a `cash:open` grant from the incoming user's own PIN.",
  }),
  'cash.sessions': def({
    input: query({
      branchId: Id.optional(),
      registerId: Id.optional(),
      userId: Id.optional(),
      status: SessionStatusSchema.optional(),
      dateFrom: IsoDate.optional(),
      dateTo: IsoDate.optional(),
      ...Page,
    }),
    output: z.object({ sessions: z.array(SessionSchema), pagination: PaginationSchema }),
    auth: true,
    permission: null,
    mutating: false,
    summary: 'Sessions, newest first, by business date. Without `cash:view_all` only your own.',
  }),

  'sales.create': def({
    input: mutation({
      lines: z
        .array(z.strictObject({ productId: Id, quantity: Quantity, unitPrice: Minor.optional(), discount: Minor.optional() }))
        .min(1)
        .max(500),
      discount: Minor.optional(),
      payments: z
        .array(
          z.strictObject({
            method: MethodSchema,
            amount: PositiveMinor,
            tendered: PositiveMinor.optional(),
            reference: z.string().trim().max(80).optional(),
            cardLast4: z.string().regex(/^\d{4}$/).optional(),
            authCode: z.string().trim().min(1).max(20).optional(),
          }),
        )
        .max(20),
    }),
    output: z.object({ sale: SaleSchema, stockWarnings: z.array(z.object({ productId: Id, stock: z.string(), stockMilli: z.int() })) }),
    auth: true,
    permission: 'sales:create',
    mutating: true,
    summary:
      'Sell in the open session: line = round_half_up(price × quantity) − discounts; payments must cover the total; only CASH may be over-tendered and gives change. A price other than the catalog price needs `sales:price_override`. Stock goes down in the same transaction; below zero it is flagged in `stockWarnings`, or refused with OUT_OF_STOCK where the register forbids it.',
  }),
  'sales.get': def({
    input: query({ saleId: Id }),
    output: z.object({ sale: SaleSchema, refunds: z.array(RefundSchema) }),
    auth: true,
    permission: null,
    mutating: false,
    summary: 'A sale with what has been refunded per line (for the refund screen). Any sale of your branch.',
  }),
  'sales.list': def({
    input: query({
      sessionId: Id.optional(),
      saleNumber: z.string().trim().min(1).max(60).optional(),
      query: z.string().trim().min(1).max(60).optional(),
      ...Page,
    }),
    output: z.object({ sales: z.array(SaleListItemSchema), pagination: PaginationSchema }),
    auth: true,
    permission: null,
    mutating: false,
    summary:
      'Sales of a session, newest first: your active session by default, another of yours by `sessionId`, any with `cash:view_all`. `query` narrows by sale number (digits alone match the sequence at its end: "12" finds …-0012). `saleNumber` is an exact sale number looked up across your branch (any register, any day: refunds happen anywhere in the branch), by anyone signed in.',
  }),
  'sales.void': def({
    input: mutation({ saleId: Id, reason: Text(200), grantId: Id }),
    output: z.object({ sale: SaleSchema }),
    auth: true,
    permission: 'sales:create',
    mutating: true,
    summary:
      "Void a whole sale of your open session with another user's `sales:void` grant: reversing entries for its total, payments and stock; the original stays.",
  }),
  'sales.refund': def({
    input: mutation({
      saleId: Id,
      lines: z.array(z.strictObject({ lineId: z.int().min(1), quantity: Quantity })).min(1).max(500),
      method: MethodSchema,
      reason: Text(200),
      damaged: z.boolean().optional(),
      grantId: Id.optional(),
    }),
    output: z.object({ refund: RefundSchema }),
    auth: true,
    permission: 'sales:create',
    mutating: true,
    summary:
      "Give back part of a sale of this branch, in your open session (any register, any later day). `lineId` is the sale's line number. Quantities never exceed sold minus refunded; above the register's `refundApprovalAbove` a `sales:refund` grant is needed. A cash refund leaves this drawer. Items go back to stock unless `damaged`.",
  }),

  'agents.create': def({
    input: mutation({
      provider: Code,
      kind: AgentKindSchema,
      amount: PositiveMinor,
      commission: Minor.optional(),
      reference: Text(80),
      customerRef: Text(80).optional(),
    }),
    output: z.object({ operation: AgentOperationSchema }),
    auth: true,
    permission: 'agents:operate',
    mutating: true,
    summary:
      'A banking-agent operation in your open session (AGENTS_ONLY or MIXED registers): CASH_IN and TOP_UP add cash to the drawer, CASH_OUT takes it out and never below zero expected cash. Commission is reported, never drawer cash.',
  }),
  'agents.list': def({
    input: query({ sessionId: Id.optional() }),
    output: z.object({ sessionId: Id.nullable(), operations: z.array(AgentOperationSchema), totals: AgentTotalsSchema }),
    auth: true,
    permission: null,
    mutating: false,
    summary: 'Agent operations of your session, or of any session with `cash:view_all`, with totals by kind and provider.',
  }),
  'agents.providers': def({
    input: query({ includeInactive: z.boolean().optional() }),
    output: z.object({ providers: z.array(AgentProviderSchema) }),
    auth: true,
    permission: null,
    mutating: false,
    summary: 'The configured agent providers.',
  }),
  'agents.saveProvider': def({
    input: mutation({ code: Code, name: Name, kinds: z.array(AgentKindSchema).min(1).max(3), active: z.boolean().optional() }),
    output: z.object({ provider: AgentProviderSchema }),
    auth: true,
    permission: 'agents:manage',
    mutating: true,
    summary: 'Create or change an agent provider and the operation kinds it allows.',
  }),

  'reports.session': def({
    input: query({ sessionId: Id }),
    output: z.object({
      kind: z.enum(['X', 'Z']),
      generatedAt: Timestamp,
      session: SessionSchema,
      totals: MethodTotalsSchema,
      /** Net of voids and refunds; `gross` is before them. */
      sales: z.object({ count: z.int(), total: SignedMinor, gross: SignedMinor }),
      voids: z.object({ count: z.int(), total: Minor }),
      refunds: z.object({ count: z.int(), total: Minor }),
      agents: AgentTotalsSchema,
      taxes: z.array(TaxLineSchema),
      operations: OperationTotalsSchema,
      /** Sales (not voided) by the hour they were made and refunds by the hour this session paid them, store time. */
      salesByHour: z.array(HourTotalsSchema),
      movements: z.array(MovementSchema),
      counts: z.array(CountSchema),
      expected: SignedMinor.nullable(),
      counted: Minor.nullable(),
      difference: SignedMinor.nullable(),
      differenceType: DifferenceTypeSchema,
      tenders: z.array(TenderReconciliationSchema),
    }),
    auth: true,
    permission: null,
    mutating: false,
    summary: 'X report of an active session, Z report of a closed one.',
  }),
  'reports.daily': def({
    input: query({ date: IsoDate.optional(), branchId: Id.optional() }),
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
      }),
    }),
    auth: true,
    permission: 'cash:report_all',
    mutating: false,
    summary:
      "Every session of the store's local date (default today) across registers, with totals in the branch's currency: sales, tenders, movements, voids, refunds, agent operations and sales by hour.",
  }),

  'sync.status': def({
    input: Empty,
    output: SyncStatusSchema,
    auth: true,
    permission: null,
    mutating: false,
    summary: 'Where delivery to headquarters stands: pending, sent, rejected, last success, last error, next attempt.',
  }),
  'sync.now': def({
    input: mutation({}),
    output: z.object({ due: z.int().min(0) }),
    auth: true,
    permission: null,
    mutating: true,
    summary: 'Make every pending session due now and wake the sync worker; returns how many are due.',
  }),
  'sync.entries': def({
    input: query({ status: z.enum(['PENDING', 'SENT', 'REJECTED']).optional(), limit: z.int().min(1).max(500).default(100) }),
    output: z.object({ entries: z.array(SyncEntrySchema) }),
    auth: true,
    permission: 'cash:report_all',
    mutating: false,
    summary: 'The outbox, newest first, for the manager: every closed or transferred session and its delivery state.',
  }),
  'sync.configure': def({
    input: mutation({ url: z.url({ protocol: /^https?$/ }).nullable(), keys: z.record(Code, z.string().min(20).max(200)).optional() }),
    output: z.object({ configured: z.boolean(), registers: z.array(z.string()) }),
    auth: true,
    permission: 'registers:manage',
    mutating: true,
    summary: 'Set the headquarters address (null: keep everything in the outbox) and per-register keys. Keys are never returned.',
  }),
  ...PRINT_COMMANDS,
} as const;

export type Commands = typeof COMMANDS;
export type CommandName = keyof Commands;
/** What a caller sends (defaults may be omitted). */
export type CommandInput<N extends CommandName> = z.input<Commands[N]['input']>;
/** What a handler receives, after parsing. */
export type ParsedInput<N extends CommandName> = z.output<Commands[N]['input']>;
export type CommandOutput<N extends CommandName> = z.output<Commands[N]['output']>;

/** Commands a signed-out screen may call. */
export type PublicCommandName = { [N in CommandName]: Commands[N]['auth'] extends false ? N : never }[CommandName];
export type AuthedCommandName = Exclude<CommandName, PublicCommandName>;

export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

// Re-exported for clients that need the count line shape without importing zod schemas piecemeal.
export { DenominationInput, CountTypeSchema };
