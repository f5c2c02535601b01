// The hash chain: pinned vectors (the digests every stored ledger holds), the hash's definition, verification.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LedgerBody } from '../session/ledger';
import { expectedCash, foldLedger } from '../session/ledger';
import type { Canonical } from './canonical';
import { canonicalJson } from './canonical';
import type { LedgerEntry, Sha256Hex } from './chain';
import { entryHash, GENESIS, sealEntry, verifyChain } from './chain';

// What the register (db/sha256.ts) and HQ (hq/sha256.ts) inject; the core itself may not import node:crypto.
const sha256Hex: Sha256Hex = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

function build(bodies: readonly LedgerBody[], sessionId = 'S', at = (i: number) => `2026-11-22T12:00:0${i}Z`): LedgerEntry[] {
  const out: LedgerEntry[] = [];
  let prev = GENESIS;
  bodies.forEach((b, i) => {
    const e = sealEntry(sha256Hex, sessionId, i + 1, prev, at(i), b);
    out.push(e);
    prev = e.hash;
  });
  return out;
}

describe('pinned vectors', () => {
  // Digests written by the former hand-written SHA-256 (src/sync/sha256.ts, removed), before the hash became
  // node:crypto's. Equal here means every ledger already stored, at the register and at HQ, still verifies.
  // Non-ASCII (ñ, é, €, an emoji), escapes (quote, backslash, tab, U+0001) and a thousandths quantity on purpose.
  const bodies: LedgerBody[] = [
    {
      kind: 'SESSION_OPENED',
      payload: {
        sessionNumber: 'T-POS001-20261122-001',
        registerId: 'r1',
        registerCode: 'POS001',
        branchId: 'b1',
        branchCode: 'SUC001',
        userId: 'u1',
        businessDate: '2026-11-22',
        currency: 'BOB',
        openingAmount: 10_000,
        previousSessionId: null,
        notes: 'Apertura: señor Peña, caja €/😀',
      },
    },
    {
      kind: 'SALE',
      payload: {
        id: 's1',
        saleNumber: 'SUC001-POS001-20261122-0001',
        userId: 'u1',
        total: 1250,
        change: 750,
        lines: [{ lineNo: 1, productId: 'p1', sku: 'CAFÉ-1', name: 'Café "de altura" 1kg\\n', quantity: 1250, unitPrice: 1000, total: 1250, unit: 'KG' }],
        payments: [{ id: 'pay1', method: 'CASH', amount: 1250, tendered: 2000, change: 750, reference: null }],
      },
    },
    {
      kind: 'MOVEMENT',
      payload: { id: 'm1', direction: 'OUT', type: 'WITHDRAWAL', amount: 200, reason: 'EXPENSE', description: 'línea\ttab\u0001ctl', reference: null, destinationType: null, createdBy: 'u1', authorizedBy: 's1' },
    },
  ];

  it('seals the same digests as every ledger already written', () => {
    const chain = build(bodies, '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', (i) => `2026-11-22T14:00:0${i}.000Z`);
    expect(chain.map((e) => e.hash)).toEqual([
      '8b0f3086b76db1362aa17d836d263a86bfce0d6b6738642d665b663918ff919e',
      '76ead40ab0e4b649fb80fe95d93fb7746ad0500597c477c5334f502cf5319da5',
      'ff86256a80901d132261667def12da0a83d6a052a98e6fafc1750aede1b9fac6',
    ]);
    expect(verifyChain(sha256Hex, '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', chain, false)).toEqual({ ok: true, value: { head: chain[2]?.hash } });
  });

  it('hashes with whatever function it is given, and only with it', () => {
    const chain = build(bodies.slice(0, 1));
    const other: Sha256Hex = (text) => sha256Hex(`x${text}`);
    expect(sealEntry(other, 'S', 1, GENESIS, '2026-11-22T12:00:00Z', bodies[0] as LedgerBody).hash).not.toBe(chain[0]?.hash);
    expect(verifyChain(other, 'S', chain, false)).toMatchObject({ ok: false, error: { details: { problem: 'BAD_HASH', seq: 1 } } });
  });
});

