// Which session a command acts on and whether its viewer may see expected figures. Identity comes from the signed-in
// actor only; a session the actor may not view is FORBIDDEN, one that does not exist NOT_FOUND.
import type { RegisterRow, SessionRow } from '../db';
import { activeSessionOfUser, getRegister, getSession, totalsOf } from '../db';
import type { Result } from '../src/result';
import { fail, ok } from '../src/result';
import type { CommandOutput } from '../src/contract';
import { expectedCash } from '../src/session/ledger';
import { mayViewExpected, maskSession, shown } from '../src/session/visibility';
import type { AuthedCtx } from './context';
import { checkOwnRegister } from './own-register';
import type { SessionView } from './views';
import { sessionView } from './views';

export interface Held {
  readonly session: SessionRow;
  readonly register: RegisterRow;
}

function withRegister(ctx: AuthedCtx, session: SessionRow): Held {
  const register = getRegister(ctx.db, session.registerId);
  if (!register) throw new Error(`session ${session.id} has no register`);
  return { session, register };
}

/**
 * The signed-in user's active session and its register; NO_OPEN_SESSION when there is none, REGISTER_NOT_THIS_PC when
 * this PC is enrolled as another register (a session it could only hold through a restored backup of another PC).
 */
export function heldSession(ctx: AuthedCtx): Result<Held> {
  const session = activeSessionOfUser(ctx.db, ctx.actor.id);
  if (!session) return fail('NO_OPEN_SESSION');
  const own = checkOwnRegister(ctx, { id: session.registerId });
  return own.ok ? ok(withRegister(ctx, session)) : own;
}

/** A session the user may look at: their own, or any with cash:view_all. */
export function visibleSession(ctx: AuthedCtx, sessionId: string): Result<Held> {
  const session = getSession(ctx.db, sessionId);
  if (!session) return fail('NOT_FOUND', { sessionId });
  if (session.userId !== ctx.actor.id && !ctx.actor.permissions.has('cash:view_all')) return fail('FORBIDDEN', { permission: 'cash:view_all' });
  return ok(withRegister(ctx, session));
}

/** Whether the signed-in viewer may see this session's expected figures right now (src/session/visibility.ts decides). */
export function seesExpected(ctx: AuthedCtx, held: Held): boolean {
  return mayViewExpected(ctx.actor, held.register, held.session.status);
}

/** What `cash.current` answers for a held session (also carried by a sale's reply), as this viewer may see it. */
export function currentView(ctx: AuthedCtx, held: Held): CommandOutput<'cash.current'> {
  return {
    session: sessionViewFor(ctx, held.session),
    hasOpenSession: true,
    expectedCash: shown(seesExpected(ctx, held), expectedCash(totalsOf(held.session))),
  };
}

/** A session as the signed-in viewer may see it: its running figures hidden while it is active on a blind register. */
export function sessionViewFor(ctx: AuthedCtx, session: SessionRow): SessionView {
  return maskSession(sessionView(ctx.db, session), seesExpected(ctx, withRegister(ctx, session)));
}
