// An enrolled PC works its own register only (engine/own-register.ts), on a real SQLite file: the demo store's three
// registers stand for what an enrolled PC pulls from HQ (every register of its branch), with this PC enrolled as POS001.
// A standalone store restricts nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { SETTING_HQ_URL, saveEnrollment } from '../db';
import type { Harness } from './testkit';
import { bobCount, harness } from './testkit';

let h: Harness;
afterEach(() => h.close());

const enrollAs = (code: string): void => {
  const registerId = h.registerId(code);
  h.engine.store.sqlite.transaction(() => saveEnrollment(h.engine.store.db, { branchCode: 'SUC001', registerCode: code, registerId, enrolledAt: h.now().toISOString() }, SETTING_HQ_URL, 'http://127.0.0.1:9', 0)).immediate();
};
const sessions = (): number => (h.engine.store.sqlite.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number }).n;

describe('an enrolled PC opens and works sessions on its own register only', () => {
  it('cash.open on another register of the branch is REGISTER_NOT_THIS_PC, names this PC’s register, and writes nothing', () => {
    h = harness();
    enrollAs('POS001');
    const maria = h.login('maria');
    for (const code of ['POS002', 'POS003']) {
      const refused = h.call('cash.open', { registerId: h.registerId(code), openingAmount: 10000 }, maria);
      expect(refused).toMatchObject({ ok: false, error: { code: 'REGISTER_NOT_THIS_PC', details: { thisRegister: 'POS001' } } });
    }
    expect(sessions()).toBe(0);
    expect(h.ok('cash.open', { registerId: h.registerId('POS001'), openingAmount: 10000 }, maria).session.registerCode).toBe('POS001');
  });

  it('a session held on another register (brought by a restored backup of another PC) takes no command here', () => {
    h = harness();
    const juan = h.login('juan');
    h.ok('cash.open', { registerId: h.registerId('POS002'), openingAmount: 5000 }, juan);
    enrollAs('POS001');
    for (const [name, input] of [
      ['cash.deposit', { amount: 100, reason: 'CHANGE_FUND' }],
      ['cash.suspend', {}],
      ['cash.close', { count: { denominations: bobCount(5000) } }],
    ] as const) {
      expect(h.call(name, input, juan)).toMatchObject({ ok: false, error: { code: 'REGISTER_NOT_THIS_PC' } });
    }
  });

  it('a standalone store (no enrollment) opens any of its registers', () => {
    h = harness();
    expect(h.ok('cash.open', { registerId: h.registerId('POS002'), openingAmount: 0 }, h.login('maria')).session.registerCode).toBe('POS002');
    expect(h.ok('cash.open', { registerId: h.registerId('POS003'), openingAmount: 0 }, h.login('juan')).session.registerCode).toBe('POS003');
  });
});
