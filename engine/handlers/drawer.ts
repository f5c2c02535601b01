// "Abrir cajón" with no sale. Invariants: refused (writing nothing) without a reason, without a drawer, outside an OPEN
// session, or without the supervisor's grant a `noSaleNeedsApproval` register asks for; otherwise one DRAWER_OPENED
// entry (cause NO_SALE) in the session's chain, the grant consumed in the same transaction.
import type { Handler } from '../context';
import { appendDrawerOpened, registerHasDrawer } from '../drawer';
import { checkGrantId, consumeGrant } from '../grants';
import { heldSession } from '../held';
import { allows } from '../../src/session/state';
import { fail, ok } from '../../src/result';

export const openDrawer: Handler<'cash.openDrawer'> = (ctx, input) => {
  const held = heldSession(ctx);
  if (!held.ok) return held;
  const { session, register } = held.value;
  const allowed = allows(session.status, 'move');
  if (!allowed.ok) return allowed;
  const note = input.note === undefined || input.note === '' ? null : input.note;
  if (input.reason === 'OTHER' && note === null) return fail('NOTE_REQUIRED', { field: 'note' });
  if (!registerHasDrawer(ctx, register.id)) return fail('DRAWER_NOT_CONFIGURED', { registerId: register.id });
  let authorizedBy: string | null = null;
  if (register.noSaleNeedsApproval) {
    if (input.grantId === undefined) return fail('SUPERVISOR_REQUIRED', { permission: 'cash:approve_no_sale' });
    const grant = checkGrantId(ctx, input.grantId, 'cash:approve_no_sale');
    if (!grant.ok) return grant;
    consumeGrant(ctx, input.grantId, 'cash.openDrawer');
    authorizedBy = grant.value.grantorId;
  }
  const { row, payload } = appendDrawerOpened(ctx, session, { cause: 'NO_SALE', reference: null, reason: input.reason, note, authorizedBy });
  return ok({
    opening: {
      id: payload.id,
      sessionId: session.id,
      cause: payload.cause,
      reason: payload.reason,
      note: payload.note,
      authorizedBy,
      openedAt: ctx.at,
      drawerOpenings: row.drawerOpenings,
      noSaleOpenings: row.noSaleOpenings,
    },
  });
};
