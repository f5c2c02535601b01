// Printing commands: printer settings per register, the receipt header per branch, and the print queue as the
// cashier sees it. Invariants: reads and writes only settings and print_jobs rows (the host does the printing after
// the reply); a cashier or supervisor sees and retries only the jobs of the register of their open session, a manager
// (cash:report_all) those of any register of their branch.
import { activeSessionOfUser, getRegister } from '../../db';
import type { PrintJobRow } from '../../db/repos/print-jobs';
import { printJob, printJobsOf, requeuePrintJob } from '../../db/repos/print-jobs';
import { printerSettingsOf, putPrinterSettings, putStoreHeader, storeHeaderOf } from '../../db/repos/print-settings';
import { can } from '../../src/auth/permissions';
import type { CommandOutput } from '../../src/contract';
import { DEFAULT_LABEL_LAYOUT } from '../../src/catalog/label-barcode';
import { printerSettingsProblem } from '../../src/print/settings';
import { dailyBranch, dailyReportOf } from '../daily';
import { registerHasDrawer } from '../drawer';
import { visibleSession } from '../held';
import { counterRegister, receiptCopy, reportRegister } from '../reprint';
import { requestedReport } from '../report';
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
  const problem = printerSettingsProblem(input.settings);
  if (problem) return fail(problem.code, { field: `settings.${problem.field}` });
  putPrinterSettings(ctx.db, register.id, input.settings);
  if (input.header) putStoreHeader(ctx.db, register.branchId, input.header);
  return ok({ settings: printerSettingsOf(ctx.db, register.id), header: storeHeaderOf(ctx.db, register.branchId) });
};

/** Whether the actor may see and retry the print jobs of `registerId` (see the invariant at the top). */
function mayUseQueueOf(ctx: AuthedCtx, registerId: string): boolean {
  if (!registerOfBranch(ctx, registerId)) return false;
  if (can(ctx.actor.role, 'cash:report_all')) return true;
  return activeSessionOfUser(ctx.db, ctx.actor.id)?.registerId === registerId;
}

export const jobs: Handler<'print.jobs'> = (ctx, input) => {
  const registerId = input.registerId ?? activeSessionOfUser(ctx.db, ctx.actor.id)?.registerId ?? null;
  if (registerId === null) return ok({ jobs: [] });
  if (!mayUseQueueOf(ctx, registerId)) return fail('NOT_FOUND', { registerId });
  return ok({ jobs: printJobsOf(ctx.db, registerId, input.limit).map(jobView) });
};

export const retry: Handler<'print.retry'> = (ctx, input) => {
  const row = printJob(ctx.db, input.jobId);
  if (!row || !mayUseQueueOf(ctx, row.registerId)) return fail('NOT_FOUND', { jobId: input.jobId });
  return ok({ job: jobView(requeuePrintJob(ctx.db, row.id, ctx.now) ?? row) });
};

export const counter: Handler<'print.counter'> = (ctx) => {
  const session = activeSessionOfUser(ctx.db, ctx.actor.id);
  const register = session ? getRegister(ctx.db, session.registerId) : undefined;
  const labelLayout = (register ? storeHeaderOf(ctx.db, register.branchId).labelLayout : undefined) ?? DEFAULT_LABEL_LAYOUT;
  if (!register) return ok({ printer: 'NONE', autoPrintReceipt: false, drawer: false, jobs: [], labelLayout });
  const settings = printerSettingsOf(ctx.db, register.id);
  return ok({
    printer: settings.target.kind,
    autoPrintReceipt: settings.autoPrintReceipt,
    drawer: registerHasDrawer(ctx, register.id),
    jobs: printJobsOf(ctx.db, register.id, 10).map(jobView),
    labelLayout,
  });
};

export const report: Handler<'print.report'> = (ctx, input) => {
  const held = visibleSession(ctx, input.sessionId);
  if (!held.ok) return held;
  const built = requestedReport(ctx, held.value);
  if (!built.ok) return built;
  return ok({ report: built.value, printer: printerSettingsOf(ctx.db, built.value.session.registerId).target.kind });
};

/** The daily report for paper: the same figures as reports.daily (engine/daily.ts), and the register to print on. */
export const daily: Handler<'print.daily'> = (ctx, input) => {
  const built = dailyReportOf(ctx, input);
  if (!built.ok) return built;
  const branch = dailyBranch(ctx, input.branchId);
  if (!branch) return fail('NOT_FOUND', { field: 'branchId' });
  const where = reportRegister(ctx, branch.id, input.registerId);
  if (!where.ok) return where;
  return ok({ report: built.value, ...where.value });
};

/** A copy of a sale's receipt (or of one of its refund slips): at the asker's register, else the sale's. */
export const receipt: Handler<'print.receipt'> = (ctx, input) => {
  const copy = receiptCopy(ctx, input.saleId, input.refundId);
  if (!copy.ok) return copy;
  const { saleRegisterId, ...rest } = copy.value;
  return ok({ ...rest, ...counterRegister(ctx, saleRegisterId) });
};
