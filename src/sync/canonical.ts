// Canonical encoding for hashing: JSON with keys sorted, no whitespace, integers only.
// Invariant: two structurally equal values encode to the same string on every machine; a float is refused (money
// is integer minor units, so a float here is always a bug).
export type Canonical = null | boolean | number | string | readonly Canonical[] | { readonly [k: string]: Canonical | undefined };

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
