// Browser mode started on an unusable data folder exits 1 with the file's path and the restore step, writing nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'arqueo-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const serve = () =>
  spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'serve-cli.ts'), '--data-dir', dir, '--port', '0'], { encoding: 'utf8', timeout: 60_000 });

describe('npm run serve on an unusable store', () => {
  it.each([
    ['zero-byte', Buffer.alloc(0)],
    ['corrupt', Buffer.alloc(8192, 0x5a)],
  ])('a %s arqueo.db exits 1 naming the file and how to restore a backup', (_kind, bytes) => {
    const file = path.join(dir, 'arqueo.db');
    writeFileSync(file, bytes);
    const run = serve();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(file);
    expect(run.stderr).toMatch(/restaurar una copia de seguridad/);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });
});
