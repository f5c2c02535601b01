// Amounts are multiples of Bs 0.10 (the smallest coin) so that any expected amount can be counted.
// Property: any sequence of opens, sales, movements, counts and closes keeps the running totals equal to a recompute
// from the ledger, and expected cash equal to the formula computed by an independent model here.
import { CLOSE_REFUSALS_BEFORE_GRANT } from '../src/session/close';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bobCount, harness } from './testkit';
import { checkAllSessions, checkSession } from './verify';

type Op =
  | { t: 'open'; cashier: 0 | 1; register: 0 | 1; amount: number }
  | { t: 'sale'; cashier: 0 | 1; items: { p: number; q: number }[]; mix: 'cash' | 'card' | 'split'; extra: number }
  | { t: 'deposit'; cashier: 0 | 1; amount: number }
  | { t: 'withdraw'; cashier: 0 | 1; amount: number }
  | { t: 'count'; cashier: 0 | 1; off: number }
  | { t: 'close'; cashier: 0 | 1; off: number };

const cashier = fc.constantFrom<0 | 1>(0, 1);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ t: fc.constant('open' as const), cashier, register: fc.constantFrom<0 | 1>(0, 1), amount: fc.integer({ min: 0, max: 50000 }).map((n) => n * 10) }),
  fc.record({
    t: fc.constant('sale' as const),
    cashier,
    items: fc.array(fc.record({ p: fc.nat(59), q: fc.integer({ min: 1, max: 5 }) }), { minLength: 1, maxLength: 4 }),
    mix: fc.constantFrom('cash' as const, 'card' as const, 'split' as const),
    extra: fc.integer({ min: 0, max: 5000 }).map((n) => n * 10),
  }),
  fc.record({ t: fc.constant('deposit' as const), cashier, amount: fc.integer({ min: 1, max: 2000 }).map((n) => n * 10) }),
  fc.record({ t: fc.constant('withdraw' as const), cashier, amount: fc.integer({ min: 1, max: 4000 }).map((n) => n * 10) }),
  fc.record({ t: fc.constant('count' as const), cashier, off: fc.integer({ min: -300, max: 300 }).map((n) => n * 10) }),
  fc.record({ t: fc.constant('close' as const), cashier, off: fc.integer({ min: -150, max: 150 }).map((n) => n * 10) }),
);

