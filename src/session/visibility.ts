// Who may see a session's expected figures (expected cash, the differences measured against it), and the one masking
// step that hides them. Invariant: a blind viewer of an active session never learns expected cash, from a reply, a
// report or an error's details; once the session is sealed (CLOSED, TRANSFERRED) its figures are on the record for
// everyone entitled to the session.
import type { Permission } from '../auth/permissions';
import type { Minor } from '../money';
import type { MethodTotals } from '../sale/methods';
import type { OperationTotals } from './payloads';
import type { DifferenceType } from './count';
import type { TenderReconciliation } from './reconcile';
import type { SessionStatus } from './state';
import { isActive } from './state';

/** Who is looking: only their permissions matter (`cash:view_expected`). */
export interface ExpectedViewer {
  readonly permissions: ReadonlySet<Permission>;
}

/** The register setting that makes a close blind. */
export interface BlindSetting {
  readonly blindClose: boolean;
}

/**
 * Whether `viewer` may see the expected figures of a session in `status` on `register`: always for a sealed session,
 * always on a register without blind close, otherwise only with `cash:view_expected`.
 */
export function mayViewExpected(viewer: ExpectedViewer, register: BlindSetting, status: SessionStatus): boolean {
  return !isActive(status) || !register.blindClose || viewer.permissions.has('cash:view_expected');
}

/** The one masking step for a single figure: the figure when it may be seen, null otherwise. */
export function shown<T>(visible: boolean, figure: T): T | null {
  return visible ? figure : null;
}

/** Figures of a count measured against expected cash (minor units). */
export interface ExpectedFigures {
  readonly expectedAmount: Minor | null;
  readonly difference: Minor | null;
  readonly differenceType: DifferenceType | null;
}

/** A count (or its summary) with its expected amount, difference and its type hidden unless `visible`. */
export function maskCount<T extends ExpectedFigures>(count: T, visible: boolean): T {
  return visible ? count : { ...count, expectedAmount: null, difference: null, differenceType: null };
}

/** A tender row as a viewer may see it: a blind one sees what was taken per non-cash tender, never cash or a difference. */
export interface VisibleTender {
  readonly method: TenderReconciliation['method'];
  readonly expected: Minor | null;
  readonly declared: Minor | null;
  readonly difference: Minor | null;
  readonly exceedsTolerance: boolean;
}

/** Tender reconciliation rows with expected cash and every difference hidden unless `visible`. */
export function maskTenders(rows: readonly TenderReconciliation[], visible: boolean): VisibleTender[] {
  return visible ? [...rows] : rows.map((t) => ({ ...t, expected: t.method === 'CASH' ? null : t.expected, difference: null, exceedsTolerance: false }));
}

/**
 * A session's running figures from which expected cash can be computed: opening + cash taken (`totals.CASH`, or the
 * sales total less the other tenders) + deposits − withdrawals + agent cash (`operations`). Minor units.
 */
export interface SessionFigures {
  readonly totals: MethodTotals | null;
  readonly salesTotal: Minor | null;
  readonly depositsTotal: Minor | null;
  readonly withdrawalsTotal: Minor | null;
  readonly operations: OperationTotals | null;
}

/**
 * A session (its view) with every running figure expected cash could be derived from hidden unless `visible`. The
 * opening float stays: the cashier counted it herself, and without the others it gives nothing away.
 */
export function maskSession<T extends SessionFigures>(session: T, visible: boolean): T {
  return visible ? session : { ...session, totals: null, salesTotal: null, depositsTotal: null, withdrawalsTotal: null, operations: null };
}
