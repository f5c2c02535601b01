// `npm run backup -- --data-dir DIR [--out FILE]`: a consistent online copy of the register database, safe while the
// app runs (SQLite's backup API through db/backup.ts `writeBackup`, the same function as "Copia ahora" in the app).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { backupFileName, firstBranch, openDatabase, writeBackup } from '../db';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string', default: '.data' }, out: { type: 'string' } } });
const source = path.resolve(values['data-dir'], 'arqueo.db');
const store = openDatabase(source, { readonly: true });
const target = path.resolve(values.out ?? backupFileName(firstBranch(store.db)?.code ?? 'SIN-CONFIGURAR', new Date()));
const bytes = await writeBackup(store.sqlite, target);
store.close();
console.log(`backup of ${source} written to ${target} (${bytes} bytes)`);
