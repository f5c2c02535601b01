// The updater asks the engine which sessions are active on this PC; an open shift keeps an update from installing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { updateDecision } from '../src/session/updates';
import { sessionStatuses } from './index';
import type { Harness } from './testkit';
import { bobCount, harness } from './testkit';

let h: Harness;
beforeEach(() => {
  h = harness();
});
afterEach(() => h.close());

describe('update installs only with no active session on the PC', () => {
  it('waits while a shift is open or suspended, installs once it is closed', () => {
    expect(updateDecision(true, sessionStatuses(h.engine))).toEqual({ install: true });
    const maria = h.login('maria');
    h.ok('cash.open', { registerId: h.registerId('POS001'), count: { denominations: bobCount(10000) } }, maria);
    expect(updateDecision(true, sessionStatuses(h.engine))).toEqual({ install: false, reason: 'SESSION_ACTIVE' });
    h.ok('cash.suspend', {}, maria);
    expect(sessionStatuses(h.engine)).toEqual(['SUSPENDED']);
    expect(updateDecision(true, sessionStatuses(h.engine)).install).toBe(false);
    h.ok('cash.resume', {}, maria);
    h.ok('cash.close', { count: { denominations: bobCount(10000) } }, maria);
    expect(updateDecision(true, sessionStatuses(h.engine))).toEqual({ install: true });
  });
});
