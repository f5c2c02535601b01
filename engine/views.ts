// Rows to contract shapes. Invariant: views carry every figure as recorded; what a blind viewer may not see is masked
// by the caller through src/session/visibility.ts, never here. Money read from a row is saturated at its ceiling
// (src/money/ceilings.ts): a figure an older version let overflow reads as the ceiling, never as an unsafe number.
import type { CountRow, Db, MovementRow, ProductRow, RegisterRow, SessionRow, StockMovementRow, UserRow } from '../db';
import { activeSessionOfRegister, barcodesOf, getRegister, getUser, lastSuspendedAt, sessionNumberOf, totalsOf } from '../db';
import type { Unit } from '../src/sale/quantity';
import { formatMilli } from '../src/sale/quantity';
import { operationsOf } from '../src/session/ledger';
import { openingCheck } from '../src/session/register-rules';
import type { CommandOutput } from '../src/contract';
import type { CurrencyCode } from '../src/money';
import { saturate } from '../src/money/ceilings';
import { cashRoundingFor } from '../src/money';
import type { CountPayload, MovementPayload } from '../src/session/ledger';

export type SessionView = CommandOutput<'cash.open'>['session'];
export type CountView = CommandOutput<'cash.count'>['count'];

export function userView(u: UserRow): CommandOutput<'users.create'>['user'] {
  return { id: u.id, username: u.username, name: u.name, role: u.role, active: u.active, lockedUntil: u.lockedUntil };
}

export function registerView(r: RegisterRow): CommandOutput<'registers.create'>['register'] {
  return {
    id: r.id,
    branchId: r.branchId,
    code: r.code,
    name: r.name,
    specialty: r.specialty,
    currency: r.currency as CurrencyCode,
    blindClose: r.blindClose,
    differenceTolerance: r.differenceTolerance,
    allowNegativeStock: r.allowNegativeStock,
    refundApprovalAbove: r.refundApprovalAbove,
    noSaleNeedsApproval: r.noSaleNeedsApproval,
    cashRounding: r.cashRounding,
    cashRoundingApplied: cashRoundingFor(r.currency as CurrencyCode, r.cashRounding).increment,
    discountMaxBp: r.discountMaxBp,
    discountMaxAmount: r.discountMaxAmount,
    active: r.active,
  };
}

export function productView(db: Db, p: ProductRow): CommandOutput<'products.create'>['product'] {
  return {
    id: p.id,
    sku: p.sku,
    barcode: p.barcode,
    barcodes: barcodesOf(db, p.id),
    name: p.name,
    price: saturate(p.price, Number.MAX_SAFE_INTEGER),
    unit: p.unit,
    category: p.category,
    taxRateBp: p.taxRateBp,
    stock: formatMilli(p.stock, p.unit),
    stockMilli: p.stock,
    active: p.active,
  };
}

export function stockMovementView(m: StockMovementRow, unit: Unit): CommandOutput<'products.adjustStock'>['movement'] {
  return { id: m.id, productId: m.productId, kind: m.kind, delta: formatMilli(m.delta, unit), deltaMilli: m.delta, refId: m.refId, reason: m.reason, userId: m.userId, createdAt: m.createdAt };
}

/** The opening float against the previous session's closing count on the same register (the carried-over cash). */
function openingCheckOf(db: Db, s: SessionRow): SessionView['openingCheck'] {
  const check = openingCheck(s.openingAmount, s.priorClosingAmount);
  if (s.priorSessionId === null || check === null) return null;
  return { priorSessionId: s.priorSessionId, priorSessionNumber: sessionNumberOf(db, s.priorSessionId) ?? '', ...check };
}

/** The time of the last SUSPENDED entry, read only while the session is SUSPENDED (the only time it is shown). */
function suspendedAtOf(db: Db, s: SessionRow): string | null {
  return s.status === 'SUSPENDED' ? lastSuspendedAt(db, s.id) : null;
}

