#!/usr/bin/env node
// `npm run test:quick`: the inner loop. Typecheck, lint of the changed files, and the unit tests related to the
// changed files, in that order, stopping at the first failure. "Changed" means what git sees against HEAD: staged,
// unstaged and untracked files (or, with a ref, everything since the branch left it, plus those).
//
//   npm run test:quick                 uncommitted changes
//   npm run test:quick -- main         the branch's changes since main, plus uncommitted ones
//
// Unit tests: `vitest run --changed`, which runs every test file that imports a changed file, directly or not, and
// the whole suite when a file every test depends on changed (vitest.config.ts `forceRerunTriggers`: package.json,
// the Vitest config and setup, the migrations). Not a substitute for `npm test`: no build, no end-to-end tests.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(ROOT, 'package.json'));
const LINTED = /\.(ts|tsx|js|jsx|mjs|cjs)$/;
/** A change to one of these can change the lint result of any file: lint everything. */
const LINT_EVERYTHING = ['eslint.config.mjs', 'package.json', 'package-lock.json', 'tsconfig.json'];

/** The JS entry of a package's CLI, run with this Node (no npx, no shell). */
function bin(pkg, name) {
  const manifestPath = require.resolve(`${pkg}/package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const rel = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[name ?? pkg];
  return path.join(path.dirname(manifestPath), rel);
}

const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);

function changedFiles(since) {
  const files = new Set([
    ...(since ? git('diff', '--name-only', `${since}...HEAD`) : []),
    ...git('diff', '--name-only', 'HEAD'),
    ...git('ls-files', '--others', '--exclude-standard'),
  ]);
  return [...files].filter((f) => existsSync(path.join(ROOT, f))).sort();
}

function run(args, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: 'inherit', env });
    child.on('error', () => resolve(127));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;

async function main() {
  const since = process.argv[2];
  if (since?.startsWith('-')) {
    console.error('usage: npm run test:quick [-- <git ref>]');
    process.exit(2);
  }
  const changed = changedFiles(since);
  console.log(`Changed${since ? ` since ${since}` : ''}: ${changed.length ? changed.join(' ') : 'nothing'}`);
  const lintAll = changed.some((f) => LINT_EVERYTHING.includes(f));
  const toLint = changed.filter((f) => LINTED.test(f));
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

  const stages = [
    ['typecheck', 'tsc --noEmit', () => run([bin('typescript', 'tsc'), '--noEmit'], env)],
    [
      'lint',
      lintAll ? 'eslint --max-warnings 0 . (a lint setting changed)' : `eslint --max-warnings 0 on ${toLint.length} changed file(s)`,
      () => (lintAll ? run([bin('eslint'), '--max-warnings', '0', '.'], env) : toLint.length ? run([bin('eslint'), '--max-warnings', '0', ...toLint], env) : 0),
    ],
    [
      'unit',
      `vitest run --changed${since ? ` ${since}` : ''}`,
      // --passWithNoTests: a change no test depends on (docs, say) is not a failure.
      () => run([bin('vitest'), 'run', since ? `--changed=${since}` : '--changed', '--passWithNoTests'], { ...env, NODE_ENV: 'test' }),
    ],
  ];

  const timings = [];
  for (const [name, what, stage] of stages) {
    console.log(`\n━━ ${name}: ${what}`);
    const started = Date.now();
    const code = await stage();
    timings.push(`${name} ${seconds(Date.now() - started)}${code === 0 ? '' : ' ✗'}`);
    if (code !== 0) {
      console.log(`\nStages: ${timings.join(' · ')}`);
      console.error(`✗ ${name} failed (exit code ${code}).`);
      process.exit(1);
    }
  }
  console.log(`\nStages: ${timings.join(' · ')}`);
  console.log('✓ quick checks passed (npm test runs everything, build and end-to-end tests included)');
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
