// The register side of live streaming: each pass sends the entries of open sessions that HQ has not acknowledged, one
// batch per request (consecutive entries of one session, oldest session first), and moves the session's anchor to the
// head HQ acknowledges. Runs on the sync worker's thread and connection, after the cashier's command committed: it
// never holds a write lock longer than one anchor update.
// Invariants:
// - at most one request in flight per worker (passes are sequential), so per register; a session's entries go in seq order;
// - exactly once per (session, seq) at HQ: HQ is idempotent by (session, seq) + hash, and the anchor moves only on HQ's
//   answer, so a retry, a lost answer, a restart or a SIGKILL resends the same entries and HQ stores nothing twice;
// - the anchor moves only to a seq whose local hash is the one HQ named; a 409 STREAM_GAP resets it to HQ's head;
// - CHAIN_REWRITTEN, SESSION_NUMBER_TAKEN and 422 refuse the stream for good (not retried); everything else backs off
//   with capped exponential backoff and full jitter, per session, stored so it survives restarts.
import type { Db } from '../../db';
import { SETTING_HQ_URL, localHash, nextBatch, setAnchor, setting, settingKeyFor, streamCandidates, streamFailed, streamRefused } from '../../db';
import { HqErrorSchema } from '../../src/sync/protocol';
import { STREAM_PATHS, StreamAckSchema } from '../../src/sync/stream';
import type { SyncOptions, SyncPass } from './worker';
import { SYNC_DEFAULTS, backoffDelay, describeError, fetchPost } from './worker';

export interface StreamOptions extends SyncOptions {
  /** Most entries per batch (default 200). */
  readonly batchEntries?: number;
}

export const STREAM_DEFAULTS = { batchEntries: 200 } as const;

type Outcome =
  | { readonly kind: 'acked'; readonly seq: number; readonly hash: string }
  | { readonly kind: 'gap'; readonly headSeq: number }
  | { readonly kind: 'refused'; readonly error: string }
  | { readonly kind: 'retry'; readonly error: string };

function classify(status: number, text: string, sessionId: string): Outcome {
  let json: unknown = null;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    json = null;
  }
  if (status >= 200 && status < 300) {
    const ack = StreamAckSchema.safeParse(json);
    if (!ack.success || ack.data.sessionId !== sessionId) return { kind: 'retry', error: `BAD_ACK: HTTP ${status} without a valid acknowledgement` };
    return { kind: 'acked', seq: ack.data.seq, hash: ack.data.hash };
  }
  const err = HqErrorSchema.safeParse(json);
  const reason = err.success ? (err.data.error.reason ?? err.data.error.code) : null;
  const what = err.success ? `${reason}: ${err.data.error.message}` : text.slice(0, 200);
  if (status === 409 && reason === 'STREAM_GAP') {
    const headSeq = err.success ? err.data.error.details?.['headSeq'] : undefined;
    if (typeof headSeq === 'number' && Number.isSafeInteger(headSeq) && headSeq >= 0) return { kind: 'gap', headSeq };
  }
  if (status === 409 || status === 422) return { kind: 'refused', error: `HTTP ${status} ${what}` };
  return { kind: 'retry', error: `HTTP ${status} ${what}` };
}

/**
 * One streaming pass: sends batches of due sessions until every open session is acknowledged to its head (IDLE), the
 * next one backs off (BACKING_OFF), a request fails (that session backs off, the pass ends), or `maxPerPass` requests.
 * `sent` counts acknowledged batches, `rejected` streams refused for good.
 */
export async function streamOnce(db: Db, options: StreamOptions = {}): Promise<SyncPass> {
  const post = options.post ?? fetchPost;
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const baseMs = options.baseMs ?? SYNC_DEFAULTS.baseMs;
  const capMs = options.capMs ?? SYNC_DEFAULTS.capMs;
  const timeoutMs = options.timeoutMs ?? SYNC_DEFAULTS.timeoutMs;
  const maxPerPass = options.maxPerPass ?? SYNC_DEFAULTS.maxPerPass;
  const batchEntries = options.batchEntries ?? STREAM_DEFAULTS.batchEntries;
  let sent = 0;
  let rejected = 0;
  let failed = 0;
  const pass = (state: SyncPass['state'], nextAttemptAt: string | null = null): SyncPass => ({ state, sent, rejected, failed, nextAttemptAt });

  const base = setting(db, SETTING_HQ_URL);
  if (!base) return pass('NOT_CONFIGURED');
  const endpoint = new URL(STREAM_PATHS.entries, base.endsWith('/') ? base : `${base}/`).toString();

  for (let n = 0; n < maxPerPass; n++) {
    const at = now();
    const candidates = streamCandidates(db);
    if (candidates.length === 0) return pass('IDLE');
    // Due: never tried, or its time came, or it lies beyond any backoff we could have set (the clock moved back).
    const due = candidates.find((c) => !c.nextAttemptAt || c.nextAttemptAt <= at.toISOString() || Date.parse(c.nextAttemptAt) - at.getTime() > capMs);
    if (!due) {
      const next = candidates.map((c) => c.nextAttemptAt ?? '').sort()[0] ?? null;
      return pass('BACKING_OFF', next);
    }
    let outcome: Outcome;
    try {
      const key = options.keyFor ? options.keyFor(due.registerCode) : setting(db, settingKeyFor(due.registerCode));
      if (!key) {
        outcome = { kind: 'retry', error: `NOT_CONFIGURED: no HQ key for register ${due.registerCode}` };
      } else {
        const body = JSON.stringify(nextBatch(db, due.sessionId, due.ackedSeq, batchEntries));
        try {
          const res = await post(endpoint, body, { 'content-type': 'application/json', authorization: `Bearer ${key}` }, timeoutMs);
          outcome = classify(res.status, res.body, due.sessionId);
        } catch (e) {
          outcome = { kind: 'retry', error: describeError(e) };
        }
      }
    } catch (e) {
      outcome = { kind: 'retry', error: `LOCAL: ${e instanceof Error ? e.message : String(e)}` };
    }
    const done = now().toISOString();
    switch (outcome.kind) {
      case 'acked':
        // HQ names a head: it must be ours. Another hash at that seq means the local ledger changed under the anchor.
        if (localHash(db, due.sessionId, outcome.seq) !== outcome.hash) {
          outcome = { kind: 'refused', error: `ANCHOR_MISMATCH: HQ acknowledged seq ${outcome.seq} with a hash this ledger does not have` };
          streamRefused(db, due.sessionId, outcome.error);
          rejected++;
          continue;
        }
        setAnchor(db, due.sessionId, outcome.seq, outcome.hash, done);
        sent++;
        continue;
      case 'gap':
        setAnchor(db, due.sessionId, Math.min(outcome.headSeq, due.ledgerSeq), localHash(db, due.sessionId, outcome.headSeq), done);
        continue;
      case 'refused':
        streamRefused(db, due.sessionId, outcome.error);
        rejected++;
        continue;
      case 'retry': {
        const attempts = due.attempts + 1;
        const next = new Date(now().getTime() + backoffDelay(attempts, baseMs, capMs, random)).toISOString();
        streamFailed(db, due.sessionId, attempts, next, outcome.error);
        failed++;
        return pass('BACKING_OFF', next);
      }
    }
  }
  return pass('MORE');
}
