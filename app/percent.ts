// A typed percentage ("13", "13,5", "7.25", "10 %") as basis points (1300, 1350, 725, 1000), read as text: never
// through a float. Shared by the setup's tax rate and the register's discount ceiling.

/** Basis points for a typed percentage 0–100 with up to 2 decimals (',' or '.', an optional '%'), or null when it is not one. */
export function percentToBp(text: string): number | null {
  const m = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(text.trim().replace(/%$/, '').trim());
  if (!m?.[1]) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bp <= 10_000 ? bp : null;
}
