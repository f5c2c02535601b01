import { describe, expect, it } from 'vitest';
import { allowsUse, handoverTarget, openingCheck, openingFloat } from './register-rules';

describe('allowsUse (register specialty)', () => {
  it('sales and refunds on SALES_ONLY and MIXED, agent operations on AGENTS_ONLY and MIXED', () => {
    expect(allowsUse('SALES_ONLY', 'sales').ok).toBe(true);
    expect(allowsUse('MIXED', 'sales').ok).toBe(true);
    expect(allowsUse('AGENTS_ONLY', 'agents').ok).toBe(true);
    expect(allowsUse('MIXED', 'agents').ok).toBe(true);
    expect(allowsUse('AGENTS_ONLY', 'sales')).toEqual({ ok: false, error: { code: 'REGISTER_SPECIALTY_MISMATCH', details: { specialty: 'AGENTS_ONLY' } } });
    expect(allowsUse('SALES_ONLY', 'agents')).toEqual({ ok: false, error: { code: 'REGISTER_SPECIALTY_MISMATCH', details: { specialty: 'SALES_ONLY' } } });
  });
});

describe('openingFloat', () => {
  it('is the counted cash with a count, the stated amount (default zero) without one', () => {
    expect(openingFloat(undefined, null)).toEqual({ ok: true, value: 0 });
    expect(openingFloat(5_000, null)).toEqual({ ok: true, value: 5_000 });
    expect(openingFloat(undefined, 7_000)).toEqual({ ok: true, value: 7_000 });
    expect(openingFloat(7_000, 7_000)).toEqual({ ok: true, value: 7_000 });
  });

  it('refuses a stated amount that differs from the count', () => {
    expect(openingFloat(7_001, 7_000)).toEqual({ ok: false, error: { code: 'OPENING_AMOUNT_MISMATCH', details: { openingAmount: 7_001, counted: 7_000 } } });
  });
});

describe('openingCheck', () => {
  it('flags a float that differs from the previous closing count, and nothing without a previous session', () => {
    expect(openingCheck(10_000, null)).toBeNull();
    expect(openingCheck(10_000, 10_000)).toEqual({ priorClosingAmount: 10_000, difference: 0, mismatch: false });
    expect(openingCheck(9_000, 10_000)).toEqual({ priorClosingAmount: 10_000, difference: -1_000, mismatch: true });
  });
});

describe('handoverTarget', () => {
  const juan = { id: 'u2', active: true, role: 'CASHIER' as const };
  it('hands over to another active user who may open a drawer', () => {
    expect(handoverTarget(juan, 'u1', 'u2')).toEqual({ ok: true, value: juan });
  });

  it('refuses an unknown, inactive or same user', () => {
    const refused = { ok: false, error: { code: 'TRANSFER_TARGET_INVALID', details: { toUserId: 'u2' } } };
    expect(handoverTarget(undefined, 'u1', 'u2')).toEqual(refused);
    expect(handoverTarget({ ...juan, active: false }, 'u1', 'u2')).toEqual(refused);
    expect(handoverTarget(juan, 'u2', 'u2')).toEqual(refused);
  });
});
