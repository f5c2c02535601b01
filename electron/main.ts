// The Electron main process: opens the engine (migrations applied before any window exists), binds IPC, and shows
// one locked-down window with the built renderer. Invariants: contextIsolation on, nodeIntegration off, sandbox on,
// a strict CSP, no navigation away from our own file, no new windows, no permissions, one instance per data folder.
import { app, BrowserWindow, dialog, ipcMain, safeStorage, session } from 'electron';
import path from 'node:path';
import type { Engine } from '../engine';
import type { SecretStore } from '../engine';
import { DB_FILE, hqKeys, moveHqKeysOut, openEngine, openFailureMessage, sessionStatuses, startDailyBackups } from '../engine';
import { FileSecretStore, SafeStorageSecretStore } from './secrets';
import type { SyncWorkerHandle } from './sync/thread';
import { SYNC_TRIGGERS, startSyncWorker } from './sync/thread';
import type { IpcBinding } from './ipc';
import { bindIpc, isRendererUrl } from './ipc';
import { printHtmlSilently } from './print';
import type { PrintHost } from './printing/host';
import { createPrintHost } from './printing/host';
import { CSP } from './serve';
import { checkForUpdates } from './updater';

const rendererFile = (): string => path.join(app.getAppPath(), 'dist', 'app', 'index.html');
const preloadFile = (): string => path.join(app.getAppPath(), 'dist', 'electron', 'preload.cjs');

let engine: Engine | null = null;
let printHost: PrintHost | null = null;
let sync: SyncWorkerHandle | null = null;
let ipc: IpcBinding | null = null;
let mainWindow: BrowserWindow | null = null;
let stopBackups: (() => void) | null = null;

const migrationsFolder = (): string => path.join(app.getAppPath(), 'db', 'migrations');

/**
 * HQ keys in the OS keychain through safeStorage, in `<userData>/secrets.bin`, outside the data folder (never in a
 * backup). Where the OS offers no encryption (a Linux session without a keyring) they fall back to a 0600 file there.
 */
function openSecrets(): SecretStore {
  const dir = app.getPath('userData');
  if (safeStorage.isEncryptionAvailable()) return new SafeStorageSecretStore(path.join(dir, 'secrets.bin'), safeStorage);
  console.warn('[secrets] OS encryption unavailable: HQ keys kept in a 0600 file outside the data folder');
  return new FileSecretStore(path.join(dir, 'secrets.json'));
}

/**
 * The data folder: `<userData>/data`, or ARQUEO_DATA_DIR (the `_electron` smoke test gives each run an empty one).
 * A first run opens an empty store: the renderer shows setup (a real store, or "probar la demo"), never a seeded demo.
 */
const dataDirOf = (): string => process.env['ARQUEO_DATA_DIR'] ?? path.join(app.getPath('userData'), 'data');

function openStore(secrets: SecretStore): { engine: Engine; file: string } | null {
  const dataDir = dataDirOf();
  try {
    const opened = openEngine(dataDir, { migrationsFolder: migrationsFolder(), secrets });
    moveHqKeysOut(opened.engine.store, secrets);
    return { engine: opened.engine, file: opened.file };
  } catch (e) {
    dialog.showErrorBox('Arqueo', openFailureMessage(e, path.join(dataDir, DB_FILE)));
    return null;
  }
}

function harden(): void {
  const ses = session.defaultSession;
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => {
      if (!isRendererUrl(event.url, rendererFile())) event.preventDefault();
    });
    contents.on('will-redirect', (event) => {
      if (!isRendererUrl(event.url, rendererFile())) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Arqueo',
    backgroundColor: '#f4f5f7',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadFile(),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadFile(rendererFile());
  return win;
}

function shutdown(): void {
  stopBackups?.();
  stopBackups = null;
  ipc?.dispose();
  ipc = null;
  printHost?.close();
  printHost = null;
  // The worker has its own connection; a send cut short here is retried at the next start (HQ dedupes it).
  void sync?.stop();
  sync = null;
  engine?.close();
  engine = null;
}

if (!app.requestSingleInstanceLock()) {
  // One writer per database: a second launch only brings the first window forward.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', shutdown);

  void app.whenReady().then(() => {
    const secrets = openSecrets();
    const store = openStore(secrets);
    if (store === null) {
      app.exit(1);
      return;
    }
    engine = store.engine;
    sync = startSyncWorker(store.file, {
      script: path.join(app.getAppPath(), 'dist', 'electron', 'sync-thread.cjs'),
      migrationsFolder: migrationsFolder(),
      keys: hqKeys(secrets),
    });
    engine.afterCommit = (name) => {
      if (name === 'sync.configure' || name === 'setup.enroll') sync?.setKeys(hqKeys(secrets));
      if (SYNC_TRIGGERS.has(name)) sync?.now();
    else sync?.stream();
    };
    harden();
    const opened = engine;
    stopBackups = startDailyBackups(opened);
    const printer = createPrintHost(opened.store.db, { systemPrint: printHtmlSilently });
    printHost = printer;
    ipc = bindIpc({
      ipcMain,
      engine: opened,
      getWebContents: () => (mainWindow === null || mainWindow.isDestroyed() ? null : mainWindow.webContents),
      rendererFile: rendererFile(),
      afterReply: (name, input, reply) => printer.afterReply(name, input, reply),
    });
    mainWindow = createWindow();
    app.on('activate', () => {
      if (mainWindow === null) mainWindow = createWindow();
    });
    void checkForUpdates(() => sessionStatuses(opened));
  });
}
