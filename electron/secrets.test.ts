// HQ keys live outside the database: a 0600 file beside the data folder (browser mode) or a safeStorage-encrypted file
// (desktop). Real files in a temp folder; the "keychain" is a reversible stand-in for Electron's safeStorage.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_FILE, hqKeys, moveHqKeysOut, openEngine } from '../engine';
import { backupDatabase, schema, settingKeyFor } from '../db';
import { TEST_PIN_COST } from '../engine/testkit';
import type { SafeStorageLike } from './secrets';
import { FileSecretStore, SafeStorageSecretStore, secretsFileFor } from './secrets';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'arqueo-secrets-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const KEY = 'hq_reg_SECRET_0123456789abcdefghij';
const xor: SafeStorageLike = {
  isEncryptionAvailable: () => true,
  encryptString: (t) => Buffer.from(Buffer.from(t, 'utf8').map((b) => b ^ 0x5a)),
  decryptString: (b) => Buffer.from(b.map((x) => x ^ 0x5a)).toString('utf8'),
};

describe('secret stores', () => {
  it('browser mode: a 0600 file beside the data folder, not inside it, that survives a restart', () => {
    const dataDir = path.join(root, 'data');
    const file = secretsFileFor(dataDir);
    expect(path.relative(dataDir, file).startsWith('..')).toBe(true);
    new FileSecretStore(file).set('hq.key.POS001', KEY);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(new FileSecretStore(file).get('hq.key.POS001')).toBe(KEY);
  });

  it('desktop: the file holds only what safeStorage encrypted', () => {
    const file = path.join(root, 'secrets.bin');
    new SafeStorageSecretStore(file, xor).set('hq.key.POS001', KEY);
    expect(readFileSync(file).toString('latin1')).not.toContain(KEY);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(new SafeStorageSecretStore(file, xor).get('hq.key.POS001')).toBe(KEY);
  });

  it('a secrets file that is not a map is refused, never overwritten', () => {
    const file = path.join(root, 'bad.json');
    writeFileSync(file, '[1,2]');
    expect(() => new FileSecretStore(file).set('x', 'y')).toThrow(/not a secrets map/);
    expect(readFileSync(file, 'utf8')).toBe('[1,2]');
  });
});

describe('the HQ key never sits in the database or a backup', () => {
  it('sync.configure writes the key to the secret store; the database and its backup never hold it', async () => {
    const dataDir = path.join(root, 'data');
    const secrets = new FileSecretStore(secretsFileFor(dataDir));
    const { engine } = openEngine(dataDir, { demo: true, pinCost: TEST_PIN_COST, secrets });
    try {
      const admin = engine.dispatch('auth.login', { username: 'admin', pin: '1111' }, null);
      if (!admin.ok) throw new Error('login');
      const r = engine.dispatch('sync.configure', { url: 'https://hq.example.com', keys: { POS001: KEY } }, (admin.data as { token: string }).token);
      expect(r).toMatchObject({ ok: true, data: { configured: true, registers: ['POS001'] } });
      expect(hqKeys(secrets)).toEqual({ POS001: KEY });
      expect(JSON.stringify(engine.store.db.select().from(schema.settings).all())).not.toContain(KEY);
      const backup = path.join(root, 'backup.db');
      await backupDatabase(engine.store.sqlite, backup);
      expect(readFileSync(backup).toString('latin1')).not.toContain(KEY);
      expect(readFileSync(path.join(dataDir, DB_FILE)).toString('latin1')).not.toContain(KEY);
    } finally {
      engine.close();
    }
  });

  it('a key an older version left in the settings table is moved out on start and deleted from the database', () => {
    const dataDir = path.join(root, 'data');
    const { engine } = openEngine(dataDir, { demo: true, pinCost: TEST_PIN_COST });
    engine.store.db.insert(schema.settings).values({ key: settingKeyFor('POS001'), value: KEY }).run();
    const secrets = new FileSecretStore(secretsFileFor(dataDir));
    expect(moveHqKeysOut(engine.store, secrets)).toEqual(['POS001']);
    expect(new FileSecretStore(secretsFileFor(dataDir)).get(settingKeyFor('POS001'))).toBe(KEY);
    expect(engine.store.db.select().from(schema.settings).all().filter((s) => s.key.startsWith('hq.key.'))).toEqual([]);
    expect(moveHqKeysOut(engine.store, secrets)).toEqual([]);
    engine.close();
    // No trace in the file's free space or its WAL either.
    const file = path.join(dataDir, DB_FILE);
    expect(readFileSync(file).toString('latin1')).not.toContain(KEY);
  });
});
