// Auto-update through electron-updater, only for a packaged app. Invariants: an update problem is logged, never
// thrown (a register without network, the normal case, starts and sells exactly as before); the feed must be https
// (anything else is refused and nothing is downloaded); a downloaded update installs only when the app quits with no
// cash session active on this PC (src/session/updates.ts decides), never mid-shift. Signatures are verified by
// electron-updater (Windows: publisherName in electron-builder.yml; macOS: the app's own signature).
import { app } from 'electron';
import { autoUpdater } from 'electron-updater';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SessionStatus } from '../src/session/state';
import { feedUrlOf, isSecureFeedUrl, updateDecision } from '../src/session/updates';

type Log = (message: string, error?: unknown) => void;

/**
 * Checks the https feed and downloads an update in the background. `sessions` reports the statuses of this PC's
 * sessions (the engine's answer), asked again at quit: the update installs then only if none is active.
 */
export async function checkForUpdates(sessions: () => readonly SessionStatus[], log: Log = console.warn): Promise<void> {
  if (!app.isPackaged) return;
  try {
    const yml = readFileSync(path.join(process.resourcesPath, 'app-update.yml'), 'utf8');
    const url = feedUrlOf(yml);
    if (url === null || !isSecureFeedUrl(url)) {
      log(`[updater] refused: the update feed must be https (got ${url ?? 'none'}); no update is downloaded`);
      return;
    }
    // Use exactly the URL we checked, not whatever the file says later.
    autoUpdater.setFeedURL({ provider: 'generic', url });
    autoUpdater.autoDownload = true;
    autoUpdater.autoInstallOnAppQuit = false;
    let downloaded = false;
    autoUpdater.on('update-downloaded', () => {
      downloaded = true;
    });
    autoUpdater.on('error', (e) => log('[updater] error', e));
    // electron-updater reads autoInstallOnAppQuit when the app quits; decide just before, while the engine is open.
    app.on('before-quit', () => {
      let decision;
      try {
        decision = updateDecision(downloaded, sessions());
      } catch (e) {
        log('[updater] could not read the sessions; not installing', e);
        decision = { install: false } as const;
      }
      autoUpdater.autoInstallOnAppQuit = decision.install;
      if (downloaded && !decision.install) log('[updater] a session is active on this PC: the update waits for a quit with every session closed');
    });
    await autoUpdater.checkForUpdates();
  } catch (e) {
    log('[updater] check failed', e);
  }
}
