// Auto-update through electron-updater, only for a packaged app. Invariant: an update problem is logged, never
// thrown: a register without network (the normal case) must start and sell exactly as before.
import { app } from 'electron';
import { autoUpdater } from 'electron-updater';

export async function checkForUpdates(log: (message: string, error?: unknown) => void = console.warn): Promise<void> {
  if (!app.isPackaged) return;
  try {
    autoUpdater.autoInstallOnAppQuit = true;
    autoUpdater.on('error', (e) => log('[updater] error', e));
    await autoUpdater.checkForUpdatesAndNotify();
  } catch (e) {
    log('[updater] check failed', e);
  }
}
