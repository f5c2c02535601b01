// Users and registers administration on a real SQLite file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Harness } from './testkit';
import { harness } from './testkit';

let h: Harness;
let admin: string;
let gerente: string;
beforeEach(() => {
  h = harness();
  admin = h.login('admin');
  gerente = h.login('gerente');
});
afterEach(() => h.close());

describe('registers', () => {
  it('creates with defaults, refuses a duplicate code, updates, and soft-removes only a free register', () => {
    const r = h.ok('registers.create', { code: 'POS004', name: 'Caja 4', specialty: 'SALES_ONLY' }, admin).register;
    expect(r).toMatchObject({ currency: 'BOB', blindClose: true, differenceTolerance: 0, active: true });
    expect(h.call('registers.create', { code: 'POS004', name: 'Otra', specialty: 'MIXED' }, admin)).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { field: 'code' } } });
    expect(h.ok('registers.update', { id: r.id, differenceTolerance: 500, blindClose: false }, admin).register).toMatchObject({ differenceTolerance: 500, blindClose: false });
    const maria = h.login('maria');
    h.ok('cash.open', { registerId: r.id, openingAmount: 0 }, maria);
    expect(h.call('registers.remove', { id: r.id }, admin)).toMatchObject({ ok: false, error: { code: 'REGISTER_HAS_OPEN_SESSION' } });
    h.ok('cash.close', { count: { denominations: [] } }, maria);
    expect(h.ok('registers.remove', { id: r.id }, admin).register.active).toBe(false);
    expect(h.ok('registers.list', {}, maria).registers.map((x) => x.code)).not.toContain('POS004');
    expect(h.ok('registers.list', { includeInactive: true }, admin).registers.map((x) => x.code)).toContain('POS004');
    expect(h.call('cash.open', { registerId: r.id, openingAmount: 0 }, maria)).toMatchObject({ ok: false, error: { code: 'REGISTER_INACTIVE' } });
  });
});

describe('users', () => {
  it('deactivating a user or changing their role ends their sign-ins; a new PIN clears a lock-out', () => {
    const juan = h.login('juan');
    const juanId = h.userId('juan');
    h.ok('users.update', { id: juanId, role: 'SUPERVISOR' }, gerente);
    expect(h.call('auth.me', {}, juan)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(h.ok('auth.me', {}, h.login('juan')).user.permissions).toContain('cash:movements');
    h.ok('users.update', { id: juanId, active: false }, gerente);
    expect(h.call('auth.login', { username: 'juan', pin: '5555' })).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    h.ok('users.update', { id: juanId, active: true }, gerente);
    for (let i = 0; i < 5; i++) h.call('auth.login', { username: 'juan', pin: '0000' });
    expect(h.call('auth.login', { username: 'juan', pin: '5555' })).toMatchObject({ ok: false, error: { code: 'PIN_LOCKED' } });
    h.ok('users.update', { id: juanId, pin: '7777' }, gerente);
    expect(h.call('auth.login', { username: 'juan', pin: '7777' }).ok).toBe(true);
  });

  it('a manager cannot edit an admin, and usernames are unique', () => {
    expect(h.call('users.update', { id: h.userId('admin'), pin: '0000' }, gerente)).toMatchObject({ ok: false, error: { code: 'ROLE_TOO_HIGH' } });
    expect(h.call('users.create', { username: 'maria', name: 'Otra', role: 'CASHIER', pin: '1234' }, gerente)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(h.ok('users.list', {}, gerente).users.every((u) => !('pinHash' in u))).toBe(true);
  });
});
