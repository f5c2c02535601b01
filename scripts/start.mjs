// `npm start`: builds the renderer and the Electron bundles, then runs the desktop app. Where Electron's binary was
// never downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD, CI, servers) it says so in one line and points at browser mode.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function electronBinary() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
if (binary === null) {
  console.error('Electron no está instalado en esta máquina (no se descargó su binario). Use el modo navegador: npm run serve -- --demo');
  process.exit(1);
}

run('npx', ['vite', 'build']);
run(process.execPath, [path.join(root, 'scripts', 'build-electron.mjs')]);

// better-sqlite3 is compiled for Node's ABI by `npm install`; Electron needs its own build. Probe it under Electron's
// own Node and rebuild only when it does not load (`npm rebuild better-sqlite3` returns it to Node for `npm test`).
const probe = spawnSync(binary, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], {
  cwd: root,
  env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  stdio: 'ignore',
});
if (probe.status !== 0) run('npx', ['electron-builder', 'install-app-deps']);

const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(binary, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
