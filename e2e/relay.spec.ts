// Production mode with real backends configured: the suite's build started with its PostHog host and Sentry DSN
// pointing at a separate fake host on loopback (test-support/fake-upstream.ts), not at the in-process collector. A
// signed-in funnel (sign-up → onboarding → checkout) must reach that host through Orbit's ingest proxy and Sentry
// tunnel (app/ingest, app/monitoring) with events, identity and spans, but never with the session cookie, another
// forwarded header or a value the user typed. The browser sits behind one trusted proxy (TRUSTED_PROXY_HOPS=1; the
// proxy's X-Forwarded-For entry is added to every request, after one the client forged): PostHog must get only the
// visitor's truncated address (POSTHOG_CLIENT_IP). Its own server on E2E_PORT_BASE + 7, the fake host on + 8
// (e2e/support/relay-config.ts); the `none` test's server on + 33.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CARDS, checkout, completeOnboarding, expect, signUp, test, uniqueName, type TestUser } from './fixtures';
import { startFakeUpstream, type FakeUpstream, type RecordedRequest } from '../test-support/fake-upstream';
import { RELAY_CONFIG, RELAY_SENTRY_PROJECT, RELAY_UPSTREAM_PORT } from './support/relay-config';
import { E2E_PORT_BASE, newDataDir, ROOT, startServer, stopServer, type RunningServer } from './support/test-server';
import { posthogLoaded, sentryLoaded, telemetrySnapshot } from './support/telemetry-hook';
import { startTrustedProxy, type TrustedProxy } from './support/trusted-proxy';

const PORT = E2E_PORT_BASE + 7;
const UPSTREAM_PORT = RELAY_UPSTREAM_PORT;
const SENTRY_PROJECT = RELAY_SENTRY_PROJECT;
/** One proxy in front of Orbit (e2e/support/trusted-proxy.ts): it appends the visitor's address, 203.0.113.77. */
const PROXY_PORT = E2E_PORT_BASE + 34;
/** SENTRY_ORG: `$exception` links back to the Sentry issue (lib/monitoring/shared/posthog-link.ts). */
const SENTRY_ORG = 'orbit-e2e';
const CONFIG = { ...RELAY_CONFIG, SENTRY_ORG, TRUSTED_PROXY_HOPS: '1', APP_URL: `http://127.0.0.1:${PROXY_PORT}` };
const VISITOR = '203.0.113.77';
const FORGED = '198.51.100.99';
/** What the client itself writes into X-Forwarded-For: a forged entry, left of the proxy's. */
const FORGED_CHAIN = { 'x-forwarded-for': FORGED };

test.describe.configure({ mode: 'serial' });

let upstream: FakeUpstream | undefined;
let server: RunningServer | undefined;
let proxy: TrustedProxy | undefined;

test.beforeAll(async () => {
  test.setTimeout(900_000);
  upstream = await startFakeUpstream(UPSTREAM_PORT);
  server = await startServer({ port: PORT, dataDir: newDataDir('relay'), env: CONFIG });
  proxy = await startTrustedProxy({ port: PROXY_PORT, target: server.url, visitor: VISITOR });
});

test.afterAll(async () => {
  await proxy?.stop();
  if (server) await stopServer(server);
  await upstream?.stop();
  // What the third party saw, for debugging a failure (paths, headers, decoded events; kept with the other results).
  if (upstream) {
    mkdirSync(path.join(ROOT, '.test-results'), { recursive: true });
    const summary = upstream.requests.map((r) => ({ ...r, body: r.body.slice(0, 200_000) }));
    writeFileSync(path.join(ROOT, '.test-results', 'relay-upstream.json'), JSON.stringify(summary, null, 2));
  }
});

const isBrowser = (r: RecordedRequest) => /Chrome\//.test(String(r.headers['user-agent'] ?? ''));

let user: TestUser | undefined;
/** Each typed value of the user found in the body, with its surroundings (the value itself replaced). */
function typedValues(r: RecordedRequest): [string, string][] {
  if (!user) throw new Error('no user');
  return Object.entries(user).map(([field, secret]) => {
    const at = r.body.indexOf(secret);
    return [field, at === -1 ? '' : r.body.slice(Math.max(0, at - 150), at + secret.length + 50).replace(secret, `<${field}>`)];
  });
}

