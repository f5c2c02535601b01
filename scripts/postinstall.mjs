// Runs after `npm install`. Electron's own install script downloads its binary and fails the whole install when the
// machine is offline; we run it ourselves instead (package.json's allowScripts denies it) and let it fail softly:
// everything but the desktop shell works without the binary, and `npm start` says so in one line.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const installer = path.join('node_modules', 'electron', 'install.js');
if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('arqueo: ELECTRON_SKIP_BINARY_DOWNLOAD is set; Electron binary not downloaded (browser mode works).');
} else if (existsSync(installer)) {
  const r = spawnSync(process.execPath, [installer], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8', timeout: 10 * 60 * 1000 });
  if (r.status !== 0) {
    console.log('arqueo: the Electron binary could not be downloaded (offline?). Browser mode works: npm run serve -- --demo. Retry later with: node node_modules/electron/install.js');
  }
}
