// Joining headquarters and pulling its master data: the two commands that talk to HQ (`setup.enroll`, `sync.pull`)
// and the pull the sync worker runs on its own connection. The HTTP client is injected (HqHttp), so the engine itself
// opens no socket of its own choosing and tests drive a real HQ on loopback.
// Invariants: the register key goes only to the SecretStore (never the database, never a backup); enrollment writes the
// identity in one transaction after HQ accepted the code, and only while the store is not set up; each pulled page is
// applied in short time-bounded IMMEDIATE transactions (engine/bulk.ts; bench/pull.ts measures the lock time), each on
// top of the version the previous one recorded and recording the version of its own last change; between chunks the
// write lock is free, so the counter keeps selling during a large first pull; a failed pull leaves the last applied
// copy in place (the register works offline on it).
import type { OpenedDb } from '../db';
import { SETTING_HQ_URL, applyMasterChange, hqEnrollment, masterProgress, masterVersion, recordMasterVersion, saveEnrollment, setting, storeInitialized } from '../db';
import type { BulkOptions, ChunkReport } from './bulk';
import { ChunkedJob, forEachSliced } from './bulk';
import { z } from 'zod';
import type { ChangesPage, Enrollment, MasterChange } from '../src/sync/master';
import { ENROLL_REFUSALS, EnrollmentSchema, MASTER_PAGE_MAX, MASTER_PATHS, MasterChangeSchema } from '../src/sync/master';
import type { ErrorCode } from '../src/contract';
import type { Result } from '../src/result';
import { fail, ok } from '../src/result';
import type { SecretStore } from './secrets';
import { hqKeyName } from './secrets';

/**
 * Changes per HTTP page. A page is applied in several short chunks (engine/bulk.ts), so its size no longer bounds the
 * lock: it bounds the JSON parsed at once (about 0.3 MB, a few milliseconds) and saves round trips.
 */
export const PULL_PAGE = 1000;

export interface HqResponse {
  readonly status: number;
  readonly body: string;
}
/** One HTTP request to HQ; rejects on a network failure or when `timeoutMs` passes. */
export type HqHttp = (method: 'GET' | 'POST', url: string, body: string | null, headers: Readonly<Record<string, string>>, timeoutMs: number) => Promise<HqResponse>;

export const fetchHqHttp: HqHttp = async (method, url, body, headers, timeoutMs) => {
  // Never follow a redirect: it would carry the enrollment code past the https-or-loopback rule to another host.
  const res = await fetch(url, { method, headers, redirect: 'error', signal: AbortSignal.timeout(timeoutMs), ...(body === null ? {} : { body }) });
  return { status: res.status, body: await res.text() };
};

/** Whether `url` names this machine: 127.0.0.0/8, ::1 or localhost (plain http is only acceptable there). */
export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** https anywhere, plain http only to this same machine (a register key travels in every request). */
export function hqUrlAllowed(url: string): boolean {
  return new URL(url).protocol === 'https:' || isLoopbackUrl(url);
}

