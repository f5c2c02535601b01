import { describe, expect, it } from 'vitest';
import { discountApproval, discountApprovalReason } from './discount-authority';

// 10 % and Bs 50.00.
const ceilings = { discountMaxBp: 1_000, discountMaxAmount: 5_000 };

describe('discountApprovalReason', () => {
  it('allows up to and including both ceilings, on a line and on the sale', () => {
    expect(discountApprovalReason([{ gross: 10_000, ownDiscount: 1_000 }], 0, ceilings)).toBeNull();
    expect(discountApprovalReason([{ gross: 10_000, ownDiscount: 0 }], 1_000, ceilings)).toBeNull();
    expect(discountApprovalReason([{ gross: 100_000, ownDiscount: 5_000 }], 0, ceilings)).toBeNull();
    expect(discountApprovalReason([{ gross: 10_000, ownDiscount: 0 }], 0, ceilings)).toBeNull();
  });
  it('one minor unit past the percentage or the amount needs a supervisor', () => {
    expect(discountApprovalReason([{ gross: 10_000, ownDiscount: 1_001 }], 0, ceilings)).toBe('DISCOUNT_LIMIT');
    expect(discountApprovalReason([{ gross: 10_000, ownDiscount: 0 }], 1_001, ceilings)).toBe('DISCOUNT_LIMIT');
    expect(discountApprovalReason([{ gross: 100_000, ownDiscount: 5_001 }], 0, ceilings)).toBe('DISCOUNT_LIMIT');
    // Each within the ceiling, together past it: the sale as a whole is judged too.
    expect(discountApprovalReason([{ gross: 10_000, ownDiscount: 1_000 }], 500, ceilings)).toBe('DISCOUNT_LIMIT');
  });
  it('a sale given away (total 0) always needs a supervisor, even under a 100 % ceiling', () => {
    const all = { discountMaxBp: 10_000, discountMaxAmount: Number.MAX_SAFE_INTEGER };
    expect(discountApprovalReason([{ gross: 500, ownDiscount: 500 }], 0, all)).toBe('NO_PAYMENT');
    expect(discountApprovalReason([{ gross: 500, ownDiscount: 0 }], 500, all)).toBe('NO_PAYMENT');
    expect(discountApprovalReason([{ gross: 500, ownDiscount: 499 }], 0, all)).toBeNull();
  });
  it('ceilings of 0 make every discount a supervisor’s', () => {
    expect(discountApprovalReason([{ gross: 500, ownDiscount: 1 }], 0, { discountMaxBp: 0, discountMaxAmount: 0 })).toBe('DISCOUNT_LIMIT');
  });
  it('compares in integers, even at the largest amounts', () => {
    const g = Number.MAX_SAFE_INTEGER;
    expect(discountApprovalReason([{ gross: g, ownDiscount: Math.floor(g / 10) }], 0, { discountMaxBp: 1_000, discountMaxAmount: g })).toBeNull();
    expect(discountApprovalReason([{ gross: g, ownDiscount: Math.floor(g / 10) + 1 }], 0, { discountMaxBp: 1_000, discountMaxAmount: g })).toBe('DISCOUNT_LIMIT');
  });
});

describe('discountApproval', () => {
  it('asks for a sales:discount grant with the ceilings, or takes the one given', () => {
    const over = [{ gross: 10_000, ownDiscount: 2_000 }];
    expect(discountApproval(over, 0, ceilings, false)).toEqual({
      ok: false,
      error: { code: 'SUPERVISOR_REQUIRED', details: { permission: 'sales:discount', reason: 'DISCOUNT_LIMIT', maxBp: 1_000, maxAmount: 5_000 } },
    });
    expect(discountApproval(over, 0, ceilings, true)).toEqual({ ok: true, value: true });
    expect(discountApproval([{ gross: 10_000, ownDiscount: 100 }], 0, ceilings, true)).toEqual({ ok: true, value: false });
  });
});