describe('hash chain', () => {
  const bodies: LedgerBody[] = [
    { kind: 'SESSION_OPENED', payload: { sessionNumber: 'T', registerId: 'r', registerCode: 'P', branchId: 'b', branchCode: 'B', userId: 'u', businessDate: '2026-11-22', currency: 'BOB', openingAmount: 1000, previousSessionId: null, notes: null } },
    { kind: 'SALE', payload: { id: 's1', saleNumber: 'S1', userId: 'u', total: 500, change: 0, lines: [], payments: [{ id: 'p', method: 'CASH', amount: 500, tendered: 500, change: 0, reference: null }] } },
    { kind: 'MOVEMENT', payload: { id: 'm', direction: 'OUT', type: 'WITHDRAWAL', amount: 200, reason: 'EXPENSE', description: null, reference: null, destinationType: null, createdBy: 'u', authorizedBy: 's' } },
  ];

  it('hashes the canonical JSON of the whole entry, whether or not the payload comes pre-serialized', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 12 });
    fc.assert(
      fc.property(text, fc.nat(10 ** 6), text, text, fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' ? (Number.isSafeInteger(Math.trunc(x)) ? Math.trunc(x) : 7) : x))) as unknown), (sessionId, seq, at, prevHash, payload) => {
        const e = { sessionId, seq, kind: 'SALE' as const, at, prevHash, payload };
        const whole = sha256Hex(canonicalJson({ v: 1, sessionId, seq, kind: 'SALE', at, prevHash, payload: payload as Canonical }));
        expect(entryHash(sha256Hex, e)).toBe(whole);
        expect(entryHash(sha256Hex, e, canonicalJson(payload as Canonical))).toBe(whole);
      }),
      { numRuns: 300 },
    );
  });

  it('verifies an intact sealed chain and its totals', () => {
    const totals = foldLedger(bodies);
    expect(expectedCash(totals)).toBe(1300);
    const seal: LedgerBody = {
      kind: 'SESSION_CLOSED',
      payload: { countId: 'c', closingAmount: 1300, expectedAmount: 1300, difference: 0, differenceType: null, approvedBy: null, closedBy: 'u', notes: null, salesCount: 1, salesTotal: 500, byMethod: totals.byMethod, depositsTotal: 0, withdrawalsTotal: 200 },
    };
    expect(verifyChain(sha256Hex, 'S', build([...bodies, seal]), true).ok).toBe(true);
    const lying: LedgerBody = { ...seal, payload: { ...seal.payload, expectedAmount: 1400, difference: -100 } } as LedgerBody;
    expect(verifyChain(sha256Hex, 'S', build([...bodies, lying]), true)).toMatchObject({ ok: false, error: { details: { problem: 'TOTALS_MISMATCH' } } });
    expect(verifyChain(sha256Hex, 'S', build(bodies), true)).toMatchObject({ ok: false, error: { details: { problem: 'NOT_SEALED' } } });
  });

  it('detects a changed amount, a removed entry and a reordering', () => {
    const chain = build(bodies);
    const changed = chain.map((e, i) => (i === 1 ? { ...e, payload: { ...(e.payload as object), total: 5000 } } : e));
    expect(verifyChain(sha256Hex, 'S', changed, false)).toMatchObject({ ok: false, error: { details: { problem: 'BAD_HASH', seq: 2 } } });
    expect(verifyChain(sha256Hex, 'S', [chain[0], chain[2]].filter((e): e is LedgerEntry => !!e), false)).toMatchObject({ ok: false, error: { details: { problem: 'SEQUENCE_GAP' } } });
    const renumbered = [chain[0], { ...chain[2], seq: 2 }].filter((e): e is LedgerEntry => !!e);
    expect(verifyChain(sha256Hex, 'S', renumbered as LedgerEntry[], false)).toMatchObject({ ok: false, error: { details: { problem: 'BROKEN_LINK' } } });
  });
});
