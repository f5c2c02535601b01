// The console's only way to HQ: same-origin fetch with the session cookie (sent by the browser, never readable here)
// and, on every mutating request, the CSRF token HQ answered at sign-in. Answers are parsed with zod where they enter.
// Refusals resolve as `{ ok: false, code, message }`, never as exceptions, so every screen handles them alike.
import { z } from 'zod';
import { BranchDataSchema, ProductDataSchema, ProviderDataSchema, RegisterDataSchema, UserDataSchema } from '../../src/sync/master';

export const PersonSchema = z.object({ username: z.string(), name: z.string(), role: z.enum(['OWNER', 'HQ_MANAGER', 'AUDITOR']), active: z.boolean() });
export type Person = z.infer<typeof PersonSchema>;
export const SignedInSchema = z.object({ person: PersonSchema, csrfToken: z.string(), csrfHeader: z.string() });
export type SignedIn = z.infer<typeof SignedInSchema>;
const Versioned = { version: z.int() };
export const BranchListSchema = z.object({ branches: z.array(BranchDataSchema.extend(Versioned)) });
export const RegisterListSchema = z.object({ registers: z.array(RegisterDataSchema.extend(Versioned)) });
export type BranchRow = z.infer<typeof BranchListSchema>['branches'][number];
export type RegisterRow = z.infer<typeof RegisterListSchema>['registers'][number];
export const OkSchema = z.object({ ok: z.literal(true) });
export const CodeSchema = z.object({ code: z.string(), expiresAt: z.string() });
export const RegisterCreatedSchema = z.object({ register: RegisterDataSchema, code: z.string(), expiresAt: z.string() });
export const RegisterSavedSchema = z.object({ register: RegisterDataSchema });
export const BranchCreatedSchema = z.object({ branch: BranchDataSchema });
export const RevokedSchema = z.object({ revoked: z.int() });
export const KeysSchema = z.object({ keys: z.array(z.object({ role: z.string(), branchCode: z.string().nullable(), registerCode: z.string().nullable(), createdAt: z.string(), revokedAt: z.string().nullable() })) });

// Register users as HQ lists them: never the PIN hash.
const UserRowSchema = UserDataSchema.omit({ pinHash: true });
export const UserListSchema = z.object({ users: z.array(UserRowSchema.extend(Versioned)) });
export type UserRow = z.infer<typeof UserListSchema>['users'][number];
export const UserSavedSchema = z.object({ user: UserRowSchema });
export const ProductListSchema = z.object({ products: z.array(ProductDataSchema.extend(Versioned)) });
export type ProductRow = z.infer<typeof ProductListSchema>['products'][number];
export const ProductSavedSchema = z.object({ product: ProductDataSchema });
export const ImportedSchema = z.object({ imported: z.int() });
const PriceChangeSchema = z.object({ id: z.string(), sku: z.string(), price: z.int(), effectiveAt: z.string(), createdAt: z.string() });
export type PriceChangeRow = z.infer<typeof PriceChangeSchema>;
export const PriceChangeListSchema = z.object({ priceChanges: z.array(PriceChangeSchema) });
export const PriceChangeSavedSchema = z.object({ priceChange: PriceChangeSchema });
export const ProviderListSchema = z.object({ providers: z.array(ProviderDataSchema.extend(Versioned)) });
export type ProviderRow = z.infer<typeof ProviderListSchema>['providers'][number];
export const ProviderSavedSchema = z.object({ provider: ProviderDataSchema });
const RejectedSchema = z.object({
  id: z.int(),
  receivedAt: z.string(),
  reason: z.string(),
  httpStatus: z.int(),
  sessionId: z.string().nullable(),
  branchCode: z.string().nullable(),
  registerCode: z.string().nullable(),
  senderBranchCode: z.string().nullable(),
  senderRegisterCode: z.string().nullable(),
  details: z.string().nullable(),
  body: z.string(),
  bodyBytes: z.int().nullable(),
  bodySha256: z.string().nullable(),
});
export type RejectedRow = z.infer<typeof RejectedSchema>;
export const RejectedListSchema = z.object({ rejected: z.array(RejectedSchema), next: z.int().nullable() });

