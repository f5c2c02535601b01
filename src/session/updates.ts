// When an application update may install on this PC: never while a cash session is active on it (an install restarts
// the app mid-shift), and only from an https feed. Pure: the updater asks the engine how many sessions are active.
import type { SessionStatus } from './state';
import { isActive } from './state';

export type UpdateDecision = { readonly install: true } | { readonly install: false; readonly reason: 'NOT_DOWNLOADED' | 'SESSION_ACTIVE' };

/**
 * Whether a downloaded update may install now. `sessions` are the statuses of this PC's sessions (any number; only
 * OPEN, SUSPENDED and COUNTING count as a shift in progress, whoever holds them).
 */
export function updateDecision(downloaded: boolean, sessions: readonly SessionStatus[]): UpdateDecision {
  if (!downloaded) return { install: false, reason: 'NOT_DOWNLOADED' };
  if (sessions.some(isActive)) return { install: false, reason: 'SESSION_ACTIVE' };
  return { install: true };
}

/** Whether `url` may serve updates: https only (an update runs as the cashier with full access to the store). */
export function isSecureFeedUrl(url: string): boolean {
  // Scheme https, then a host name (or [IPv6]) and an optional port, then a path or nothing: no userinfo tricks.
  return /^https:\/\/([A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\])(:\d{1,5})?(\/[^\s]*)?$/.test(url);
}

/** The feed URL electron-builder wrote into app-update.yml (the generic provider's `url:` line), or null. */
export function feedUrlOf(appUpdateYml: string): string | null {
  const m = /^url:\s*['"]?([^'"\s]+)['"]?\s*$/m.exec(appUpdateYml);
  return m?.[1] ?? null;
}
