// Opening a register database that is not what it should be: an empty file or a corrupt one is refused with its path
// and the restore step, and left exactly as found (never replaced by a new empty store).
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseUnusableError, openDatabase } from './open';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'arqueo-open-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const refusal = (file: string): DatabaseUnusableError => {
  try {
    openDatabase(file).close();
  } catch (e) {
    if (e instanceof DatabaseUnusableError) return e;
    throw e;
  }
  throw new Error(`${file} opened`);
};

describe('opening an unusable store', () => {
  it('a zero-byte arqueo.db is refused, naming the file and how to restore a backup, and stays 0 bytes', () => {
    const file = path.join(dir, 'arqueo.db');
    writeFileSync(file, '');
    const e = refusal(file);
    expect(e.code).toBe('DB_EMPTY');
    expect(e.message).toContain(file);
    expect(e.message).toMatch(/restaurar una copia de seguridad/);
    expect(e.message).toContain(`${file}-wal`);
    expect(readFileSync(file).length).toBe(0);
  });

  it('a file that is not a database is refused as DB_CORRUPT with its path and the restore step, untouched', () => {
    const file = path.join(dir, 'arqueo.db');
    const junk = Buffer.alloc(8192, 0x5a);
    writeFileSync(file, junk);
    const e = refusal(file);
    expect(e.code).toBe('DB_CORRUPT');
    expect(e.message).toContain(file);
    expect(e.message).toMatch(/restaurar una copia de seguridad/);
    expect(readFileSync(file).equals(junk)).toBe(true);
  });

  it('a database whose schema pages are damaged is refused as DB_CORRUPT', () => {
    const file = path.join(dir, 'arqueo.db');
    openDatabase(file).close();
    // Keep the 100-byte header, scribble over the rest of page 1 (the schema's root page).
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(3000, 0xff), 0, 3000, 100);
    closeSync(fd);
    expect(refusal(file).code).toBe('DB_CORRUPT');
  });

  it('a missing file is still created as a new store', () => {
    const opened = openDatabase(path.join(dir, 'new.db'));
    expect(opened.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    opened.close();
  });
});
