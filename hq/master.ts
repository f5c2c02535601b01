// HQ's master data operations, shared by the CLI and the admin API: branches, registers (with one-time enrollment
// codes), users, products (one by one or by CSV) and agent providers. Each operation validates its input with zod, then
// makes one `masterUpdate` of the store: it reads what it replaces, decides, and every change it logs carries the
// entity's whole state (src/sync/master.ts). Invariants: a SKU, a barcode and a username each belong to one record; a
// register belongs to an existing branch, a branch-scoped user too; an enrollment code exists only as its SHA-256
// digest, valid 24 h, once; a register's settings pass the checks the register itself makes of them; refusals are
// MasterError values with a stable code, and write nothing.
import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ROLES } from '../src/auth/permissions';
import { pinProblem } from '../src/auth/pin-policy';
import { readProductCsv } from '../src/catalog/csv';
import { CURRENCY_CODES } from '../src/money/currencies';
import { cashRoundingChoices } from '../src/money/rounding';
import type { PrinterSettings } from '../src/print/settings';
import { PrinterSettingsSchema, printerSettingsProblem } from '../src/print/settings';
import type { CurrencyCode } from '../src/money/currencies';
import { UNITS } from '../src/sale/quantity';
import { AGENT_KINDS } from '../src/session/movements';
import type { BranchData, Enrollment, MasterEntity, ProductData, ProviderData, RegisterData, UserData } from '../src/sync/master';
import { BranchDataSchema, ENROLLMENT_CODE_TTL_MS, ProductDataSchema, RegisterDataSchema, UserDataSchema, normalizeEnrollmentCode } from '../src/sync/master';
import { SPECIALTIES } from '../src/vocabulary';
import { keyDigest, newKey } from './keys';
import { hashPin } from './pin';
import { sha256Hex } from './sha256';
import type { HqStore, MasterPlan, MasterRecord, MasterWrite } from './store';
import { masterMapKey } from './store';

export class MasterError extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 410,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

