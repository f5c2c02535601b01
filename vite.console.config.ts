// The HQ console build: Vite root is hq/console/, output dist/console, served by HQ itself (hq/routes/console.ts) at
// / with its assets under /assets/. No inline scripts are emitted, so HQ's strict CSP holds.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('./hq/console', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/console', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: false,
  },
});
