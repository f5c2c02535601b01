// The wire format: a well-formed sealed session verifies; every kind of forgery or malformation is refused with a reason.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { LedgerBody } from '../session/ledger';
import { zeroMethodTotals } from '../sale/methods';
import type { LedgerEntry, Sha256Hex } from './chain';
import { GENESIS, sealEntry } from './chain';
import type { SessionBundle } from './protocol';
import { ReceiptSchema, bundleProblemOf, canonicalBundle, verifyBundle } from './protocol';

const sha256Hex: Sha256Hex = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
const SID = 'session-1';
const AT = '2026-11-22T14:00:00.000Z';

function chain(bodies: readonly LedgerBody[], sessionId = SID): LedgerEntry[] {
  const out: LedgerEntry[] = [];
  let prev = GENESIS;
  bodies.forEach((b, i) => {
    const e = sealEntry(sha256Hex, sessionId, i + 1, prev, AT, b);
    out.push(e);
    prev = e.hash;
  });
  return out;
}

function bodies(): LedgerBody[] {
  const opened: LedgerBody = {
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
      notes: null,
    },
  };
  const sale: LedgerBody = {
    kind: 'SALE',
    payload: {
      id: 's1',
      saleNumber: 'SUC001-POS001-20261122-0001',
      userId: 'u1',
      total: 1500,
      change: 500,
      lines: [{ lineNo: 1, productId: 'p1', sku: 'SKU-001', name: 'Agua', quantity: 3, unitPrice: 500, total: 1500 }],
      payments: [{ id: 'pay1', method: 'CASH', amount: 1500, tendered: 2000, change: 500, reference: null }],
    },
  };
  const byMethod = { ...zeroMethodTotals(), CASH: 1500 };
  const closed: LedgerBody = {
    kind: 'SESSION_CLOSED',
    payload: {
      countId: 'c1',
      closingAmount: 11_500,
      expectedAmount: 11_500,
      difference: 0,
      differenceType: null,
      approvedBy: null,
      closedBy: 'u1',
      notes: null,
      salesCount: 1,
      salesTotal: 1500,
      byMethod,
      depositsTotal: 0,
      withdrawalsTotal: 0,
    },
  };
  return [opened, sale, closed];
}

function bundle(entries = chain(bodies())): SessionBundle {
  return {
    protocol: 1,
    branchCode: 'SUC001',
    registerCode: 'POS001',
    sessionId: SID,
    sessionNumber: 'T-POS001-20261122-001',
    businessDate: '2026-11-22',
    currency: 'BOB',
    status: 'CLOSED',
    entries: entries as SessionBundle['entries'],
  };
}

const reason = (input: unknown) => {
  const r = verifyBundle(sha256Hex, input);
  return r.ok ? 'OK' : bundleProblemOf(r.error);
};
const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

describe('verifyBundle', () => {
  it('accepts a sealed session and gives its head and canonical bytes', () => {
    const b = bundle();
    const r = verifyBundle(sha256Hex, json(b));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.head).toBe(b.entries[2]?.hash);
    expect(r.value.canonical).toBe(canonicalBundle(b));
  });

  it('refuses a changed amount, a removed entry, reordered entries, an unsealed ledger', () => {
    const b = json(bundle()) as { entries: { payload: { total: number } }[] };
    const sale = b.entries[1];
    if (sale) sale.payload.total = 1400;
    expect(reason(b)).toBe('BAD_HASH');
    const removed = bundle();
    expect(reason({ ...removed, entries: [removed.entries[0], removed.entries[2]] })).toBe('SEQUENCE_GAP');
    const swapped = bundle();
    expect(reason({ ...swapped, entries: [swapped.entries[0], swapped.entries[2], swapped.entries[1]] })).toBe('SEQUENCE_GAP');
    const open = bundle(chain(bodies().slice(0, 2)));
    expect(reason(open)).toBe('NOT_SEALED');
  });

  it('refuses a consistently re-hashed ledger whose declared totals lie', () => {
    const bs = bodies();
    const closed = bs[2];
    if (closed?.kind !== 'SESSION_CLOSED') throw new Error('fixture');
    bs[2] = { kind: 'SESSION_CLOSED', payload: { ...closed.payload, salesTotal: 1 } };
    expect(reason(bundle(chain(bs)))).toBe('TOTALS_MISMATCH');
  });

  it('refuses a header that disagrees with the ledger, a wrong status, a foreign session id', () => {
    expect(reason({ ...bundle(), registerCode: 'POS002' })).toBe('HEADER_MISMATCH');
    expect(reason({ ...bundle(), branchCode: 'SUC002' })).toBe('HEADER_MISMATCH');
    expect(reason({ ...bundle(), status: 'TRANSFERRED' })).toBe('STATUS_MISMATCH');
    expect(reason({ ...bundle(), sessionId: 'other' })).toBe('WRONG_SESSION');
  });

  it('refuses malformed input: unknown keys, floats, wrong payload shape, wrong protocol', () => {
    expect(reason(null)).toBe('MALFORMED');
    expect(reason({ ...bundle(), extra: 1 })).toBe('MALFORMED');
    expect(reason({ ...bundle(), protocol: 2 })).toBe('UNSUPPORTED_PROTOCOL');
    const b = json(bundle()) as { entries: { payload: Record<string, unknown> }[] };
    const sale = b.entries[1];
    if (sale) sale.payload['total'] = 15.5;
    expect(reason(b)).toBe('MALFORMED');
    const c = json(bundle()) as { entries: { payload: Record<string, unknown> }[] };
    const sale2 = c.entries[1];
    if (sale2) sale2.payload['extra'] = 'x';
    expect(reason(c)).toBe('MALFORMED');
  });

  it('receipt schema accepts a receipt', () => {
    expect(ReceiptSchema.parse({ sessionId: SID, hqSequence: 1, receivedAt: AT, chainHead: GENESIS, duplicate: false }).duplicate).toBe(false);
  });
});
