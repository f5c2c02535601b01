// The refund form's arithmetic, pure: quantities typed per line read as thousandths (text, never a float), checked
// against what is left, and the estimated money back by the engine's own share rule (src/sale/quantity refundShare),
// so the estimate is the refund's total.
import type { CommandOutput } from '../../../src/contract';
import { formatMilli, refundShare } from '../../../src/sale/quantity';
import type { QuantityError } from '../../quantity';
import { parseTypedQuantity } from '../../quantity';
import { leftToRefund } from './eligibility';

type Found = CommandOutput<'sales.get'>;
type Line = Found['sale']['lines'][number];
type RefundInput = CommandOutput<'sales.refund'>['refund'];

/** What each line already gave back in money (minor units), by line number, from the sale's refunds. */
export function refundedAmounts(refunds: readonly Pick<RefundInput, 'lines'>[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const r of refunds) for (const l of r.lines) out.set(l.lineNo, (out.get(l.lineNo) ?? 0) + l.total);
  return out;
}

export interface TypedRefund {
  /** The lines with a quantity to give back, in thousandths. */
  readonly lines: readonly { readonly line: Line; readonly milli: number }[];
  /** The first problem, in line order: a malformed quantity, decimals of a UNIT item, or more than is left. */
  readonly problem: QuantityError | 'REFUND_EXCEEDS_SOLD' | null;
}

/** Reads `typed` (text by line number; blank or "0" skips a line) against the sale's lines. */
export function readRefundLines(lines: readonly Line[], typed: Readonly<Record<number, string>>): TypedRefund {
  const out: { line: Line; milli: number }[] = [];
  let problem: TypedRefund['problem'] = null;
  for (const l of lines) {
    const text = (typed[l.lineNo] ?? '').trim();
    if (text === '' || text === '0') continue;
    const p = parseTypedQuantity(text, l.unit);
    if (!p.ok) problem ??= p.error;
    else if (p.milli > leftToRefund(l)) problem ??= 'REFUND_EXCEEDS_SOLD';
    else out.push({ line: l, milli: p.milli });
  }
  return { lines: out, problem };
}

/** The money these lines give back (minor units), given what each line already gave back (`already`). */
export function refundEstimate(typed: TypedRefund['lines'], already: ReadonlyMap<number, number>): number {
  return typed.reduce((s, x) => s + refundShare(x.line.total, x.line.quantityMilli, x.line.refundedMilli, already.get(x.line.lineNo) ?? 0, x.milli), 0);
}

/** The lines as sales.refund takes them: whole units as an integer, weighed items as a 3-decimal string. */
export function refundRequestLines(typed: TypedRefund['lines']): { lineId: number; quantity: number | string }[] {
  return typed.map((x) => ({ lineId: x.line.lineNo, quantity: x.line.unit === 'UNIT' ? x.milli / 1000 : formatMilli(x.milli, 'KG') }));
}
