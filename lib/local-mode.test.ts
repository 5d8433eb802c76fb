// Local mode is decided once (lib/local-mode.ts) and every runtime agrees. The combinations below are evaluated for
// real: a child process per environment loads lib/env.ts, the browser's bootstrap (what the page tells the browser),
// sentry.edge.config.ts and the edge ping route, nothing mocked.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decideLocalMode } from './local-mode';

const ROOT = path.resolve(__dirname, '..');
const SECRET = 'orbit-local-mode-test-secret-0123456789abcdef';
const PROD = { NODE_ENV: 'production', BETTER_AUTH_SECRET: SECRET, APP_URL: 'https://orbit.example.com' };

type Probe = {
  env?: boolean;
  billing?: 'local' | 'stripe' | null;
  bootError?: string;
  browser: boolean | string;
  browserDsn?: string;
  sentryEdge: boolean;
  edgePing: boolean | string;
};

/** Runs test-support/local-mode-probe.ts with exactly `vars` (plus PATH/HOME), as a server would start with them. */
function probe(vars: Record<string, string>): Promise<Probe> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      // tsx as a loader in this one process (its CLI would start a second Node process to run the file).
      ['--conditions=react-server', '--import', 'tsx', 'test-support/local-mode-probe.ts'],
      // Not a copy of this process's env: NODE_ENV (vitest's 'test') must be absent unless a case sets it.
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...vars } as unknown as NodeJS.ProcessEnv, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`probe failed: ${stderr || error.message}`));
        resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Probe);
      },
    );
  });
}

const everywhere = (p: Probe) => [p.env, p.browser, p.sentryEdge, p.edgePing];

describe('decideLocalMode', () => {
  it.each([
    [{ NODE_ENV: 'production' }, { on: false, reason: 'production' }],
    [{ NODE_ENV: 'production', LOCAL_INBOX: '1' }, { on: true, reason: 'forced' }],
    [{ NODE_ENV: 'production', LOCAL_INBOX: 'yes' }, { on: true, reason: 'forced' }],
    [{ NODE_ENV: 'production', LOCAL_INBOX: 'maybe' }, { on: false, reason: 'production' }],
    [{ NODE_ENV: 'production', LOCAL_INBOX: '' }, { on: false, reason: 'production' }],
    [{ NODE_ENV: 'development' }, { on: true, reason: 'no-keys' }],
    [{}, { on: true, reason: 'no-keys' }],
    [{ NODE_ENV: 'development', LOCAL_INBOX: '0' }, { on: false, reason: 'disabled' }],
    [{ NODE_ENV: 'development', LOCAL_INBOX: false }, { on: false, reason: 'disabled' }],
    [{ NODE_ENV: 'development', NEXT_PUBLIC_POSTHOG_KEY: 'phc_x' }, { on: false, reason: 'keys' }],
    [{ NODE_ENV: 'test', SENTRY_DSN: 'https://k@o1.ingest.sentry.io/1' }, { on: false, reason: 'keys' }],
    [{ NODE_ENV: 'development', NEXT_PUBLIC_SENTRY_DSN: 'https://k@o1.ingest.sentry.io/1', LOCAL_INBOX: 'on' }, { on: true, reason: 'forced' }],
  ])('%o → %o', (env, expected) => {
    expect(decideLocalMode(env)).toEqual(expected);
  });
});

// Each case is its own child process, nothing shared: they run side by side.
describe.concurrent('every runtime agrees, under the real environment combinations', { timeout: 120_000 }, () => {
  it('production with only BETTER_AUTH_SECRET and APP_URL (the README minimum): local mode and billing off', async () => {
    const p = await probe(PROD);
    expect(p.bootError).toBeUndefined();
    expect(everywhere(p)).toEqual([false, false, false, false]);
    expect(p.billing).toBeNull();
  });

  it('production with LOCAL_INBOX=1: on everywhere; billing still off until BILLING_PROVIDER=local', async () => {
    const [forced, withBilling] = await Promise.all([
      probe({ ...PROD, LOCAL_INBOX: '1' }),
      probe({ ...PROD, LOCAL_INBOX: '1', BILLING_PROVIDER: 'local' }),
    ]);
    expect(everywhere(forced)).toEqual([true, true, true, true]);
    expect(forced.billing).toBeNull();
    expect(withBilling.billing).toBe('local');
  });

  it('development without keys: on everywhere, local billing', async () => {
    const p = await probe({ NODE_ENV: 'development' });
    expect(everywhere(p)).toEqual([true, true, true, true]);
    expect(p.billing).toBe('local');
  });

  it('LOCAL_INBOX=0 without keys: off everywhere', async () => {
    const [dev, unset] = await Promise.all([probe({ NODE_ENV: 'development', LOCAL_INBOX: '0' }), probe({ LOCAL_INBOX: '0' })]);
    expect(everywhere(dev)).toEqual([false, false, false, false]);
    expect(everywhere(unset)).toEqual([false, false, false, false]);
  });

  it('keys set when the server starts reach the browser: the DSN in the page, local mode off', async () => {
    const dsn = 'https://publickey@o1.ingest.sentry.io/42';
    const p = await probe({ ...PROD, NEXT_PUBLIC_SENTRY_DSN: dsn, NEXT_PUBLIC_POSTHOG_KEY: 'phc_runtime' });
    expect(everywhere(p)).toEqual([false, false, false, false]);
    expect(p.browserDsn).toBe(dsn);
  });

  it('production without APP_URL fails at boot, naming APP_URL', async () => {
    const p = await probe({ NODE_ENV: 'production', BETTER_AUTH_SECRET: SECRET });
    expect(p.bootError).toMatch(/APP_URL/);
  });
});
