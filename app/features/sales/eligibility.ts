// Whether the sales dialog offers a void or a refund of a sale: the core's own rules (src/sale/eligibility.ts), the
// same functions the engine decides with, so the buttons never disagree with the answer. The engine still refuses.
import type { CommandOutput } from '../../../src/contract';
import { refundEligibility, voidEligibility } from '../../../src/sale/eligibility';

type Found = CommandOutput<'sales.get'>;
type Sale = Found['sale'];
type Line = Sale['lines'][number];
type Session = Pick<NonNullable<CommandOutput<'cash.current'>['session']>, 'id' | 'status'>;

/** Thousandths of a line not yet given back. */
export const leftToRefund = (l: Pick<Line, 'quantityMilli' | 'refundedMilli'>): number => l.quantityMilli - l.refundedMilli;

/** A void takes back the whole sale: only a completed, never-refunded sale of the viewer's own OPEN session. */
export function canVoid(sale: Sale | null, refunds: readonly unknown[], session: Session): boolean {
  if (sale === null) return false;
  return voidEligibility({ id: sale.id, status: sale.status, sessionId: sale.sessionId, hasRefunds: sale.refundedTotal > 0 || refunds.length > 0 }, session).ok;
}

/** A refund gives back part of a completed sale (any session of the branch) while some line has something left. */
export function canRefund(sale: Sale | null): boolean {
  return sale !== null && refundEligibility(sale).ok;
}
