// X and Z reports of a session (built in ../report.ts, which cash.close shares), and the daily report across registers
// by the store's local date (built in ../daily.ts, which print.daily shares). Hours and dates are the branch's wall clock (its time zone), never the machine's.
import type { Handler } from '../context';
import { dailyReportOf } from '../daily';
import { visibleSession } from '../held';
import { requestedReport } from '../report';

export const sessionReport: Handler<'reports.session'> = (ctx, input) => {
  const held = visibleSession(ctx, input.sessionId);
  return held.ok ? requestedReport(ctx, held.value) : held;
};

export const daily: Handler<'reports.daily'> = (ctx, input) => dailyReportOf(ctx, input);
