// The digest that tells a retried request from a different one reusing its requestId.
// Invariant: two requests with the same command and structurally equal parsed inputs (key order aside, requestId aside)
// digest the same; any other difference in a value changes it.
import { sha256Hex } from '../db';

/** JSON with object keys sorted at every depth; `undefined` members left out as JSON.stringify does. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : stableJson(v))).join(',')}]`;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const obj = value as Record<string, unknown>;
    const parts: string[] = [];
    for (const k of Object.keys(obj).sort()) {
      if (obj[k] !== undefined) parts.push(`${JSON.stringify(k)}:${stableJson(obj[k])}`);
    }
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * SHA-256 (64 lowercase hex digits) of a mutating command's name and its zod-parsed input without `requestId`: what the
 * idempotency table compares to refuse a reused requestId sent with a different body (IDEMPOTENCY_CONFLICT). The
 * parsed input is digested, not the raw body, so defaults and stripped unknown keys never make a retry look different.
 */
export function requestDigest(command: string, input: Readonly<Record<string, unknown>>): string {
  const { requestId: _ignored, ...body } = input;
  return sha256Hex(stableJson({ command, body }));
}