const endpoint = (base: string, p: string): string => new URL(p.replace(/^\//, ''), base.endsWith('/') ? base : `${base}/`).toString();

export interface PullProgress {
  readonly version: number;
  readonly head: number;
  readonly applied: number;
  /** How long the last chunk's transaction held the write lock, in milliseconds (what the counter may have waited). */
  readonly lastApplyMs: number;
  /** Changes in that chunk. */
  readonly chunkRows: number;
}

export interface PullOutcome extends Omit<PullProgress, 'chunkRows'> {
  readonly complete: boolean;
  /** Why the pull stopped early (network, HQ refusal), or null. */
  readonly error: string | null;
}

export interface PullOptions extends Pick<BulkOptions, 'budgetMs' | 'duty' | 'maxRows'> {
  readonly http?: HqHttp;
  /** The register key by register code (the SecretStore; the worker is handed a copy). */
  readonly keyFor: (registerCode: string) => string | null;
  /** Changes per HTTP page (default PULL_PAGE). */
  readonly pageSize?: number;
  readonly timeoutMs?: number;
  readonly now?: () => Date;
  /** Told after every committed chunk. */
  readonly onProgress?: (p: PullProgress) => void;
  /** Told after every committed chunk, with the chunk's figures (engine/bulk.ts). */
  readonly onChunk?: (c: ChunkReport) => void;
}

/** A page as HQ sent it: the envelope checked, each change still to be checked (in slices, off the lock). */
const RawPageSchema = z.strictObject({ changes: z.array(z.unknown()).max(MASTER_PAGE_MAX), next: z.int().min(0), head: z.int().min(0) });

type Fetched = { readonly ok: true; readonly page: ChangesPage } | { readonly ok: false; readonly error: string };

/**
 * Pulls every change after this register's version: pages of `pageSize` over HTTP (the next page is fetched while this
 * one is applied), each page applied in short time-bounded chunks (engine/bulk.ts), each chunk recording the version of
 * its last change, so the version never runs ahead of the rows it covers and a crash resumes from the last chunk.
 * Returns where it got to; `complete` when it reached HQ's head. Not enrolled: NOT_ENROLLED.
 */
export async function pullMaster(store: OpenedDb, options: PullOptions): Promise<Result<PullOutcome>> {
  const http = options.http ?? fetchHqHttp;
  const now = options.now ?? (() => new Date());
  const pageSize = options.pageSize ?? PULL_PAGE;
  const identity = hqEnrollment(store.db);
  const base = setting(store.db, SETTING_HQ_URL);
  if (!identity || !base) return fail('NOT_ENROLLED');
  const key = options.keyFor(identity.registerCode);
  let { version, head } = masterProgress(store.db);
  let applied = 0;
  let lastApplyMs = 0;
  const stop = (error: string | null): Result<PullOutcome> => ok({ version, head, applied, lastApplyMs, complete: error === null && version >= head, error });
  if (!key) return stop(`no HQ key for register ${identity.registerCode}`);

  const fetchPage = async (after: number): Promise<Fetched> => {
    try {
      const res = await http('GET', `${endpoint(base, MASTER_PATHS.changes)}?after=${after}&limit=${pageSize}`, null, { authorization: `Bearer ${key}` }, options.timeoutMs ?? 30_000);
      if (res.status !== 200) return { ok: false, error: `HTTP ${res.status} ${res.body.slice(0, 200)}` };
      const raw = RawPageSchema.safeParse(JSON.parse(res.body));
      if (!raw.success) return { ok: false, error: `HQ sent a malformed page: ${raw.error.issues[0]?.message ?? ''}` };
      const changes: MasterChange[] = [];
      let bad: string | null = null;
      // Checked change by change in slices, so a large page never holds this thread (the counter's, under invoke).
      await forEachSliced(raw.data.changes, (c) => {
        if (bad !== null) return;
        const parsed = MasterChangeSchema.safeParse(c);
        if (parsed.success) changes.push(parsed.data as MasterChange);
        else bad = parsed.error.issues[0]?.message ?? '';
      });
      if (bad !== null) return { ok: false, error: `HQ sent a malformed page: ${String(bad)}` };
      return { ok: true, page: { changes, next: raw.data.next, head: raw.data.head } };
    } catch (e) {
      return { ok: false, error: `NETWORK: ${e instanceof Error ? e.message : String(e)}` };
    }
  };

  let ahead: { after: number; page: Promise<Fetched> } | null = null;
  for (;;) {
    const fetched: Fetched = ahead !== null && ahead.after === version ? await ahead.page : await fetchPage(version);
    ahead = null;
    if (!fetched.ok) return stop(fetched.error);
    const page: ChangesPage = fetched.page;
    // The next page travels while this one is applied.
    if (page.next < page.head) ahead = { after: page.next, page: fetchPage(page.next) };
    let cursor = version;
    const at = now().toISOString();
    const job = new ChunkedJob<MasterChange>(store.sqlite, page.changes, {
      // Another puller (the worker, or a `sync.pull`) may have applied this far already: then stop and carry on from it.
      begin: () => masterVersion(store.db) === cursor,
      apply: (change) => applyMasterChange(store.db, change, at),
      settle: (done) => {
        cursor = done === page.changes.length ? page.next : (page.changes[done - 1]?.version ?? cursor);
        recordMasterVersion(store.db, cursor, page.head, at);
      },
    }, {
      ...(options.budgetMs === undefined ? {} : { budgetMs: options.budgetMs }),
      ...(options.duty === undefined ? {} : { duty: options.duty }),
      ...(options.maxRows === undefined ? {} : { maxRows: options.maxRows }),
      onChunk: (c) => {
        options.onChunk?.(c);
        applied += c.rows;
        lastApplyMs = c.heldMs;
        version = cursor;
        head = page.head;
        options.onProgress?.({ version, head, applied, lastApplyMs, chunkRows: c.rows });
      },
    });
    try {
      await job.run();
    } catch (e) {
      // The write lock stayed taken past busy_timeout (or the disk refused): nothing of that chunk was written; the
      // next pull asks again from the last recorded version.
      const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
      if (code.startsWith('SQLITE_')) {
        ({ version, head } = masterProgress(store.db));
        return stop(`LOCAL: ${code}`);
      }
      throw e;
    }
    ({ version, head } = masterProgress(store.db));
    if (version >= head && page.next >= page.head) return stop(null);
  }
}

export interface EnrollInput {
  readonly hqUrl: string;
  readonly code: string;
}

/**
 * Enrolls this register at HQ with a one-time code: HQ answers with the register's identity and key; the key goes to
 * `secrets`, the identity and HQ's address to the database (one transaction), then the first pull runs. Refusals:
 * ALREADY_INITIALIZED, INSECURE_HQ_URL, ENROLLMENT_CODE_UNKNOWN/USED/EXPIRED, HQ_UNREACHABLE — none writes anything.
 */
export async function enrollRegister(
  store: OpenedDb,
  secrets: SecretStore,
  input: EnrollInput,
  options: { readonly http?: HqHttp; readonly now?: () => Date; readonly onProgress?: (p: PullProgress) => void },
): Promise<Result<{ enrollment: Omit<Enrollment, 'key' | 'after'>; pull: PullOutcome }>> {
  const http = options.http ?? fetchHqHttp;
  const now = options.now ?? (() => new Date());
  if (storeInitialized(store.db)) return fail('ALREADY_INITIALIZED');
  if (!hqUrlAllowed(input.hqUrl)) return fail('INSECURE_HQ_URL', { url: input.hqUrl });
  let enrollment: Enrollment;
  try {
    const res = await http('POST', endpoint(input.hqUrl, MASTER_PATHS.enroll), JSON.stringify({ code: input.code }), { 'content-type': 'application/json' }, 30_000);
    if (res.status !== 201) {
      const code = (JSON.parse(res.body) as { error?: { code?: string } }).error?.code;
      const refusal = ENROLL_REFUSALS.find((r) => r === code);
      if (refusal) return fail(refusal satisfies ErrorCode);
      // No status and no reason in the reply: before setup nobody is signed in, and what answered at an address (and
      // how) would make enrollment a probe of the network's ports. The log has it.
      console.error(`[enroll] HQ answered ${res.status}`);
      return fail('HQ_UNREACHABLE');
    }
    enrollment = EnrollmentSchema.parse(JSON.parse(res.body));
  } catch (e) {
    console.error('[enroll] cannot reach HQ:', e instanceof Error ? e.message : String(e));
    return fail('HQ_UNREACHABLE');
  }
  const at = now().toISOString();
  const written = store.sqlite
    .transaction(() => {
      // Checked again under the write lock: a sign-up that raced this enrollment wins, and this one writes nothing.
      if (storeInitialized(store.db)) return false;
      saveEnrollment(store.db, { branchCode: enrollment.branchCode, registerCode: enrollment.registerCode, registerId: enrollment.registerId, enrolledAt: at }, SETTING_HQ_URL, input.hqUrl, enrollment.after);
      return true;
    })
    .immediate();
  if (!written) return fail('ALREADY_INITIALIZED');
  secrets.set(hqKeyName(enrollment.registerCode), enrollment.key);
  const pulled = await pullMaster(store, { http, now, keyFor: (code) => secrets.get(hqKeyName(code)), ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
  if (!pulled.ok) throw new Error(`enrolled but cannot pull: ${pulled.error.code}`);
  return ok({ enrollment: { branchCode: enrollment.branchCode, registerCode: enrollment.registerCode, registerId: enrollment.registerId }, pull: pulled.value });
}
