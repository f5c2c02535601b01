import { describe, expect, it } from 'vitest';
import { SCANNER_GAP_MS, createScanner, isScannerBurst, nameQuery, readEntry, recordKey } from './scanner';

describe('scanner key buffering', () => {
  it('keeps the last 21 key times', () => {
    let times: number[] = [];
    for (let i = 0; i < 30; i++) times = recordKey(times, i);
    expect(times).toHaveLength(21);
    expect(times[0]).toBe(9);
    expect(times.at(-1)).toBe(29);
  });

  it('calls four keys each within the gap a scan, and a hand typing (or fewer keys) not', () => {
    expect(isScannerBurst([0, 10, 20, 30])).toBe(true);
    expect(isScannerBurst([10, 20, 30])).toBe(false);
    expect(isScannerBurst([0, 10, 20 + SCANNER_GAP_MS, 30 + SCANNER_GAP_MS])).toBe(false);
    // Only the last four count: a slow start does not hide a scan that follows.
    expect(isScannerBurst([0, 500, 1000, 1010, 1020, 1030])).toBe(true);
    expect(isScannerBurst([0, 10, 20, 20 + SCANNER_GAP_MS])).toBe(false);
  });

  it('createScanner times printable keys only, and reset forgets them', () => {
    let now = 0;
    const s = createScanner(() => now);
    for (const k of ['7', '7', '7', '1']) {
      s.key(k);
      now += 5;
    }
    expect(s.isScanner()).toBe(true);
    s.reset();
    expect(s.isScanner()).toBe(false);
    for (const k of ['a', 'Shift', 'ArrowDown', 'b', 'c']) {
      s.key(k);
      now += 5;
    }
    expect(s.isScanner()).toBe(false); // three printable keys
    s.key('d');
    expect(s.isScanner()).toBe(true);
    now += 200;
    s.key('e');
    expect(s.isScanner()).toBe(false);
  });

  it('resolves enqueued scans in the order they were read, even when a later one is faster or an earlier one fails', async () => {
    const s = createScanner(() => 0);
    const done: string[] = [];
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
    void s.enqueue(async () => {
      await wait(20);
      done.push('first');
    });
    void s.enqueue(async () => {
      await wait(1);
      throw new Error('lookup broke');
    }).catch(() => undefined);
    await s.enqueue(async () => {
      done.push('third');
    });
    expect(done).toEqual(['first', 'third']);
  });
});

describe('what Enter reads', () => {
  it('a plain code is one unit', () => {
    expect(readEntry('  7771000000010 ')).toEqual({ ok: true, code: '7771000000010', milli: 1000 });
  });

  it('"n*code" multiplies, decimals with either separator, as thousandths', () => {
    expect(readEntry('3*SKU-001')).toEqual({ ok: true, code: 'SKU-001', milli: 3000 });
    expect(readEntry('0,750*SKU-050')).toEqual({ ok: true, code: 'SKU-050', milli: 750 });
    expect(readEntry('1.5* SKU-050')).toEqual({ ok: true, code: 'SKU-050', milli: 1500 });
  });

  it('a zero quantity is malformed', () => {
    expect(readEntry('0*SKU-001')).toEqual({ ok: false });
    expect(readEntry('0,000*SKU-050')).toEqual({ ok: false });
  });

  it('a code with a star that is no quantity is a code', () => {
    expect(readEntry('A*B')).toEqual({ ok: true, code: 'A*B', milli: 1000 });
    expect(readEntry('123456*X')).toEqual({ ok: true, code: '123456*X', milli: 1000 });
  });

  it('the name search drops a leading quantity', () => {
    expect(nameQuery(' 2*coca ')).toBe('coca');
    expect(nameQuery('0,5*queso')).toBe('queso');
    expect(nameQuery('coca*2')).toBe('coca*2');
  });
});