const Code = z.string().trim().toUpperCase().regex(/^[A-Z0-9_-]{1,16}$/, 'A-Z, 0-9, _ and -, up to 16');
const Name = z.string().trim().min(1).max(120);
const Minor = z.int().min(0).max(Number.MAX_SAFE_INTEGER);
/** 4–8 digits, and not a trivial one (all the same digit, or a run up or down): the register's own rule (src/auth/pin-policy.ts). */
export const PinSchema = z.string().superRefine((p, ctx) => {
  switch (pinProblem(p)) {
    case null:
      return;
    case 'PIN_FORMAT':
      ctx.addIssue({ code: 'custom', message: 'the PIN must be 4 to 8 digits' });
      return;
    case 'PIN_TRIVIAL':
      ctx.addIssue({ code: 'custom', message: 'a trivial PIN (0000, 1111, 1234, 4321 ...) is not allowed' });
      return;
  }
});

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) {
    const first = r.error.issues[0];
    throw new MasterError(400, 'VALIDATION_FAILED', first ? `${first.path.join('.') || 'input'}: ${first.message}` : 'invalid input', { issues: r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
  }
  return r.data;
}

const write = (entity: MasterEntity, key: string, branch: string | null, data: unknown): MasterWrite => ({ entity, key, branch, data: JSON.stringify(data), logged: true });
/** Unlogged records of price changes scheduled at HQ (never pulled; see publishDuePriceChanges). */
const PRICE_CHANGE = 'PRICE_CHANGE';
const registerKey = (branchCode: string, code: string) => `${branchCode}/${code}`;

async function update<T>(store: HqStore, keys: readonly { entity: string; key: string }[], decide: (cur: ReadonlyMap<string, MasterRecord>) => MasterPlan<T>, now: Date): Promise<T> {
  const plan = await store.masterUpdate(keys, decide, now.toISOString());
  if (!plan.ok) throw new MasterError(plan.code.endsWith('NOT_FOUND') ? 404 : 409, plan.code, plan.message);
  return plan.value;
}
const refuse = (code: string, message: string) => ({ ok: false as const, code, message });
const get = <T>(cur: ReadonlyMap<string, MasterRecord>, entity: MasterEntity | typeof PRICE_CHANGE, key: string): T | null => {
  const r = cur.get(masterMapKey(entity, key));
  return r ? (JSON.parse(r.data) as T) : null;
};

// ------------------------------------------------------------------------------------------------------ branches

const TimeZone = z.string().trim().min(1).max(64).refine((tz) => isTimeZone(tz), 'unknown IANA time zone');
/** The receipt header's fields, within the register's own limits (src/print/settings.ts StoreHeaderSettingsSchema). */
const BRANCH_HEADER = {
  taxId: z.string().trim().max(30).nullable(),
  address: z.string().trim().max(160).nullable(),
  phone: z.string().trim().max(40).nullable(),
  receiptName: z.string().trim().min(1).max(80).nullable(),
  receiptFooter: z.string().trim().max(240),
};

export const BranchInputSchema = z.strictObject({
  code: Code,
  name: Name,
  timeZone: TimeZone,
  currency: z.enum(CURRENCY_CODES),
  taxId: BRANCH_HEADER.taxId.default(null),
  address: BRANCH_HEADER.address.default(null),
  phone: BRANCH_HEADER.phone.default(null),
  defaultTaxRateBp: z.int().min(0).max(10_000).default(0),
  receiptName: BRANCH_HEADER.receiptName.default(null),
  receiptFooter: BRANCH_HEADER.receiptFooter.default(''),
});

/** What `branches set` may change: everything but the code and the currency (the registers' money is in it). */
export const BranchPatchSchema = z.strictObject({
  name: Name.optional(),
  timeZone: TimeZone.optional(),
  taxId: BRANCH_HEADER.taxId.optional(),
  address: BRANCH_HEADER.address.optional(),
  phone: BRANCH_HEADER.phone.optional(),
  defaultTaxRateBp: z.int().min(0).max(10_000).optional(),
  receiptName: BRANCH_HEADER.receiptName.optional(),
  receiptFooter: BRANCH_HEADER.receiptFooter.optional(),
});

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export async function addBranch(store: HqStore, raw: unknown, now = new Date()): Promise<BranchData> {
  const input = parse(BranchInputSchema, raw);
  return update(store, [{ entity: 'BRANCH', key: input.code }], (cur) => {
    if (get(cur, 'BRANCH', input.code)) return refuse('BRANCH_EXISTS', `branch ${input.code} already exists`);
    const data = BranchDataSchema.parse({ id: randomUUID(), ...input });
    return { ok: true, writes: [write('BRANCH', data.code, data.code, data)], value: data };
  }, now);
}

/**
 * Changes a branch's name, time zone, receipt header (name, tax id, address, phone, footer) or default tax rate; one
 * change with the branch's whole state, which its registers apply at their next pull. BRANCH_NOT_FOUND (404).
 */
export async function updateBranch(store: HqStore, code: string, raw: unknown, now = new Date()): Promise<BranchData> {
  const patch = parse(BranchPatchSchema, raw);
  const key = code.trim().toUpperCase();
  return update(store, [{ entity: 'BRANCH', key }], (cur) => {
    const stored = get<unknown>(cur, 'BRANCH', key);
    if (!stored) return refuse('BRANCH_NOT_FOUND', `no branch ${key}`);
    const data = BranchDataSchema.parse({ ...BranchDataSchema.parse(stored), ...defined(patch) });
    return { ok: true, writes: [write('BRANCH', key, key, data)], value: data };
  }, now);
}

/** The fields of `o` that are not undefined (a patch leaves the others as stored). */
function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

// ------------------------------------------------------------------------------------------------------ registers

/** A register's settings as HQ takes them; each is what `registers.update` sets on a standalone register. */
const REGISTER_SETTINGS = {
  name: Name,
  specialty: z.enum(SPECIALTIES),
  blindClose: z.boolean(),
  /** Minor units. */
  differenceTolerance: Minor,
  allowNegativeStock: z.boolean(),
  /** Minor units. */
  refundApprovalAbove: Minor,
  noSaleNeedsApproval: z.boolean(),
  /** Minor units; null: the currency's default; one of the currency's choices (src/money/rounding.ts). */
  cashRounding: z.int().min(1).max(100_000).nullable(),
  /** Basis points of the gross (10000 = 100 %). */
  discountMaxBp: z.int().min(0).max(10_000),
  /** Minor units. */
  discountMaxAmount: Minor,
  printer: PrinterSettingsSchema,
};

export const RegisterInputSchema = z.strictObject({
  branchCode: Code,
  code: Code,
  name: REGISTER_SETTINGS.name,
  specialty: REGISTER_SETTINGS.specialty.default('MIXED'),
  blindClose: REGISTER_SETTINGS.blindClose.default(true),
  differenceTolerance: REGISTER_SETTINGS.differenceTolerance.default(0),
  allowNegativeStock: REGISTER_SETTINGS.allowNegativeStock.default(true),
  refundApprovalAbove: REGISTER_SETTINGS.refundApprovalAbove.default(0),
  noSaleNeedsApproval: REGISTER_SETTINGS.noSaleNeedsApproval.default(false),
  cashRounding: REGISTER_SETTINGS.cashRounding.default(null),
  discountMaxBp: REGISTER_SETTINGS.discountMaxBp.default(0),
  discountMaxAmount: REGISTER_SETTINGS.discountMaxAmount.default(0),
  printer: REGISTER_SETTINGS.printer.optional(),
});

/** What `registers set` may change: every setting but the branch, the code and the currency; `active` too. */
export const RegisterPatchSchema = z.strictObject({
  name: REGISTER_SETTINGS.name.optional(),
  specialty: REGISTER_SETTINGS.specialty.optional(),
  blindClose: REGISTER_SETTINGS.blindClose.optional(),
  differenceTolerance: REGISTER_SETTINGS.differenceTolerance.optional(),
  allowNegativeStock: REGISTER_SETTINGS.allowNegativeStock.optional(),
  refundApprovalAbove: REGISTER_SETTINGS.refundApprovalAbove.optional(),
  noSaleNeedsApproval: REGISTER_SETTINGS.noSaleNeedsApproval.optional(),
  cashRounding: REGISTER_SETTINGS.cashRounding.optional(),
  discountMaxBp: REGISTER_SETTINGS.discountMaxBp.optional(),
  discountMaxAmount: REGISTER_SETTINGS.discountMaxAmount.optional(),
  printer: REGISTER_SETTINGS.printer.optional(),
  active: z.boolean().optional(),
});

/**
 * The checks a register makes of the same settings (engine/handlers/admin.ts, print.ts), made where HQ takes them so
 * a register never receives what it would refuse: the cash rounding among the currency's choices, a raw printer device
 * on the allow-list, a network printer on the store's LAN. MasterError 400 with the register's own code.
 */
function checkRegisterSettings(currency: CurrencyCode, settings: { readonly cashRounding?: number | null | undefined; readonly printer?: PrinterSettings | undefined }): void {
  if (settings.cashRounding !== undefined && settings.cashRounding !== null && !cashRoundingChoices(currency).includes(settings.cashRounding)) {
    throw new MasterError(400, 'VALIDATION_FAILED', `cashRounding: one of ${cashRoundingChoices(currency).join(', ')} (minor units of ${currency}), or null`, { field: 'cashRounding', allowed: cashRoundingChoices(currency) });
  }
  const problem = settings.printer ? printerSettingsProblem(settings.printer) : null;
  if (problem) throw new MasterError(400, problem.code, `printer.${problem.field}: ${problem.code === 'PRINTER_HOST_NOT_ALLOWED' ? 'a network printer must have a private (LAN), link-local or loopback IP address' : 'not an allowed printer device'}`, { field: `printer.${problem.field}` });
}

/** A fresh enrollment code: 80 random bits as 16 Crockford base32 characters, XXXX-XXXX-XXXX-XXXX. */
export function newEnrollmentCode(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= 0xff;
  }
  return out.match(/.{4}/g)?.join('-') ?? out;
}

