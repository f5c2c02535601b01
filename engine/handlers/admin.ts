// Users, registers and products. Invariants: nobody assigns a role above their own; a register's currency never
// changes once it exists; a register with an active session is not removed.
import {
  activeSessionOfRegister,
  getBranch,
  getRegister,
  getUser,
  insertRegister,
  insertUser,
  listRegisters as registersByCode,
  listUsers as usersByName,
  revokeTokensOfUser,
  soleBranch,
  updateRegister as writeRegister,
  updateUser as writeUser,
  forgetFailuresAgainst,
  revokeGrantsOfUser,
} from '../../db';
import { printerSettingsOf, putPrinterSettings, putStoreHeader, storeHeaderOf } from '../../db/repos/print-settings';
import { mayAssignRole } from '../../src/auth/permissions';
import { printerSettingsProblem } from '../../src/print/settings';
import { APPROVAL_NOTICE_MS } from '../../src/auth/lockout';
import { approvalFailuresSince } from '../../db/repos/pin-failures';
import type { CurrencyCode } from '../../src/money';
import { cashRoundingChoices } from '../../src/money';
import { fail, ok } from '../../src/result';
import type { AuthedCtx, Handler } from '../context';
import { unique } from '../unique';
import { holderView, registerView, userView } from '../views';

export const createUser: Handler<'users.create'> = (ctx, input) => {
  if (!mayAssignRole(ctx.actor.role, input.role)) return fail('ROLE_TOO_HIGH', { role: input.role });
  const id = ctx.newId();
  const written = unique(() =>
    insertUser(ctx.db, { id, branchId: ctx.actor.branchId, username: input.username, name: input.name, role: input.role, pinHash: ctx.pins.hash(input.pin), createdAt: ctx.at, updatedAt: ctx.at }),
  );
  return written.ok ? ok({ user: userView(written.value) }) : written;
};

/** Every user; for a manager (users:manage) with the wrong approval PINs that named each one in the last day. */
export const listUsers: Handler<'users.list'> = (ctx) => {
  const notices = ctx.actor.permissions.has('users:manage') ? approvalFailuresSince(ctx.db, new Date(ctx.now.getTime() - APPROVAL_NOTICE_MS).toISOString()) : null;
  return ok({ users: usersByName(ctx.db).map((u) => (notices ? { ...userView(u), approvalPinFailures: notices.get(u.id) ?? null } : userView(u))) });
};

export const updateUser: Handler<'users.update'> = (ctx, input) => {
  const user = getUser(ctx.db, input.id);
  if (!user) return fail('NOT_FOUND', { userId: input.id });
  if (!mayAssignRole(ctx.actor.role, user.role) || (input.role && !mayAssignRole(ctx.actor.role, input.role))) {
    return fail('ROLE_TOO_HIGH', { role: input.role ?? user.role });
  }
  const changes = {
    updatedAt: ctx.at,
    ...(input.name === undefined ? {} : { name: input.name }),
    ...(input.role === undefined ? {} : { role: input.role }),
    ...(input.active === undefined ? {} : { active: input.active }),
    ...(input.pin === undefined ? {} : { pinHash: ctx.pins.hash(input.pin) }),
  };
  // A new PIN also forgives every wrong PIN naming her (the reset an administrator does for a locked-out user).
  if (input.pin !== undefined) forgetFailuresAgainst(ctx.db, user.id);
  const updated = writeUser(ctx.db, user.id, changes);
  if (!updated) throw new Error('user vanished');
  if (input.pin !== undefined || input.active === false || input.role !== undefined) {
    // A new PIN, a deactivation or a new role ends every sign-in and unspent approval of the user: nothing issued under
    // the old PIN or permissions (a token, a grant she gave or asked for) outlives them.
    revokeTokensOfUser(ctx.db, user.id, ctx.at);
    revokeGrantsOfUser(ctx.db, user.id, 'users.update', ctx.at);
  }
  return ok({ user: userView(updated) });
};

function defaultBranch(ctx: AuthedCtx, branchId: string | undefined) {
  const id = branchId ?? ctx.actor.branchId;
  return id ? getBranch(ctx.db, id) : soleBranch(ctx.db);
}

export const createRegister: Handler<'registers.create'> = (ctx, input) => {
  const branch = defaultBranch(ctx, input.branchId);
  if (!branch) return fail('NOT_FOUND', { field: 'branchId' });
  const rounding = roundingChoice(input.currency ?? (branch.currency as CurrencyCode), input.cashRounding);
  if (!rounding.ok) return rounding;
  const written = unique(() =>
    insertRegister(ctx.db, {
      id: ctx.newId(),
      branchId: branch.id,
      code: input.code,
      name: input.name,
      specialty: input.specialty,
      currency: input.currency ?? (branch.currency as CurrencyCode),
      blindClose: input.blindClose ?? true,
      differenceTolerance: input.differenceTolerance ?? 0,
      allowNegativeStock: input.allowNegativeStock ?? true,
      refundApprovalAbove: input.refundApprovalAbove ?? 0,
      noSaleNeedsApproval: input.noSaleNeedsApproval ?? false,
      cashRounding: input.cashRounding ?? null,
      discountMaxBp: input.discountMaxBp ?? 0,
      discountMaxAmount: input.discountMaxAmount ?? 0,
      createdAt: ctx.at,
      updatedAt: ctx.at,
    }),
  );
  return written.ok ? ok({ register: registerView(written.value) }) : written;
};

export const listRegisters: Handler<'registers.list'> = (ctx, input) =>
  ok({ registers: registersByCode(ctx.db, input.includeInactive ?? false).map((r) => ({ ...registerView(r), currentSession: holderView(ctx.db, r.id) })) });

/** A register's cash rounding must be one its currency offers (none, 0.10, 0.50, 1.00; $10 in CLP). */
function roundingChoice(currency: CurrencyCode, increment: number | null | undefined) {
  if (increment === undefined || increment === null || cashRoundingChoices(currency).includes(increment)) return ok(undefined);
  return fail('VALIDATION_FAILED', { field: 'cashRounding', allowed: cashRoundingChoices(currency) });
}

export const updateRegister: Handler<'registers.update'> = (ctx, input) => {
  const existing = getRegister(ctx.db, input.id);
  if (!existing) return fail('NOT_FOUND', { registerId: input.id });
  const rounding = roundingChoice(existing.currency as CurrencyCode, input.cashRounding);
  if (!rounding.ok) return rounding;
  const { id, requestId: _ignored, printer, receipt, ...changes } = input;
  const problem = printer ? printerSettingsProblem(printer) : null;
  if (problem) return fail(problem.code, { field: `printer.${problem.field}` });
  const updated = writeRegister(ctx.db, id, { ...changes, updatedAt: ctx.at });
  if (!updated) throw new Error('register vanished');
  if (printer) putPrinterSettings(ctx.db, id, printer);
  if (receipt) putStoreHeader(ctx.db, updated.branchId, receipt);
  return ok({ register: registerView(updated), printer: printerSettingsOf(ctx.db, id), receipt: storeHeaderOf(ctx.db, updated.branchId) });
};

export const removeRegister: Handler<'registers.remove'> = (ctx, input) => {
  if (!getRegister(ctx.db, input.id)) return fail('NOT_FOUND', { registerId: input.id });
  if (activeSessionOfRegister(ctx.db, input.id)) return fail('REGISTER_HAS_OPEN_SESSION');
  const updated = writeRegister(ctx.db, input.id, { active: false, updatedAt: ctx.at });
  if (!updated) throw new Error('register vanished');
  return ok({ register: registerView(updated) });
};
