// The ceiling check every money-moving command runs before it writes (src/money/ceilings.ts decides the figures,
// src/session/ceilings.ts the rule): a sale's total within the amount ceiling, and every running total of the session,
// after the entry, within the total ceiling. Invariant: called before the command's first insert, with the exact ledger
// body it is about to append; appendLedger asserts the same rule, so a command that skipped this check is a bug that
// throws (INTERNAL, nothing written), never an overflowing total on disk.
import type { SessionRow } from '../db';
import { totalsOf } from '../db';
import type { CurrencyCode } from '../src/money';
import { checkAmount } from '../src/money/ceilings';
import type { LedgerBody } from '../src/session/ledger';
import { roomFor } from '../src/session/ceilings';
import type { Result } from '../src/result';
import { ok } from '../src/result';

/**
 * Whether `session` can take `body`: AMOUNT_TOO_LARGE when a sale's total passes the amount ceiling, TOTAL_CEILING
 * (details: `field`, `ceiling`, minor units) when a running total or the expected cash would pass the total ceiling.
 */
export function roomIn(session: SessionRow, body: LedgerBody): Result<null> {
  const currency = session.currency as CurrencyCode;
  if (body.kind === 'SALE') {
    const total = checkAmount(currency, 'total', body.payload.total);
    if (!total.ok) return total;
  }
  const room = roomFor(totalsOf(session), body, currency);
  return room.ok ? ok(null) : room;
}
