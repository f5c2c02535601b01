// The register's SHA-256: FIPS 180-4 example digests, and the chain sealed with it keeps the pinned digests.
import { describe, expect, it } from 'vitest';
import { GENESIS, sealEntry } from '../src/sync/chain';
import { sha256Hex } from './sha256';

describe('sha256Hex (register)', () => {
  it('gives the FIPS 180-4 example digests', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('hashes text as UTF-8, a lone surrogate as U+FFFD', () => {
    expect(sha256Hex('é')).toBe(sha256Hex('\u00e9'));
    expect(sha256Hex('a\ud800b')).toBe(sha256Hex('a\ufffdb'));
  });

  it('seals the digest every stored ledger holds (src/sync/chain.test.ts pins the rest)', () => {
    const e = sealEntry(sha256Hex, '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', 1, GENESIS, '2026-11-22T14:00:00.000Z', {
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
    });
    expect(e.hash).toBe('8b0f3086b76db1362aa17d836d263a86bfce0d6b6738642d665b663918ff919e');
  });
});