/** Expected amount and difference are only set when a session closes, so an active session never shows them. */
export function sessionView(db: Db, s: SessionRow): SessionView {
  const register = getRegister(db, s.registerId);
  const user = getUser(db, s.userId);
  if (!register || !user) throw new Error(`session ${s.id} references a missing register or user`);
  const totals = totalsOf(s);
  const nullable = (n: number | null) => (n === null ? null : saturate(n));
  return {
    id: s.id,
    sessionNumber: s.sessionNumber,
    status: s.status,
    branchId: s.branchId,
    registerId: s.registerId,
    registerCode: register.code,
    registerName: register.name,
    specialty: register.specialty,
    userId: s.userId,
    userName: user.name,
    currency: s.currency as CurrencyCode,
    cashRounding: cashRoundingFor(s.currency as CurrencyCode, register.cashRounding),
    businessDate: s.businessDate,
    openingAmount: totals.openingAmount,
    openingNotes: s.openingNotes,
    openedAt: s.openedAt,
    suspendedAt: suspendedAtOf(db, s),
    closedAt: s.closedAt,
    closingAmount: nullable(s.closingAmount),
    expectedAmount: nullable(s.expectedAmount),
    difference: nullable(s.difference),
    differenceType: s.differenceType,
    closingNotes: s.closingNotes,
    approvedBy: s.approvedBy,
    previousSessionId: s.previousSessionId,
    totals: totals.byMethod,
    salesCount: totals.salesCount,
    salesTotal: totals.salesTotal,
    depositsTotal: totals.depositsTotal,
    withdrawalsTotal: totals.withdrawalsTotal,
    operations: operationsOf(totals),
    openingCheck: openingCheckOf(db, s),
    ledgerSeq: s.ledgerSeq,
    chainHead: s.chainHead,
  };
}

/** A count as its COUNT payload wrote it; apply `maskCount` (src/session/visibility.ts) before showing it to a viewer. */
export function countViewOf(c: CountPayload, sessionId: string, countedAt: string): CountView {
  return {
    id: c.id,
    sessionId,
    type: c.type,
    denominations: c.denominations.map((d) => ({ value: saturate(d.value), quantity: saturate(d.quantity, Number.MAX_SAFE_INTEGER) })),
    totalBills: saturate(c.totalBills),
    totalCoins: saturate(c.totalCoins),
    totalCash: saturate(c.totalCash),
    vouchers: saturate(c.vouchers),
    checks: saturate(c.checks),
    otherValues: saturate(c.otherValues),
    otherValuesNote: c.otherValuesNote,
    totalWithOthers: saturate(c.totalWithOthers),
    expectedAmount: saturate(c.expectedAmount),
    difference: saturate(c.difference),
    differenceType: c.differenceType,
    notes: c.notes,
    countedBy: c.countedBy,
    countedAt,
    tenders: (c.tenders ?? []).map((t) => ({ method: t.method, amount: saturate(t.amount) })),
  };
}

/** A stored count (its JSON columns read back into the payload's shape). */
export function countView(c: CountRow): CountView {
  const { tenders, ...row } = c;
  const payload: CountPayload = {
    ...row,
    denominations: JSON.parse(c.denominations) as CountPayload['denominations'],
    ...(tenders === null ? {} : { tenders: JSON.parse(tenders) as NonNullable<CountPayload['tenders']> }),
  };
  return countViewOf(payload, c.sessionId, c.countedAt);
}

export function movementView(m: MovementRow): CommandOutput<'cash.deposit'>['movement'] {
  return {
    id: m.id,
    sessionId: m.sessionId,
    direction: m.direction,
    type: m.type as MovementPayload['type'],
    amount: saturate(m.amount),
    reason: m.reason as MovementPayload['reason'],
    description: m.description,
    reference: m.reference,
    destinationType: m.destinationType,
    createdBy: m.createdBy,
    authorizedBy: m.authorizedBy,
    createdAt: m.createdAt,
  };
}

/** Who holds a register now (its active session and cashier), or null when it is free. */
export function holderView(db: Db, registerId: string): CommandOutput<'cash.status'>['currentSession'] {
  const s = activeSessionOfRegister(db, registerId);
  if (!s) return null;
  return { id: s.id, sessionNumber: s.sessionNumber, status: s.status, userId: s.userId, userName: getUser(db, s.userId)?.name ?? '' };
}
