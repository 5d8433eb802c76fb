// Playwright: the end-to-end suite against the production build (`next start`) on 127.0.0.1:3200, in the Chromium
// scripts/find-browser.mjs finds, on a fresh database per run. See docs/testing.md.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { defineConfig } from '@playwright/test';
import { E2E_PORT_BASE, NEXT_BIN, newDataDir, pruneDataDirs, serverEnv } from './e2e/support/test-server';

const PORT = E2E_PORT_BASE;
const baseURL = `http://127.0.0.1:${PORT}`;
const isCI = !!process.env.CI;

// The config is evaluated by the runner and again by every worker: the runner picks the data directory and
// hands it to the workers through the environment, so there is exactly one fresh database per run. Other tools load
// this file too (knip, an editor's Playwright plugin): only `playwright test` prunes old runs' directories, so a lint
// beside a running suite never deletes its server's database.
if (!process.env.ORBIT_E2E_DATA_DIR) {
  const isTestRun = /playwright/.test(process.argv[1] ?? '') && process.argv.includes('test');
  if (isTestRun) pruneDataDirs();
  process.env.ORBIT_E2E_DATA_DIR = newDataDir('run');
}
const dataDir = process.env.ORBIT_E2E_DATA_DIR;
// Everything the shared server prints, for the clean-log check after the suite (scripts/check-server-log.mjs).
const serverLog = (process.env.ORBIT_E2E_SERVER_LOG ||= `${dataDir}/server.log`);

type Browser = { found: true; source: string; executablePath: string; args: string[]; userAgent: string } | { found: false; reason: string };

/** scripts/find-browser.mjs decides (run once by the runner; workers reuse its answer through the environment). */
function findBrowser(): Browser {
  if (!process.env.ORBIT_E2E_BROWSER) {
    let out: string;
    try {
      out = execFileSync(process.execPath, ['scripts/find-browser.mjs', '--json'], { cwd: __dirname, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      out = (error as { stdout?: string }).stdout ?? '';
    }
    process.env.ORBIT_E2E_BROWSER = out.trim() || JSON.stringify({ found: false, reason: 'scripts/find-browser.mjs printed nothing' });
  }
  return JSON.parse(process.env.ORBIT_E2E_BROWSER) as Browser;
}

const browser = findBrowser();
if (!browser.found) throw new Error(`${browser.reason}\n(npm test installs one automatically when run as root.)`);

export default defineConfig({
  testDir: 'e2e',
  outputDir: '.test-results/playwright-artifacts',
  fullyParallel: true,
  forbidOnly: isCI,
  retries: isCI ? 1 : 0,
  workers: Math.max(1, Math.min(2, os.availableParallelism())),
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [
    ['list'],
    ['json', { outputFile: '.test-results/playwright.json' }],
    ...(isCI ? [] : [['html', { open: 'never', outputFolder: 'playwright-report' }] as const]),
  ],
  use: {
    baseURL,
    browserName: 'chromium',
    headless: true,
    // A normal desktop Chrome UA: posthog-js drops events from `HeadlessChrome` as bot traffic.
    userAgent: browser.userAgent,
    locale: 'en-US',
    timezoneId: 'UTC',
    viewport: { width: 1280, height: 800 },
    launchOptions: { executablePath: browser.executablePath, args: browser.args },
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
    // Recording a trace costs CPU in every test; on CI a failing test is retried once with the trace on (a flaky one
    // keeps its trace too), locally every failure keeps one.
    trace: isCI ? 'on-first-retry' : 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    // The projects without dependencies run first, side by side on the two workers; the longest (hosts-down) is listed
    // first so it starts first and the other worker takes the rest of them meanwhile.
    { name: 'hosts-down', testMatch: /hosts-down\.spec\.ts/, workers: 1 },
    // Checks the server is healthy and warms the pages once, so the first real test is not the one paying for it.
    { name: 'setup', testMatch: /.*\.setup\.ts/ },
    { name: 'chromium', testMatch: /.*\.spec\.ts/, testIgnore: /(restart|postgres|relay|hosts-down|crash)\.spec\.ts/, dependencies: ['setup'] },
    // Starts and stops its own server on port E2E_PORT_BASE + 1; independent of the shared one.
    { name: 'restart', testMatch: /restart\.spec\.ts/ },
    // Its own servers on + 20 … + 22 (kill -9, two servers on one directory); in the first phase beside hosts-down.
    { name: 'crash', testMatch: /crash\.spec\.ts/ },
    // Servers with real (fake) backends configured (e2e/support/relay-config.ts), one project per fake host so the two
    // run side by side: relay.spec (server on + 7, fake host + 8), hosts-down.spec (server on + 30 and + 31, fake host
    // + 9). Each spec's tests share its fake host and its server, so they run one at a time.
    { name: 'relay', testMatch: /relay\.spec\.ts/, workers: 1 },
    // Two servers of its own (E2E_PORT_BASE + 10, + 11) on the PostgreSQL scripts/test.mjs starts (docs/testing.md).
    { name: 'postgres', testMatch: /postgres\.spec\.ts/ },
    // Last: searches everything the collector stored during the run for the secrets the tests typed.
    { name: 'privacy-scan', testMatch: /privacy\.scan\.ts/, dependencies: ['chromium'] },
    // After the suite: every catalog event was received, from the side the catalog says (lib/analytics/catalog.ts).
    { name: 'catalog-coverage', testMatch: /catalog-coverage\.scan\.ts/, dependencies: ['chromium'] },
    // After the suite: no stored event raised an event-health finding; prints how many events were checked.
    { name: 'event-health', testMatch: /health\.scan\.ts/, dependencies: ['chromium'] },
  ],
  webServer: {
    command: `"${process.execPath}" e2e/support/tee-server.mjs "${serverLog}" "${process.execPath}" "${NEXT_BIN}" start -H 127.0.0.1 -p ${PORT}`,
    url: `${baseURL}/api/health`,
    env: serverEnv({ port: PORT, dataDir }),
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
  },
});
