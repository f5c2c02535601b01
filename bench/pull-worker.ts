// bench/pull.ts's second thread: enrolls a register (its own connection to the register's file) and runs its first
// pull, posting each page's progress, as the sync worker would, while the main thread sells on its own connection.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db';
import { enrollRegister } from '../engine/master-sync';
import { MemorySecretStore } from '../engine/secrets';

const data = workerData as { file: string; hqUrl: string; code: string };
const port = parentPort;
if (!port) throw new Error('run as a worker');
const store = openDatabase(data.file);
const result = await enrollRegister(store, new MemorySecretStore(), { hqUrl: data.hqUrl, code: data.code }, { onProgress: (p) => port.postMessage({ type: 'progress', ...p }) });
store.close();
port.postMessage({ type: 'done', result });