export const enrollmentCodeDigest = (code: string): string => sha256Hex(normalizeEnrollmentCode(code));

/** Issues a one-time enrollment code for an existing register (valid 24 h); only its digest is stored. */
export async function issueEnrollmentCode(store: HqStore, branchCode: string, registerCode: string, now = new Date()): Promise<{ code: string; expiresAt: string }> {
  if (!(await store.masterGet('REGISTER', registerKey(branchCode, registerCode)))) throw new MasterError(404, 'REGISTER_NOT_FOUND', `no register ${branchCode}/${registerCode}`);
  const code = newEnrollmentCode();
  const expiresAt = new Date(now.getTime() + ENROLLMENT_CODE_TTL_MS).toISOString();
  await store.addEnrollmentCode(enrollmentCodeDigest(code), branchCode, registerCode, now.toISOString(), expiresAt);
  return { code, expiresAt };
}

/** Adds a register to a branch (currency: the branch's) and issues its enrollment code. */
export async function addRegister(store: HqStore, raw: unknown, now = new Date()): Promise<{ register: RegisterData; code: string; expiresAt: string }> {
  const input = parse(RegisterInputSchema, raw);
  const key = registerKey(input.branchCode, input.code);
  const register = await update(store, [{ entity: 'BRANCH', key: input.branchCode }, { entity: 'REGISTER', key }], (cur) => {
    const branch = get<BranchData>(cur, 'BRANCH', input.branchCode);
    if (!branch) return refuse('BRANCH_NOT_FOUND', `no branch ${input.branchCode}`);
    if (get(cur, 'REGISTER', key)) return refuse('REGISTER_EXISTS', `register ${key} already exists`);
    checkRegisterSettings(branch.currency, input);
    const data = RegisterDataSchema.parse({ id: randomUUID(), ...defined(input), currency: branch.currency, active: true });
    return { ok: true, writes: [write('REGISTER', key, input.branchCode, data)], value: data };
  }, now);
  return { register, ...(await issueEnrollmentCode(store, input.branchCode, input.code, now)) };
}

