import { describe, expect, it } from 'vitest';
import { uuidv7 } from './ids';

describe('uuidv7', () => {
  it('is a version 7, variant 1 UUID', () => {
    expect(uuidv7()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('sorts in creation order, also within one millisecond and when the clock steps back', () => {
    const ids = [uuidv7(1_000), uuidv7(1_000), uuidv7(1_000), uuidv7(999), uuidv7(1_001), uuidv7(5_000)];
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    const many = Array.from({ length: 5000 }, () => uuidv7());
    expect([...many].sort()).toEqual(many);
    // 5000 ids draw from the random pool 20 times over: no batch is ever handed out twice.
    expect(new Set(many).size).toBe(many.length);
    expect(new Set(many.map((id) => id.slice(19))).size).toBe(many.length);
  });
});
