// The register-side sync worker: delivers the outbox (closed and transferred sessions) to HQ, oldest first, with its
// own database connection so it never blocks a command the cashier runs.
// Invariants:
// - an outbox row leaves PENDING only on HQ's answer: SENT on 2xx (a duplicate receipt included), REJECTED on 409/422
//   (never retried automatically); everything else (network error, reset, timeout, 5xx, 401/403/404/429 ...) is retried
//   with capped exponential backoff and full jitter, stored in the row so it survives restarts;
// - delivery is in outbox order: while the oldest pending row backs off, the rows behind it wait;
// - the session id is the idempotency key; HQ stores each session once, so a resend after a crash or a lost answer
//   just returns the original receipt;
// - a row's bundle is built once, on its first attempt, and stored in the row: every retry (after a restart too) sends
//   the same bytes without re-reading the ledger; the copy is dropped once HQ has it (SENT);
// - no HQ address in settings means nothing is sent and nothing changes.
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db';
import { OUTBOX_COLUMNS, SETTING_HQ_URL, outboundOf, registerCodeOfSession, schema, setting, settingKeyFor } from '../../db';
import type { Receipt } from '../../src/sync/protocol';
import { HQ_PATHS, HqErrorSchema, ReceiptSchema } from '../../src/sync/protocol';


export interface HttpResponse {
  readonly status: number;
  readonly body: string;
}
/** One HTTP POST; rejects on network failure or when `timeoutMs` passes without a complete answer. */
export type HttpPost = (url: string, body: string, headers: Readonly<Record<string, string>>, timeoutMs: number) => Promise<HttpResponse>;

export const fetchPost: HttpPost = async (url, body, headers, timeoutMs) => {
  const signal = AbortSignal.timeout(timeoutMs);
  // Never follow a redirect: it would re-send the session bundle past the https-or-loopback rule to another host.
  const res = await fetch(url, { method: 'POST', body, headers, redirect: 'error', signal });
  return { status: res.status, body: await res.text() };
};

export interface SyncOptions {
  readonly post?: HttpPost;
  readonly now?: () => Date;
  /** In [0, 1); the jitter source. */
  readonly random?: () => number;
  readonly baseMs?: number;
  readonly capMs?: number;
  readonly timeoutMs?: number;
  /** Most deliveries in one pass (the loop comes back at once while more are due). */
  readonly maxPerPass?: number;
  /** The register's HQ key, from the host's secret store (default: the settings table, as before keys moved out). */
  readonly keyFor?: (registerCode: string) => string | null;
}

export const SYNC_DEFAULTS = { baseMs: 1_000, capMs: 5 * 60_000, timeoutMs: 30_000, maxPerPass: 50 } as const;

export type PassState = 'NOT_CONFIGURED' | 'IDLE' | 'BACKING_OFF' | 'MORE';

export interface SyncPass {
  readonly state: PassState;
  readonly sent: number;
  readonly rejected: number;
  readonly failed: number;
  /** When the oldest pending row is next due (BACKING_OFF), else null. */
  readonly nextAttemptAt: string | null;
}

/** Full jitter: uniform in [0, min(cap, base * 2^(attempt-1))]. `attempt` counts from 1. */
export function backoffDelay(attempt: number, baseMs: number, capMs: number, random: () => number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 40));
  return Math.floor(random() * ceiling);
}

type Outcome = { readonly kind: 'sent'; readonly receipt: Receipt } | { readonly kind: 'rejected'; readonly error: string } | { readonly kind: 'retry'; readonly error: string };

export function describeError(e: unknown): string {
  if (e instanceof Error) {
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'TIMEOUT: HQ did not answer in time';
    const cause = (e as Error & { cause?: unknown }).cause;
    const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String((cause as { code: unknown }).code) : null;
    return `NETWORK: ${code ?? e.message}`;
  }
  return `NETWORK: ${String(e)}`;
}

function classify(res: HttpResponse, sessionId: string, head: string | undefined): Outcome {
  let json: unknown = null;
  try {
    json = JSON.parse(res.body) as unknown;
  } catch {
    json = null;
  }
  if (res.status >= 200 && res.status < 300) {
    const receipt = ReceiptSchema.safeParse(json);
    if (!receipt.success) return { kind: 'retry', error: `BAD_RECEIPT: HTTP ${res.status} without a valid receipt` };
    if (receipt.data.sessionId !== sessionId || receipt.data.chainHead !== head) return { kind: 'retry', error: 'BAD_RECEIPT: receipt does not match the session sent' };
    return { kind: 'sent', receipt: receipt.data };
  }
  const err = HqErrorSchema.safeParse(json);
  const what = err.success ? `${err.data.error.reason ?? err.data.error.code}: ${err.data.error.message}` : res.body.slice(0, 200);
  if (res.status === 409 || res.status === 422) return { kind: 'rejected', error: `HTTP ${res.status} ${what}` };
  return { kind: 'retry', error: `HTTP ${res.status} ${what}` };
}