describe('ledger properties', () => {
  it('running totals equal the recompute and expected cash equals the model after every step', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 5, maxLength: 40 }), (ops) => {
        const h = harness();
        try {
          const tokens = [h.login('maria'), h.login('juan')] as const;
          const registers = [h.registerId('POS001'), h.registerId('POS002')];
          const products = h.productIds();
          // The model: expected cash per cashier's active session, computed only from what the test did.
          const model: (number | null)[] = [null, null];
          // A close refused beyond tolerance leaves the session COUNTING: no sales or movements until it closes.
          const counting = [false, false];
          // Refused closes in the current session: past CLOSE_REFUSALS_BEFORE_GRANT a blind cashier's close needs a grant.
          const refusedCloses = [0, 0];
          const refusal = (c: 0 | 1) => (model[c] === null ? 'NO_OPEN_SESSION' : counting[c] ? 'SESSION_STATE' : 'none');
          for (const o of ops) {
            const token = tokens[o.cashier];
            switch (o.t) {
              case 'open': {
                const r = h.call('cash.open', { registerId: registers[o.register] ?? '', openingAmount: o.amount }, token);
                if (r.ok) model[o.cashier] = o.amount;
                else expect(['REGISTER_HAS_OPEN_SESSION', 'USER_HAS_OPEN_SESSION']).toContain(r.error.code);
                break;
              }
              case 'sale': {
                const lines = o.items.map((i) => ({ productId: products[i.p]?.id ?? '', quantity: i.q }));
                const total = o.items.reduce((s, i) => s + (products[i.p]?.price ?? 0) * i.q, 0);
                const card = o.mix === 'card' ? total : o.mix === 'split' ? Math.floor(total / 30) * 10 : 0;
                const cash = total - card;
                const payments = [
                  ...(card > 0 ? [{ method: 'CREDIT_CARD' as const, amount: card }] : []),
                  ...(cash > 0 ? [{ method: 'CASH' as const, amount: cash, tendered: cash + o.extra }] : []),
                ];
                const r = h.call('sales.create', { lines, payments }, token);
                if (r.ok) {
                  expect(r.data.sale.change).toBe(cash > 0 ? o.extra : 0);
                  model[o.cashier] = (model[o.cashier] ?? NaN) + cash;
                } else expect(r.error.code).toBe(refusal(o.cashier));
                break;
              }
              case 'deposit': {
                const r = h.call('cash.deposit', { amount: o.amount, reason: 'CHANGE_FUND' }, token);
                if (r.ok) model[o.cashier] = (model[o.cashier] ?? NaN) + o.amount;
                else expect(r.error.code).toBe(refusal(o.cashier));
                break;
              }
              case 'withdraw': {
                const g = h.ok('auth.verifySupervisor', { pin: '3333', permission: 'cash:movements', username: 'sofia' }, token).grantId;
                const r = h.call('cash.withdraw', { amount: o.amount, reason: 'SAFE_DEPOSIT', grantId: g }, token);
                const before = model[o.cashier] ?? null;
                if (r.ok) model[o.cashier] = (before ?? NaN) - o.amount;
                else if (before !== null && !counting[o.cashier]) expect(r.error.code).toBe(o.amount > before ? 'INSUFFICIENT_CASH' : 'never');
                else expect(r.error.code).toBe(refusal(o.cashier));
                break;
              }
              case 'count': {
                const exp = model[o.cashier] ?? null;
                if (exp === null) break;
                h.ok('cash.count', { type: 'PARTIAL', denominations: bobCount(Math.max(0, exp + o.off)) }, token);
                break;
              }
              case 'close': {
                const exp = model[o.cashier] ?? null;
                if (exp === null) break;
                const counted = Math.max(0, exp + o.off);
                let r = h.call('cash.close', { count: { denominations: bobCount(counted) } }, token);
                if ((refusedCloses[o.cashier] ?? 0) >= CLOSE_REFUSALS_BEFORE_GRANT) {
                  // A supervisor stands by the count: it closes, its difference (if any) approved by her grant.
                  expect(r.ok || r.error.code).toBe('SUPERVISOR_REQUIRED');
                  const grantId = h.ok('auth.verifySupervisor', { pin: '3333', permission: 'cash:approve_difference', username: 'sofia' }, token).grantId;
                  r = h.call('cash.close', { count: { denominations: bobCount(counted) }, grantId }, token);
                  expect(r.ok).toBe(true);
                  if (r.ok) expect(r.data.summary).toMatchObject({ expectedAmount: exp, difference: counted - exp });
                  model[o.cashier] = null;
                  counting[o.cashier] = false;
                  refusedCloses[o.cashier] = 0;
                } else if (Math.abs(counted - exp) <= 1000) {
                  expect(r.ok).toBe(true);
                  if (r.ok) expect(r.data.summary).toMatchObject({ expectedAmount: exp, difference: counted - exp });
                  model[o.cashier] = null;
                  counting[o.cashier] = false;
                  refusedCloses[o.cashier] = 0;
                } else {
                  expect(r.ok || r.error.code).toBe('DIFFERENCE_NEEDS_APPROVAL');
                  counting[o.cashier] = true;
                  refusedCloses[o.cashier] = (refusedCloses[o.cashier] ?? 0) + 1;
                }
                break;
              }
            }
            const current = h.ok('cash.current', {}, token);
            if (current.session) {
              const check = checkSession(h.engine.store.db, current.session.id);
              expect(check.problems).toEqual([]);
              expect(check.expectedCash).toBe(model[o.cashier]);
            } else expect(model[o.cashier]).toBeNull();
          }
          for (const c of checkAllSessions(h.engine.store.db)) expect(c.problems).toEqual([]);
        } finally {
          h.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});
