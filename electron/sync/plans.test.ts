// The sync worker's queries (issue 14): its pass (idle, delivering, backing off), the idle tick's idempotency pruning,
// and what the badge and the manager's list read (sync.status, sync.entries) neither scan the outbox nor any other table
// that grows with history (db/query-plans.ts; the commands' own plans are held by engine/query-plans.test.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SETTING_HQ_URL, pruneIdempotency, schema, settingKeyFor, syncEntries, syncStatus } from '../../db';
import { planFaults, record } from '../../db/query-plans';
import type { Harness } from '../../engine/testkit';
import { bobCount, harness } from '../../engine/testkit';
import type { HttpPost } from './worker';
import { syncOnce } from './worker';

let h: Harness;
beforeEach(() => {
  h = harness();
});
afterEach(() => h.close());

describe('the sync worker', () => {
  it('reads the outbox and prunes idempotency through indexes only', async () => {
    const maria = h.login('maria');
    for (let i = 0; i < 3; i++) {
      h.ok('cash.open', { registerId: h.registerId('POS001'), openingAmount: 0, requestId: `plan-open-${i}` }, maria);
      h.ok('cash.close', { count: { denominations: bobCount(0) } }, maria);
    }
    const { db, sqlite } = h.engine.store;
    db.insert(schema.settings).values([{ key: SETTING_HQ_URL, value: 'http://127.0.0.1:9' }, { key: settingKeyFor('POS001'), value: 'k'.repeat(32) }]).run();
    let answer = 503;
    const post: HttpPost = (_url, body) => {
      const sent = JSON.parse(body) as { sessionId: string; entries: { hash: string }[] };
      const head = sent.entries[sent.entries.length - 1]?.hash;
      return Promise.resolve(answer === 200 ? { status: 200, body: JSON.stringify({ sessionId: sent.sessionId, hqSequence: 1, receivedAt: h.now().toISOString(), chainHead: head, duplicate: false }) } : { status: answer, body: '{}' });
    };
    const recorder = record();
    try {
      expect((await syncOnce(db, { post, now: () => h.now() })).state).toBe('BACKING_OFF');
      answer = 200;
      await syncOnce(db, { post, now: () => new Date(h.now().getTime() + 3_600_000) });
      expect((await syncOnce(db, { post, now: () => new Date(h.now().getTime() + 3_600_000) })).state).toBe('IDLE');
      expect(syncStatus(db)).toMatchObject({ pending: 0, sent: 3, rejected: 0 });
      syncEntries(db, {});
      syncEntries(db, { status: 'SENT' });
      pruneIdempotency(db, new Date(h.now().getTime() + 100 * 24 * 3_600_000));
    } finally {
      recorder.stop();
    }
    const { faults, explained } = planFaults(sqlite, recorder.statements.values());
    expect(explained).toBeGreaterThan(5);
    expect(faults.join('\n')).toBe('');
    // The pruning step ran: the three opens' replies and rows are gone.
    expect((sqlite.prepare("SELECT COUNT(*) AS n FROM idempotency WHERE request_id LIKE 'plan-open-%'").get() as { n: number }).n).toBe(0);
  });
});