test('signed-in funnel reaches a separate PostHog/Sentry host through the proxy and tunnel, without the cookie', async ({ freshUser, newPage }, testInfo) => {
  test.setTimeout(180_000);
  if (!server || !upstream || !proxy) throw new Error('not started');
  const fake = upstream;
  const front = proxy.url;
  user = freshUser;
  const page = await newPage({ baseURL: front });
  await page.context().setExtraHTTPHeaders(FORGED_CHAIN);
  const thirdParty: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (/^https?:$/.test(url.protocol) && url.origin !== front) thirdParty.push(r.url());
  });

  // An anonymous visit first (posthog-js loaded), so sign-up merges that visitor into the user, as in real life.
  await page.goto('/');
  await page.waitForFunction(posthogLoaded, null, { timeout: 30_000 });
  await signUp(page, freshUser);
  await completeOnboarding(page, { workspace: uniqueName('Relay Co') });
  await checkout(page, { plan: 'Pro', card: CARDS.success });
  await expect(page).toHaveURL(/\/billing\?checkout=success/);
  const userId = await page.evaluate(telemetrySnapshot).then((t) => t?.userId ?? undefined);
  expect(userId, 'the page bootstrapped the signed-in user').toBeTruthy();
  const cookies = await page.context().cookies();
  expect(cookies.some((c) => c.name.startsWith('orbit')), 'the browser holds a session cookie').toBe(true);

  // posthog-js puts the distinct id in the properties, posthog-node at the top level.
  const events = () =>
    fake.requests.flatMap((r) => r.events.map((e) => ({ ...e, distinct_id: e.distinct_id ?? String(e.properties?.['distinct_id'] ?? ''), browser: isBrowser(r) })));
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

  await test.step("links: the Sentry event opens PostHog's recording at the error, and $exception opens the Sentry issue", async () => {
    await page.waitForFunction(sentryLoaded, null, { timeout: 30_000 });
    const sessionId = (await page.evaluate(telemetrySnapshot))?.sessionId;
    expect(sessionId, "posthog-js's session").toBeTruthy();
    const mark = `relaylink${Date.now().toString(36)}`;
    await page.evaluate((m) => {
      setTimeout(() => {
        throw new Error(`relay link ${m}`);
      });
    }, mark);
    type SentryEvent = { event_id: string; timestamp: number; tags: Record<string, string> };
    let sentryEvent: SentryEvent | undefined;
    await expect
      .poll(() => {
        sentryEvent = envelopes()
          .filter(isBrowser)
          .flatMap((r) => r.envelope!.items)
          .find((i) => i.type === 'event' && JSON.stringify(i.payload).includes(mark))?.payload as SentryEvent | undefined;
        return Boolean(sentryEvent);
      }, { timeout: 45_000, message: `the Sentry event of ${mark}` })
      .toBe(true);
    // posthog-js's get_session_replay_url({ withTimestamp: true }) format: seconds into the session (its UUIDv7 start), 10 s back.
    const replay = new URL(sentryEvent!.tags['PostHog Recording URL']!);
    expect(`${replay.origin}${replay.pathname}`).toBe(`${fake.url}/project/${CONFIG.NEXT_PUBLIC_POSTHOG_KEY}/replay/${sessionId!}`);
    expect(replay.searchParams.has('t'), 'the recording link opens at a moment').toBe(true);
    const sessionStart = parseInt(sessionId!.replace(/-/g, '').slice(0, 12), 16);
    expect(Number(replay.searchParams.get('t'))).toBe(Math.max(Math.floor((sentryEvent!.timestamp * 1000 - sessionStart) / 1000) - 10, 0));
    // posthog-js's sentryIntegration format: the org's issue search for the event, in the DSN's project.
    await expect
      .poll(() => events().find((e) => e.event === '$exception' && JSON.stringify(e.properties).includes(mark))?.properties?.['$sentry_url'], { timeout: 45_000, message: `the $exception of ${mark}` })
      .toBe(`https://sentry.io/organizations/${SENTRY_ORG}/issues/?project=${SENTRY_PROJECT}&query=${sentryEvent!.event_id}`);
  });

  await test.step('nothing the browser holds or typed reaches the third party', async () => {
    await testInfo.attach('upstream-requests.json', {
      body: JSON.stringify(fake.requests.map((r) => ({ method: r.method, path: r.path, headers: r.headers })), null, 2),
      contentType: 'application/json',
    });
    expect(fake.requests.length).toBeGreaterThan(0);
    const forbidden = ['cookie', 'authorization', 'x-forwarded-host', 'x-real-ip', 'forwarded'];
    // Trace headers: checked on what the relays sent. The server's own SDK requests (posthog-node) get the Sentry
    // server SDK's propagation, which its tracePropagationTargets decide (sentry.server.config.ts), not the relays.
    const relayed = ['sentry-trace', 'baggage', 'traceparent', 'x-orbit-relay'];
    expect(fake.requests.filter(isBrowser).length, 'requests relayed from the browser').toBeGreaterThan(0);
    for (const r of fake.requests) {
      for (const h of forbidden) expect(r.headers[h], `${h} header on ${r.method} ${r.path}`).toBeUndefined();
      if (isBrowser(r)) for (const h of relayed) expect(r.headers[h], `${h} header on relayed ${r.method} ${r.path}`).toBeUndefined();
      // The server SDK's own envelopes are checked in the next test.
      if (!isBrowser(r) && r.envelope) continue;
      for (const [field, context] of typedValues(r)) expect(context, `the user's ${field} in the body of ${r.method} ${r.path}`).toBe('');
    }
    expect(thirdParty, 'the browser only ever talks to Orbit').toEqual([]);
  });

  await test.step("PostHog locates the visitor by their network only: X-Forwarded-For 203.0.113.0, never the full address", async () => {
    const captures = fake.requests.filter((r) => isBrowser(r) && !r.envelope && r.method === 'POST');
    expect(captures.length, 'browser capture requests').toBeGreaterThan(0);
    for (const r of captures) expect(r.headers['x-forwarded-for'], `X-Forwarded-For on ${r.path}`).toBe('203.0.113.0');
    // Sentry gets no address (user.ip_address off), nor does posthog-node's own request (its events carry $ip).
    for (const r of fake.requests.filter((x) => x.envelope || !isBrowser(x))) expect(r.headers['x-forwarded-for'], `X-Forwarded-For on ${r.path}`).toBeUndefined();
    for (const r of fake.requests) {
      const seen = JSON.stringify(r.headers) + r.body;
      expect(seen.includes(VISITOR), `${VISITOR} in ${r.method} ${r.path}`).toBe(false);
      expect(seen.includes(FORGED), `${FORGED} in ${r.method} ${r.path}`).toBe(false);
    }
    const serverEvents = fake.requests.filter((r) => !isBrowser(r)).flatMap((r) => r.events);
    expect(serverEvents.some((e) => e.event === 'auth.signed_up' && e.properties?.['$ip'] === '203.0.113.0'), 'the sign-up, located like the browser').toBe(true);
    for (const e of serverEvents) {
      const located = e.properties?.['$ip'] === '203.0.113.0' || e.properties?.['$geoip_disable'] === true;
      expect(located, `${e.event}: $ip ${String(e.properties?.['$ip'])}`).toBe(true);
    }
    const after = await page.context().cookies();
    expect(after.map((c) => c.name), 'no upstream Set-Cookie reaches the browser').not.toContain('upstream_tracker');
  });
});

