import { describe, expect, it } from 'vitest';
import { harness } from './testkit';
import { uuidv7Generator, uuidv7Time } from './ids';

describe('uuidv7', () => {
  it('is a version 7, variant 1 UUID', () => {
    expect(uuidv7Generator()(Date.now())).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('carries the time it is given', () => {
    const at = Date.parse('2026-11-22T14:00:00.123Z');
    expect(uuidv7Time(uuidv7Generator()(at))).toBe(at);
    // A generator's state is its own: another one's later ids do not move this one's timestamps.
    const later = uuidv7Generator();
    later(at + 60_000);
    expect(uuidv7Time(uuidv7Generator()(at))).toBe(at);
  });

  it('sorts in creation order, also within one millisecond and when the clock steps back', () => {
    const next = uuidv7Generator();
    const ids = [next(1_000), next(1_000), next(1_000), next(999), next(1_001), next(5_000)];
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.map(uuidv7Time)).toEqual([1_000, 1_000, 1_000, 1_000, 1_001, 5_000]);
    const many = Array.from({ length: 5000 }, () => next(Date.now()));
    expect([...many].sort()).toEqual(many);
    // 5000 ids draw from the random pool 20 times over: no batch is ever handed out twice.
    expect(new Set(many).size).toBe(many.length);
    expect(new Set(many.map((id) => id.slice(19))).size).toBe(many.length);
  });

  it('keeps order past 4096 ids in one millisecond by moving into the next', () => {
    const next = uuidv7Generator();
    const ids = Array.from({ length: 10_000 }, () => next(7_000));
    expect([...ids].sort()).toEqual(ids);
    expect(uuidv7Time(ids[0] ?? '')).toBe(7_000);
    expect(uuidv7Time(ids[ids.length - 1] ?? '')).toBeGreaterThan(7_000);
  });
});

describe('engine ids', () => {
  it('take their time from the engine clock, not the machine clock', () => {
    const at = '2019-03-04T05:06:07.089Z';
    const h = harness({ start: at });
    try {
      const token = h.login('maria');
      const session = h.ok('cash.open', { registerId: h.registerId('POS001'), openingAmount: 10_000 }, token).session;
      expect(uuidv7Time(session.id)).toBe(Date.parse(at));
      h.advance(1_500);
      const p = h.productIds()[0];
      if (!p) throw new Error('no products');
      const sale = h.ok('sales.create', { lines: [{ productId: p.id, quantity: 1 }], payments: [{ method: 'CASH', amount: p.price }] }, token);
      expect(uuidv7Time(sale.sale.id)).toBe(Date.parse(at) + 1_500);
    } finally {
      h.close();
    }
  });
});