/**
 * One pass over the outbox: delivers due rows oldest first until the outbox is empty, the oldest pending row is not
 * due, a delivery fails (the row then backs off and the pass ends), or `maxPerPass` deliveries were made.
 */
export async function syncOnce(db: Db, options: SyncOptions = {}): Promise<SyncPass> {
  const post = options.post ?? fetchPost;
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const baseMs = options.baseMs ?? SYNC_DEFAULTS.baseMs;
  const capMs = options.capMs ?? SYNC_DEFAULTS.capMs;
  const timeoutMs = options.timeoutMs ?? SYNC_DEFAULTS.timeoutMs;
  const maxPerPass = options.maxPerPass ?? SYNC_DEFAULTS.maxPerPass;
  let sent = 0;
  let rejected = 0;
  let failed = 0;
  const pass = (state: PassState, nextAttemptAt: string | null = null): SyncPass => ({ state, sent, rejected, failed, nextAttemptAt });

  const base = setting(db, SETTING_HQ_URL);
  if (!base) return pass('NOT_CONFIGURED');
  const endpoint = new URL(HQ_PATHS.sessions, base.endsWith('/') ? base : `${base}/`).toString();

  for (let n = 0; n < maxPerPass; n++) {
    const row = db.select(OUTBOX_COLUMNS).from(schema.outbox).where(eq(schema.outbox.status, 'PENDING')).orderBy(asc(schema.outbox.id)).limit(1).get();
    if (!row) return pass('IDLE');
    const at = now();
    // Not due yet, unless the schedule lies beyond any backoff we could have set (the clock was moved back).
    if (row.nextAttemptAt && row.nextAttemptAt > at.toISOString() && Date.parse(row.nextAttemptAt) - at.getTime() <= capMs) {
      return pass('BACKING_OFF', row.nextAttemptAt);
    }

    let outcome: Outcome;
    try {
      const registerCode = registerCodeOfSession(db, row.sessionId);
      const key = options.keyFor ? options.keyFor(registerCode) : setting(db, settingKeyFor(registerCode));
      if (!key) {
        outcome = { kind: 'retry', error: `NOT_CONFIGURED: no HQ key for register ${registerCode} (setting ${settingKeyFor(registerCode)})` };
      } else {
        const { body, head } = outboundOf(db, row);
        const headers = { 'content-type': 'application/json', authorization: `Bearer ${key}`, 'idempotency-key': row.idempotencyKey };
        try {
          outcome = classify(await post(endpoint, body, headers, timeoutMs), row.sessionId, head);
        } catch (e) {
          outcome = { kind: 'retry', error: describeError(e) };
        }
      }
    } catch (e) {
      outcome = { kind: 'retry', error: `LOCAL: ${e instanceof Error ? e.message : String(e)}` };
    }

    const done = now().toISOString();
    const pending = and(eq(schema.outbox.id, row.id), eq(schema.outbox.status, 'PENDING'));
    switch (outcome.kind) {
      case 'sent':
        db.update(schema.outbox)
          .set({ status: 'SENT', sentAt: done, receipt: JSON.stringify(outcome.receipt), lastError: null, nextAttemptAt: null, attempts: row.attempts + 1, bundle: null })
          .where(pending)
          .run();
        sent++;
        continue;
      case 'rejected':
        db.update(schema.outbox).set({ status: 'REJECTED', lastError: outcome.error, nextAttemptAt: null, attempts: row.attempts + 1 }).where(pending).run();
        rejected++;
        continue;
      case 'retry': {
        const attempts = row.attempts + 1;
        const next = new Date(now().getTime() + backoffDelay(attempts, baseMs, capMs, random)).toISOString();
        db.update(schema.outbox).set({ attempts, nextAttemptAt: next, lastError: outcome.error }).where(pending).run();
        failed++;
        return pass('BACKING_OFF', next);
      }
    }
  }
  return pass('MORE');
}
