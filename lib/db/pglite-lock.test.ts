// The PGlite data-directory lock across real processes: racers start at the same instant (a busy-wait on the
// clock, each in its own Node process) and try to take one directory. Exactly one wins; every other one gets the
// clear "in use" error. A lock left by a killed process is taken over, again by exactly one racer.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const LOCK_MODULE = path.join(__dirname, 'pglite-lock.ts');
const RACERS = 4;

// Holds the lock long enough for every loser to see a live owner, then exits (the exit hook releases it).
const RACER = `
const { lockDataDir } = require(${JSON.stringify(LOCK_MODULE)});
const startAt = Number(process.env.START_AT);
const late = Date.now() > startAt;
while (Date.now() < startAt) {}
try {
  lockDataDir(process.env.DATA_DIR);
  process.stdout.write(late ? 'won late' : 'won');
  setTimeout(() => process.exit(0), 1500);
} catch (error) {
  process.stderr.write(error instanceof Error ? error.message : String(error));
  process.exit(3);
}
`;

type Outcome = { code: number | null; stdout: string; stderr: string };

function racer(dataDir: string, startAt: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', '-e', RACER], {
      env: { ...process.env, DATA_DIR: dataDir, START_AT: String(startAt) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function race(dataDir: string): Promise<Outcome[]> {
  // Node + tsx start in a few seconds even on a loaded machine; a late racer still races, just less tightly.
  const startAt = Date.now() + 45_000;
  return Promise.all(Array.from({ length: RACERS }, () => racer(dataDir, startAt)));
}

function expectOneWinner(outcomes: Outcome[], dataDir: string): void {
  const winners = outcomes.filter((o) => o.code === 0);
  expect(winners.map((o) => o.stdout), 'exactly one process holds the lock').toHaveLength(1);
  for (const loser of outcomes.filter((o) => o.code !== 0)) {
    expect(loser.code).toBe(3);
    expect(loser.stderr).toContain(`The embedded database ${dataDir} is in use by process`);
  }
}

describe('PGlite data directory lock', () => {
  it('four processes racing for a fresh directory: exactly one wins, the others get a clear error', async () => {
    const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'orbit-lock-')), 'pglite');
    expectOneWinner(await race(dataDir), dataDir);
  }, 180_000);

  it('a lock left by a killed process is taken over by exactly one of four racers', async () => {
    const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'orbit-lock-')), 'pglite');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(`${dataDir}.lock`, dead.stdout);
    expectOneWinner(await race(dataDir), dataDir);
    // The winner released the lock at exit.
    expect(() => readFileSync(`${dataDir}.lock`, 'utf8')).toThrow(/ENOENT/);
  }, 180_000);
});
