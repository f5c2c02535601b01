// Bundles the Electron main process and preload into CommonJS (`dist/electron/main.cjs`, `dist/electron/preload.cjs`).
// The sources are ESM and db/open.ts reads `import.meta.url` for its default migrations folder; CommonJS has no
// import.meta, so it is defined from __filename (main passes its migrations folder explicitly anyway).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const production = process.env.NODE_ENV === 'production' || process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron', 'better-sqlite3', 'electron-updater'],
  sourcemap: production ? false : 'linked',
  minify: false,
  logLevel: 'warning',
  absWorkingDir: root,
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['electron/main.ts'],
    outfile: 'dist/electron/main.cjs',
    define: { 'import.meta.url': '__arqueo_import_meta_url' },
    banner: { js: "const __arqueo_import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  }),
  build({
    ...common,
    entryPoints: ['electron/sync/thread.ts'],
    outfile: 'dist/electron/sync-thread.cjs',
    define: { 'import.meta.url': '__arqueo_import_meta_url' },
    banner: { js: "const __arqueo_import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  }),
  build({
    ...common,
    entryPoints: ['electron/preload.ts'],
    outfile: 'dist/electron/preload.cjs',
    // A sandboxed preload may only require 'electron' (and a few polyfilled modules): everything else is bundled.
    external: ['electron'],
  }),
]);
console.log('electron: dist/electron/main.cjs, dist/electron/preload.cjs, dist/electron/sync-thread.cjs');
