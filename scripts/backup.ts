// `npm run backup -- --data-dir DIR --out FILE`: a consistent online copy of the register database, safe while the
// app runs (SQLite's backup API, not a file copy of a WAL database).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { backupDatabase, openDatabase } from '../db';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string', default: '.data' }, out: { type: 'string' } } });
const source = path.resolve(values['data-dir'], 'arqueo.db');
const target = path.resolve(values.out ?? `arqueo-backup-${new Date().toISOString().replace(/[:.]/g, '-')}.db`);
const store = openDatabase(source, { readonly: true });
await backupDatabase(store.sqlite, target);
store.close();
console.log(`backup of ${source} written to ${target}`);
