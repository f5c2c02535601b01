// Catalog search text. Invariant: names are matched word by word on a folded form (lower case, no diacritics), the
// same folding the FTS5 index applies (unicode61 remove_diacritics 2), so "cafe" finds "Café".

/** Lower case without diacritics: "Café Ñandú" → "cafe nandu". */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** The words of a query, folded; punctuation separates words like the index tokenizer does. */
export function queryWords(text: string): string[] {
  return foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 8);
}

/** An FTS5 MATCH expression: every word as a prefix, all required. Null when the query has no word. */
export function ftsPrefixQuery(text: string): string | null {
  const words = queryWords(text);
  if (words.length === 0) return null;
  // Each word is quoted, so FTS5 operators typed by a user ("AND", "-", "*") are plain text.
  return words.map((w) => `"${w.replaceAll('"', '""')}"*`).join(' ');
}
