// Issue 9 item 13: a refused close and the approved close are both CLOSING counts; the Z report tells them apart by
// the ledger (CLOSE_REFUSED names its count), so the screen never shows two identical "Cierre" rows.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Harness } from './testkit';
import { bobCount, harness } from './testkit';

let h: Harness;
let maria: string;
beforeEach(() => {
  h = harness();
  maria = h.login('maria');
});
afterEach(() => h.close());

describe('the Z report and refused closes', () => {
  it('lists the refused close apart from the approved one that sealed the session', () => {
    h.ok('cash.open', { registerId: h.registerId('POS001'), openingAmount: 10000 }, maria);
    const refused = h.call('cash.close', { count: { denominations: bobCount(5000) } }, maria);
    expect(refused.ok || refused.error.code).toBe('DIFFERENCE_NEEDS_APPROVAL');
    const grantId = h.ok('auth.verifySupervisor', { pin: '3333', permission: 'cash:approve_difference', username: 'sofia' }, maria).grantId;
    const closed = h.ok('cash.close', { count: { denominations: bobCount(5000) }, grantId }, maria);
    const closings = closed.report.counts.filter((c) => c.type === 'CLOSING');
    expect(closings).toHaveLength(2);
    const [first, last] = closings;
    expect(closed.report.refusedCloses).toEqual([first?.id]);
    expect(closed.report.refusedCloses).not.toContain(last?.id);
    expect(closed.report.refusedCloses).not.toContain(closed.count.id);
    // reports.session answers the same.
    const again = h.ok('reports.session', { sessionId: closed.session.id }, maria);
    expect(again.refusedCloses).toEqual(closed.report.refusedCloses);
  });

  it('a close without a refusal has none', () => {
    h.ok('cash.open', { registerId: h.registerId('POS001'), openingAmount: 10000 }, maria);
    const closed = h.ok('cash.close', { count: { denominations: bobCount(10000) } }, maria);
    expect(closed.report.refusedCloses).toEqual([]);
  });
});
