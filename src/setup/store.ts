// What a store is set up with on its first start (the standalone path), and the checks on it that need no database.
// Invariant: a time zone is accepted only when the runtime's Intl knows it (IANA names such as America/La_Paz).

/** Whether `name` is an IANA time zone this runtime knows ("America/La_Paz", "UTC"); false for anything else. */
export function isIanaTimeZone(name: string): boolean {
  if (name.trim() !== name || name === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The codes that appear more than once in `codes`, each once, in first-seen order. */
export function duplicates(codes: readonly string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const c of codes) (seen.has(c) ? twice : seen).add(c);
  return [...twice];
}
