#!/usr/bin/env node
// `npm run test:fuzz`: the property-based suites (test-support/fuzz/routes.test.ts, test-support/fuzz/actions-*.test.ts) on a seed of
// your choice, to explore beyond the fixed seed `npm test` runs (test-support/fuzz/settings.ts). Prints the seed first and,
// on a failure, the command that reproduces it; each failing property prints its counterexample as an entry for
// test-support/fuzz/corpus.ts. See docs/testing.md, "Fuzzing".
//
//   npm run test:fuzz                                   a random seed, 120 inputs per property
//   npm run test:fuzz -- --seed random --runs 1000      a random seed, 1000 inputs per property
//   npm run test:fuzz -- --seed 544578017               replay one seed
//   npm run test:fuzz -- --seed 7 test-support/fuzz/routes.test.ts -t recordings    extra arguments go to vitest
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SUITES = ['test-support/fuzz/routes.test.ts', 'test-support/fuzz/actions-account.test.ts', 'test-support/fuzz/actions-billing.test.ts', 'test-support/fuzz/actions-onboarding.test.ts'];

function usage(message) {
  if (message) console.error(`fuzz.mjs: ${message}\n`);
  console.error('usage: npm run test:fuzz -- [--seed <integer>|random] [--runs <n>] [vitest args…]');
  process.exit(2);
}

function parseArgs(argv) {
  let seed = 'random';
  let runs = '120';
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s) : [arg, undefined];
    if (flag === '--help' || flag === '-h') usage();
    else if (flag === '--seed') seed = inline ?? argv[++i];
    else if (flag === '--runs') runs = inline ?? argv[++i];
    else rest.push(arg);
  }
  if (seed === undefined) usage('--seed needs a value');
  if (seed === 'random') seed = String(randomInt(0, 2 ** 31 - 1));
  if (!/^-?\d+$/.test(seed)) usage(`--seed must be an integer or "random" (got ${seed})`);
  if (!/^[1-9]\d*$/.test(runs ?? '')) usage(`--runs must be a positive integer (got ${runs})`);
  const files = rest.some((a) => a.endsWith('.test.ts')) ? [] : SUITES;
  return { seed, runs, vitestArgs: [...files, ...rest] };
}

const require = createRequire(path.join(ROOT, 'package.json'));
const manifest = require.resolve('vitest/package.json');
const vitest = path.join(path.dirname(manifest), JSON.parse(readFileSync(manifest, 'utf8')).bin.vitest);

const { seed, runs, vitestArgs } = parseArgs(process.argv.slice(2));
const again = `npm run test:fuzz -- --seed ${seed} --runs ${runs}${vitestArgs.filter((a) => !SUITES.includes(a)).map((a) => ` ${JSON.stringify(a)}`).join('')}`;
console.log(`fuzz: seed ${seed}, ${runs} inputs per property (plus the corpus), ${vitestArgs.join(' ')}`);

const child = spawn(process.execPath, [vitest, 'run', ...vitestArgs], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'test', FUZZ_SEED: seed, FUZZ_RUNS: runs },
});
child.on('exit', (code, signal) => {
  if (code === 0) console.log(`\nfuzz: seed ${seed} passed (${runs} inputs per property).`);
  else {
    console.log(`\nfuzz: FAILED with seed ${seed}. Reproduce: ${again}`);
    console.log('fuzz: fix the cause, then add each counterexample printed above to test-support/fuzz/corpus.ts in the same commit.');
  }
  process.exit(code ?? (signal ? 1 : 1));
});
