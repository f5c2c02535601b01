// The canonical encoding is RFC 8785 (JCS) restricted to integers: the RFC's own examples and its published test data
// (github.com/cyberphone/json-canonicalization, testdata/) that use no fractional number come out byte for byte.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Canonical } from './canonical';
import { canonicalJson } from './canonical';

/** Canonicalizes JSON text, as the RFC's vectors are given. */
const jcs = (jsonText: string): string => canonicalJson(JSON.parse(jsonText) as Canonical);

describe('RFC 8785 vectors', () => {
  it('sorts properties by UTF-16 code units (§3.2.3)', () => {
    const input = String.raw`{
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis"
    }`;
    // U+1F600 is the surrogate pair D83D DE00, so it sorts before U+FB33 although its code point is higher.
    expect(jcs(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\u{1F600}":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('serializes strings and literals as ECMAScript does (§3.2.2, its number array aside)', () => {
    const input = String.raw`{
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }`;
    expect(jcs(input)).toBe(String.raw`{"literals":[null,true,false],"string":"€$\u000f\nA'B\"\\\\\"/"}`);
  });

  it('refuses the fractional numbers of §3.2.2 instead of formatting them', () => {
    for (const n of ['333333333.33333329', '4.50', '2e-3', '0.000000000000000000000000001', '1E30']) {
      expect(() => jcs(`{"numbers":[${n}]}`), n).toThrow(/non-integer number/);
    }
  });

  it('matches the published test data: structures, arrays, weird, french, unicode', () => {
    // structures.json: nested objects and arrays, the empty key, digit keys sorted as strings; 56.0 is the integer 56.
    expect(jcs(String.raw`{"1": {"f": {"f": "hi","F": 5} ,"\n": 56.0}, "10": { }, "": "empty", "a": { }, "111": [ { } ], "A": { }}`)).toBe(
      String.raw`{"":"empty","1":{"\n":56,"f":{"F":5,"f":"hi"}},"10":{},"111":[{}],"A":{},"a":{}}`,
    );
    // arrays.json: array order kept, members of objects inside sorted.
    expect(jcs('[56, {"d": true, "10": null, "1": [ ]}]')).toBe('[56,{"1":[],"10":null,"d":true}]');
    // weird.json: control characters above U+001F and non-ASCII stay raw; "</script>" needs no escaping.
    expect(
      jcs(String.raw`{"\u20ac": "Euro Sign", "1": "One", "\u0080": "Control\u007f", "\ud83d\ude02": "Smiley", "\u00f6": "Latin Small Letter O With Diaeresis", "\ufb33": "Hebrew Letter Dalet With Dagesh", "</script>": "Browser Challenge"}`),
    ).toBe('{"1":"One","</script>":"Browser Challenge","\u0080":"Control\u007f","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\u{1F602}":"Smiley","\ufb33":"Hebrew Letter Dalet With Dagesh"}');
    // french.json: code-unit order, not the locale's.
    expect(jcs('{"peach": "This sorting order", "péché": "is wrong according to French", "pêche": "but canonicalization MUST", "sin": "ingnore locale"}')).toBe(
      '{"peach":"This sorting order","péché":"is wrong according to French","pêche":"but canonicalization MUST","sin":"ingnore locale"}',
    );
    // unicode.json: no Unicode normalization.
    expect(jcs(String.raw`{"Unnormalized Unicode":"\u1e0d\u0307"}`)).toBe('{"Unnormalized Unicode":"\u1e0d\u0307"}');
  });

  it('writes integers as ECMAScript prints them, -0 as 0, and refuses unsafe ones', () => {
    expect(canonicalJson([0, -0, 1, -1, 42, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER])).toBe('[0,0,1,-1,42,9007199254740991,-9007199254740991]');
    expect(() => canonicalJson(2 ** 53)).toThrow(/non-integer number/);
    expect(() => canonicalJson(Number.NaN)).toThrow(/non-integer number/);
  });
});

describe('canonical JSON', () => {
  it('is independent of key order and leaves undefined members out', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'] })).toBe(canonicalJson({ a: [true, null, 'x'], b: 1 }));
    expect(canonicalJson({ b: 1, a: 'é' })).toBe('{"a":"é","b":1}');
    expect(canonicalJson({ b: undefined, a: 1 })).toBe('{"a":1}');
  });

  it('round-trips through JSON.parse and ignores key insertion order, for any integer-only JSON', () => {
    const reversed = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(reversed) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.keys(v).reverse().map((k) => [k, reversed((v as Record<string, unknown>)[k])])) : v;
    const integerJson = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' ? (Number.isSafeInteger(Math.trunc(x)) ? Math.trunc(x) : 7) : x))) as Canonical);
    fc.assert(
      fc.property(integerJson, (v) => {
        const text = canonicalJson(v);
        expect(JSON.parse(text)).toEqual(v);
        expect(canonicalJson(reversed(v) as Canonical)).toBe(text);
        expect(canonicalJson(JSON.parse(text) as Canonical)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});
