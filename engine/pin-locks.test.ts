// Issue 9, items 2, 3, 4 and 9 on a real SQLite file: approvals name their approver, wrong PINs lock whoever made them,
// a new PIN ends every sign-in and approval, and PIN hashing leaves the engine free to sell.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PIN_CHECK_RATE } from '../src/auth/lockout';
import type { Permission } from '../src/auth/permissions';
import { schema } from '../db';
import type { Harness } from './testkit';
import { bobCount, harness } from './testkit';

let h: Harness;
let mono = 0;
let maria: string;
let juan: string;

const MIN = 60_000;
const approve = (token: string, username: string, pin: string, permission: Permission = 'cash:movements') => h.call('auth.verifySupervisor', { username, pin, permission }, token);
const signIn = (username: string, pin: string, token: string | null = null) => h.call('auth.login', { username, pin }, token);
const failures = () => h.engine.store.db.select().from(schema.pinFailures).all();

beforeEach(() => {
  mono = 0;
  h = harness({ monotonic: () => mono });
  maria = h.login('maria');
  juan = h.login('juan');
});
afterEach(() => h.close());

describe('item 2: an approval names its approver before the PIN', () => {
  it("a cashier given the supervisor's PIN never approves with it, as the supervisor or anyone", () => {
    const admin = h.login('admin');
    h.ok('users.create', { username: 'carla', name: 'Carla Cajera', role: 'CASHIER', pin: '3333' }, admin);
    const carla = h.login('carla', '3333');
    // The PIN alone names nobody.
    expect(h.call('auth.verifySupervisor', { pin: '3333', permission: 'cash:movements' } as never, carla)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    // Naming the supervisor with her own PIN: refused as her own, nothing counted, nothing revealed about sofia.
    expect(approve(carla, 'sofia', '3333')).toMatchObject({ ok: false, error: { code: 'OWN_PIN_NOT_APPROVAL' } });
    expect(failures()).toHaveLength(0);
    // Sofía approves for someone else with the same PIN: the grant names her.
    const grant = h.ok('auth.verifySupervisor', { username: 'sofia', pin: '3333', permission: 'cash:movements' }, maria);
    expect(grant.supervisor).toMatchObject({ username: 'sofia', name: 'Sofía Supervisora' });
  });

  it('a user without the permission gets her own answer, whatever PIN is typed, and nothing is counted', () => {
    for (const pin of ['5555', '0000']) {
      expect(approve(maria, 'juan', pin)).toMatchObject({ ok: false, error: { code: 'NOT_PERMITTED_TO_APPROVE', message: 'Ese usuario no puede autorizar esta operación' } });
    }
    expect(approve(maria, 'sofia', '0000')).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS', message: 'Usuario o PIN incorrecto' } });
    expect(failures()).toHaveLength(1);
  });
});

describe('item 2: the X/Z report names the approver of every approval', () => {
  it('withdrawal, void, resume and close difference, each with who approved it', () => {
    const grant = (permission: Permission, username: string, pin: string) => h.ok('auth.verifySupervisor', { username, pin, permission }, maria).grantId;
    h.ok('cash.open', { registerId: h.registerId('POS001'), count: { denominations: bobCount(10000) } }, maria);
    h.ok('cash.withdraw', { amount: 1000, reason: 'SAFE_DEPOSIT', grantId: grant('cash:movements', 'sofia', '3333') }, maria);
    h.advance(1000);
    const product = h.productIds()[0];
    if (!product) throw new Error('no product');
    const { sale } = h.ok('sales.create', { lines: [{ productId: product.id, quantity: 1 }], payments: [{ method: 'CASH', amount: product.price }] }, maria);
    h.advance(1000);
    h.ok('sales.void', { saleId: sale.id, reason: 'error', grantId: grant('sales:void', 'gerente', '2222') }, maria);
    h.advance(1000);
    h.ok('cash.suspend', {}, maria);
    h.ok('cash.resume', { grantId: grant('cash:resume', 'sofia', '3333') }, maria);
    h.advance(1000);
    const refused = h.call('cash.close', { count: { denominations: bobCount(5000) } }, maria);
    expect(refused).toMatchObject({ ok: false, error: { code: 'DIFFERENCE_NEEDS_APPROVAL' } });
    const closed = h.ok('cash.close', { count: { denominations: bobCount(5000) }, grantId: grant('cash:approve_difference', 'gerente', '2222') }, maria);
    expect(closed.report.approvals.map((a) => [a.kind, a.approverName, a.amount, a.reference])).toEqual([
      ['WITHDRAWAL', 'Sofía Supervisora', 1000, null],
      ['VOID', 'Gabriel Gerente', product.price, sale.saleNumber],
      ['RESUME', 'Sofía Supervisora', null, null],
      ['CLOSE_DIFFERENCE', 'Gabriel Gerente', 4000, null],
    ]);
  });
});

describe('item 3: wrong PINs lock whoever made them', () => {
  it("a cashier's five wrong PINs naming the manager lock the cashier, not the manager", () => {
    for (let i = 0; i < 4; i++) expect(approve(maria, 'gerente', '0000')).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS', details: { attemptsLeft: 4 - i } } });
    expect(approve(maria, 'gerente', '0000')).toMatchObject({ ok: false, error: { code: 'PIN_LOCKED', details: { scope: 'requester', retryInSeconds: 300 } } });
    expect(signIn('gerente', '2222').ok).toBe(true);
    // Five wrong PINs naming the manager delay her next approval by 5 s (APPROVER_DELAY), no more.
    expect(approve(juan, 'gerente', '2222')).toMatchObject({ ok: false, error: { code: 'PIN_LOCKED', details: { scope: 'approver', retryInSeconds: 5 } } });
    h.advance(5_000);
    expect(approve(juan, 'gerente', '2222').ok).toBe(true);
  });

  it('a locked requester is locked in every mode: naming another approver with the right PIN does not help', () => {
    for (let i = 0; i < 5; i++) approve(maria, 'gerente', '0000');
    expect(approve(maria, 'sofia', '3333')).toMatchObject({ ok: false, error: { code: 'PIN_LOCKED', details: { scope: 'requester' } } });
    // Nor does a sign-in sent from her session, naming anyone.
    expect(signIn('sofia', '3333', maria)).toMatchObject({ ok: false, error: { code: 'PIN_LOCKED', details: { scope: 'requester' } } });
    h.advance(5 * MIN);
    expect(approve(maria, 'sofia', '3333').ok).toBe(true);
  });

  it('spraying one wrong PIN per approver still locks the requester at five', () => {
    const admin = h.login('admin');
    h.ok('users.create', { username: 'sup2', name: 'Segunda Supervisora', role: 'SUPERVISOR', pin: '7777' }, admin);
    for (const who of ['sofia', 'gerente', 'admin', 'sup2']) expect(approve(maria, who, '9999')).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    expect(approve(maria, 'sofia', '9998')).toMatchObject({ ok: false, error: { code: 'PIN_LOCKED', details: { scope: 'requester' } } });
  });

  it("guesses at a supervisor's approval PIN delay her approvals (5 s doubling to a minute), never lock her out, and show on the manager's users list", () => {
    const admin = h.login('admin');
    const others = ['c1', 'c2', 'c3'].map((u) => {
      h.ok('users.create', { username: u, name: u, role: 'CASHIER', pin: '8888' }, admin);
      return h.login(u, '8888');
    });
    // Four wrong PINs naming her are free (a requester's fifth locks the requester); from the fifth, the next approval
    // naming her waits 5 s, then 10, 20, 40, 60.
    for (let i = 0; i < 4; i++) expect(approve(maria, 'sofia', '0000')).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    expect(approve(juan, 'sofia', '0000')).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    expect(approve(juan, 'sofia', '3333')).toMatchObject({ ok: false, error: { code: 'PIN_LOCKED', details: { scope: 'approver', retryInSeconds: 5 } } });
    h.advance(5_000);
    const waits: number[] = [];
    // Every other cashier sprays while the delay allows: each guess waits out the growing delay first.
    for (const token of others) {
      for (let i = 0; i < 3; i++) {
        const r = approve(token, 'sofia', '0000');
        expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
        const held = approve(token, 'sofia', '0000');
        const secs = !held.ok && held.error.code === 'PIN_LOCKED' ? Number(held.error.details?.['retryInSeconds']) : 0;
        waits.push(secs);
        h.advance(secs * 1000);
      }
    }
    expect(waits).toEqual([10, 20, 40, 60, 60, 60, 60, 60, 60]);
    // The most any guesser can hold her back is a minute after the last guess (waited out above); she signs in
    // meanwhile as always, and approves right after.
    expect(signIn('sofia', '3333').ok).toBe(true);
    expect(approve(juan, 'sofia', '3333').ok).toBe(true);

    // The manager sees it on the users list: how many, when, and who asked; a cashier's list carries no such notice.
    const listed = h.ok('users.list', {}, h.login('gerente')).users;
    expect(listed.find((u) => u.username === 'sofia')?.approvalPinFailures).toMatchObject({ count: 14, requesters: ['c1', 'c2', 'c3', 'juan', 'maria'] });
    expect(listed.find((u) => u.username === 'juan')?.approvalPinFailures).toBeNull();
    expect(h.ok('users.list', {}, maria).users.every((u) => u.approvalPinFailures === undefined)).toBe(true);
    // A day later the notice is gone (the rows are pruned by the next failure after that).
    h.advance(24 * 60 * MIN);
    expect(h.ok('users.list', {}, h.login('gerente')).users.find((u) => u.username === 'sofia')?.approvalPinFailures).toBeNull();
  });

  it('anonymous sign-in guesses: three make the next wait a minute; admin is never locked by five', () => {
    for (let i = 0; i < 2; i++) expect(signIn('admin', '0000')).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    expect(signIn('admin', '0000')).toMatchObject({ ok: false, error: { code: 'PIN_LOCKED', details: { scope: 'sign-in', retryInSeconds: 60 } } });
    // While throttled, no PIN is checked: the right one waits too, and nothing more is counted.
    expect(signIn('admin', '1111')).toMatchObject({ ok: false, error: { code: 'PIN_LOCKED' } });
    expect(failures()).toHaveLength(3);
    h.advance(MIN);
    expect(signIn('admin', '0000')).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    expect(signIn('admin', '1111').ok).toBe(true);
  });

  it("four wrong PINs per user sprayed over all users lock no one for long, and a target's sign-in does not clear them: the fifteenth locks", () => {
    const users = { admin: '1111', gerente: '2222', sofia: '3333', maria: '4444', juan: '5555' } as const;
    const sofia = h.login('sofia'); // her counter session, suspended while others guess
    let wrong = 0;
    let locked = false;
    for (let round = 0; round < 5 && !locked; round++) {
      for (const username of Object.keys(users)) {
        for (let i = 0; i < 4; i++) {
          const r = signIn(username, '0000');
          if (username === 'sofia' && !r.ok && r.error.code === 'INVALID_CREDENTIALS') wrong++;
          if (username === 'sofia' && !r.ok && r.error.code === 'PIN_LOCKED' && r.error.details?.['retryInSeconds'] === 900) locked = true;
        }
      }
      h.advance(MIN);
      // Each target signs in between rounds: her success does not forgive what others typed.
      if (!locked) for (const [username, pin] of Object.entries(users)) expect(signIn(username, pin).ok).toBe(true);
    }
    expect(locked).toBe(true);
    // Three checked per round (the third completes the minute's throttle), five rounds: the fifteenth locks.
    expect(wrong).toBe(10);
    expect(failures().filter((f) => f.targetId === h.userId('sofia'))).toHaveLength(15);
    expect(signIn('sofia', '3333')).toMatchObject({ ok: false, error: { code: 'PIN_LOCKED', details: { scope: 'sign-in' } } });
    // Locked out of a fresh sign-in, she still unlocks her own session: a sign-in carrying her token is hers.
    expect(signIn('sofia', '3333', sofia).ok).toBe(true);
    const row = h.engine.store.db.select().from(schema.users).all().find((u) => u.username === 'sofia');
    expect(row?.lockedUntil).not.toBeNull();
  });

  it("her own slips (signed in as herself) are forgiven by her own success; a PIN reset forgives everything", () => {
    const sofiaToken = h.login('sofia');
    for (let i = 0; i < 4; i++) expect(signIn('sofia', '0000', sofiaToken)).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    expect(signIn('sofia', '3333', sofiaToken).ok).toBe(true);
    for (let i = 0; i < 4; i++) expect(signIn('sofia', '0000', sofiaToken)).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    // Others' guesses (anonymous ones here) stay until the administrator resets her PIN.
    for (let i = 0; i < 2; i++) signIn('sofia', '0000');
    expect(failures().filter((f) => f.requesterId === null)).toHaveLength(2);
    h.ok('users.update', { id: h.userId('sofia'), pin: '3434' }, h.login('admin'));
    expect(failures().filter((f) => f.targetId === h.userId('sofia'))).toHaveLength(0);
  });

  it("the machine's rate limit bounds every PIN check, refuses without checking or counting, and refills", () => {
    h.close();
    mono = 0;
    h = harness({ monotonic: () => mono, pinRate: PIN_CHECK_RATE });
    for (let i = 0; i < PIN_CHECK_RATE.burst; i++) expect(signIn(`nadie${i}`, '0000')).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    expect(signIn('maria', '4444')).toMatchObject({ ok: false, error: { code: 'PIN_RATE_LIMITED', details: { retryInSeconds: 2 } } });
    expect(failures()).toHaveLength(PIN_CHECK_RATE.burst);
    mono += PIN_CHECK_RATE.refillMs;
    expect(signIn('maria', '4444').ok).toBe(true);
  });
});

describe('item 4: a new PIN, role or active flag ends every sign-in and approval', () => {
  it('after users.update {pin} the old token sells no more and says why; a grant she gave is spent', () => {
    const admin = h.login('admin');
    const sofia = h.login('sofia');
    h.ok('cash.open', { registerId: h.registerId('POS001'), count: { denominations: bobCount(10000) } }, maria);
    const given = h.ok('auth.verifySupervisor', { username: 'sofia', pin: '3333', permission: 'cash:movements' }, maria).grantId;
    h.ok('users.update', { id: h.userId('sofia'), pin: '3434' }, admin);
    expect(h.call('cash.current', {}, sofia)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', details: { reason: 'SESSION_ENDED' } } });
    expect(h.call('cash.withdraw', { amount: 100, reason: 'SAFE_DEPOSIT', grantId: given }, maria)).toMatchObject({ ok: false, error: { code: 'GRANT_INVALID' } });
    expect(signIn('sofia', '3333')).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    expect(signIn('sofia', '3434').ok).toBe(true);
  });

  it('the cashier whose PIN changed cannot sell with her old token', () => {
    h.ok('cash.open', { registerId: h.registerId('POS001'), count: { denominations: bobCount(10000) } }, maria);
    const product = h.productIds()[0];
    if (!product) throw new Error('no product');
    const sale = { lines: [{ productId: product.id, quantity: 1 }], payments: [{ method: 'CASH' as const, amount: product.price }] };
    expect(h.call('sales.create', sale, maria).ok).toBe(true);
    h.ok('users.update', { id: h.userId('maria'), pin: '4545' }, h.login('admin'));
    expect(h.call('sales.create', sale, maria)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('an unknown token stays plainly unauthenticated', () => {
    expect(h.call('cash.current', {}, 'forged')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(h.call('cash.current', {}, 'forged')).not.toMatchObject({ error: { details: { reason: 'SESSION_ENDED' } } });
  });
});

describe('item 9: PINs hash off the engine thread', () => {
  it('a sale completes while 60 sign-ins are pending: its reply comes before the last sign-in reply', async () => {
    const admin = h.login('admin');
    const names = Array.from({ length: 60 }, (_, i) => `cajero${i}`);
    for (const u of names) h.ok('users.create', { username: u, name: u, role: 'CASHIER', pin: '6060' }, admin);
    h.ok('cash.open', { registerId: h.registerId('POS001'), count: { denominations: bobCount(10000) } }, maria);
    const product = h.productIds()[0];
    if (!product) throw new Error('no product');
    const order: string[] = [];
    const signIns = names.map((u) =>
      h.engine.invoke('auth.login', { username: u, pin: '6060' }, null).then((r) => {
        order.push(r.ok ? 'login' : `refused:${r.error.code}`);
        return r;
      }),
    );
    const sale = h.engine.invoke('sales.create', { lines: [{ productId: product.id, quantity: 1 }], payments: [{ method: 'CASH', amount: product.price }] }, maria).then((r) => {
      order.push(r.ok ? 'sale' : `sale-refused:${r.error.code}`);
      return r;
    });
    const replies = await Promise.all(signIns);
    expect((await sale).ok).toBe(true);
    expect(replies.every((r) => r.ok)).toBe(true);
    expect(order).toHaveLength(61);
    expect(order.indexOf('sale')).toBeLessThan(order.lastIndexOf('login'));
  });

  it('the async path answers exactly as the sync one, for right, wrong and unknown names', async () => {
    const right = await h.engine.invoke('auth.login', { username: 'sofia', pin: '3333' }, null);
    expect(right.ok).toBe(true);
    const wrong = { ok: false, error: { code: 'INVALID_CREDENTIALS', message: 'Usuario o PIN incorrecto', details: { attemptsLeft: 14 } } };
    expect(await h.engine.invoke('auth.login', { username: 'sofia', pin: '0000' }, null)).toEqual(wrong);
    expect(signIn('sofia', '0000')).toEqual({ ...wrong, error: { ...wrong.error, details: { attemptsLeft: 13 } } });
    expect(await h.engine.invoke('auth.login', { username: 'nadie', pin: '0000' }, null)).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    const grant = await h.engine.invoke('auth.verifySupervisor', { username: 'sofia', pin: '3333', permission: 'cash:movements' }, maria);
    expect(grant).toMatchObject({ ok: true, data: { supervisor: { username: 'sofia' } } });
    const created = await h.engine.invoke('users.create', { username: 'nuevo', name: 'Nuevo', role: 'CASHIER', pin: '1212' }, h.login('admin'));
    expect(created.ok).toBe(true);
    expect(signIn('nuevo', '1212').ok).toBe(true);
  });

  it('two checks of the same person at once: the second waits its turn instead of slipping past the count', async () => {
    const [a, b] = await Promise.all([
      h.engine.invoke('auth.login', { username: 'sofia', pin: '0000' }, null),
      h.engine.invoke('auth.login', { username: 'sofia', pin: '0000' }, null),
    ]);
    expect([a, b].map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual(['INVALID_CREDENTIALS', 'PIN_RATE_LIMITED']);
  });
});
