// Drawer openings as ledger entries. A command whose cash event opens the drawer (a sale with a cash tender, a cash
// void or refund, a deposit, a withdrawal, a partial count, an agent operation: every kind moves cash) gets its
// DRAWER_OPENED entry here, in its own transaction, right after the entry of the event; the counts that end a session
// (close, handover) get theirs from `withCountOpening` before the seal, since nothing follows a seal; "Abrir cajón"
// with no sale writes its own (handlers/drawer.ts). Invariants: an entry
// is written only for a register whose printer has a drawer (it opens through the printer or not at all), whether or
// not the pulse later reaches the printer; the causes here are the same events whose printed document pulses the
// drawer (src/print openDrawer flags; electron/printing/host.ts).
import type { CountPayload } from '../src/session/ledger';
import type { SessionRow } from '../db';
import { appendLedger, getSession } from '../db';
import { printerSettingsOf } from '../db/repos/print-settings';
import type { CommandName, CommandOutput } from '../src/contract';
import { hasDrawer } from '../src/print/settings';
import type { DrawerCause, DrawerOpenedPayload, NoSaleReason } from '../src/session/ledger';
import type { AuthedCtx } from './context';

interface Opening {
  readonly sessionId: string;
  readonly cause: Exclude<DrawerCause, 'NO_SALE'>;
  readonly reference: string;
}

const hasCash = (payments: readonly { readonly method: string }[]) => payments.some((p) => p.method === 'CASH');

/** The commands whose success opens the drawer, and what opened it, read from their typed reply. */
const CAUSES: { readonly [N in CommandName]?: (out: CommandOutput<N>) => Opening | null } = {
  'sales.create': (o) => (hasCash(o.sale.payments) ? { sessionId: o.sale.sessionId, cause: 'SALE_CASH', reference: o.sale.id } : null),
  'sales.void': (o) => (hasCash(o.sale.payments) ? { sessionId: o.sale.sessionId, cause: 'VOID_CASH', reference: o.sale.id } : null),
  'sales.refund': (o) => (o.refund.method === 'CASH' ? { sessionId: o.refund.sessionId, cause: 'REFUND_CASH', reference: o.refund.id } : null),
  'cash.deposit': (o) => ({ sessionId: o.movement.sessionId, cause: 'DEPOSIT', reference: o.movement.id }),
  'cash.withdraw': (o) => ({ sessionId: o.movement.sessionId, cause: 'WITHDRAWAL', reference: o.movement.id }),
  'cash.count': (o) => ({ sessionId: o.count.sessionId, cause: 'COUNT', reference: o.count.id }),
  'agents.create': (o) => ({ sessionId: o.operation.sessionId, cause: 'AGENT_CASH', reference: o.operation.id }),
};

/**
 * The drawer opened for the count that ends a session (`CLOSE_COUNT` for a close attempt, `HANDOVER` for a handover),
 * on a register with a drawer: its entry follows the count's and precedes the seal, so the seal counts it. A refused
 * close keeps it with its count (the drawer was opened to count either way).
 */
export function withCountOpening<C extends { readonly row: SessionRow; readonly count: CountPayload }>(ctx: AuthedCtx, recorded: C, cause: 'CLOSE_COUNT' | 'HANDOVER'): C {
  if (!registerHasDrawer(ctx, recorded.row.registerId)) return recorded;
  const { row } = appendDrawerOpened(ctx, recorded.row, { cause, reference: recorded.count.id, reason: null, note: null, authorizedBy: null });
  return { ...recorded, row };
}

/** Whether `registerId`'s drawer can open (an ESC/POS printer with a drawer). */
export function registerHasDrawer(ctx: AuthedCtx, registerId: string): boolean {
  return hasDrawer(printerSettingsOf(ctx.db, registerId));
}

/** Appends a DRAWER_OPENED entry to `session`; returns the updated row and the payload. */
export function appendDrawerOpened(
  ctx: AuthedCtx,
  session: SessionRow,
  opening: { cause: DrawerCause; reference: string | null; reason: NoSaleReason | null; note: string | null; authorizedBy: string | null },
): { row: SessionRow; payload: DrawerOpenedPayload } {
  const payload: DrawerOpenedPayload = { id: ctx.newId(), ...opening, userId: ctx.actor.id };
  const { row } = appendLedger(ctx.db, session, ctx.at, { kind: 'DRAWER_OPENED', payload });
  return { row, payload };
}

/**
 * After a successful command (same transaction): the DRAWER_OPENED entry its cash event calls for, if any. Returns
 * the entry's cause, or null when the command opens no drawer or the register has none.
 */
export function recordDrawerOpening(ctx: AuthedCtx, name: CommandName, value: unknown): DrawerCause | null {
  const causeOf = CAUSES[name] as ((out: unknown) => Opening | null) | undefined;
  const opening = causeOf?.(value) ?? null;
  if (!opening) return null;
  const session = getSession(ctx.db, opening.sessionId);
  if (!session || !registerHasDrawer(ctx, session.registerId)) return null;
  appendDrawerOpened(ctx, session, { cause: opening.cause, reference: opening.reference, reason: null, note: null, authorizedBy: null });
  return opening.cause;
}
