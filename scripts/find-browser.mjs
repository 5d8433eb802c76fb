#!/usr/bin/env node
// Finds the Chromium the end-to-end tests drive, and installs one when allowed. Order:
//   1. CHROMIUM_PATH or PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH (an explicit choice always wins),
//   2. Playwright's own browser, when `npx playwright install chromium` has downloaded it,
//   3. the system Chromium (/usr/bin/chromium, Debian's package; also chromium-browser / google-chrome),
//   4. `apt-get update && apt-get install -y chromium` — only with { install: true } and only as root.
// Used by playwright.config.ts (executablePath + launch args) and scripts/test.mjs (installs before the e2e stage).
//
// CLI: node scripts/find-browser.mjs [--install] [--json]
//   prints the browser found (exit 0) or why none could be had (exit 1). `--json` adds the user agent to use;
//   playwright.config.ts reads that (Playwright's TypeScript loader cannot import an .mjs from a CommonJS project).
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

const SYSTEM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome'];

/**
 * Flags for a distribution Chromium in a container: no setuid sandbox, no GPU, and none of the background
 * traffic (component updates, sync, field trials) that would make runs slower and less repeatable.
 */
export const SYSTEM_CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Always on, whatever the browser: without it `navigator.webdriver` is true and posthog-js drops every event as a
 * bot. Tests must look like a real browser; bot filtering in the product stays on.
 */
export const REAL_BROWSER_ARGS = ['--disable-blink-features=AutomationControlled'];

/**
 * A normal desktop Chrome user agent. Headless Chromium announces itself as `HeadlessChrome`, which posthog-js
 * (rightly) treats as a bot; every test context uses this instead.
 */
export const DESKTOP_CHROME_USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The browser Playwright would download for this version, if it is on disk. */
function playwrightOwnChromium() {
  try {
    const { chromium } = require('playwright-core');
    const file = chromium.executablePath();
    return file && existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

function describeNone() {
  return [
    'No Chromium for the end-to-end tests could be found.',
    '  Looked for: $CHROMIUM_PATH, $PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH, Playwright\'s own browser',
    `  (npx playwright install chromium), ${SYSTEM_CANDIDATES.join(', ')}.`,
    '  Fix: `npx playwright install chromium`, or `sudo apt-get install -y chromium` (Debian/Ubuntu),',
    '  or point CHROMIUM_PATH at a Chromium/Chrome binary.',
  ].join('\n');
}

/**
 * Looks for a browser without installing anything.
 * @returns {{ found: true, source: 'env' | 'playwright' | 'system', executablePath: string, args: string[] } | { found: false, reason: string, explicit?: boolean }}
 */
export function findBrowser() {
  for (const name of ['CHROMIUM_PATH', 'PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH']) {
    const file = process.env[name];
    if (!file) continue;
    if (!isExecutable(file)) return { found: false, explicit: true, reason: `${name}=${file} is not an executable file.` };
    return { found: true, source: 'env', executablePath: path.resolve(file), args: [...SYSTEM_CHROMIUM_ARGS, ...REAL_BROWSER_ARGS] };
  }
  const own = playwrightOwnChromium();
  if (own) return { found: true, source: 'playwright', executablePath: own, args: [...REAL_BROWSER_ARGS] };
  for (const file of SYSTEM_CANDIDATES) {
    if (isExecutable(file)) return { found: true, source: 'system', executablePath: file, args: [...SYSTEM_CHROMIUM_ARGS, ...REAL_BROWSER_ARGS] };
  }
  return { found: false, reason: describeNone() };
}

/**
 * Finds a browser; when none is there and `install` is set, installs Debian's chromium with apt-get (root only).
 * @param {{ install?: boolean, log?: (line: string) => void }} [options]
 */
export function ensureBrowser({ install = false, log = (line) => console.log(line) } = {}) {
  const first = findBrowser();
  // A wrong explicit path is a mistake to report, not a reason to install something else.
  if (first.found || first.explicit || !install) return first;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) return { found: false, reason: `${first.reason}\n  (Not running as root, so apt-get install was not attempted.)` };
  if (!isExecutable('/usr/bin/apt-get')) return { found: false, reason: `${first.reason}\n  (No apt-get on this machine.)` };
  log('[find-browser] no Chromium found; running `apt-get update && apt-get install -y chromium` …');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium']]) {
    const run = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (run.status !== 0) return { found: false, reason: `${first.reason}\n  (apt-get ${args.join(' ')} failed with exit code ${run.status}.)` };
  }
  const second = findBrowser();
  return second.found ? second : { found: false, reason: `${second.reason}\n  (apt-get installed chromium but no binary was found afterwards.)` };
}

const isCli = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isCli) {
  const flags = new Set(process.argv.slice(2));
  const result = ensureBrowser({ install: flags.has('--install'), log: (line) => console.error(line) });
  if (flags.has('--json')) {
    console.log(JSON.stringify(result.found ? { ...result, userAgent: DESKTOP_CHROME_USER_AGENT } : result));
  } else if (result.found) {
    console.log(`Chromium (${result.source}): ${result.executablePath}`);
    console.log(`Launch args: ${result.args.join(' ')}`);
  } else {
    console.error(result.reason);
  }
  process.exit(result.found ? 0 : 1);
}
