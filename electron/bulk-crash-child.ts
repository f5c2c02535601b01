// The child of electron/bulk-crash.test.ts: runs one bulk job on a register's data folder and prints a line after every
// committed chunk, until the test kills it with SIGKILL. Job by argv: `import DIR CSVFILE` (products.import as the
// manager, through Engine.invoke as a transport calls it) or `pull DIR` (the catalog pull, with the HQ key in
// ARQUEO_HQ_KEY, as the sync worker runs it on its own connection).
import { readFileSync } from 'node:fs';
import { openDatabase } from '../db';
import { openEngine } from '../engine';
import { pullMaster } from '../engine/master-sync';
import { UNLIMITED_PIN_RATE } from '../engine/testkit';

const [job, dir, csvFile] = process.argv.slice(2);
const say = (line: string) => process.stdout.write(`${line}\n`);
if (job === 'import' && dir && csvFile) {
  const { engine } = openEngine(dir, { pinCost: { N: 1024, r: 8, p: 1 }, pinRate: UNLIMITED_PIN_RATE, bulk: { maxRows: 20, onChunk: (_job, c) => say(`chunk ${c.done}`) } });
  const login = engine.dispatch('auth.login', { username: 'gerente', pin: '2222' }, null);
  if (!login.ok) throw new Error(JSON.stringify(login.error));
  const reply = await engine.invoke('products.import', { csv: readFileSync(csvFile, 'utf8') }, (login.data as { token: string }).token);
  say(`done ${JSON.stringify(reply)}`);
} else if (job === 'pull' && dir) {
  const store = openDatabase(`${dir}/arqueo.db`);
  const r = await pullMaster(store, { keyFor: () => process.env['ARQUEO_HQ_KEY'] ?? null, maxRows: 20, onChunk: (c) => say(`chunk ${c.done}`) });
  say(`done ${JSON.stringify(r)}`);
} else {
  throw new Error('usage: import DIR CSVFILE | pull DIR');
}
