// The PGlite data-directory lock across real processes: four racers, each in its own Node process, load the lock
// module, report ready and wait; once all are ready the parent names one instant and each busy-waits for it, then
// tries to take the same directory. Exactly one wins and holds the lock until every other racer has finished;
// every other one gets the clear "in use" error. A lock left by a killed process is taken over, again by exactly
// one racer.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const LOCK_MODULE = path.join(__dirname, 'pglite-lock.ts');
const RACERS = 4;
/** Between the "go" and the race: long enough for every racer to be spinning on the clock when it comes. */
const START_DELAY_MS = 200;

// ready → (stdin) `go <instant>` → race → a winner says so and holds the lock until its stdin closes.
const RACER = `
const { lockDataDir } = require(${JSON.stringify(LOCK_MODULE)});
process.stdout.write('ready\\n');
let input = '';
process.stdin.on('data', (chunk) => {
  input += chunk;
  const go = /^go (\\d+)\\n/.exec(input);
  if (!go) return;
  process.stdin.removeAllListeners('data');
  const startAt = Number(go[1]);
  const late = Date.now() > startAt;
  while (Date.now() < startAt) {}
  try {
    lockDataDir(process.env.DATA_DIR);
  } catch (error) {
    process.stderr.write(error instanceof Error ? error.message : String(error));
    process.exit(3);
  }
  process.stdout.write(late ? 'won late\\n' : 'won\\n');
  // The exit hook releases the lock.
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
});
`;

type Outcome = { code: number | null; stdout: string; stderr: string };

type Racer = {
  child: ChildProcessWithoutNullStreams;
  /** Resolves when the racer printed `line`, or exited without doing so. */
  said: (line: string) => Promise<void>;
  exited: Promise<Outcome>;
};

function racer(dataDir: string): Racer {
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', '-e', RACER], {
    env: { ...process.env, DATA_DIR: dataDir },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = once(child, 'exit').then(([code]) => ({ code: code as number | null, stdout, stderr }));
  const said = (line: string) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (!stdout.split('\n').some((l) => l.startsWith(line))) return;
        child.stdout.off('data', check);
        resolve();
      };
      child.stdout.on('data', check);
      check();
      void exited.then(() => resolve());
    });
  return { child, said, exited };
}

async function race(dataDir: string): Promise<Outcome[]> {
  const racers = Array.from({ length: RACERS }, () => racer(dataDir));
  try {
    // The barrier: no racer is told to go before every one has loaded the module (Node + tsx take seconds here).
    await Promise.all(racers.map((r) => r.said('ready')));
    const startAt = Date.now() + START_DELAY_MS;
    for (const r of racers) r.child.stdin.write(`go ${startAt}\n`);
    // Each racer either wins (and keeps holding the lock) or gives up and exits.
    await Promise.all(racers.map((r) => Promise.race([r.said('won'), r.exited])));
    for (const r of racers) r.child.stdin.end();
    return await Promise.all(racers.map((r) => r.exited));
  } finally {
    for (const r of racers) if (r.child.exitCode === null) r.child.kill('SIGKILL');
  }
}

function expectOneWinner(outcomes: Outcome[], dataDir: string): void {
  for (const o of outcomes) expect(o.stdout, 'every racer loaded the module and got the go').toMatch(/^ready\n/);
  const winners = outcomes.filter((o) => o.code === 0);
  expect(winners.map((o) => o.stdout), 'exactly one process holds the lock').toHaveLength(1);
  expect(winners[0]?.stdout).toMatch(/\nwon( late)?\n$/);
  for (const loser of outcomes.filter((o) => o.code !== 0)) {
    expect(loser.code).toBe(3);
    expect(loser.stderr).toContain(`The embedded database ${dataDir} is in use by process`);
  }
}

describe('PGlite data directory lock', () => {
  it('four processes racing for a fresh directory: exactly one wins, the others get a clear error', async () => {
    const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'orbit-lock-')), 'pglite');
    expectOneWinner(await race(dataDir), dataDir);
  }, 60_000);

  it('a lock left by a killed process is taken over by exactly one of four racers', async () => {
    const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'orbit-lock-')), 'pglite');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(`${dataDir}.lock`, dead.stdout);
    expectOneWinner(await race(dataDir), dataDir);
    // The winner released the lock at exit.
    expect(() => readFileSync(`${dataDir}.lock`, 'utf8')).toThrow(/ENOENT/);
  }, 60_000);
});
