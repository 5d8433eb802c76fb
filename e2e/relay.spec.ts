// Production mode with real backends configured: a build whose PostHog host and Sentry DSN point at a separate fake
// host on loopback (e2e/support/fake-upstream.ts), not at the in-process collector. A signed-in funnel (sign-up →
// onboarding → checkout) must reach that host through Orbit's ingest proxy and Sentry tunnel (app/ingest,
// app/monitoring) with events, identity and spans, but never with the session cookie, another forwarded header or a
// value the user typed. NEXT_PUBLIC_* values are inlined at build time, so this spec has its own build
// (e2e/support/own-build.ts, ~2-5 min the first time) and its own server on E2E_PORT_BASE + 7, the fake host on + 8.
import { CARDS, checkout, completeOnboarding, expect, signUp, test, uniqueName } from './fixtures';
import { startFakeUpstream, type FakeUpstream, type RecordedRequest } from './support/fake-upstream';
import { ensureBuild } from './support/own-build';
import { E2E_PORT_BASE, newDataDir, startServer, stopServer, type RunningServer } from './support/test-server';

const PORT = E2E_PORT_BASE + 7;
const UPSTREAM_PORT = E2E_PORT_BASE + 8;
const UPSTREAM = `http://127.0.0.1:${UPSTREAM_PORT}`;
const SENTRY_PROJECT = '4242';
const DSN = `http://relaypublickey@127.0.0.1:${UPSTREAM_PORT}/${SENTRY_PROJECT}`;
const DIST_DIR = '.next-e2e-relay';

/** Build and runtime configuration: a real (fake) backend for everything, local mode off. */
const CONFIG = {
  NEXT_PUBLIC_POSTHOG_KEY: 'phc_e2e_relay',
  NEXT_PUBLIC_POSTHOG_HOST: UPSTREAM,
  NEXT_PUBLIC_SENTRY_DSN: DSN,
  SENTRY_DSN: DSN,
  LOCAL_INBOX: '',
  DEPLOYMENT: 'e2e',
  SENTRY_AUTH_TOKEN: '',
};

test.describe.configure({ mode: 'serial' });

let upstream: FakeUpstream | undefined;
let server: RunningServer | undefined;

test.beforeAll(async () => {
  test.setTimeout(900_000);
  upstream = await startFakeUpstream(UPSTREAM_PORT);
  await ensureBuild({ distDir: DIST_DIR, env: CONFIG });
  server = await startServer({ port: PORT, dataDir: newDataDir('relay'), env: { ...CONFIG, NEXT_DIST_DIR: DIST_DIR } });
});

test.afterAll(async () => {
  if (server) await stopServer(server);
  await upstream?.stop();
});

const isBrowser = (r: RecordedRequest) => /Chrome\//.test(String(r.headers['user-agent'] ?? ''));

test('signed-in funnel reaches a separate PostHog/Sentry host through the proxy and tunnel, without the cookie', async ({ freshUser, newPage }, testInfo) => {
  test.setTimeout(180_000);
  if (!server || !upstream) throw new Error('not started');
  const fake = upstream;
  const page = await newPage({ baseURL: server.url });
  const thirdParty: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (/^https?:$/.test(url.protocol) && url.origin !== server?.url) thirdParty.push(r.url());
  });

  // An anonymous visit first (posthog-js loaded), so sign-up merges that visitor into the user, as in real life.
  await page.goto('/');
  await page.waitForFunction(() => Boolean(window.__orbit?.ph), null, { timeout: 30_000 });
  await signUp(page, freshUser);
  await completeOnboarding(page, { workspace: uniqueName('Relay Co') });
  await checkout(page, { plan: 'Pro', card: CARDS.success });
  await expect(page).toHaveURL(/\/billing\?checkout=success/);
  const userId = await page.evaluate(() => window.__orbit?.b?.user?.id);
  expect(userId, 'the page bootstrapped the signed-in user').toBeTruthy();
  const cookies = await page.context().cookies();
  expect(cookies.some((c) => c.name.startsWith('orbit')), 'the browser holds a session cookie').toBe(true);

  const events = () => fake.requests.flatMap((r) => r.events.map((e) => ({ ...e, browser: isBrowser(r) })));
  const envelopes = () => fake.requests.filter((r) => r.envelope);

  await test.step('PostHog: browser events and identity arrive through /ingest', async () => {
    await expect.poll(() => events().some((e) => e.event === '$identify' && e.distinct_id === userId), { timeout: 45_000 }).toBe(true);
    await expect.poll(() => events().some((e) => e.browser && e.distinct_id === userId), { timeout: 45_000 }).toBe(true);
    await expect.poll(() => events().some((e) => e.browser && e.event === '$pageview'), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => events().some((e) => e.event === 'checkout.completed'), { timeout: 30_000 }).toBe(true);
  });

  await test.step('Sentry: browser items through /monitoring, server items from the server SDK', async () => {
    await expect.poll(() => envelopes().some(isBrowser), { timeout: 45_000 }).toBe(true);
    await expect.poll(() => envelopes().some((r) => !isBrowser(r)), { timeout: 45_000 }).toBe(true);
    for (const r of envelopes()) {
      expect(r.path).toBe(`/api/${SENTRY_PROJECT}/envelope/`);
      expect(r.envelope?.items.length, 'every envelope has items').toBeGreaterThan(0);
    }
  });

  await test.step('nothing the browser holds or typed reaches the third party', async () => {
    await testInfo.attach('upstream-requests.json', {
      body: JSON.stringify(fake.requests.map((r) => ({ method: r.method, path: r.path, headers: r.headers })), null, 2),
      contentType: 'application/json',
    });
    expect(fake.requests.length).toBeGreaterThan(0);
    const forbidden = ['cookie', 'authorization', 'x-forwarded-for', 'x-forwarded-host', 'x-real-ip', 'forwarded', 'sentry-trace', 'baggage'];
    for (const r of fake.requests) {
      for (const h of forbidden) expect(r.headers[h], `${h} header on ${r.method} ${r.path}`).toBeUndefined();
      for (const secret of [freshUser.password, freshUser.email, freshUser.name]) {
        expect(r.body.includes(secret), `a typed value in the body of ${r.method} ${r.path}`).toBe(false);
      }
    }
    expect(thirdParty, 'the browser only ever talks to Orbit').toEqual([]);
    const after = await page.context().cookies();
    expect(after.map((c) => c.name), 'no upstream Set-Cookie reaches the browser').not.toContain('upstream_tracker');
  });
});
