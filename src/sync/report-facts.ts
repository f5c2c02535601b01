// The figures HQ's reports need from one sealed session, read once from its verified ledger at ingest and kept as a
// row (`report_sessions`) plus its sales by local hour (`report_hours`, summed per business date, branch and hour).
// Invariants: pure (no clock, no I/O); money is integer minor units; every figure agrees with what the register's Z
// report shows for the same ledger (discounts as `discountsIn`, hours as `hourlyTotals`, the rest from the seal), and
// the hours add up to the session's net sales: Σ (total − refundsTotal) = salesTotal.
import type { MethodTotals } from '../sale/methods';
import { zeroMethodTotals } from '../sale/methods';
import type { HourTotals, MinuteActivity } from '../session/hourly';
import { hourlyTotals } from '../session/hourly';
import { isValidTimeZone } from '../session/numbering';
import type { SealedStatus, SessionBundle } from '../sync/protocol';

/** The zone used for a branch HQ has no record of (a register delivering with a key, never enrolled). */
export const FALLBACK_TIME_ZONE = 'UTC';

/** One sealed session as the reports read it. Amounts in minor units of `currency`; counts are plain integers. */
export interface SessionFacts {
  readonly sessionId: string;
  readonly branchCode: string;
  readonly registerCode: string;
  readonly sessionNumber: string;
  /** The store's local date the session opened on (YYYY-MM-DD). */
  readonly businessDate: string;
  readonly currency: string;
  readonly status: SealedStatus;
  /** The user who opened the session: its drawer is theirs (every figure below is attributed to them). */
  readonly cashierId: string;
  /** The IANA zone `hours` were computed in (the branch's at ingest, else FALLBACK_TIME_ZONE). */
  readonly timeZone: string;
  readonly openedAt: string;
  readonly closedAt: string;
  readonly openingAmount: number;
  readonly expectedAmount: number;
  readonly closingAmount: number;
  /** Counted − expected cash at the seal: negative = short, positive = over. */
  readonly difference: number;
  /** Net of voids and refunds, as sealed. */
  readonly salesCount: number;
  readonly salesTotal: number;
  readonly byMethod: MethodTotals;
  readonly depositsTotal: number;
  readonly withdrawalsTotal: number;
  readonly voidsCount: number;
  readonly voidsTotal: number;
  readonly refundsCount: number;
  readonly refundsTotal: number;
  /** Sales not voided with at least one discounted line, and the sum of their line discounts. */
  readonly discountsCount: number;
  readonly discountsTotal: number;
  readonly drawerOpenings: number;
  /** Drawer openings with no sale (cause NO_SALE). */
  readonly noSaleCount: number;
  /** CASH_OUT_REFUSED entries and the amounts asked. */
  readonly cashOutRefusedCount: number;
  readonly cashOutRefusedTotal: number;
  /** Closes refused for their difference before the one that sealed. */
  readonly closeRefusedCount: number;
  /** Sales (not voided) and refunds by the store's wall-clock hour, only hours with activity. */
  readonly hours: readonly HourTotals[];
}

/** The zone a branch record (master data JSON, or null) names, when it is a valid IANA zone; else the fallback. */
export function branchTimeZone(branchJson: string | null): string {
  if (branchJson === null) return FALLBACK_TIME_ZONE;
  try {
    const zone = (JSON.parse(branchJson) as { timeZone?: unknown }).timeZone;
    return typeof zone === 'string' && isValidTimeZone(zone) ? zone : FALLBACK_TIME_ZONE;
  } catch {
    return FALLBACK_TIME_ZONE;
  }
}

/**
 * The report facts of a verified sealed bundle, hours in `timeZone`. Throws if the bundle is not opened first and
 * sealed last (verifyBundle guarantees both; a throw here is a bug).
 */
export function factsOf(bundle: SessionBundle, timeZone: string): SessionFacts {
  const first = bundle.entries[0];
  const last = bundle.entries[bundle.entries.length - 1];
  if (first?.kind !== 'SESSION_OPENED' || (last?.kind !== 'SESSION_CLOSED' && last?.kind !== 'SESSION_TRANSFERRED')) {
    throw new Error('factsOf: bundle is not a verified sealed session');
  }
  const seal = last.payload;
  const voided = new Set<string>();
  for (const e of bundle.entries) if (e.kind === 'SALE_VOIDED') voided.add(e.payload.saleId);
  const minutes = new Map<string, { salesCount: number; salesTotal: number; refundsCount: number; refundsTotal: number }>();
  const minute = (at: string) => {
    // ISO-8601 UTC instants: the first 16 characters are the minute.
    const key = new Date(at).toISOString().slice(0, 16);
    const m = minutes.get(key) ?? { salesCount: 0, salesTotal: 0, refundsCount: 0, refundsTotal: 0 };
    minutes.set(key, m);
    return m;
  };
  let discountsCount = 0;
  let discountsTotal = 0;
  let drawerOpenings = 0;
  let noSaleCount = 0;
  let cashOutRefusedCount = 0;
  let cashOutRefusedTotal = 0;
  let closeRefusedCount = 0;
  for (const e of bundle.entries) {
    switch (e.kind) {
      case 'SALE': {
        if (voided.has(e.payload.id)) break;
        const m = minute(e.at);
        m.salesCount += 1;
        m.salesTotal += e.payload.total;
        const discount = e.payload.lines.reduce((a, l) => a + (l.discount ?? 0), 0);
        if (e.payload.lines.some((l) => (l.discount ?? 0) > 0)) {
          discountsCount += 1;
          discountsTotal += discount;
        }
        break;
      }
      case 'REFUND': {
        const m = minute(e.at);
        m.refundsCount += 1;
        m.refundsTotal += e.payload.total;
        break;
      }
      case 'DRAWER_OPENED':
        drawerOpenings += 1;
        if (e.payload.cause === 'NO_SALE') noSaleCount += 1;
        break;
      case 'CASH_OUT_REFUSED':
        cashOutRefusedCount += 1;
        cashOutRefusedTotal += e.payload.amount;
        break;
      case 'CLOSE_REFUSED':
        closeRefusedCount += 1;
        break;
      default:
        break;
    }
  }
  const activity: MinuteActivity[] = [...minutes.entries()].map(([m, a]) => ({ minute: m, ...a }));
  const ops = seal.operations;
  return {
    sessionId: bundle.sessionId,
    branchCode: bundle.branchCode,
    registerCode: bundle.registerCode,
    sessionNumber: bundle.sessionNumber,
    businessDate: bundle.businessDate,
    currency: bundle.currency,
    status: bundle.status,
    cashierId: first.payload.userId,
    timeZone,
    openedAt: first.at,
    closedAt: last.at,
    openingAmount: first.payload.openingAmount,
    expectedAmount: seal.expectedAmount,
    closingAmount: seal.closingAmount,
    difference: seal.difference,
    salesCount: seal.salesCount,
    salesTotal: seal.salesTotal,
    byMethod: { ...zeroMethodTotals(), ...seal.byMethod },
    depositsTotal: seal.depositsTotal,
    withdrawalsTotal: seal.withdrawalsTotal,
    voidsCount: ops?.voidsCount ?? 0,
    voidsTotal: ops?.voidsTotal ?? 0,
    refundsCount: ops?.refundsCount ?? 0,
    refundsTotal: ops?.refundsTotal ?? 0,
    discountsCount,
    discountsTotal,
    drawerOpenings,
    noSaleCount,
    cashOutRefusedCount,
    cashOutRefusedTotal,
    closeRefusedCount,
    hours: hourlyTotals(activity, timeZone),
  };
}
