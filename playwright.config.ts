// Browser tests against the built site, served by `vite preview`, in Debian's Chromium.
// Playwright's own browser download does not work on these machines: the executable
// comes from CHROMIUM_PATH (default /usr/bin/chromium, from apt's `chromium` package).
//
// Several runs may share one checkout (people and tools working side by side), so each
// run gets its own port, build folder and artifact folder. The port is chosen once, in
// the runner process, and reaches the worker processes through the environment.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';

process.env.E2E_PORT ??= String(4400 + (process.pid % 1000));
const port = Number(process.env.E2E_PORT);
const outDir = join(tmpdir(), `loyalty-lab-e2e-${port}`);

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: `test-results/e2e/${port}`,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  timeout: 20_000,
  expect: { timeout: 5_000 },
  reporter: [['list'], ['json', { outputFile: process.env.E2E_JSON ?? 'test-results/e2e.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    // The built site registers a service worker that serves files from its cache; tests that
    // change what the server answers (page.route) must see the network. offline.spec allows it.
    serviceWorkers: 'block',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          // Root user, closed network: no sandbox, no GPU, no calls home.
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
  webServer: {
    command: `npx vite build --logLevel warn --outDir ${outDir} --emptyOutDir && npx vite preview --outDir ${outDir} --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