// Reports (hq/routes/reports.ts). Amounts are minor units of each row's currency.
const MethodTotals = z.record(z.string(), z.int());
const Totals = z.looseObject({
  sessions: z.int(), salesCount: z.int(), salesTotal: z.int(), byMethod: MethodTotals, difference: z.int(), shortCount: z.int(), shortTotal: z.int(),
  overCount: z.int(), overTotal: z.int(), voidsCount: z.int(), voidsTotal: z.int(), refundsCount: z.int(), refundsTotal: z.int(),
  discountsCount: z.int(), discountsTotal: z.int(), noSaleCount: z.int(), cashOutRefusedCount: z.int(), cashOutRefusedTotal: z.int(),
});
const SessionItemSchema = z.looseObject({
  sessionId: z.string(), branchCode: z.string(), registerCode: z.string(), sessionNumber: z.string(), businessDate: z.string(), currency: z.string(),
  status: z.string(), cashierId: z.string(), cashier: z.object({ username: z.string(), name: z.string() }).nullable(),
  expectedAmount: z.int(), closingAmount: z.int(), difference: z.int(), salesCount: z.int(), salesTotal: z.int(),
});
export type SessionItem = z.infer<typeof SessionItemSchema>;
export const SessionPageSchema = z.object({ items: z.array(SessionItemSchema), next: z.string().nullable() });
export const DailySchema = z.object({
  from: z.string(),
  to: z.string(),
  overall: z.array(z.object({ currency: z.string(), totals: Totals })),
  byBranch: z.array(z.object({ branchCode: z.string(), currency: z.string(), totals: Totals })),
  byDate: z.array(z.looseObject({ businessDate: z.string(), currency: z.string(), salesTotal: z.int() })),
  byHour: z.array(z.looseObject({ currency: z.string(), hour: z.int(), net: z.int() })),
  tenders: z.array(z.object({ currency: z.string(), method: z.string(), amount: z.int() })),
});
export type DailyReport = z.infer<typeof DailySchema>;
export const OverShortSchema = z.object({
  from: z.string(),
  to: z.string(),
  cashiers: z.array(
    z.looseObject({
      cashierId: z.string(), cashier: z.object({ username: z.string(), name: z.string() }).nullable(), currency: z.string(), sessions: z.int(),
      shortCount: z.int(), shortTotal: z.int(), shortMax: z.int(), overCount: z.int(), overTotal: z.int(), noSaleCount: z.int(),
      cashOutRefusedCount: z.int(), voidsCount: z.int(), voidsTotal: z.int(), refundsCount: z.int(), refundsTotal: z.int(), discountsCount: z.int(), discountsTotal: z.int(),
    }),
  ),
  byDate: z.array(z.object({ businessDate: z.string(), currency: z.string(), sessions: z.int(), shortCount: z.int(), shortTotal: z.int(), overCount: z.int(), overTotal: z.int() })),
});
export type OverShortReport = z.infer<typeof OverShortSchema>;

// Live views (hq/routes/stream.ts), provisional until each session is sealed.
export const LiveDrawersSchema = z.object({
  drawers: z.array(
    z.looseObject({
      branchCode: z.string(), registerCode: z.string(), sessionId: z.string(), currency: z.string(), status: z.string(),
      cashier: z.object({ userId: z.string(), username: z.string().nullable(), name: z.string().nullable() }),
      openedAt: z.string(), salesCount: z.int(), salesTotal: z.int(), expectedCash: z.int(),
      lastEntry: z.object({ seq: z.int(), kind: z.string(), at: z.string() }), lagSeconds: z.int(),
    }),
  ),
});
export type LiveDrawers = z.infer<typeof LiveDrawersSchema>;
export const StreamRegistersSchema = z.object({
  registers: z.array(
    z.object({
      branchCode: z.string(), registerCode: z.string(),
      backlog: z.object({ entries: z.int(), sessions: z.int(), reportedAt: z.string() }).nullable(),
      open: z.array(z.looseObject({ sessionId: z.string(), lastEntryAt: z.string(), lastReceivedAt: z.string() })),
      lagSeconds: z.int().nullable(),
    }),
  ),
});
export type StreamRegisters = z.infer<typeof StreamRegistersSchema>;

export type Answer<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly status: number; readonly code: string; readonly message: string };

const ErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

let csrf: { header: string; token: string } | null = null;
/** Remembers the CSRF token of the current session (in memory only: a reload asks /v1/console/me again). */
export function setCsrf(signedIn: SignedIn | null): void {
  csrf = signedIn ? { header: signedIn.csrfHeader, token: signedIn.csrfToken } : null;
}

/** Called when HQ says the session is gone, so the app returns to the sign-in screen. */
let onSignedOut: () => void = () => undefined;
export function whenSignedOut(f: () => void): void {
  onSignedOut = f;
}

/** A body sent as it is (a CSV file), not as JSON. */
export class TextBody {
  constructor(
    readonly text: string,
    readonly type: string,
  ) {}
}

export async function call<S extends z.ZodType>(method: 'GET' | 'POST', path: string, schema: S, body?: unknown): Promise<Answer<z.output<S>>> {
  let res: Response;
  const type = body === undefined ? null : body instanceof TextBody ? body.type : 'application/json';
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { ...(type === null ? {} : { 'content-type': type }), ...(method !== 'GET' && csrf ? { [csrf.header]: csrf.token } : {}) },
      ...(body === undefined ? {} : { body: body instanceof TextBody ? body.text : JSON.stringify(body) }),
    });
  } catch {
    return { ok: false, status: 0, code: 'NETWORK', message: 'network error' };
  }
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const e = ErrorSchema.safeParse(json);
    const refusal = e.success ? e.data.error : { code: 'HTTP_' + String(res.status), message: res.statusText };
    if (res.status === 401 && path !== '/v1/console/login') onSignedOut();
    return { ok: false, status: res.status, ...refusal };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new Error(`HQ answered ${path} with an unexpected shape: ${parsed.error.message}`);
  return { ok: true, data: parsed.data };
}
