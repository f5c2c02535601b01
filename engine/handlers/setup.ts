// The first start. Invariants: setup.initialize and setup.demo act only on a store that is not set up
// (`storeInitialized`: not enrolled and no branch; checked inside the command's write transaction, so two racing setups
// cannot both win); a refusal writes nothing; the first
// administrator's PIN was typed twice and is not trivial.
import { firstBranch, hqEnrollment, insertBranch, insertRegister, insertUser, putSetting, setting, SETTING_DEFAULT_TAX_RATE, SETTING_STORE_MODE, storeInitialized } from '../../db';
import { putStoreHeader } from '../../db/repos/print-settings';
import { pinProblem } from '../../src/auth/pin-policy';
import type { CurrencyCode } from '../../src/money';
import { fail, ok } from '../../src/result';
import type { PublicHandler } from '../context';
import { seedDemo } from '../demo';
import { registerView } from '../views';

/** The time zone of the PC this engine runs on (what setup offers first). */
export const hostTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export const status: PublicHandler<'setup.status'> = (ctx) => {
  const branch = firstBranch(ctx.db);
  const initialized = storeInitialized(ctx.db);
  // Enrollment is recorded by setup.enroll (engine/master-sync.ts) before the first pull brings the branch.
  const mode = !initialized ? null : setting(ctx.db, SETTING_STORE_MODE) === 'enrolled' || hqEnrollment(ctx.db) ? 'enrolled' : 'standalone';
  return ok({
    initialized,
    mode,
    branch: branch ? { code: branch.code, name: branch.name, timeZone: branch.timeZone, currency: branch.currency as CurrencyCode } : null,
    defaultTimeZone: hostTimeZone(),
  });
};

export const initialize: PublicHandler<'setup.initialize'> = (ctx, input) => {
  if (storeInitialized(ctx.db)) return fail('ALREADY_INITIALIZED');
  const { branch: b, admin } = input;
  if (admin.pin !== admin.pinConfirm) return fail('PIN_MISMATCH', { field: 'admin.pinConfirm' });
  const problem = pinProblem(admin.pin);
  if (problem === 'PIN_TRIVIAL') return fail('PIN_TRIVIAL', { field: 'admin.pin' });
  if (problem === 'PIN_FORMAT') return fail('VALIDATION_FAILED', { field: 'admin.pin' });

  const branchId = ctx.newId();
  insertBranch(ctx.db, { id: branchId, code: b.code, name: b.name, timeZone: b.timeZone, currency: b.currency, createdAt: ctx.at });
  putStoreHeader(ctx.db, branchId, { taxId: b.taxId, address: b.address, phone: b.phone, footer: '' });
  putSetting(ctx.db, SETTING_DEFAULT_TAX_RATE, String(b.defaultTaxRateBp));
  putSetting(ctx.db, SETTING_STORE_MODE, 'standalone');
  const registers = input.registers.map((r) =>
    insertRegister(ctx.db, { id: ctx.newId(), branchId, code: r.code, name: r.name, specialty: r.specialty, currency: b.currency, blindClose: true, differenceTolerance: 0, createdAt: ctx.at, updatedAt: ctx.at }),
  );
  insertUser(ctx.db, { id: ctx.newId(), branchId, username: admin.username, name: admin.name, role: 'ADMIN', pinHash: ctx.pins.hash(admin.pin), createdAt: ctx.at, updatedAt: ctx.at });
  return ok({ branch: { id: branchId, code: b.code, name: b.name }, registers: registers.map(registerView), admin: { username: admin.username, name: admin.name } });
};

export const demo: PublicHandler<'setup.demo'> = (ctx) => {
  if (!seedDemo(ctx.db, ctx.now, ctx.pins.cost)) return fail('ALREADY_INITIALIZED');
  putSetting(ctx.db, SETTING_STORE_MODE, 'standalone');
  return ok({ seeded: true });
};
