import { defineConfig } from '@playwright/test';

// Debian's Chromium (apt `chromium`): Playwright's own browser download cannot work on these machines.
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  timeout: 30_000,
  reporter: [['list']],
  use: {
    viewport: { width: 1366, height: 768 },
    locale: 'es-BO',
    // The demo store's time zone: times on screen and the report's hours (store time) then agree.
    timezoneId: 'America/La_Paz',
    launchOptions: {
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});