/**
 * Changes a register's settings (any of RegisterPatchSchema): one change with its whole state, applied by the branch's
 * registers at their next pull, where it takes effect at once (a discount ceiling, the printer, blind close...).
 * REGISTER_NOT_FOUND (404); VALIDATION_FAILED, PRINTER_DEVICE_NOT_ALLOWED, PRINTER_HOST_NOT_ALLOWED (400).
 */
export async function updateRegister(store: HqStore, branchCode: string, code: string, raw: unknown, now = new Date()): Promise<RegisterData> {
  const patch = parse(RegisterPatchSchema, raw);
  const key = registerKey(branchCode.trim().toUpperCase(), code.trim().toUpperCase());
  return update(store, [{ entity: 'REGISTER', key }], (cur) => {
    const stored = get<unknown>(cur, 'REGISTER', key);
    if (!stored) return refuse('REGISTER_NOT_FOUND', `no register ${key}`);
    // A record logged before the newer settings existed reads with their defaults (src/sync/master.ts).
    const before = RegisterDataSchema.parse(stored);
    checkRegisterSettings(before.currency, patch);
    const data = RegisterDataSchema.parse({ ...before, ...defined(patch) });
    return { ok: true, writes: [write('REGISTER', key, data.branchCode, data)], value: data };
  }, now);
}

