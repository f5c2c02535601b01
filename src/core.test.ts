// Unit tests of the pure core: money, counts, sale settlement, numbering, permissions, grants (the hash chain and the
// canonical encoding are tested in src/sync).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { can, mayAssignRole, permissionsOf } from './auth/permissions';
import { checkGrant } from './auth/grants';
import { COMMANDS, ERRORS } from './contract';
import { CURRENCIES, CURRENCY_CODES, formatMinor, parseAmount, sumMinor } from './money';
import { settleSale } from './sale/sale';
import { countTotals, differenceType, exceedsTolerance } from './session/count';
import { localDate, saleNumber, sessionNumber } from './session/numbering';
import { allows } from './session/state';
import { canonicalJson } from './sync/canonical';

describe('money', () => {
  it('parses typed amounts as text, never through a float', () => {
    expect(parseAmount('150,50', 'BOB')).toEqual({ ok: true, value: 15050 });
    expect(parseAmount('1.234,5', 'BOB')).toEqual({ ok: true, value: 123450 });
    expect(parseAmount('0,1', 'BOB')).toEqual({ ok: true, value: 10 });
    expect(parseAmount('150.50', 'USD', '.')).toEqual({ ok: true, value: 15050 });
    expect(parseAmount('1,234.50', 'USD', '.')).toEqual({ ok: true, value: 123450 });
    expect(parseAmount('1500', 'CLP')).toEqual({ ok: true, value: 1500 });
    expect(parseAmount('1500,5', 'CLP')).toEqual({ ok: false, error: 'TOO_MANY_DECIMALS' });
    expect(parseAmount('1,234', 'BOB')).toEqual({ ok: false, error: 'TOO_MANY_DECIMALS' });
    expect(parseAmount('12,3,4', 'BOB')).toEqual({ ok: false, error: 'MALFORMED' });
    expect(parseAmount('-5', 'BOB')).toEqual({ ok: false, error: 'MALFORMED' });
    expect(parseAmount('', 'BOB')).toEqual({ ok: false, error: 'EMPTY' });
    expect(parseAmount('1.23.4', 'BOB')).toEqual({ ok: false, error: 'MALFORMED' });
    // 0.1 + 0.2 is the classic float trap: as text it is exact.
    expect(sumMinor([10, 20], 'BOB')).toBe(30);
  });

  it('round-trips every amount through format and parse', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), (n) => {
        const text = formatMinor(n, 'BOB').replace('Bs ', '');
        expect(parseAmount(text, 'BOB')).toEqual({ ok: true, value: n });
      }),
    );
  });

  it('has a denomination table for every currency, descending, bills and coins apart', () => {
    for (const code of CURRENCY_CODES) {
      const c = CURRENCIES[code];
      for (const list of [c.bills, c.coins]) expect([...list].sort((a, b) => b - a)).toEqual(list);
      expect(c.bills.filter((b) => c.coins.includes(b))).toEqual([]);
      expect([...c.bills, ...c.coins].every((v) => Number.isSafeInteger(v) && v > 0)).toBe(true);
    }
  });

  it('refuses floats in money arithmetic', () => {
    expect(() => sumMinor([0.1, 0.2], 'BOB')).toThrow();
    expect(() => canonicalJson({ amount: 10.5 })).toThrow();
  });
});

describe('counts', () => {
  it('sums bills and coins and keeps vouchers and checks out of the cash total', () => {
    const r = countTotals('BOB', { denominations: [{ value: 20000, quantity: 2 }, { value: 50, quantity: 3 }], vouchers: 500, checks: 700 });
    expect(r).toEqual({ ok: true, value: { totalBills: 40000, totalCoins: 150, totalCash: 40150, vouchers: 500, checks: 700, otherValues: 0, totalWithOthers: 41350 } });
    expect(countTotals('BOB', { denominations: [{ value: 25, quantity: 1 }] })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_DENOMINATION' } });
    expect(countTotals('USD', { denominations: [{ value: 25, quantity: 4 }] })).toMatchObject({ ok: true, value: { totalCoins: 100 } });
    expect(countTotals('BOB', { denominations: [{ value: 100, quantity: 1 }, { value: 100, quantity: 2 }] })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('classifies a difference exactly: zero is neither surplus nor shortage', () => {
    expect(differenceType(0)).toBeNull();
    expect(differenceType(1)).toBe('SURPLUS');
    expect(differenceType(-1)).toBe('SHORTAGE');
    expect(exceedsTolerance(1000, 1000)).toBe(false);
    expect(exceedsTolerance(-1001, 1000)).toBe(true);
  });
});

describe('sale settlement', () => {
  const lines = [{ productId: 'a', quantityMilli: 3000, unitPrice: 1050 }];

  it('gives change only out of cash, from the last cash tender', () => {
    const r = settleSale('BOB', lines, [{ method: 'DEBIT_CARD', amount: 1000 }, { method: 'CASH', amount: 2150, tendered: 5000 }]);
    expect(r).toMatchObject({ ok: true, value: { total: 3150, change: 2850 } });
    if (!r.ok) return;
    expect(r.value.payments.map((p) => [p.method, p.amount, p.change])).toEqual([['DEBIT_CARD', 1000, 0], ['CASH', 2150, 2850]]);
  });

  it('keeps the net payments equal to the total for any mix of tenders', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ quantity: fc.integer({ min: 1, max: 20 }), unitPrice: fc.integer({ min: 0, max: 100000 }) }), { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 0, max: 50000 }),
        fc.integer({ min: 0, max: 100 }),
        (ls, extraCash, cardPct) => {
          const priced = ls.map((l, i) => ({ productId: String(i), quantityMilli: l.quantity * 1000, unitPrice: l.unitPrice }));
          const total = ls.reduce((s, l) => s + l.quantity * l.unitPrice, 0);
          const card = Math.floor((total * cardPct) / 100);
          const cash = total - card;
          const payments = [
            ...(card > 0 ? [{ method: 'CREDIT_CARD' as const, amount: card }] : []),
            ...(cash > 0 || extraCash > 0 ? [{ method: 'CASH' as const, amount: cash + extraCash }] : []),
          ];
          const r = settleSale('BOB', priced, payments);
          if (cash === 0 && extraCash > 0) return; // a cash tender that would only be change is refused
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          expect(r.value.total).toBe(total);
          expect(r.value.payments.reduce((s, p) => s + p.amount, 0)).toBe(total);
          expect(r.value.change).toBe(extraCash);
        },
      ),
    );
  });

  it('refuses what the contract refuses', () => {
    expect(settleSale('BOB', lines, [{ method: 'CASH', amount: 3149 }])).toMatchObject({ ok: false, error: { code: 'PAYMENT_INSUFFICIENT' } });
    expect(settleSale('BOB', lines, [{ method: 'QR', amount: 4000 }])).toMatchObject({ ok: false, error: { code: 'NON_CASH_OVERPAYMENT' } });
    expect(settleSale('BOB', lines, [{ method: 'QR', amount: 3150 }, { method: 'CASH', amount: 100 }])).toMatchObject({ ok: false, error: { code: 'PAYMENT_EXCEEDS_TOTAL' } });
    expect(settleSale('BOB', lines, [{ method: 'QR', amount: 3150, tendered: 4000 }])).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });
});

