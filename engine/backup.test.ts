// Backups and restore on real SQLite files: a backup taken while a writer sells restores to the same ledger (every
// chain verifies, same row counts); a damaged, foreign, newer or missing file is refused and the live database is
// byte-for-byte untouched; the HQ key is in no backup.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../src/contract';
import type { Harness } from './testkit';
import { bobCount, harness } from './testkit';
import { DB_FILE } from './index';
import { checkAllSessions, checkSession } from './verify';

let h: Harness;
let out: string;
beforeEach(() => {
  h = harness();
  out = mkdtempSync(path.join(tmpdir(), 'arqueo-backups-'));
});
afterEach(() => {
  h.close();
  rmSync(out, { recursive: true, force: true });
});

const LEDGER_TABLES = ['sessions', 'ledger_entries', 'sales', 'sale_lines', 'payments', 'cash_movements', 'stock_movements', 'products', 'users'];
const counts = (db: Database.Database) => Object.fromEntries(LEDGER_TABLES.map((t) => [t, (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n]));
const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
const liveFile = () => path.join(h.dir, DB_FILE);
/** The live file after a checkpoint, so its bytes are the whole database. */
const liveSha = () => {
  h.engine.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  return sha(liveFile());
};

async function invoke<T>(name: string, input: unknown, token: string | null): Promise<Reply<T>> {
  return (await h.engine.invoke(name, input, token)) as Reply<T>;
}

function sell(token: string, n: number): void {
  const products = h.productIds().slice(0, 5);
  for (let i = 0; i < n; i++) {
    const p = products[i % products.length]!;
    h.ok('sales.create', { lines: [{ productId: p.id, quantity: 1 }], payments: [{ method: 'CASH', amount: p.price }] }, token);
  }
}

/** Closes the signed-in cashier's shift with exactly the expected cash counted. */
function closeShift(token: string): void {
  const s = h.ok('cash.current', {}, token).session!;
  h.ok('cash.close', { count: { denominations: bobCount(checkSession(h.engine.store.db, s.id).expectedCash) } }, token);
}

describe('backups', () => {
  it('"Copia ahora" needs a folder, writes a whole copy there, keeps the last N, and reports time and size', async () => {
    const admin = h.login('admin');
    expect(await invoke('backup.now', {}, admin)).toMatchObject({ ok: false, error: { code: 'BACKUP_NOT_CONFIGURED' } });
    expect(h.call('backup.status', {}, h.login('maria'))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    h.ok('backup.configure', { folder: path.join(out, 'usb'), keep: 2 }, admin);
    const made: string[] = [];
    for (let i = 0; i < 3; i++) {
      h.advance(60_000);
      const r = await invoke<{ file: string; bytes: number; at: string }>('backup.now', {}, admin);
      if (!r.ok) throw new Error(r.error.message);
      expect(r.data.bytes).toBe(statSync(r.data.file).size);
      made.push(path.basename(r.data.file));
    }
    expect(readdirSync(path.join(out, 'usb')).sort()).toEqual(made.slice(1).sort());
    const status = h.ok('backup.status', {}, admin);
    expect(status).toMatchObject({ folder: path.join(out, 'usb'), keep: 2, last: { file: path.join(out, 'usb', made[2]!) }, lastError: null });
    expect(Date.parse(status.nextDueAt!) - Date.parse(status.last!.at)).toBe(24 * 3600 * 1000);
  });

  it('refuses a folder it cannot write to, naming it', () => {
    const admin = h.login('admin');
    writeFileSync(path.join(out, 'a-file'), 'x');
    expect(h.call('backup.configure', { folder: path.join(out, 'a-file', 'sub'), keep: 3 }, admin)).toMatchObject({ ok: false, error: { code: 'BACKUP_FOLDER_INVALID' } });
    expect(h.call('backup.configure', { folder: 'relativo/copias', keep: 3 }, admin)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('a backup taken while selling restores to an identical ledger: every chain verifies, same row counts', async () => {
    const admin = h.login('admin');
    const maria = h.login('maria');
    h.ok('backup.configure', { folder: out, keep: 5 }, admin);
    h.ok('cash.open', { registerId: h.registerId('POS001'), openingAmount: 10_000 }, maria);
    sell(maria, 30);
    // A concurrent writer: sales commit between the backup API's steps (it yields to the event loop).
    let selling = true;
    let sold = 0;
    const writer = (async () => {
      while (selling) {
        sell(maria, 1);
        sold++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    const taken = await invoke<{ file: string }>('backup.now', {}, admin);
    selling = false;
    await writer;
    if (!taken.ok) throw new Error(taken.error.message);
    expect(sold).toBeGreaterThan(0);

    const copy = new Database(taken.data.file, { readonly: true });
    const inBackup = counts(copy);
    copy.close();
    expect(inBackup['sales']).toBeGreaterThanOrEqual(30);

    // Close the shift (a restore refuses while one is active), then restore the backup over the live store.
    const active = h.ok('cash.current', {}, maria).session!;
    expect(h.call('backup.restore', { path: taken.data.file }, admin)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(await invoke('backup.restore', { path: taken.data.file }, admin)).toMatchObject({ ok: false, error: { code: 'RESTORE_SESSION_ACTIVE' } });
    closeShift(maria);
    expect(active.status).toBe('OPEN');
    const admin2 = h.login('admin');
    const restored = await invoke<{ replacedKeptAs: string; sessions: number }>('backup.restore', { path: taken.data.file }, admin2);
    if (!restored.ok) throw new Error(`${restored.error.code} ${JSON.stringify(restored.error.details)}`);
    expect(counts(h.engine.store.sqlite)).toEqual(inBackup);
    expect(checkAllSessions(h.engine.store.db).flatMap((c) => c.problems)).toEqual([]);
    // The replaced database is kept beside the live one, whole, with the closed shift in it.
    const aside = new Database(restored.data.replacedKeptAs, { readonly: true });
    expect((aside.prepare("SELECT COUNT(*) AS n FROM sessions WHERE status = 'CLOSED'").get() as { n: number }).n).toBe(1);
    aside.close();
    // Everyone signs in again; the restored shift is open again, as it was in the backup, and keeps selling.
    expect(h.call('auth.me', {}, admin2)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const maria2 = h.login('maria');
    expect(h.ok('cash.current', {}, maria2).session).toMatchObject({ id: active.id, status: 'OPEN' });
    sell(maria2, 2);
    expect(checkAllSessions(h.engine.store.db).flatMap((c) => c.problems)).toEqual([]);
    // The backup settings are this PC's, not the backup's.
    expect(h.ok('backup.status', {}, h.login('admin')).folder).toBe(out);
  });

  describe('refusals leave the live database untouched', () => {
    let admin: string;
    let good: string;
    beforeEach(async () => {
      admin = h.login('admin');
      h.ok('backup.configure', { folder: out, keep: 5 }, admin);
      const r = await invoke<{ file: string }>('backup.now', {}, admin);
      if (!r.ok) throw new Error(r.error.message);
      good = r.data.file;
    });

    const refused = async (file: string, code: string) => {
      const before = liveSha();
      const reply = await invoke('backup.restore', { path: file }, admin);
      expect(reply).toMatchObject({ ok: false, error: { code } });
      expect(liveSha()).toBe(before);
      expect(readdirSync(h.dir).filter((f) => f.includes('restoring') || f.includes('replaced'))).toEqual([]);
      return reply.ok ? null : reply.error;
    };

    it('a truncated backup', async () => {
      const bad = path.join(out, 'truncated.db');
      writeFileSync(bad, readFileSync(good));
      truncateSync(bad, Math.floor(statSync(bad).size / 2));
      await refused(bad, 'BACKUP_DAMAGED');
    });

    it('garbled bytes in a page', async () => {
      const bytes = readFileSync(good);
      // Overwrite the middle of the file (well past the header) with noise.
      for (let i = 0; i < 4096; i++) bytes[Math.floor(bytes.length / 2) + i] = (i * 37) & 0xff;
      const bad = path.join(out, 'garbled.db');
      writeFileSync(bad, bytes);
      await refused(bad, 'BACKUP_DAMAGED');
    });

    it('a ledger entry altered in a valid SQLite file (the chain does not verify)', async () => {
      const maria = h.login('maria');
      h.ok('cash.open', { registerId: h.registerId('POS001'), openingAmount: 10_000 }, maria);
      sell(maria, 3);
      const r = await invoke<{ file: string }>('backup.now', {}, admin);
      if (!r.ok) throw new Error(r.error.message);
      closeShift(maria);
      const tampered = path.join(out, 'tampered.db');
      writeFileSync(tampered, readFileSync(r.data.file));
      const db = new Database(tampered);
      db.exec('DROP TRIGGER IF EXISTS ledger_entries_no_update');
      for (const t of db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'ledger_entries'").all() as { name: string }[]) db.exec(`DROP TRIGGER "${t.name}"`);
      db.prepare("UPDATE ledger_entries SET payload = replace(payload, '\"total\":', '\"total\":1') WHERE seq = 2").run();
      db.close();
      const error = await refused(tampered, 'BACKUP_DAMAGED');
      expect(String(error?.details?.['reason'])).toMatch(/no verifican/);
    });

    it("another store's backup", async () => {
      const other = harness({ demo: false });
      other.ok('setup.initialize', {
        branch: { code: 'OTRA', name: 'Otra tienda', timeZone: 'America/Lima', currency: 'PEN', defaultTaxRateBp: 1800 },
        registers: [{ code: 'C1', name: 'Caja', specialty: 'MIXED' }],
        admin: { username: 'ana', name: 'Ana', pin: '2580', pinConfirm: '2580' },
      });
      const foreign = path.join(out, 'otra.db');
      await other.engine.store.sqlite.backup(foreign);
      other.close();
      const error = await refused(foreign, 'BACKUP_FOREIGN');
      expect(error?.details).toMatchObject({ backupBranches: ['OTRA'], storeBranch: 'SUC001' });
    });

    it('a SQLite file that is not an Arqueo database, a text file, a missing file and the live file itself', async () => {
      const plain = path.join(out, 'plain.db');
      const db = new Database(plain);
      db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES (1)');
      db.close();
      await refused(plain, 'BACKUP_FOREIGN');
      const text = path.join(out, 'notes.db');
      writeFileSync(text, 'esto no es una base de datos '.repeat(200));
      await refused(text, 'BACKUP_DAMAGED');
      await refused(path.join(out, 'missing.db'), 'BACKUP_FILE_INVALID');
      await refused(liveFile(), 'BACKUP_FILE_INVALID');
    });

    it('a backup from a newer app (a migration this one does not know)', async () => {
      const newer = path.join(out, 'newer.db');
      writeFileSync(newer, readFileSync(good));
      const db = new Database(newer);
      db.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('f'.repeat(64), Date.now());
      db.close();
      await refused(newer, 'BACKUP_TOO_NEW');
    });

    it('without an administrator', async () => {
      expect(await invoke('backup.restore', { path: good }, null)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
      expect(await invoke('backup.restore', { path: good }, h.login('gerente'))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    });
  });

  it('a store not set up yet restores a backup without sign-in (setup screen), then is that store', async () => {
    const admin = h.login('admin');
    h.ok('backup.configure', { folder: out, keep: 5 }, admin);
    const r = await invoke<{ file: string }>('backup.now', {}, admin);
    if (!r.ok) throw new Error(r.error.message);
    const fresh = harness({ demo: false });
    try {
      const done = await fresh.engine.invoke('backup.restore', { path: r.data.file }, null);
      expect(done).toMatchObject({ ok: true, data: { replacedKeptAs: null } });
      expect(fresh.ok('setup.status', {})).toMatchObject({ initialized: true, branch: { code: 'SUC001' } });
      fresh.login('maria');
      // Set up now: restoring without sign-in is over.
      expect(await fresh.engine.invoke('backup.restore', { path: r.data.file }, null)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    } finally {
      fresh.close();
    }
  });

  it('before setup a refused restore or enrollment says nothing about the machine: one code, no details, for a missing file, a text file, a directory, a closed port and a port that answers', async () => {
    const fresh = harness({ demo: false });
    const listener = createServer((_req, res) => void res.writeHead(500).end('nope'));
    const open = await new Promise<number>((resolve) => listener.listen(0, '127.0.0.1', () => resolve((listener.address() as AddressInfo).port)));
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const port = (probe.address() as AddressInfo).port;
        probe.close(() => resolve(port));
      });
    });
    try {
      const text = path.join(out, 'notes.txt');
      writeFileSync(text, 'no soy una copia '.repeat(100));
      const replies = [];
      for (const p of [path.join(out, 'missing.db'), text, out, '/etc/hostname']) replies.push(await fresh.engine.invoke('backup.restore', { path: p }, null));
      for (const r of replies) expect(r).toEqual({ ok: false, error: { code: 'BACKUP_FILE_INVALID', message: replies[0]?.ok === false ? replies[0].error.message : '' } });
      const enrolls = [];
      for (const port of [open, closed]) enrolls.push(await fresh.engine.invoke('setup.enroll', { hqUrl: `http://127.0.0.1:${port}`, code: 'ABCD-EFGH-JKMN-PQRS' }, null));
      for (const r of enrolls) expect(r).toEqual({ ok: false, error: { code: 'HQ_UNREACHABLE', message: expect.any(String) as string } });
      expect(JSON.stringify(enrolls[0])).toBe(JSON.stringify(enrolls[1]));
    } finally {
      await new Promise((r) => listener.close(r));
      fresh.close();
    }
  });

  it('the HQ key is in no backup', async () => {
    const admin = h.login('admin');
    const key = 'hq-key-0123456789-abcdefghij-SECRET';
    h.ok('sync.configure', { url: 'http://127.0.0.1:9', keys: { POS001: key } }, admin);
    h.ok('backup.configure', { folder: out, keep: 5 }, admin);
    const r = await invoke<{ file: string }>('backup.now', {}, admin);
    if (!r.ok) throw new Error(r.error.message);
    expect(h.engine.secrets.get('hq.key.POS001')).toBe(key);
    expect(readFileSync(r.data.file).includes(Buffer.from(key))).toBe(false);
    expect(readFileSync(r.data.file).includes(Buffer.from('SECRET'))).toBe(false);
  });
});