/** Redeems an enrollment code: the register's identity, a new delivery key (returned once), and the pull cursor. */
export async function enroll(store: HqStore, code: string, now = new Date()): Promise<Enrollment> {
  const key = newKey('reg');
  const outcome = await store.redeemEnrollmentCode(enrollmentCodeDigest(code), now.toISOString(), keyDigest(key));
  switch (outcome.kind) {
    case 'ENROLLMENT_CODE_UNKNOWN':
      throw new MasterError(404, outcome.kind, 'unknown enrollment code');
    case 'ENROLLMENT_CODE_USED':
      throw new MasterError(410, outcome.kind, 'this enrollment code was already used');
    case 'ENROLLMENT_CODE_EXPIRED':
      throw new MasterError(410, outcome.kind, 'this enrollment code has expired; issue a new one');
    case 'ok':
      break;
  }
  const register = await store.masterGet('REGISTER', registerKey(outcome.branchCode, outcome.registerCode));
  if (!register) throw new Error(`enrollment for a missing register ${outcome.branchCode}/${outcome.registerCode}`);
  return { branchCode: outcome.branchCode, registerCode: outcome.registerCode, registerId: (JSON.parse(register.data) as RegisterData).id, key, after: 0 };
}

// ------------------------------------------------------------------------------------------------------ users

export const UserInputSchema = z.strictObject({
  /** null: a chain-wide user (every branch receives it). */
  branchCode: Code.nullable(),
  username: z.string().trim().toLowerCase().regex(/^[a-z0-9._-]{2,40}$/),
  name: Name,
  role: z.enum(ROLES),
  pin: PinSchema,
});

export async function addUser(store: HqStore, raw: unknown, now = new Date()): Promise<UserData> {
  const input = parse(UserInputSchema, raw);
  const pinHash = hashPin(input.pin);
  const keys = [{ entity: 'USER', key: input.username }, ...(input.branchCode ? [{ entity: 'BRANCH', key: input.branchCode }] : [])];
  return update(store, keys, (cur) => {
    if (input.branchCode && !get(cur, 'BRANCH', input.branchCode)) return refuse('BRANCH_NOT_FOUND', `no branch ${input.branchCode}`);
    if (get(cur, 'USER', input.username)) return refuse('USER_EXISTS', `user ${input.username} already exists`);
    const data = UserDataSchema.parse({ id: randomUUID(), username: input.username, name: input.name, role: input.role, pinHash, active: true, branchCode: input.branchCode });
    return { ok: true, writes: [write('USER', data.username, data.branchCode, data)], value: data };
  }, now);
}

async function changeUser(store: HqStore, username: string, change: (u: UserData) => UserData, now: Date): Promise<UserData> {
  const name = username.trim().toLowerCase();
  return update(store, [{ entity: 'USER', key: name }], (cur) => {
    const user = get<UserData>(cur, 'USER', name);
    if (!user) return refuse('USER_NOT_FOUND', `no user ${name}`);
    const data = UserDataSchema.parse(change(user));
    return { ok: true, writes: [write('USER', name, data.branchCode, data)], value: data };
  }, now);
}

export async function setUserPin(store: HqStore, username: string, pin: string, now = new Date()): Promise<UserData> {
  const pinHash = hashPin(parse(PinSchema, pin));
  return changeUser(store, username, (u) => ({ ...u, pinHash }), now);
}

export const UserUpdateSchema = z.strictObject({
  name: Name.optional(),
  role: z.enum(ROLES).optional(),
  active: z.boolean().optional(),
});

/**
 * Changes a register user's name, role or active flag (only the fields given) in one logged change; the branch stays
 * (a user moved between branches would stay behind on the old branch's registers). 404 USER_NOT_FOUND.
 */
export async function updateUser(store: HqStore, username: string, raw: unknown, now = new Date()): Promise<UserData> {
  const input = parse(UserUpdateSchema, raw);
  const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  return changeUser(store, username, (u) => ({ ...u, ...defined }), now);
}

