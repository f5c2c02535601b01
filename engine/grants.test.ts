// Supervisor grants expire by elapsed time, not by the PC's clock, and can only be asked for what a command consumes.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GRANT_TTL_MS } from '../src/auth/grants';
import { GRANTABLE_PERMISSIONS, PERMISSIONS, isGrantable } from '../src/auth/permissions';
import { schema } from '../db';
import type { Engine } from './engine';
import { openEngine } from './index';
import { TEST_PIN_COST, bobCount } from './testkit';

let dir: string;
let engine: Engine;
let wall: number;
let mono: number;
let maria: string;

const call = (name: string, input: unknown, token: string | null = maria) => engine.dispatch(name, input, token);
const data = <T>(r: ReturnType<Engine['dispatch']>): T => {
  if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
  return r.data as T;
};
/** Both clocks move forward together, as they do when nobody touches the PC's clock. */
const pass = (ms: number) => {
  wall += ms;
  mono += ms;
};

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'arqueo-grants-'));
  wall = Date.parse('2026-11-22T14:00:00.000Z');
  mono = 1_000;
  engine = openEngine(dir, { demo: true, clock: () => new Date(wall), monotonic: () => mono, pinCost: TEST_PIN_COST }).engine;
  maria = data<{ token: string }>(call('auth.login', { username: 'maria', pin: '4444' }, null)).token;
  const { registers } = data<{ registers: { id: string; code: string }[] }>(call('registers.list', {}));
  call('cash.open', { registerId: registers.find((r) => r.code === 'POS001')?.id, count: { denominations: bobCount(20000) } });
});
afterEach(() => {
  engine.close();
  rmSync(dir, { recursive: true, force: true });
});

const grant = () => data<{ grantId: string }>(call('auth.verifySupervisor', { pin: '3333', permission: 'cash:movements', username: 'sofia' })).grantId;
const withdraw = (grantId: string) => call('cash.withdraw', { amount: 1000, reason: 'SAFE_DEPOSIT', grantId });

describe('grant expiry', () => {
  it('an expired grant stays expired when the clock is set back', () => {
    const g = grant();
    pass(GRANT_TTL_MS + 60_000);
    expect(withdraw(g)).toMatchObject({ ok: false, error: { code: 'GRANT_INVALID', details: { reason: 'expired' } } });
    wall -= GRANT_TTL_MS; // someone sets the PC's clock back to a minute after the grant was issued
    expect(withdraw(g)).toMatchObject({ ok: false, error: { code: 'GRANT_INVALID', details: { reason: 'expired' } } });
  });

  it('a grant is refused once its time has elapsed even if the wall clock never moved', () => {
    const g = grant();
    mono += GRANT_TTL_MS;
    expect(withdraw(g)).toMatchObject({ ok: false, error: { code: 'GRANT_INVALID', details: { reason: 'expired' } } });
  });

  it('a grant issued before the clock was set back is refused (its issue time is in the future)', () => {
    const g = grant();
    wall -= 60 * 60_000;
    expect(withdraw(g)).toMatchObject({ ok: false, error: { code: 'GRANT_INVALID', details: { reason: 'expired' } } });
  });

  it('a fresh grant approves within its time', () => {
    const g = grant();
    pass(GRANT_TTL_MS - 1);
    expect(withdraw(g).ok).toBe(true);
  });

  it('a grant row this engine did not issue (written before a restart, or by hand) is refused', () => {
    const users = engine.store.db.select().from(schema.users).all();
    const id = (u: string) => users.find((x) => x.username === u)?.id ?? '';
    const g = '0190a0a0-0000-7000-8000-000000000001';
    const at = new Date(wall).toISOString();
    engine.store.db.insert(schema.grants).values({ id: g, permission: 'cash:movements', grantorId: id('sofia'), requestedBy: id('maria'), createdAt: at, expiresAt: new Date(wall + GRANT_TTL_MS).toISOString() }).run();
    expect(withdraw(g)).toMatchObject({ ok: false, error: { code: 'GRANT_INVALID', details: { reason: 'expired' } } });
  });
});

describe('grantable permissions', () => {
  it('verifySupervisor refuses a permission no command consumes, before any PIN is checked, writing nothing', () => {
    for (const permission of PERMISSIONS.filter((p) => !isGrantable(p))) {
      const before = engine.store.db.select().from(schema.grants).all().length;
      const r = call('auth.verifySupervisor', { pin: '0000', permission, username: 'sofia' });
      expect([permission, r.ok ? 'ok' : r.error.code]).toEqual([permission, 'NOT_GRANTABLE']);
      expect(engine.store.db.select().from(schema.grants).all().length).toBe(before);
    }
    // Wrong PINs above were never checked: sofia is not locked and her PIN still grants.
    expect(grant()).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('the grantable list is exactly what the handlers consume', () => {
    const handlers = path.join(import.meta.dirname, 'handlers');
    const consumed = new Set<string>();
    for (const f of readdirSync(handlers).filter((n) => n.endsWith('.ts'))) {
      for (const m of readFileSync(path.join(handlers, f), 'utf8').matchAll(/checkGrantId\([^)]*?'([a-z_]+:[a-z_]+)'/g)) consumed.add(m[1] ?? '');
    }
    expect([...consumed].sort()).toEqual([...GRANTABLE_PERMISSIONS].sort());
  });
});
