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
      if (Array.isArray(value)) return `[${(value as readonly Canonical[]).map(canonicalJson).join(',')}]`;
      const obj = value as { readonly [k: string]: Canonical | undefined };
      const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k] as Canonical)}`).join(',')}}`;
    }
    default:
      throw new Error(`canonicalJson: unsupported ${typeof value}`);
  }
}
