// The update policy: installs only when downloaded and no session is active on the PC; feeds are https only.
import { describe, expect, it } from 'vitest';
import { SESSION_STATUSES } from './state';
import { feedUrlOf, isSecureFeedUrl, updateDecision } from './updates';

describe('update policy', () => {
  it('never installs while a session is OPEN, SUSPENDED or COUNTING on the PC', () => {
    for (const active of ['OPEN', 'SUSPENDED', 'COUNTING'] as const) {
      expect(updateDecision(true, ['CLOSED', active])).toEqual({ install: false, reason: 'SESSION_ACTIVE' });
    }
  });

  it('installs a downloaded update when every session is closed or handed over, or there is none', () => {
    expect(updateDecision(true, [])).toEqual({ install: true });
    expect(updateDecision(true, ['CLOSED', 'TRANSFERRED'])).toEqual({ install: true });
    expect(updateDecision(false, [])).toEqual({ install: false, reason: 'NOT_DOWNLOADED' });
    expect(SESSION_STATUSES.filter((s) => updateDecision(true, [s]).install)).toEqual(['CLOSED', 'TRANSFERRED']);
  });

  it('accepts only https feeds', () => {
    expect(isSecureFeedUrl('https://updates.example.com/arqueo/')).toBe(true);
    for (const url of ['http://updates.example.com/arqueo/', 'file:///tmp/feed', 'ftp://x', '', 'updates.example.com', '${env.ARQUEO_UPDATE_URL}']) {
      expect([url, isSecureFeedUrl(url)]).toEqual([url, false]);
    }
  });

  it('reads the feed from app-update.yml', () => {
    expect(feedUrlOf('provider: generic\nurl: https://updates.example.com/arqueo/\nupdaterCacheDirName: arqueo-updater\n')).toBe('https://updates.example.com/arqueo/');
    expect(feedUrlOf("provider: generic\nurl: 'http://x.example/'\n")).toBe('http://x.example/');
    expect(feedUrlOf('provider: generic\n')).toBeNull();
  });
});
