// Canonical encoding for hashing: RFC 8785 (JSON Canonicalization Scheme, JCS) restricted to integers. Keys sorted by
// UTF-16 code units (JavaScript's default sort), strings serialized as ECMAScript's JSON.stringify does, no whitespace,
// integers as ECMAScript prints them (-0 as 0). Numbers are the one restriction: only safe integers are accepted, so
// JCS's ECMAScript double formatting never comes into play; a float throws (money is integer minor units, so a float
// here is always a bug). An `undefined` object member is left out, as JSON.stringify does.
// Invariant: two structurally equal values encode to the same string on every machine; for any value this accepts,
// the output is byte for byte what a conforming JCS implementation writes (src/sync/canonical.test.ts, RFC vectors).
export type Canonical = null | boolean | number | string | readonly Canonical[] | { readonly [k: string]: Canonical | undefined };

/** The JCS text of `value`. Throws on a number that is not a safe integer, and on a value JSON cannot hold. */
export function canonicalJson(value: Canonical): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isSafeInteger(value)) throw new Error(`canonicalJson: non-integer number ${value}`);
      return String(value);
    case 'string':
      return JSON.stringify(value);
    case 'object': {
      // Plain loops and string appends: this runs on every ledger entry, inside the sale's transaction.
      if (Array.isArray(value)) {
        const items = value as readonly Canonical[];
        let out = '[';
        for (let i = 0; i < items.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(items[i] as Canonical);
        return `${out}]`;
      }
      const obj = value as { readonly [k: string]: Canonical | undefined };
      const keys = Object.keys(obj).sort();
      let out = '{';
      for (const k of keys) {
        const v = obj[k];
        if (v === undefined) continue;
        out += `${out.length === 1 ? '' : ','}${JSON.stringify(k)}:${canonicalJson(v)}`;
      }
      return `${out}}`;
    }
    default:
      throw new Error(`canonicalJson: unsupported ${typeof value}`);
  }
}