export async function deactivateUser(store: HqStore, username: string, now = new Date()): Promise<UserData> {
  return changeUser(store, username, (u) => ({ ...u, active: false }), now);
}

// ------------------------------------------------------------------------------------------------------ products

const Barcodes = z.array(z.string().trim().regex(/^[0-9A-Za-z-]{4,32}$/)).max(20);

export const ProductInputSchema = z.strictObject({
  sku: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(200),
  price: Minor,
  unit: z.enum(UNITS).default('UNIT'),
  category: z.string().trim().min(1).max(80).nullable().default(null),
  taxRateBp: z.int().min(0).max(10_000).default(0),
  barcodes: Barcodes.default([]),
  active: z.boolean().default(true),
});
export type ProductInput = z.output<typeof ProductInputSchema>;

/** A product write: its SKU, the barcodes it names (null: keep the stored ones) and its state from the stored one. */
interface ProductPut {
  readonly sku: string;
  readonly barcodes: readonly string[] | null;
  build(old: ProductData | null): ProductInput;
}

/** Creates or replaces products by SKU in one change each; barcodes must be free or already the same product's. */
async function putProducts(store: HqStore, rows: readonly ProductPut[], mode: 'create' | 'upsert' | 'update', now: Date): Promise<ProductData[]> {
  const keys = rows.flatMap((r) => [{ entity: 'PRODUCT', key: r.sku }, ...(r.barcodes ?? []).map((b) => ({ entity: 'BARCODE', key: b }))]);
  return update(store, keys, (cur) => {
    const products = new Map<string, ProductData>();
    const owners = new Map<string, string | null>();
    const ownerOf = (code: string): string | null => (owners.has(code) ? (owners.get(code) ?? null) : (cur.get(masterMapKey('BARCODE', code))?.data ?? null));
    const writes: MasterWrite[] = [];
    const out: ProductData[] = [];
    for (const r of rows) {
      const existing = products.get(r.sku) ?? get<ProductData>(cur, 'PRODUCT', r.sku);
      if (existing && mode === 'create') return refuse('PRODUCT_EXISTS', `product ${r.sku} already exists`);
      if (!existing && mode === 'update') return refuse('PRODUCT_NOT_FOUND', `no product ${r.sku}`);
      const next = r.build(existing);
      for (const code of next.barcodes) {
        const owner = ownerOf(code);
        if (owner !== null && owner !== r.sku) return refuse('BARCODE_TAKEN', `barcode ${code} belongs to ${owner}`);
      }
      for (const old of existing?.barcodes ?? []) {
        if (next.barcodes.includes(old)) continue;
        owners.set(old, null);
        writes.push({ entity: 'BARCODE', key: old, branch: null, data: null, logged: false });
      }
      for (const code of next.barcodes) {
        if (existing?.barcodes.includes(code)) continue;
        owners.set(code, r.sku);
        writes.push({ entity: 'BARCODE', key: code, branch: null, data: r.sku, logged: false });
      }
      const data = ProductDataSchema.parse({ id: existing?.id ?? randomUUID(), ...next });
      products.set(r.sku, data);
      writes.push(write('PRODUCT', r.sku, null, data));
      out.push(data);
    }
    return { ok: true, writes, value: out };
  }, now);
}

export async function addProduct(store: HqStore, raw: unknown, now = new Date()): Promise<ProductData> {
  const input = parse(ProductInputSchema, raw);
  const [p] = await putProducts(store, [{ sku: input.sku, barcodes: input.barcodes, build: () => input }], 'create', now);
  if (!p) throw new Error('addProduct wrote nothing');
  return p;
}

export const ProductUpdateSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  unit: z.enum(UNITS).optional(),
  category: z.string().trim().min(1).max(80).nullable().optional(),
  taxRateBp: z.int().min(0).max(10_000).optional(),
  barcodes: Barcodes.optional(),
  active: z.boolean().optional(),
});