// By default the Sentry server SDK attaches the raw body of server actions (multipart form data: the name and
// password typed at sign-up) to its spans; sentry.server.config.ts turns that off (`dataCollection`).
test('the Sentry server SDK sends no value the user typed', async () => {
  if (!upstream || !user) throw new Error('the funnel test did not run');
  const serverEnvelopes = upstream.requests.filter((r) => r.envelope && !isBrowser(r));
  expect(serverEnvelopes.length).toBeGreaterThan(0);
  for (const r of serverEnvelopes) {
    for (const [field, context] of typedValues(r)) expect(context, `the user's ${field} in a server envelope`).toBe('');
  }
});

// POSTHOG_CLIENT_IP=none: no address leaves Orbit and PostHog computes no location at all, for any event.
test('with POSTHOG_CLIENT_IP=none every event PostHog receives says $geoip_disable, and no address is forwarded', async ({ freshUser, newPage }) => {
  test.setTimeout(180_000);
  if (!upstream) throw new Error('not started');
  const fake = upstream;
  // The funnel's server is done: none of its late events may land among this test's.
  if (server) await stopServer(server);
  server = undefined;
  const from = fake.requests.length;
  await proxy?.stop();
  proxy = undefined;
  const own = await startServer({ port: E2E_PORT_BASE + 33, dataDir: newDataDir('relay-none'), env: { ...CONFIG, POSTHOG_CLIENT_IP: 'none', APP_URL: `http://127.0.0.1:${PROXY_PORT + 1}` } });
  const front = await startTrustedProxy({ port: PROXY_PORT + 1, target: own.url, visitor: VISITOR });
  try {
    const page = await newPage({ baseURL: front.url });
    await page.context().setExtraHTTPHeaders(FORGED_CHAIN);
    await page.goto('/');
    await page.waitForFunction(posthogLoaded, null, { timeout: 30_000 });
    await signUp(page, freshUser);
    const requests = () => fake.requests.slice(from).filter((r) => !r.envelope);
    const events = () => requests().flatMap((r) => r.events.map((e) => ({ ...e, browser: isBrowser(r) })));
    await expect.poll(() => events().some((e) => e.browser && e.event === '$pageview'), { timeout: 45_000 }).toBe(true);
    await expect.poll(() => events().some((e) => !e.browser && e.event === 'auth.signed_up'), { timeout: 45_000 }).toBe(true);
    for (const e of events()) {
      expect(e.properties?.['$geoip_disable'], `${e.browser ? 'browser' : 'server'} ${e.event}`).toBe(true);
      expect(e.properties?.['$ip'], `${e.event} $ip`).toBeUndefined();
    }
    for (const r of fake.requests.slice(from)) {
      expect(r.headers['x-forwarded-for'], `X-Forwarded-For on ${r.path}`).toBeUndefined();
      expect((JSON.stringify(r.headers) + r.body).includes('203.0.113.'), `an address in ${r.method} ${r.path}`).toBe(false);
    }
  } finally {
    await front.stop();
    await stopServer(own);
  }
});
