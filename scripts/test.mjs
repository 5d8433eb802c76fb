#!/usr/bin/env node
// `npm test`: typecheck → lint → unit tests → production build → size budget → Playwright against `next start`.
// Stops at the first failing stage, prints every runner's own output, and ends with ONE line
// `N passed, N failed[, N skipped]` counting unit + end-to-end tests (read from the runners' JSON reports).
//
//   npm test                                  everything (what CI runs)
//   npm test -- --only=e2e                    just the Playwright suite (reuses the build; builds if none)
//   npm test -- --only=typecheck,lint,unit    the fast stages
//   npm test -- --skip-build                  everything but the build (needs an existing build)
//   npm test -- --only=e2e e2e/auth.spec.ts   extra arguments go to Playwright (`-- --grep …` works too)
//
// A failing stage that is not a test runner (typecheck, lint, build, size, browser) counts as one failure, so the
// summary line never looks green when something broke. See docs/testing.md.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkServerLog } from './check-server-log.mjs';
import { ensureBrowser } from './find-browser.mjs';
import { startPostgres } from './find-postgres.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = path.join(ROOT, '.test-results');
const VITEST_JSON = path.join(RESULTS, 'vitest.json');
const PLAYWRIGHT_JSON = path.join(RESULTS, 'playwright.json');
const SERVER_LOG = path.join(RESULTS, 'e2e-server.log');
const require = createRequire(path.join(ROOT, 'package.json'));

const STAGES = ['typecheck', 'lint', 'unit', 'build', 'size', 'e2e'];

/**
 * What each stage should take on the reference machine (2 cores, docs/testing.md "Stage budgets"), in seconds. Over
 * budget prints a warning, never a failure: timings are noisy on shared machines. ORBIT_TEST_BUDGET_SCALE=2 doubles
 * them on a slower machine.
 */
const BUDGET_S = { typecheck: 30, lint: 50, unit: 180, build: 90, size: 5, e2e: 330 };

/** Keys that would point a test build or server at real backends; empty means "off" in lib/env.ts and beats .env files. */
const CLOUD_KEYS = [
  'NEXT_PUBLIC_POSTHOG_KEY',
  'NEXT_PUBLIC_POSTHOG_HOST',
  'NEXT_PUBLIC_SENTRY_DSN',
  'SENTRY_DSN',
  'SENTRY_AUTH_TOKEN',
  'STRIPE_SECRET_KEY',
];

function usage(message) {
  if (message) console.error(`test.mjs: ${message}\n`);
  console.error(`usage: node scripts/test.mjs [--only=${STAGES.join(',')}] [--skip=<stages>] [--skip-build] [playwright args…]`);
  process.exit(2);
}

function parseStageList(value, flag) {
  const list = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const s of list) if (!STAGES.includes(s)) usage(`unknown stage "${s}" in ${flag} (stages: ${STAGES.join(', ')})`);
  return list;
}

function parseArgs(argv) {
  let only = null;
  const skip = new Set();
  const playwrightArgs = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      playwrightArgs.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '--help' || arg === '-h') usage();
    else if (arg.startsWith('--only=')) only = parseStageList(arg.slice(7), '--only');
    else if (arg.startsWith('--skip=')) for (const s of parseStageList(arg.slice(7), '--skip')) skip.add(s);
    else if (arg === '--skip-build') skip.add('build');
    else playwrightArgs.push(arg);
  }
  const selected = STAGES.filter((s) => (only ? only.includes(s) : true) && !skip.has(s));
  if (selected.length === 0) usage('no stage selected');
  if (playwrightArgs.length && !selected.includes('e2e')) usage(`extra arguments (${playwrightArgs.join(' ')}) only apply to the e2e stage`);
  return { selected, playwrightArgs };
}