/**
 * Changes a product's name, unit, category, tax rate (basis points), barcodes or active flag (only the fields given; the
 * price has its own operations) in one logged change. 404 PRODUCT_NOT_FOUND, 409 BARCODE_TAKEN.
 */
export async function updateProduct(store: HqStore, sku: string, raw: unknown, now = new Date()): Promise<ProductData> {
  const input = parse(ProductUpdateSchema, raw);
  const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  const [p] = await putProducts(store, [{ sku, barcodes: input.barcodes ?? null, build: (old) => ({ ...(old as ProductData), ...defined }) }], 'update', now);
  if (!p) throw new Error('updateProduct wrote nothing');
  return p;
}

export async function setProductPrice(store: HqStore, sku: string, price: number, now = new Date()): Promise<ProductData> {
  const amount = parse(Minor, price);
  return update(store, [{ entity: 'PRODUCT', key: sku }], (cur) => {
    const p = get<ProductData>(cur, 'PRODUCT', sku);
    if (!p) return refuse('PRODUCT_NOT_FOUND', `no product ${sku}`);
    const data = { ...p, price: amount };
    return { ok: true, writes: [write('PRODUCT', sku, null, data)], value: data };
  }, now);
}

/**
 * Imports a product CSV (the register's format, src/catalog/csv.ts: sku, name, price as typed in `currency`, optional
 * barcode(s), unit, category, tax rate, active; a stock column is ignored: stock is each register's own ledger).
 * All or nothing: a bad row refuses the file with every row's error.
 */
export async function importProducts(store: HqStore, csv: string, currency: CurrencyCode, now = new Date()): Promise<{ imported: number }> {
  const { rows, errors } = readProductCsv(csv, currency);
  if (errors.length > 0) throw new MasterError(400, 'IMPORT_INVALID', `${errors.length} row(s) with errors; nothing imported`, { errors: errors.slice(0, 100) });
  const puts = rows.map((r): ProductPut => ({
    sku: r.sku,
    barcodes: r.barcodes,
    build: (old) => ({
      sku: r.sku,
      name: r.name,
      price: r.price,
      unit: r.unit ?? old?.unit ?? 'UNIT',
      category: r.category === undefined ? (old?.category ?? null) : r.category,
      taxRateBp: r.taxRateBp ?? old?.taxRateBp ?? 0,
      barcodes: r.barcodes ? [...r.barcodes] : (old?.barcodes ?? []),
      active: r.active ?? old?.active ?? true,
    }),
  }));
  await putProducts(store, puts, 'upsert', now);
  return { imported: puts.length };
}

// ------------------------------------------------------------------------------------------------------ price changes
// A price change scheduled from an instant is kept at HQ as an unlogged record (entity PRICE_CHANGE, never pulled) and
// published as an ordinary PRODUCT change once due, by `publishDuePriceChanges` (called before every register pull and
// every console read of products or price changes). Registers need nothing new: they sell at the new price from their
// first pull after the instant. Publishing deletes the schedule in the same transaction as the product's change, and
// writers are serialized, so a change is published exactly once whoever gets there first.

export const PriceChangeInputSchema = z.strictObject({
  sku: z.string().trim().min(1).max(64),
  price: Minor,
  /** ISO 8601 instant (with its offset) from which the price holds. */
  effectiveAt: z.iso.datetime({ offset: true }),
});

/** A scheduled price change: `price` in minor units of the chain's currency, `effectiveAt` an ISO instant (UTC). */
export interface PriceChange {
  readonly id: string;
  readonly sku: string;
  readonly price: number;
  readonly effectiveAt: string;
  readonly createdAt: string;
}



