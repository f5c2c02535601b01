// Live views at HQ (issue 12, item 3; the console draws them later): every open drawer from the entries it streamed,
// and a branch's day across registers with open and closed sessions together. Invariants: an open session's figures
// are folded from HQ's streamed entries with the same reducer the register and the seal use (src/session/ledger.ts),
// so they match the register up to its unsent backlog; anything not sealed is marked `provisional`; amounts are minor
// units and never summed across currencies.
import type { MethodTotals } from '../src/sale/methods';
import type { LedgerBody, OperationTotals } from '../src/session/ledger';
import type { SessionStatus } from '../src/session/state';
import { expectedCash, foldLedger, operationsOf } from '../src/session/ledger';
import type { LedgerEntry } from '../src/sync/chain';
import type { HqStore, RegisterStream, SessionSummary } from './store';

export interface LiveDrawer {
  readonly branchCode: string;
  readonly registerCode: string;
  readonly sessionId: string;
  readonly sessionNumber: string;
  readonly businessDate: string;
  readonly currency: string;
  readonly status: SessionStatus;
  /** The cashier who opened it: the user id of its SESSION_OPENED, and name/username from HQ's users when known. */
  readonly cashier: { readonly userId: string; readonly username: string | null; readonly name: string | null };
  readonly openedAt: string;
  readonly openingAmount: number;
  readonly salesCount: number;
  readonly salesTotal: number;
  readonly byMethod: MethodTotals;
  readonly depositsTotal: number;
  readonly withdrawalsTotal: number;
  readonly expectedCash: number;
  readonly operations: OperationTotals;
  readonly lastEntry: { readonly seq: number; readonly kind: string; readonly at: string };
  /** Seconds since HQ last heard from this session; and the register's last reported unsent backlog. */
  readonly lagSeconds: number;
  readonly backlog: RegisterStream['backlog'];
  readonly provisional: true;
}

async function userNames(store: HqStore): Promise<Map<string, { username: string; name: string }>> {
  const out = new Map<string, { username: string; name: string }>();
  for (const r of await store.masterList('USER')) {
    const u = JSON.parse(r.data) as { id?: string; username?: string; name?: string };
    if (u.id && u.username && u.name) out.set(u.id, { username: u.username, name: u.name });
  }
  return out;
}

async function drawerOf(store: HqStore, reg: RegisterStream, open: RegisterStream['open'][number], users: Map<string, { username: string; name: string }>, now: Date): Promise<LiveDrawer | null> {
  const entries = (await store.streamEntries(open.sessionId)).map((e) => JSON.parse(e.entry) as LedgerEntry);
  const first = entries[0];
  const last = entries[entries.length - 1];
  if (!first || !last || first.kind !== 'SESSION_OPENED') return null;
  const opened = first.payload as { userId: string; openingAmount: number; currency: string };
  const t = foldLedger(entries.map((e) => ({ kind: e.kind, payload: e.payload }) as LedgerBody));
  const user = users.get(opened.userId);
  return {
    branchCode: reg.branchCode,
    registerCode: reg.registerCode,
    sessionId: open.sessionId,
    sessionNumber: open.sessionNumber,
    businessDate: open.businessDate,
    currency: opened.currency,
    status: t.status,
    cashier: { userId: opened.userId, username: user?.username ?? null, name: user?.name ?? null },
    openedAt: first.at,
    openingAmount: t.openingAmount,
    salesCount: t.salesCount,
    salesTotal: t.salesTotal,
    byMethod: t.byMethod,
    depositsTotal: t.depositsTotal,
    withdrawalsTotal: t.withdrawalsTotal,
    expectedCash: expectedCash(t),
    operations: operationsOf(t),
    lastEntry: { seq: last.seq, kind: last.kind, at: last.at },
    lagSeconds: Math.max(0, Math.round((now.getTime() - Date.parse(open.lastReceivedAt)) / 1000)),
    backlog: reg.backlog,
    provisional: true,
  };
}

