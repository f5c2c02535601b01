// SQLite failures classified once, by better-sqlite3's extended result code (never by parsing English text for the
// kind), into what the engine can act on. Invariant: anything not listed is a bug or an I/O fault and is rethrown.

export type StorageFault =
  | { readonly kind: 'unique'; readonly table: string; readonly columns: readonly string[] }
  | { readonly kind: 'constraint'; readonly code: string }
  | { readonly kind: 'busy' }
  | { readonly kind: 'readonly' }
  | { readonly kind: 'full' }
  | { readonly kind: 'corrupt' };

/** better-sqlite3's SqliteError: an Error whose `code` is SQLite's extended result code name ("SQLITE_FULL", ...). */
type SqliteError = Error & { readonly code: string };
const isSqliteError = (e: unknown): e is SqliteError => e instanceof Error && e.name === 'SqliteError' && typeof (e as { code?: unknown }).code === 'string';

/**
 * What a thrown error means for storage, or null when it is not a SQLite error we classify.
 * A unique violation names its table and columns, which SQLite only reports in the message
 * ("UNIQUE constraint failed: registers.branch_id, registers.code"); the kind itself comes from the code.
 */
export function classifyStorageError(e: unknown): StorageFault | null {
  if (!isSqliteError(e)) return null;
  const code = e.code;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    const names = (/: (.+)$/.exec(e.message)?.[1] ?? '').split(', ').filter(Boolean);
    const table = names[0]?.split('.')[0] ?? '';
    return { kind: 'unique', table, columns: names.map((n) => n.split('.').pop() ?? n) };
  }
  if (code.startsWith('SQLITE_CONSTRAINT')) return { kind: 'constraint', code };
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return { kind: 'busy' };
  if (code.startsWith('SQLITE_READONLY')) return { kind: 'readonly' };
  if (code === 'SQLITE_FULL') return { kind: 'full' };
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return { kind: 'corrupt' };
  return null;
}
