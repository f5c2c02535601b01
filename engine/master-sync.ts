// Joining headquarters and pulling its master data: the two commands that talk to HQ (`setup.enroll`, `sync.pull`)
// and the pull the sync worker runs on its own connection. The HTTP client is injected (HqHttp), so the engine itself
// opens no socket of its own choosing and tests drive a real HQ on loopback.
// Invariants: the register key goes only to the SecretStore (never the database, never a backup); enrollment writes the
// identity in one transaction after HQ accepted the code, and only while the store is not set up; each pulled page is
// applied in ONE short IMMEDIATE transaction (PULL_CHUNK changes; bench/pull.ts measures the lock time), on top of the version it
// was asked after; between pages the write lock is free, so the counter keeps selling during a large first pull; a
// failed pull leaves the last applied copy in place (the register works offline on it).
import type { OpenedDb } from '../db';
import { SETTING_HQ_URL, applyMasterPage, hqEnrollment, masterProgress, saveEnrollment, setting, storeInitialized } from '../db';
import type { ChangesPage, Enrollment } from '../src/sync/master';
import { ChangesPageSchema, ENROLL_REFUSALS, EnrollmentSchema, MASTER_PATHS } from '../src/sync/master';
import type { ErrorCode } from '../src/contract';
import type { Result } from '../src/result';
import { fail, ok } from '../src/result';
import type { SecretStore } from './secrets';
import { hqKeyName } from './secrets';

/**
 * Changes per page (and per transaction). A page of new products costs the insert, its barcode row and its search-index
 * row each; bench/pull.ts prints every page's lock time. 250 keeps a page's transaction a few tens of milliseconds on
 * a loaded 2-core machine's share (measured: 500 took 70–330 ms at load average 20, about ten times an idle core).
 */
export const PULL_CHUNK = 250;

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
  /** How long the last page's transaction held the write lock, in milliseconds (what the counter may have waited). */
  readonly lastApplyMs: number;
}

export interface PullOutcome extends PullProgress {
  readonly complete: boolean;
  /** Why the pull stopped early (network, HQ refusal), or null. */
  readonly error: string | null;
}

export interface PullOptions {
  readonly http?: HqHttp;
  /** The register key by register code (the SecretStore; the worker is handed a copy). */
  readonly keyFor: (registerCode: string) => string | null;
  readonly chunk?: number;
  readonly timeoutMs?: number;
  readonly now?: () => Date;
  readonly onProgress?: (p: PullProgress) => void;
  /** Yields between pages (default: a macrotask), so other work on this thread runs while a large pull goes on. */
  readonly pause?: () => Promise<void>;
}

const macrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Pulls every change after this register's version, page by page, each page in one short transaction. Returns where
 * it got to; `complete` when it reached HQ's head. Not enrolled: NOT_ENROLLED.
 */
export async function pullMaster(store: OpenedDb, options: PullOptions): Promise<Result<PullOutcome>> {
  const http = options.http ?? fetchHqHttp;
  const now = options.now ?? (() => new Date());
  const chunk = options.chunk ?? PULL_CHUNK;
  const pause = options.pause ?? macrotask;
  const identity = hqEnrollment(store.db);
  const base = setting(store.db, SETTING_HQ_URL);
  if (!identity || !base) return fail('NOT_ENROLLED');
  const key = options.keyFor(identity.registerCode);
  let { version, head } = masterProgress(store.db);
  let applied = 0;
  let lastApplyMs = 0;
  const stop = (error: string | null): Result<PullOutcome> => ok({ version, head, applied, lastApplyMs, complete: error === null && version >= head, error });
  if (!key) return stop(`no HQ key for register ${identity.registerCode}`);
  for (;;) {
    let page: ChangesPage;
    try {
      const res = await http('GET', `${endpoint(base, MASTER_PATHS.changes)}?after=${version}&limit=${chunk}`, null, { authorization: `Bearer ${key}` }, options.timeoutMs ?? 30_000);
      if (res.status !== 200) return stop(`HTTP ${res.status} ${res.body.slice(0, 200)}`);
      const parsed = ChangesPageSchema.safeParse(JSON.parse(res.body));
      if (!parsed.success) return stop(`HQ sent a malformed page: ${parsed.error.issues[0]?.message ?? ''}`);
      page = parsed.data;
    } catch (e) {
      return stop(`NETWORK: ${e instanceof Error ? e.message : String(e)}`);
    }
    const after = version;
    const at = now().toISOString();
    const started = performance.now();
    let done: boolean;
    try {
      done = store.sqlite.transaction(() => applyMasterPage(store.db, { after, changes: page.changes, next: page.next, head: page.head }, at)).immediate();
    } catch (e) {
      // The write lock stayed taken past busy_timeout (or the disk refused): nothing of this page was written; the
      // next pull asks for it again.
      const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
      if (code.startsWith('SQLITE_')) return stop(`LOCAL: ${code}`);
      throw e;
    }
    lastApplyMs = performance.now() - started;
    // Another puller (the worker, or a `sync.pull`) got there first: carry on from where it is.
    ({ version, head } = masterProgress(store.db));
    if (done) applied += page.changes.length;
    options.onProgress?.({ version, head, applied, lastApplyMs });
    if (version >= head && page.next >= page.head) return stop(null);
    await pause();
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
