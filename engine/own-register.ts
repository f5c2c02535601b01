// Which register this PC is. Invariant: an enrolled PC is exactly the register HQ enrolled it as (its identity from
// `setup.enroll`, never from a request), so it opens, holds and works sessions on that register only: another PC
// enrolled as another register of the branch numbers its own sessions, and two PCs working one register would collide
// at HQ. A standalone store has no such identity (its registers live in one data folder, one engine, and the home
// screen offers every free one), so nothing is restricted there.
import type { RegisterRow } from '../db';
import { hqEnrollment } from '../db';
import type { Result } from '../src/result';
import { fail, ok } from '../src/result';
import type { AuthedCtx } from './context';

/** The register id this PC was enrolled as, or null on a standalone store (any of its registers). */
export function registerOfThisPc(ctx: Pick<AuthedCtx, 'db'>): string | null {
  return hqEnrollment(ctx.db)?.registerId ?? null;
}

/**
 * Refuses a session command on a register that is not this PC's: REGISTER_NOT_THIS_PC, with the register this PC is
 * (`details.thisRegister`, its code) so the screen can say which one to use. OK on a standalone store.
 */
export function checkOwnRegister(ctx: Pick<AuthedCtx, 'db'>, register: Pick<RegisterRow, 'id'>): Result<void> {
  const identity = hqEnrollment(ctx.db);
  if (identity === null || identity.registerId === register.id) return ok(undefined);
  return fail('REGISTER_NOT_THIS_PC', { thisRegister: identity.registerCode });
}
