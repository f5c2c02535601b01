// Test-only: `node --import tsx electron/sync/sync-child.ts <dbFile> <baseMs> <timeoutMs> [batchEntries]` runs the sync loop in its
// own process on the register database, printing `PASS <json>` after each pass, so a test can SIGKILL it mid-send.
import { openDatabase } from '../../db';
import { runSyncLoop } from './loop';

const [file, base, timeout, batch] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: sync-child.ts <dbFile> [baseMs] [timeoutMs]\n');
  process.exit(2);
}
const store = openDatabase(file);
const stop = new AbortController();
process.on('SIGTERM', () => stop.abort());
process.stdout.write(`READY ${process.pid}\n`);
await runSyncLoop(store.db, {
  signal: stop.signal,
  baseMs: Number(base ?? '5'),
  capMs: 50,
  timeoutMs: Number(timeout ?? '5000'),
  batchEntries: Number(batch ?? '200'),
  idleMs: 20,
  onPass: (p) => process.stdout.write(`PASS ${JSON.stringify(p)}\n`),
  onError: (e) => process.stderr.write(`ERROR ${String(e)}\n`),
});
store.close();