/** `GET /v1/live/drawers[?branch=]`: every drawer open at HQ's knowledge (streamed, not yet sealed), by register. */
export async function liveDrawers(store: HqStore, now: Date, branchCode?: string): Promise<{ drawers: LiveDrawer[] }> {
  const users = await userNames(store);
  const drawers: LiveDrawer[] = [];
  for (const reg of await store.streamRegisters()) {
    if (branchCode !== undefined && reg.branchCode !== branchCode) continue;
    for (const open of reg.open) {
      const d = await drawerOf(store, reg, open, users, now);
      if (d) drawers.push(d);
    }
  }
  return { drawers };
}

export interface DayTotals {
  readonly currency: string;
  readonly sessions: number;
  readonly salesCount: number;
  readonly salesTotal: number;
  readonly byMethod: MethodTotals;
  /** True while any session counted here is not sealed at HQ. */
  readonly provisional: boolean;
}

type DaySession =
  | ({ readonly provisional: false } & Pick<SessionSummary, 'sessionId' | 'sessionNumber' | 'registerCode' | 'currency' | 'status' | 'salesCount' | 'salesTotal' | 'byMethod' | 'openedAt' | 'closedAt'>)
  | ({ readonly provisional: true; readonly closedAt: null } & Pick<LiveDrawer, 'sessionId' | 'sessionNumber' | 'registerCode' | 'currency' | 'status' | 'salesCount' | 'salesTotal' | 'byMethod' | 'openedAt'>);

function addTotals(into: Map<string, DayTotals>, s: DaySession): void {
  const t = into.get(s.currency);
  const byMethod = { ...(t?.byMethod ?? s.byMethod) };
  if (t) for (const [m, v] of Object.entries(s.byMethod)) byMethod[m as keyof MethodTotals] += v;
  into.set(s.currency, {
    currency: s.currency,
    sessions: (t?.sessions ?? 0) + 1,
    salesCount: (t?.salesCount ?? 0) + s.salesCount,
    salesTotal: (t?.salesTotal ?? 0) + s.salesTotal,
    byMethod,
    provisional: (t?.provisional ?? false) || s.provisional,
  });
}

/**
 * `GET /v1/live/day?branch=&date=`: a branch's business day across its registers, sealed sessions (final) and open
 * streamed ones (provisional) together, with totals per register and for the branch, one line per currency.
 */
export async function branchDay(store: HqStore, branchCode: string, date: string, now: Date) {
  const sessions: DaySession[] = [];
  for (let after = 0; ; ) {
    const page = await store.listSessions({ branchCode, businessDate: date, afterSequence: after, limit: 1000 });
    for (const s of page) sessions.push({ provisional: false, sessionId: s.sessionId, sessionNumber: s.sessionNumber, registerCode: s.registerCode, currency: s.currency, status: s.status, salesCount: s.salesCount, salesTotal: s.salesTotal, byMethod: s.byMethod, openedAt: s.openedAt, closedAt: s.closedAt });
    const last = page[page.length - 1];
    if (page.length < 1000 || !last) break;
    after = last.hqSequence;
  }
  for (const d of (await liveDrawers(store, now, branchCode)).drawers) {
    if (d.businessDate !== date) continue;
    sessions.push({ provisional: true, closedAt: null, sessionId: d.sessionId, sessionNumber: d.sessionNumber, registerCode: d.registerCode, currency: d.currency, status: d.status, salesCount: d.salesCount, salesTotal: d.salesTotal, byMethod: d.byMethod, openedAt: d.openedAt });
  }
  const byRegister = new Map<string, { sessions: DaySession[]; totals: Map<string, DayTotals> }>();
  const branch = new Map<string, DayTotals>();
  for (const s of sessions.sort((a, b) => (a.openedAt < b.openedAt ? -1 : 1))) {
    const r = byRegister.get(s.registerCode) ?? { sessions: [], totals: new Map<string, DayTotals>() };
    r.sessions.push(s);
    addTotals(r.totals, s);
    addTotals(branch, s);
    byRegister.set(s.registerCode, r);
  }
  return {
    branchCode,
    date,
    provisional: sessions.some((s) => s.provisional),
    registers: [...byRegister.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([registerCode, r]) => ({ registerCode, sessions: r.sessions, totals: [...r.totals.values()] })),
    totals: [...branch.values()],
  };
}