/** Schedules a price change; 404 PRODUCT_NOT_FOUND; 400 VALIDATION_FAILED when the instant is not in the future. */
export async function schedulePriceChange(store: HqStore, raw: unknown, now = new Date()): Promise<PriceChange> {
  const input = parse(PriceChangeInputSchema, raw);
  const effectiveAt = new Date(input.effectiveAt).toISOString();
  if (effectiveAt <= now.toISOString()) throw new MasterError(400, 'VALIDATION_FAILED', 'effectiveAt: must be in the future (change the price now instead)');
  const change: PriceChange = { id: randomUUID(), sku: input.sku, price: input.price, effectiveAt, createdAt: now.toISOString() };
  return update(store, [{ entity: 'PRODUCT', key: input.sku }], (cur) => {
    if (!get(cur, 'PRODUCT', input.sku)) return refuse('PRODUCT_NOT_FOUND', `no product ${input.sku}`);
    return { ok: true, writes: [{ entity: PRICE_CHANGE, key: change.id, branch: null, data: JSON.stringify(change), logged: false }], value: change };
  }, now);
}

/** Pending price changes, soonest first. */
export async function listPriceChanges(store: HqStore): Promise<PriceChange[]> {
  const rows = await store.masterList(PRICE_CHANGE);
  return rows.map((r) => JSON.parse(r.data) as PriceChange).sort((a, b) => a.effectiveAt.localeCompare(b.effectiveAt) || a.id.localeCompare(b.id));
}

/** Cancels a pending price change; 404 PRICE_CHANGE_NOT_FOUND (also when it was already published). */
export async function cancelPriceChange(store: HqStore, id: string, now = new Date()): Promise<PriceChange> {
  return update(store, [{ entity: PRICE_CHANGE, key: id }], (cur) => {
    const change = get<PriceChange>(cur, PRICE_CHANGE, id);
    if (!change) return refuse('PRICE_CHANGE_NOT_FOUND', `no pending price change ${id}`);
    return { ok: true, writes: [{ entity: PRICE_CHANGE, key: id, branch: null, data: null, logged: false }], value: change };
  }, now);
}

/**
 * Publishes every price change due at `now` (effectiveAt ≤ now), in effectiveAt order, as one PRODUCT change per product
 * (the latest due price wins), and deletes them, in one transaction. Returns how many were published; a change whose
 * product is gone is dropped.
 */
export async function publishDuePriceChanges(store: HqStore, now = new Date()): Promise<number> {
  const at = now.toISOString();
  const due = (await listPriceChanges(store)).filter((c) => c.effectiveAt <= at);
  if (due.length === 0) return 0;
  const keys = [...due.map((c) => ({ entity: PRICE_CHANGE, key: c.id })), ...[...new Set(due.map((c) => c.sku))].map((sku) => ({ entity: 'PRODUCT', key: sku }))];
  return update(store, keys, (cur) => {
    const products = new Map<string, ProductData>();
    const writes: MasterWrite[] = [];
    let published = 0;
    for (const c of due) {
      // Another caller may have published it since it was listed.
      if (!cur.has(masterMapKey(PRICE_CHANGE, c.id))) continue;
      writes.push({ entity: PRICE_CHANGE, key: c.id, branch: null, data: null, logged: false });
      const p = products.get(c.sku) ?? get<ProductData>(cur, 'PRODUCT', c.sku);
      if (!p) continue;
      products.set(c.sku, { ...p, price: c.price });
      published++;
    }
    for (const [sku, p] of products) writes.push(write('PRODUCT', sku, null, p));
    return { ok: true, writes, value: published };
  }, now);
}

// ------------------------------------------------------------------------------------------------------ providers

export const ProviderInputSchema = z.strictObject({
  code: Code,
  name: Name,
  kinds: z.array(z.enum(AGENT_KINDS)).min(1),
  active: z.boolean().default(true),
});

/** Creates or replaces an agent provider. */
export async function putProvider(store: HqStore, raw: unknown, now = new Date()): Promise<ProviderData> {
  const data = parse(ProviderInputSchema, raw);
  return update(store, [], () => ({ ok: true, writes: [write('PROVIDER', data.code, null, data)], value: data }), now);
}
