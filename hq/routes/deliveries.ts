// POST /v1/sessions: a register delivers a sealed session (src/sync/protocol.ts). Invariants: the key, its role and
// its rate are checked before the body is read; a bundle is stored only after `verifyBundle` passed and only for the
// register its key belongs to; every refused bundle is kept for review with its reason, a capped prefix of its body and
// the whole body's digest; a repeated delivery gets the original receipt. Answers: 201 stored, 200 duplicate, 401,
// 403 wrong register or role, 409 conflict or number taken, 413 too large, 422 did not verify, 429 over the key's rate.
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Receipt } from '../../src/sync/protocol';
import { HQ_PATHS, bundleProblemOf, verifyBundle } from '../../src/sync/protocol';
import type { HqRoutes } from '../http';
import { HttpError, bodyText, keyOwnerOf, sendJson } from '../http';
import { sha256Hex } from '../sha256';
import type { KeyOwner, RejectedInput } from '../store';
import { REJECTED_BODY_PREFIX } from '../store';
import { refuseRewrittenSeal } from '../stream';
import { summarize } from '../summary';

const str = (v: unknown): string | null => (typeof v === 'string' ? v.slice(0, 200) : null);

type RegisterOwner = Extract<KeyOwner, { role: 'REGISTER' }> & { readonly digest: string };
const owners = new WeakMap<FastifyRequest, RegisterOwner>();

export const deliveryRoutes: HqRoutes = (app, ctx) => {
  const { store } = ctx;
  app.post(HQ_PATHS.sessions, {
    config: { access: 'register' },
    bodyLimit: ctx.maxBodyBytes,
    // Before the body is read: a wrong key or a key over its rate costs HQ no reading, verifying or keeping.
    onRequest: async (request) => {
      const owner = keyOwnerOf(request);
      if (owner.role !== 'REGISTER') throw new HttpError(403, 'FORBIDDEN', 'only a register key can deliver sessions');
      const wait = ctx.limiter?.take(owner.digest) ?? 0;
      if (wait > 0) throw new HttpError(429, 'RATE_LIMITED', `too many deliveries for this key; retry in ${wait} s`, undefined, { retryInSeconds: wait });
      owners.set(request, owner);
    },
  }, async (request, reply) => {
    const owner = owners.get(request);
    if (!owner) throw new Error('delivery without its checked key');
    const body = bodyText(request);
    const receivedAt = ctx.now().toISOString();
    const bodyBytes = Buffer.byteLength(body);
    const bodySha256 = createHash('sha256').update(body, 'utf8').digest('hex');
    // Only a prefix of a refused body is kept (whole characters: never a split UTF-16 pair).
    const prefix = body.slice(0, REJECTED_BODY_PREFIX).replace(/[\uD800-\uDBFF]$/, '');
    const keep = async (status: number, reason: string, claimed: Record<string, unknown>, details: Record<string, unknown> | undefined): Promise<void> => {
      const record: RejectedInput = {
        receivedAt,
        reason,
        httpStatus: status,
        sessionId: str(claimed['sessionId']),
        branchCode: str(claimed['branchCode']),
        registerCode: str(claimed['registerCode']),
        senderBranchCode: owner.branchCode,
        senderRegisterCode: owner.registerCode,
        details: details === undefined ? null : JSON.stringify(details),
        body: prefix,
        bodyBytes,
        bodySha256,
      };
      await store.reject(record);
    };

    let parsed: unknown;
    try {
      parsed = JSON.parse(body) as unknown;
    } catch {
      await keep(422, 'MALFORMED', {}, { json: 'not JSON' });
      throw new HttpError(422, 'REJECTED', 'body is not JSON', 'MALFORMED');
    }
    const claimed: Record<string, unknown> = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
    // A key writes only its own register's sessions, whatever the body claims.
    if (
      (claimed['branchCode'] !== undefined && claimed['branchCode'] !== owner.branchCode) ||
      (claimed['registerCode'] !== undefined && claimed['registerCode'] !== owner.registerCode)
    ) {
      await keep(403, 'WRONG_REGISTER', claimed, undefined);
      throw new HttpError(403, 'FORBIDDEN', `this key belongs to ${owner.branchCode}/${owner.registerCode}`, 'WRONG_REGISTER');
    }
    const idem = request.headers['idempotency-key'];
    if (typeof idem === 'string' && idem !== claimed['sessionId']) {
      await keep(422, 'IDEMPOTENCY_KEY_MISMATCH', claimed, { idempotencyKey: idem });
      throw new HttpError(422, 'REJECTED', 'Idempotency-Key must be the session id', 'IDEMPOTENCY_KEY_MISMATCH');
    }
    // zod at the entry: verifyBundle parses the bundle with the protocol's schemas before checking its chain.
    const verified = verifyBundle(sha256Hex, parsed);
    if (!verified.ok) {
      const reason = bundleProblemOf(verified.error);
      await keep(422, reason, claimed, verified.error.details);
      throw new HttpError(422, 'REJECTED', `session did not verify: ${reason}`, reason, verified.error.details);
    }
    const summary = summarize(verified.value);
    const outcome = await store.ingest(verified.value, summary, receivedAt);
    switch (outcome.kind) {
      case 'number_taken':
        await keep(409, 'SESSION_NUMBER_TAKEN', claimed, { sessionNumber: summary.sessionNumber, storedSessionId: outcome.storedSessionId });
        throw new HttpError(409, 'CONFLICT', `HQ already holds session ${summary.sessionNumber} of this register under another id`, 'SESSION_NUMBER_TAKEN', {
          sessionNumber: summary.sessionNumber,
          storedSessionId: outcome.storedSessionId,
        });
      case 'stored':
        return sendJson(reply, 201, outcome.receipt satisfies Receipt);
      case 'duplicate':
        return sendJson(reply, 200, outcome.receipt satisfies Receipt);
      case 'anchor_conflict': {
        // The ledger contradicts what HQ acknowledged while it streamed (hq/stream.ts): tampering, both versions kept.
        await keep(409, 'CHAIN_REWRITTEN', claimed, { seq: outcome.divergence.seq });
        const answer = await refuseRewrittenSeal(store, summary, outcome.divergence, receivedAt);
        return sendJson(reply, answer.status, answer.body);
      }
      case 'conflict':
        await keep(409, 'CHAIN_HEAD_CONFLICT', claimed, { storedHead: outcome.storedHead, receivedHead: verified.value.head });
        throw new HttpError(409, 'CONFLICT', 'HQ already holds this session with a different ledger', 'CHAIN_HEAD_CONFLICT', {
          storedHead: outcome.storedHead,
          receivedHead: verified.value.head,
        });
    }
  });
  // Any other method on the delivery path: 405, as before the port (no key needed to learn that).
  app.route({ method: ['PUT', 'DELETE', 'PATCH'], url: HQ_PATHS.sessions, config: { access: 'public' }, handler: () => {
    throw new HttpError(405, 'NOT_FOUND', 'no such endpoint');
  } });
};
