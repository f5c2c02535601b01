// The sync worker's main loop: a streaming pass (live entries of open sessions, stream.ts) then an outbox pass (sealed
// sessions, worker.ts), then sleep until something is due, a wake, or the idle period; repeat until aborted.
// Invariant: one request in flight at a time; a database error never ends the loop (reported, retried next time).
import type { Db } from '../../db';
import type { StreamOptions } from './stream';
import { streamOnce } from './stream';
import type { SyncPass } from './worker';
import { syncOnce } from './worker';

export interface LoopOptions extends StreamOptions {
  /** How long to sleep when there is nothing to do, to notice new closes and settings. */
  readonly idleMs?: number;
  readonly signal: AbortSignal;
  /** Resolves when someone asks for an immediate pass (`sync.now`); re-armed after each wake. */
  readonly wake?: () => Promise<void>;
  readonly onPass?: (pass: SyncPass) => void;
  readonly onError?: (e: unknown) => void;
}

function sleep(ms: number, signal: AbortSignal, wake: Promise<void> | null): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, Math.max(0, ms));
    signal.addEventListener('abort', done, { once: true });
    void wake?.then(done);
  });
}

/** One pass of both phases as one: MORE if either has more, else the earliest due time of a backing-off phase. */
export function combinePasses(a: SyncPass, b: SyncPass): SyncPass {
  const counts = { sent: a.sent + b.sent, rejected: a.rejected + b.rejected, failed: a.failed + b.failed };
  if (a.state === 'MORE' || b.state === 'MORE') return { state: 'MORE', ...counts, nextAttemptAt: null };
  const next = [a, b].filter((p) => p.state === 'BACKING_OFF' && p.nextAttemptAt).map((p) => p.nextAttemptAt as string).sort()[0] ?? null;
  if (next !== null) return { state: 'BACKING_OFF', ...counts, nextAttemptAt: next };
  return { state: a.state === 'IDLE' || b.state === 'IDLE' ? 'IDLE' : b.state, ...counts, nextAttemptAt: null };
}

/** The worker's main loop: pass, sleep until the next row is due (or `idleMs`, or a wake), repeat until aborted. */
export async function runSyncLoop(db: Db, options: LoopOptions): Promise<void> {
  const idleMs = options.idleMs ?? 5_000;
  const now = options.now ?? (() => new Date());
  let wake = options.wake?.() ?? null;
  while (!options.signal.aborted) {
    let delay = idleMs;
    try {
      // Live entries of open sessions first (what HQ shows as happening now), then sealed sessions.
      const pass = combinePasses(await streamOnce(db, options), await syncOnce(db, options));
      options.onPass?.(pass);
      if (pass.state === 'MORE') delay = 0;
      else if (pass.state === 'BACKING_OFF' && pass.nextAttemptAt) delay = Math.min(idleMs, Date.parse(pass.nextAttemptAt) - now().getTime());
    } catch (e) {
      // A database error (locked beyond busy_timeout, disk) must not kill the worker: report it and try again later.
      options.onError?.(e);
    }
    if (delay > 0) {
      const woken = { hit: false };
      const w = wake?.then(() => {
        woken.hit = true;
      });
      await sleep(delay, options.signal, w ?? null);
      if (woken.hit) wake = options.wake?.() ?? null;
    }
  }
}
