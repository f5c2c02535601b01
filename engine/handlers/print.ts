// Printing commands: printer settings per register, the receipt header per branch, and the print queue as the
// cashier sees it. Invariants: reads and writes only settings and print_jobs rows (the host does the printing after
// the reply); a user sees the jobs of their own branch only.
import { activeSessionOfUser, getRegister } from '../../db';
import type { PrintJobRow } from '../../db/repos/print-jobs';
import { printJob, printJobsOf, requeuePrintJob } from '../../db/repos/print-jobs';
import { printerSettingsOf, putPrinterSettings, putStoreHeader, storeHeaderOf } from '../../db/repos/print-settings';
import type { CommandOutput } from '../../src/contract';
import { fail, ok } from '../../src/result';
import type { AuthedCtx, Handler } from '../context';

type JobView = CommandOutput<'print.retry'>['job'];

const jobView = (row: PrintJobRow): JobView => ({
  id: row.id,
  registerId: row.registerId,
  kind: row.kind,
  title: row.title,
  status: row.status,
  attempts: row.attempts,
  nextAttemptAt: row.status === 'PENDING' ? row.nextAttemptAt : null,
  lastErrorCode: row.lastErrorCode,
  lastError: row.lastError,
  createdAt: row.createdAt,
  printedAt: row.printedAt,
});

/** The register if it exists and is of the actor's branch (an actor without a branch sees every branch). */
function registerOfBranch(ctx: AuthedCtx, registerId: string) {
  const register = getRegister(ctx.db, registerId);
  return register && (ctx.actor.branchId === null || register.branchId === ctx.actor.branchId) ? register : null;
}

export const settings: Handler<'print.settings'> = (ctx, input) => {
  const register = registerOfBranch(ctx, input.registerId);
  if (!register) return fail('NOT_FOUND', { registerId: input.registerId });
  return ok({ settings: printerSettingsOf(ctx.db, register.id), header: storeHeaderOf(ctx.db, register.branchId) });
};

export const configure: Handler<'print.configure'> = (ctx, input) => {
  const register = registerOfBranch(ctx, input.registerId);
  if (!register) return fail('NOT_FOUND', { registerId: input.registerId });
  putPrinterSettings(ctx.db, register.id, input.settings);
  if (input.header) putStoreHeader(ctx.db, register.branchId, input.header);
  return ok({ settings: printerSettingsOf(ctx.db, register.id), header: storeHeaderOf(ctx.db, register.branchId) });
};

export const jobs: Handler<'print.jobs'> = (ctx, input) => {
  const registerId = input.registerId ?? activeSessionOfUser(ctx.db, ctx.actor.id)?.registerId ?? null;
  if (registerId === null) return ok({ jobs: [] });
  if (!registerOfBranch(ctx, registerId)) return fail('NOT_FOUND', { registerId });
  return ok({ jobs: printJobsOf(ctx.db, registerId, input.limit).map(jobView) });
};

export const retry: Handler<'print.retry'> = (ctx, input) => {
  const row = printJob(ctx.db, input.jobId);
  if (!row || !registerOfBranch(ctx, row.registerId)) return fail('NOT_FOUND', { jobId: input.jobId });
  return ok({ job: jobView(requeuePrintJob(ctx.db, row.id, ctx.now) ?? row) });
};
