import { defineConfig } from '@playwright/test';

// End-to-end tests: a real `comune` server (started by e2e/global-setup.ts on a free port with a
// temporary data folder, the demo seeded, mail written to files) serving the built client, driven
// in Debian's Chromium. No browser is downloaded: CHROMIUM_PATH or /usr/bin/chromium.
export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // Generous: the machine may be busy compiling; axe runs take a few seconds each.
  timeout: 180_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    baseURL: process.env.COMUNE_E2E_URL,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      // Containers and CI run as root, where Chromium's sandbox cannot start; the network is
      // closed, so Chromium must not try its own services.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    locale: 'it-IT',
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});
