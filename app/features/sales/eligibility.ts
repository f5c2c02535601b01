// Whether the sales dialog offers a void or a refund of a sale. The engine decides for real (and refuses otherwise);
// this only enables the buttons and keys. Kept in this one module so it can give way to the core's own eligibility
// rule (src/sale) in one place.
import type { CommandOutput } from '../../../src/contract';

type Found = CommandOutput<'sales.get'>;
type Sale = Found['sale'];
type Line = Sale['lines'][number];

/** Thousandths of a line not yet given back. */
export const leftToRefund = (l: Pick<Line, 'quantityMilli' | 'refundedMilli'>): number => l.quantityMilli - l.refundedMilli;

/** A void takes back the whole sale: only a completed sale of `sessionId` (the viewer's open session), never refunded. */
export function canVoid(sale: Sale | null, refunds: readonly unknown[], sessionId: string): boolean {
  return sale !== null && sale.status === 'COMPLETED' && sale.sessionId === sessionId && sale.refundedTotal === 0 && refunds.length === 0;
}

/** A refund gives back part of a completed sale (any session of the branch) while some line has something left. */
export function canRefund(sale: Sale | null): boolean {
  return sale !== null && sale.status === 'COMPLETED' && sale.lines.some((l) => leftToRefund(l) > 0);
}