describe('numbering', () => {
  it('uses the store local date across the UTC midnight', () => {
    expect(localDate(new Date('2026-11-23T03:59:59Z'), 'America/La_Paz')).toBe('2026-11-22');
    expect(localDate(new Date('2026-11-23T04:00:00Z'), 'America/La_Paz')).toBe('2026-11-23');
    expect(localDate(new Date('2026-11-22T23:30:00Z'), 'Asia/Tokyo')).toBe('2026-11-23');
    expect(sessionNumber('POS001', '2026-11-22', 7)).toBe('T-POS001-20261122-007');
    expect(saleNumber('SUC001', 'POS001', '2026-11-22', 42)).toBe('SUC001-POS001-20261122-0042');
  });
});

describe('state machine', () => {
  it('allows exactly the documented actions', () => {
    expect(allows('OPEN', 'sell').ok).toBe(true);
    expect(allows('SUSPENDED', 'sell').ok).toBe(false);
    expect(allows('COUNTING', 'move').ok).toBe(false);
    expect(allows('COUNTING', 'count').ok).toBe(true);
    expect(allows('COUNTING', 'transfer').ok).toBe(false);
    expect(allows('SUSPENDED', 'transfer').ok).toBe(true);
    expect(allows('CLOSED', 'close').ok).toBe(false);
    expect(allows('TRANSFERRED', 'count').ok).toBe(false);
  });
});

describe('permissions and grants', () => {
  it('is a strict ladder', () => {
    expect(can('CASHIER', 'cash:withdraw')).toBe(true);
    expect(can('CASHIER', 'cash:movements')).toBe(false);
    expect(can('SUPERVISOR', 'cash:movements')).toBe(true);
    expect(can('MANAGER', 'registers:manage')).toBe(false);
    expect(can('MANAGER', 'agents:manage')).toBe(true);
    expect(can('ADMIN', 'agents:manage')).toBe(true);
    expect(can('SUPERVISOR', 'agents:manage')).toBe(false);
    expect(permissionsOf('ADMIN').length).toBeGreaterThan(permissionsOf('MANAGER').length);
    expect(mayAssignRole('MANAGER', 'ADMIN')).toBe(false);
  });

  it('a grant is single use, bound to its permission, requester and expiry, never self-approving', () => {
    const now = new Date('2026-11-22T12:00:00Z');
    const g = { id: 'g', permission: 'cash:movements' as const, grantorId: 'sup', requestedBy: 'cas', expiresAt: '2026-11-22T12:02:00Z', consumedAt: null };
    expect(checkGrant(g, 'cash:movements', 'cas', now).ok).toBe(true);
    expect(checkGrant({ ...g, consumedAt: 'x' }, 'cash:movements', 'cas', now)).toMatchObject({ ok: false, error: { code: 'GRANT_INVALID' } });
    expect(checkGrant(g, 'cash:approve_difference', 'cas', now)).toMatchObject({ ok: false });
    expect(checkGrant(g, 'cash:movements', 'other', now)).toMatchObject({ ok: false });
    expect(checkGrant(g, 'cash:movements', 'cas', new Date('2026-11-22T12:02:00Z'))).toMatchObject({ ok: false });
    expect(checkGrant({ ...g, requestedBy: 'sup' }, 'cash:movements', 'sup', now)).toMatchObject({ ok: false, error: { code: 'SELF_APPROVAL' } });
  });
});

describe('contract', () => {
  it('every command has a summary and every error a Spanish message and a status', () => {
    for (const [name, def] of Object.entries(COMMANDS)) expect(def.summary.length, name).toBeGreaterThan(5);
    for (const [code, e] of Object.entries(ERRORS)) {
      expect(code).toMatch(/^[A-Z_]+$/);
      expect(e.es.length).toBeGreaterThan(3);
    }
  });
});
