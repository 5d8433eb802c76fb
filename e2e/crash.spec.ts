// Faults on the embedded database, against real `next start` processes with their own data directories:
// - kill -9 in the middle of a burst of sign-ups, restart on the same directory: the server starts (the dead
//   process's lock is taken over) and every sign-up that was acknowledged (2xx) can log in;
// - two servers started at once on one directory: exactly one serves, the other exits with the reason.
import { expect, test } from '@playwright/test';
import { E2E_PORT_BASE, newDataDir, startServer, stopServer, type RunningServer } from './support/test-server';

const CRASH_PORT = E2E_PORT_BASE + 20;
const RACE_PORTS = [E2E_PORT_BASE + 21, E2E_PORT_BASE + 22] as const;
const PASSWORD = 'correct horse battery';

test.describe.configure({ mode: 'serial' });

const running: RunningServer[] = [];
test.afterAll(async () => {
  await Promise.all(running.splice(0).map((s) => stopServer(s)));
});

async function signUp(url: string, email: string): Promise<number> {
  const res = await fetch(`${url}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ name: 'Crash Test', email, password: PASSWORD }),
  });
  return res.status;
}

async function logIn(url: string, email: string): Promise<number> {
  const res = await fetch(`${url}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  return res.status;
}

test('kill -9 during a burst of sign-ups: after a restart every acknowledged sign-up is there', async () => {
  test.setTimeout(600_000);
  const testInfo = test.info();
  const dataDir = newDataDir('crash');
  const first = await startServer({ port: CRASH_PORT, dataDir, timeoutMs: 240_000 });
  running.push(first);
  const stamp = `${Date.now()}-${process.pid}`;
  const acknowledged: string[] = [];
  let failed = 0;

  // Six clients sign up in a loop; the server is killed once a few sign-ups went through, mid-burst.
  let killed = false;
  const client = async (worker: number) => {
    for (let i = 0; !killed || i < 2; i++) {
      const email = `crash-${stamp}-${worker}-${i}@example.test`;
      try {
        const status = await signUp(first.url, email);
        if (status >= 200 && status < 300) acknowledged.push(email);
        else failed++;
      } catch {
        failed++;
        if (killed) return;
      }
      if (i > 200) return;
    }
  };
  const burst = Promise.all(Array.from({ length: 6 }, (_, w) => client(w)));
  await expect.poll(() => acknowledged.length, { timeout: 240_000 }).toBeGreaterThanOrEqual(6);
  const exited = new Promise((resolve) => first.process.once('exit', resolve));
  first.process.kill('SIGKILL');
  killed = true;
  await exited;
  running.splice(running.indexOf(first), 1);
  await burst;
  const acked = [...acknowledged];
  await testInfo.attach('crash-figures.json', {
    body: JSON.stringify({ acknowledged: acked.length, failedOrCut: failed }, null, 2),
    contentType: 'application/json',
  });

  const second = await startServer({ port: CRASH_PORT, dataDir, timeoutMs: 240_000 });
  running.push(second);
  const missing: string[] = [];
  for (const email of acked) if ((await logIn(second.url, email)) !== 200) missing.push(email);
  await testInfo.attach('crash-found.json', {
    body: JSON.stringify({ acknowledged: acked.length, found: acked.length - missing.length, missing }, null, 2),
    contentType: 'application/json',
  });
  expect(missing, 'every acknowledged sign-up survives kill -9').toEqual([]);
});

test('two servers on one data directory: exactly one serves, the other exits with the reason', async () => {
  test.setTimeout(600_000);
  const dataDir = newDataDir('lock-race');
  const results = await Promise.allSettled(RACE_PORTS.map((port) => startServer({ port, dataDir, timeoutMs: 240_000 })));
  for (const r of results) if (r.status === 'fulfilled') running.push(r.value);
  const served = results.filter((r) => r.status === 'fulfilled');
  const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  expect(served).toHaveLength(1);
  expect(refused).toHaveLength(1);
  const reason = String(refused[0]?.reason);
  expect(reason).toMatch(/exited with 1/);
  expect(reason).toContain(`The embedded database ${dataDir} is in use by process`);
});