/** The JS entry of a package's CLI, run with this Node (no npx, no shell). */
function bin(pkg, name) {
  // A package whose `exports` leaves out package.json (knip) is read where npm installs it.
  let manifestPath = path.join(ROOT, 'node_modules', pkg, 'package.json');
  try {
    manifestPath = require.resolve(`${pkg}/package.json`);
  } catch (error) {
    if (error.code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED') throw error;
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const rel = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[name ?? pkg];
  if (!rel) throw new Error(`${pkg} has no "${name}" binary`);
  return path.join(path.dirname(manifestPath), rel);
}

/** Children running now (more than one while lint runs alongside typecheck). */
const running = new Set();
let interrupted = null;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (interrupted) process.exit(130);
    interrupted = signal;
    console.error(`\ntest.mjs: ${signal} received, waiting for the current stage to stop…`);
    // Ctrl-C already reached the child through the terminal's process group; SIGTERM did not.
    if (signal === 'SIGTERM') for (const child of running) child.kill(signal);
    if (running.size === 0) process.exit(130);
  });
}

/** Runs a child to completion; with `capture`, its output goes to that function instead of the terminal. */
function run(command, args, env, { capture } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit', env });
    if (capture) {
      child.stdout.on('data', capture);
      child.stderr.on('data', capture);
    }
    running.add(child);
    child.on('error', (error) => {
      running.delete(child);
      console.error(`test.mjs: could not start ${command}: ${error.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => {
      running.delete(child);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function vitestCounts() {
  const r = readJson(VITEST_JSON);
  if (!r) return null;
  return { passed: r.numPassedTests ?? 0, failed: r.numFailedTests ?? 0, skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0) };
}

function playwrightCounts() {
  const r = readJson(PLAYWRIGHT_JSON);
  if (!r?.stats) return null;
  const s = r.stats;
  return { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: s.unexpected ?? 0, skipped: s.skipped ?? 0, flaky: s.flaky ?? 0 };
}

/**
 * `.ci/run` installs the system packages (Chromium, PostgreSQL) in the background while `npm ci` and the first stages
 * run, and names the file it writes their exit code to in ORBIT_SYSTEM_PACKAGES_DONE (its output in
 * ORBIT_SYSTEM_PACKAGES_LOG): the stages that need them wait here. Unset (a developer's run): nothing to wait for.
 */
let systemPackages;
function systemPackagesReady() {
  const done = process.env.ORBIT_SYSTEM_PACKAGES_DONE;
  if (!done) return Promise.resolve();
  systemPackages ??= (async () => {
    const started = Date.now();
    while (!existsSync(done) || readFileSync(done, 'utf8').trim() === '') await new Promise((r) => setTimeout(r, 500));
    const code = Number(readFileSync(done, 'utf8').trim());
    const log = process.env.ORBIT_SYSTEM_PACKAGES_LOG;
    const output = log && existsSync(log) ? readFileSync(log, 'utf8') : '';
    const waited = Date.now() - started > 1000 ? ` (waited ${seconds(Date.now() - started)} for them)` : '';
    console.log(`\nSystem packages (installed by .ci/run alongside the first stages)${waited}:\n${output.trim().split('\n').slice(-8).join('\n')}`);
    if (code !== 0) {
      console.error(`.ci/run could not install the system packages (exit code ${code}); see above.`);
      console.log('0 passed, 1 failed');
      process.exit(1);
    }
  })();
  return systemPackages;
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;

async function main() {
  const { selected, playwrightArgs } = parseArgs(process.argv.slice(2));
  const distDir = process.env.NEXT_DIST_DIR || '.next';
  const baseEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  // The test build and server never talk to real PostHog/Sentry/Stripe, whatever .env.local says (the build reads
  // none of them: the configuration is read when a server starts; blanked anyway, and LOCAL_INBOX=1 as on the e2e
  // server, e2e/support/test-server.ts).
  const isolatedEnv = { ...baseEnv, ...Object.fromEntries(CLOUD_KEYS.map((k) => [k, ''])), LOCAL_INBOX: '1' };

  // A throwaway PostgreSQL cluster for the `postgres` Playwright project and the migrator test, removed at exit
  // (scripts/find-postgres.mjs), started before the first stage that uses it (typecheck and lint do not, so on CI
  // the system packages can still be installing meanwhile). Without one a developer's run skips those tests and says
  // why; CI must have one.
  let postgresStarted = false;
  async function ensurePostgres() {
    if (postgresStarted) return;
    postgresStarted = true;
    await systemPackagesReady();
    try {
      const pg = await startPostgres();
      baseEnv.ORBIT_TEST_DATABASE_URL = isolatedEnv.ORBIT_TEST_DATABASE_URL = pg.url;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (process.env.CI) {
        console.error(`PostgreSQL could not be started, and CI runs the PostgreSQL tests:\n${reason}`);
        console.log('0 passed, 1 failed');
        process.exit(1);
      }
      console.log(`PostgreSQL tests skipped: ${reason}`);
      baseEnv.ORBIT_TEST_POSTGRES_SKIPPED = isolatedEnv.ORBIT_TEST_POSTGRES_SKIPPED = reason;
    }
  }

  mkdirSync(RESULTS, { recursive: true });
  rmSync(VITEST_JSON, { force: true });
  rmSync(PLAYWRIGHT_JSON, { force: true });

  const totals = { passed: 0, failed: 0, skipped: 0 };
  const timings = [];
  let failedStage = null;
  let serverLogFailed = false;

  // The build skips Next's own type check when this run's typecheck stage has just passed on the same tree.
  let typesChecked = false;
  const buildEnv = () => ({ ...isolatedEnv, NODE_ENV: 'production', ...(typesChecked ? { ORBIT_TYPES_CHECKED: '1' } : {}) });

  const stages = {
    typecheck: (opts) => run(process.execPath, [bin('typescript', 'tsc'), '--noEmit'], baseEnv, opts),
    // ESLint (import boundaries included), then knip: no unused file, export or dependency, and (production mode) no
    // file under app/ or lib/ that only tests import (knip.jsonc). Same commands as `npm run lint`.
    lint: async (opts) => {
      const steps = [
        [bin('eslint'), '--max-warnings', '0', '.'],
        [bin('knip'), '--no-progress'],
        [bin('knip'), '--no-progress', '--production', '--files'],
      ];
      for (const args of steps) {
        const code = await run(process.execPath, args, baseEnv, opts);
        if (code !== 0) return code;
      }
      return 0;
    },
    unit: async () => {
      await ensurePostgres();
      return run(
        process.execPath,
        [bin('vitest'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${path.relative(ROOT, VITEST_JSON)}`],
        { ...baseEnv, NODE_ENV: 'test' },
      );
    },
    build: () => run(process.execPath, [bin('next'), 'build'], buildEnv()),
    // First-load JS of `/` from the build output against bench/size-budget.json (docs/performance.md).
    size: async () => {
      if (!existsSync(path.join(ROOT, distDir, 'BUILD_ID'))) {
        if (selected.includes('build')) {
          console.error(`No production build in ${distDir}/ after the build stage.`);
          return 1;
        }
        console.log(`No production build in ${distDir}/ yet — building it first (next build).`);
        const code = await run(process.execPath, [bin('next'), 'build'], buildEnv());
        if (code !== 0) return code;
      }
      return run(process.execPath, [path.join(ROOT, 'scripts', 'size-budget.mjs'), '--dist', distDir], baseEnv);
    },
    e2e: async () => {
      await ensurePostgres();
      // The browser first: no point building for a suite that cannot run.
      const browser = ensureBrowser({ install: true });
      if (!browser.found) {
        console.error(browser.reason);
        return 1;
      }
      console.log(`Browser: ${browser.executablePath} (${browser.source})`);
      if (!existsSync(path.join(ROOT, distDir, 'BUILD_ID'))) {
        if (selected.includes('build')) {
          console.error(`No production build in ${distDir}/ after the build stage.`);
          return 1;
        }
        console.log(`No production build in ${distDir}/ yet — building it first (next build).`);
        const code = await run(process.execPath, [bin('next'), 'build'], buildEnv());
        if (code !== 0) {
          console.error('next build failed, so the end-to-end tests cannot run.');
          return code;
        }
      }
      // playwright.config.ts runs the same lookup, so an install above is picked up there too. A --reporter given
      // on the command line replaces the config's reporters: keep the JSON one, the summary is read from it.
      const args = playwrightArgs.map((arg, i) => {
        const isValue = playwrightArgs[i - 1] === '--reporter';
        if (arg.startsWith('--reporter=') && !/\bjson\b/.test(arg)) return `${arg},json`;
        if (isValue && !/\bjson\b/.test(arg)) return `${arg},json`;
        return arg;
      });
      const env = { ...isolatedEnv, PLAYWRIGHT_JSON_OUTPUT_FILE: PLAYWRIGHT_JSON, ORBIT_E2E_SERVER_LOG: SERVER_LOG };
      rmSync(SERVER_LOG, { force: true });
      const code = await run(process.execPath, [bin('@playwright/test', 'playwright'), 'test', ...args], env);
      // No unexpected warning or error in what the shared server printed (scripts/check-server-log.mjs).
      serverLogFailed = checkServerLog(SERVER_LOG) !== 0;
      return code || (serverLogFailed ? 1 : 0);
    },
  };

  const describe = {
    typecheck: 'tsc --noEmit',
    lint: 'eslint --max-warnings 0 . && knip && knip --production --files',
    unit: 'vitest run',
    build: `next build (${distDir}/)`,
    size: `first-load JS of / within bench/size-budget.json (${distDir}/)`,
    e2e: `playwright test against next start${playwrightArgs.length ? ` (${playwrightArgs.join(' ')})` : ''}`,
  };

  // typecheck and lint are single-threaded and independent: lint runs on the other core while tsc runs, and its
  // output is shown when its turn comes.
  const ahead = {};
  if (selected.includes('typecheck') && selected.includes('lint')) {
    let output = '';
    const started = Date.now();
    ahead.lint = stages.lint({ capture: (chunk) => (output += chunk) }).then((code) => ({ code, ms: Date.now() - started, output }));
  }
  const scale = Number(process.env.ORBIT_TEST_BUDGET_SCALE) || 1;

  for (const [i, name] of selected.entries()) {
    console.log(`\n━━ [${i + 1}/${selected.length}] ${name}: ${describe[name]}${ahead[name] ? ' (ran alongside typecheck)' : ''}`);
    const started = Date.now();
    let code;
    let ms;
    if (ahead[name]) {
      const done = await ahead[name];
      process.stdout.write(done.output);
      ({ code, ms } = done);
    } else {
      code = await stages[name]();
      ms = Date.now() - started;
    }
    if (name === 'typecheck' && code === 0) typesChecked = true;
    if (interrupted) {
      console.error(`test.mjs: stopped by ${interrupted} during "${name}".`);
      console.log(`${totals.passed} passed, ${totals.failed + 1} failed`);
      process.exit(130);
    }
    timings.push({ name, ms, code });

    const counts = name === 'unit' ? vitestCounts() : name === 'e2e' ? playwrightCounts() : null;
    // A dirty server log counts as one failed test of the e2e stage.
    if (name === 'e2e' && counts && serverLogFailed) counts.failed += 1;
    if (counts) {
      totals.passed += counts.passed;
      totals.failed += counts.failed;
      totals.skipped += counts.skipped;
    }
    const runner = name === 'unit' || name === 'e2e';
    if (code !== 0) {
      // A runner that crashed (config error, no tests, unhandled error) without reporting a failing test, or a
      // non-runner stage, still counts as a failure.
      if (!runner || !counts || counts.failed === 0) totals.failed += 1;
      failedStage = { name, code };
      console.error(`\n✗ Stage "${name}" failed (exit code ${code}) after ${seconds(ms)}; later stages were not run.`);
      console.error(`  Re-run just this stage with: npm test -- --only=${name}`);
      break;
    }
    const budgetMs = BUDGET_S[name] * 1000 * scale;
    if (ms > budgetMs) console.log(`⚠ ${name} took ${seconds(ms)}, over its budget of ${seconds(budgetMs)} (a warning, not a failure: see docs/testing.md, "Stage budgets")`);
    console.log(`✓ ${name} passed in ${seconds(ms)} (budget ${seconds(budgetMs)})${counts ? ` (${counts.passed} passed${counts.skipped ? `, ${counts.skipped} skipped` : ''}${counts.flaky ? `, ${counts.flaky} flaky` : ''})` : ''}`);
  }

  // A stage started ahead (lint) still running after an earlier stage failed: let it finish, never orphan it.
  await Promise.allSettled(Object.values(ahead));
  console.log(`\nStages: ${timings.map((t) => `${t.name} ${seconds(t.ms)}${t.code === 0 ? '' : ' ✗'}`).join(' · ')}`);
  if (failedStage) console.log(`Failed at stage "${failedStage.name}".`);
  console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
  process.exit(failedStage || totals.failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
