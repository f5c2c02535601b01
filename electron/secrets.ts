// The hosts' SecretStores (engine/secrets.ts) for the register's HQ keys, always outside the data folder so no copy of
// it (backups included) carries a key:
// - FileSecretStore: browser mode, a JSON file with mode 0600 beside the data folder (`<data-dir>.secrets.json`);
// - SafeStorageSecretStore: the desktop app, the same map encrypted by Electron's safeStorage (the OS keychain:
//   DPAPI, Keychain, libsecret) in `<userData>/secrets.bin`. This file does not import electron (only main.ts does);
//   main passes `safeStorage` in.
// Invariant: every write replaces the file atomically (temp file, fsync, rename), created 0600.
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync, chmodSync } from 'node:fs';
import path from 'node:path';
import type { SecretStore } from '../engine';

/** The part of Electron's safeStorage this needs. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** Where browser mode keeps its secrets for a data folder: beside it, never inside it. */
export function secretsFileFor(dataDir: string): string {
  const resolved = path.resolve(dataDir);
  return `${resolved}.secrets.json`;
}

function writeAtomic(file: string, bytes: Buffer): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

function readOrNull(file: string): Buffer | null {
  try {
    return readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

abstract class MapFileStore implements SecretStore {
  private map: Map<string, string> | null = null;
  constructor(readonly file: string) {}
  protected abstract decode(bytes: Buffer): string;
  protected abstract encode(json: string): Buffer;

  private load(): Map<string, string> {
    if (this.map) return this.map;
    const bytes = readOrNull(this.file);
    const parsed: unknown = bytes === null ? {} : JSON.parse(this.decode(bytes));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`${this.file}: not a secrets map`);
    this.map = new Map(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
    return this.map;
  }
  private save(): void {
    writeAtomic(this.file, this.encode(JSON.stringify(Object.fromEntries(this.load()))));
  }
  get(name: string): string | null {
    return this.load().get(name) ?? null;
  }
  set(name: string, value: string): void {
    this.load().set(name, value);
    this.save();
  }
  delete(name: string): void {
    if (this.load().delete(name)) this.save();
  }
  names(): string[] {
    return [...this.load().keys()];
  }
}

/** A JSON map in a 0600 file (browser mode). Throws on a file that is not one, rather than overwrite it. */
export class FileSecretStore extends MapFileStore {
  protected decode(bytes: Buffer): string {
    return bytes.toString('utf8');
  }
  protected encode(json: string): Buffer {
    return Buffer.from(json, 'utf8');
  }
}

/** The map encrypted with Electron's safeStorage (desktop app). */
export class SafeStorageSecretStore extends MapFileStore {
  constructor(
    file: string,
    private readonly safe: SafeStorageLike,
  ) {
    super(file);
  }
  protected decode(bytes: Buffer): string {
    return this.safe.decryptString(bytes);
  }
  protected encode(json: string): Buffer {
    return this.safe.encryptString(json);
  }
}
