// `npm run serve -- --data-dir DIR --port PORT [--demo]`: browser mode from the command line. Without --demo an empty
// data folder waits for setup (the renderer shows it); with it the demo store is seeded.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DB_FILE, hqKeys, moveHqKeysOut, openEngine, openFailureMessage, startDailyBackups } from '../engine';
import { FileSecretStore, secretsFileFor } from './secrets';
import { SYNC_TRIGGERS, startSyncWorker } from './sync/thread';
import { createPrintHost } from './printing/host';
import { createRpcServer, listen } from './serve';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: '.data' },
    port: { type: 'string', default: '5180' },
    demo: { type: 'boolean', default: false },
    static: { type: 'string' },
    // The HQ keys file: outside the data folder (default `<data-dir>.secrets.json`, mode 0600), never in a backup.
    'secrets-file': { type: 'string' },
  },
});

const dataDir = path.resolve(values['data-dir']);
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be 0..65535, got ${values.port}`);
  process.exit(2);
}
const staticDir = path.resolve(values.static ?? path.join(process.cwd(), 'dist', 'app'));
try {
  const secrets = new FileSecretStore(path.resolve(values['secrets-file'] ?? secretsFileFor(dataDir)));
  const { engine, seeded, file } = openEngine(dataDir, { demo: values.demo, secrets });
  const moved = moveHqKeysOut(engine.store, secrets);
  if (moved.length > 0) console.log(`HQ keys of ${moved.join(', ')} moved out of the database into ${secrets.file}`);
  // The same sync worker as the desktop app, on its own thread and connection; it idles until an HQ is configured.
  const threadEntry = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), 'sync', 'thread.ts')).href;
  const sync = startSyncWorker(file, {
    script: `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(threadEntry)}); });`,
    eval: true,
    keys: hqKeys(secrets),
    onMessage: (m) => {
      if (m.type === 'error') console.error(`[sync] ${m.message}`);
    },
  });
  engine.afterCommit = (name) => {
    if (name === 'sync.configure' || name === 'setup.enroll') sync.setKeys(hqKeys(secrets));
    if (SYNC_TRIGGERS.has(name)) sync.now();
    else sync.stream();
  };
  // Printing runs here too (network and device printers; system printers need the desktop app).
  const printHost = createPrintHost(engine.store.db);
  // The daily backup to the folder the admin chose (nothing happens until one is chosen).
  const stopBackups = startDailyBackups(engine);
  const server = createRpcServer(engine, { port, staticDir: existsSync(staticDir) ? staticDir : null, afterReply: (name, input, reply) => printHost.afterReply(name, input, reply) });
  const actual = await listen(server, port);
  console.log(`Arqueo (browser mode) at http://127.0.0.1:${actual}/  data: ${file}${seeded ? '  (demo store seeded)' : engine.initialized() ? '' : '  (not set up yet: open the URL to set up the store)'}`);
  if (!existsSync(staticDir)) console.log('Renderer not built; only /rpc is served. Run `npm run build` for the UI.');
  const stop = () =>
    server.close(() => {
      void sync.stop().then(() => {
        stopBackups();
        printHost.close();
        engine.close();
        process.exit(0);
      });
    });
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  console.error(openFailureMessage(e, path.join(dataDir, DB_FILE)));
  process.exit(1);
}
