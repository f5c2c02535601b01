// Users, registers and products. Invariants: nobody assigns a role above their own; a register's currency never
// changes once it exists; a register with an active session is not removed.
import { and, asc, eq } from 'drizzle-orm';
import { activeSessionOfRegister, getRegister, getUser, schema } from '../../db';
import { mayAssignRole } from '../../src/auth/permissions';
import type { CurrencyCode } from '../../src/money';
import { fail, ok } from '../../src/result';
import type { AuthedCtx, Handler } from '../context';
import { hashPin } from '../pin';
import { unique } from '../unique';
import { registerView, userView } from '../views';

export const createUser: Handler<'users.create'> = (ctx, input) => {
  if (!mayAssignRole(ctx.actor.role, input.role)) return fail('ROLE_TOO_HIGH', { role: input.role });
  const id = ctx.newId();
  const written = unique(() =>
    ctx.db
      .insert(schema.users)
      .values({ id, branchId: ctx.actor.branchId, username: input.username, name: input.name, role: input.role, pinHash: hashPin(input.pin, ctx.pinCost), createdAt: ctx.at, updatedAt: ctx.at })
      .returning()
      .get(),
  );
  return written.ok ? ok({ user: userView(written.value) }) : written;
};

export const listUsers: Handler<'users.list'> = (ctx) => ok({ users: ctx.db.select().from(schema.users).orderBy(asc(schema.users.name)).all().map(userView) });

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
    ...(input.pin === undefined ? {} : { pinHash: hashPin(input.pin, ctx.pinCost), failedAttempts: 0, lockedUntil: null }),
  };
  const updated = ctx.db.update(schema.users).set(changes).where(eq(schema.users.id, user.id)).returning().get();
  if (!updated) throw new Error('user vanished');
  if (input.active === false || input.role !== undefined) {
    // A deactivated or re-roled user signs in again, so no token outlives the permissions it was issued under.
    ctx.db.update(schema.authTokens).set({ revokedAt: ctx.at }).where(and(eq(schema.authTokens.userId, user.id))).run();
  }
  return ok({ user: userView(updated) });
};

function defaultBranch(ctx: AuthedCtx, branchId: string | undefined) {
  const id = branchId ?? ctx.actor.branchId;
  if (id) return ctx.db.select().from(schema.branches).where(eq(schema.branches.id, id)).get();
  const all = ctx.db.select().from(schema.branches).limit(2).all();
  return all.length === 1 ? all[0] : undefined;
}

export const createRegister: Handler<'registers.create'> = (ctx, input) => {
  const branch = defaultBranch(ctx, input.branchId);
  if (!branch) return fail('NOT_FOUND', { field: 'branchId' });
  const written = unique(() =>
    ctx.db
      .insert(schema.registers)
      .values({
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
        createdAt: ctx.at,
        updatedAt: ctx.at,
      })
      .returning()
      .get(),
  );
  return written.ok ? ok({ register: registerView(written.value) }) : written;
};

export const listRegisters: Handler<'registers.list'> = (ctx, input) => {
  const rows = ctx.db
    .select()
    .from(schema.registers)
    .where(input.includeInactive ? undefined : eq(schema.registers.active, true))
    .orderBy(asc(schema.registers.code))
    .all();
  return ok({
    registers: rows.map((r) => {
      const s = activeSessionOfRegister(ctx.db, r.id);
      const holder = s ? getUser(ctx.db, s.userId) : undefined;
      return { ...registerView(r), currentSession: s ? { id: s.id, sessionNumber: s.sessionNumber, status: s.status, userId: s.userId, userName: holder?.name ?? '' } : null };
    }),
  });
};

export const updateRegister: Handler<'registers.update'> = (ctx, input) => {
  if (!getRegister(ctx.db, input.id)) return fail('NOT_FOUND', { registerId: input.id });
  const { id, requestId: _ignored, ...changes } = input;
  const updated = ctx.db.update(schema.registers).set({ ...changes, updatedAt: ctx.at }).where(eq(schema.registers.id, id)).returning().get();
  if (!updated) throw new Error('register vanished');
  return ok({ register: registerView(updated) });
};

export const removeRegister: Handler<'registers.remove'> = (ctx, input) => {
  if (!getRegister(ctx.db, input.id)) return fail('NOT_FOUND', { registerId: input.id });
  if (activeSessionOfRegister(ctx.db, input.id)) return fail('REGISTER_HAS_OPEN_SESSION');
  const updated = ctx.db.update(schema.registers).set({ active: false, updatedAt: ctx.at }).where(eq(schema.registers.id, input.id)).returning().get();
  if (!updated) throw new Error('register vanished');
  return ok({ register: registerView(updated) });
};
