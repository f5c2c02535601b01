// The sync worker as a worker_thread: `startSyncWorker` (main process side) and the thread's entry (this same file,
// run with workerData). The thread opens its own connection to the register database; the main process only sends
// it 'now' (sync.now) and 'stop', and receives a status after every pass.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { openDatabase, syncStatus } from '../../db';
import type { SyncStatus } from '../../src/sync/protocol';
import type { SyncPass } from './worker';
import { runSyncLoop } from './loop';
import { pullMaster } from '../../engine/master-sync';

export interface SyncTuning {
  readonly baseMs?: number;
  readonly capMs?: number;
  readonly timeoutMs?: number;
  readonly idleMs?: number;
  /** After a commit, how long the worker waits for more entries before it streams them (default 250 ms). */
  readonly batchMs?: number;
  /** How often an enrolled register pulls HQ's master data (default 60 s). */
  readonly pullMs?: number;
}

export interface SyncWorkerData {
  readonly arqueoSyncDb: string;
  /** The folder main migrated the database from (the bundled thread cannot locate it by itself). */
  readonly migrationsFolder: string | null;
  readonly tuning: SyncTuning;
  /** HQ keys by register code, from the host's secret store (null: read them from the settings table). */
  readonly keys: Readonly<Record<string, string>> | null;
}

export type SyncWorkerMessage =
  | { readonly type: 'pass'; readonly pass: SyncPass; readonly status: SyncStatus }
  | { readonly type: 'error'; readonly message: string }
  | { readonly type: 'stopped' };

export interface SyncWorkerHandle {
  readonly worker: Worker;
  /** Ask for an immediate pass (after `syncNow` made the pending rows due). */
  now(): void;
  /** A command committed ledger entries: stream them after the batching window (no backoff is reset). */
  stream(): void;
  /** Ask for a master-data pull now (an enrolled register). */
  pull(): void;
  /** Hand the thread the current HQ keys (after sync.configure). */
  setKeys(keys: Readonly<Record<string, string>>): void;
  /** Finish the current request (bounded by the client timeout), close the connection, end the thread. */
  stop(): Promise<void>;
}

export interface StartOptions extends SyncTuning {
  /** The built thread script (in the packaged app, the bundled copy of this file). */
  readonly script: string | URL;
  readonly migrationsFolder?: string;
  /** `script` is JavaScript source, not a path (Worker `eval`), e.g. a loader bootstrap in development and tests. */
  readonly eval?: boolean;
  readonly onMessage?: (m: SyncWorkerMessage) => void;
  /** HQ keys by register code from the secret store; without them the thread reads the settings table. */
  readonly keys?: Readonly<Record<string, string>>;
}

/** Commands after which a delivery may be due at once: the worker is woken instead of waiting for its next pass. */
export const SYNC_TRIGGERS: ReadonlySet<string> = new Set(['cash.close', 'cash.transfer', 'sync.now']);

export function startSyncWorker(dbFile: string, options: StartOptions): SyncWorkerHandle {
  const { script, eval: isSource, onMessage, migrationsFolder, keys, ...tuning } = options;
  const data: SyncWorkerData = { arqueoSyncDb: dbFile, migrationsFolder: migrationsFolder ?? null, tuning, keys: keys ?? null };
  const worker = new Worker(script, { workerData: data, eval: isSource ?? false });
  let exited = false;
  worker.once('exit', () => (exited = true));
  if (onMessage) worker.on('message', (m: SyncWorkerMessage) => onMessage(m));
  // Never let the worker take the app down; its errors are reported and it is restarted by the caller if wanted.
  worker.on('error', (e) => onMessage?.({ type: 'error', message: e.message }));
  return {
    worker,
    now: () => {
      if (!exited) worker.postMessage('now');
    },
    pull: () => {
      if (!exited) worker.postMessage('pull');
    },
    stream: () => {
      if (!exited) worker.postMessage('stream');
    },
    setKeys: (next) => {
      if (!exited) worker.postMessage({ keys: { ...next } });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
        return undefined;
      }),
  };
}

function isSyncWorkerData(d: unknown): d is SyncWorkerData {
  return typeof d === 'object' && d !== null && typeof (d as { arqueoSyncDb?: unknown }).arqueoSyncDb === 'string';
}

async function threadMain(port: NonNullable<typeof parentPort>, data: SyncWorkerData): Promise<void> {
  // Main has already migrated the file; opening with the same migrations is then a no-op check.
  const store = openDatabase(data.arqueoSyncDb, data.migrationsFolder ? { migrationsFolder: data.migrationsFolder } : {});
  const stop = new AbortController();
  let wakeUp: (() => void) | null = null;
  let keys = data.keys;
  let pullNow: (() => void) | null = null;
  // Commits arrive one by one; the first of a burst arms one timer, so a busy counter yields batches, not a request each.
  let streamTimer: ReturnType<typeof setTimeout> | null = null;
  port.on('message', (m: unknown) => {
    if (m === 'now') wakeUp?.();
    if (m === 'stream' && streamTimer === null) {
      streamTimer = setTimeout(() => {
        streamTimer = null;
        wakeUp?.();
      }, data.tuning.batchMs ?? 250);
    }
    if (m === 'pull') pullNow?.();
    if (m === 'stop') stop.abort();
    if (typeof m === 'object' && m !== null && 'keys' in m) {
      keys = (m as { keys: Record<string, string> }).keys;
      wakeUp?.();
    }
  });
  // Master data: an enrolled register pulls every pullMs (and on 'pull'), page by page, each page one short
  // transaction on this thread's connection; a failed pull keeps the last copy and is tried again next time.
  const pulling = (async () => {
    const pullMs = data.tuning.pullMs ?? 60_000;
    while (!stop.signal.aborted) {
      try {
        await pullMaster(store, { keyFor: (code) => keys?.[code] ?? null });
      } catch (e) {
        port.postMessage({ type: 'error', message: `pull: ${e instanceof Error ? e.message : String(e)}` } satisfies SyncWorkerMessage);
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(done, pullMs);
        function done() {
          clearTimeout(t);
          stop.signal.removeEventListener('abort', done);
          pullNow = null;
          resolve();
        }
        pullNow = done;
        stop.signal.addEventListener('abort', done, { once: true });
      });
    }
  })();
  try {
    await runSyncLoop(store.db, {
      ...data.tuning,
      ...(keys === null ? {} : { keyFor: (code: string) => keys?.[code] ?? null }),
      signal: stop.signal,
      wake: () =>
        new Promise<void>((resolve) => {
          wakeUp = resolve;
        }),
      onPass: (pass) => port.postMessage({ type: 'pass', pass, status: syncStatus(store.db) } satisfies SyncWorkerMessage),
      onError: (e) => port.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) } satisfies SyncWorkerMessage),
    });
  } finally {
    if (streamTimer !== null) clearTimeout(streamTimer);
    await pulling;
    store.close();
    port.postMessage({ type: 'stopped' } satisfies SyncWorkerMessage);
    port.close();
  }
}

if (!isMainThread && parentPort && isSyncWorkerData(workerData)) {
  void threadMain(parentPort, workerData);
}
