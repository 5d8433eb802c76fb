// PostHog and Sentry down: the product funnel runs against a server with real backends configured
// (e2e/support/relay-config.ts, session recording on) while the fake host behind the ingest proxy, the Sentry tunnel,
// posthog-node and the Sentry server SDK refuses every connection, then again while it accepts and never answers
// (blackhole), each time for at least OUTAGE_MS while the user walks pages and leaves them. Every step
// must work at its normal pace, the page must see no error, the relay must answer the browser quickly and hold no
// pile of sockets open, the server must log nothing unexpected; and once the host is back, every event and recording
// chunk the browser captured during the outage, on every page (stored by the relay, lib/relay/durable.ts), and the
// server's PostHog events arrive, once each by uuid, and the Sentry envelopes the relay accepted arrive too. Own server on E2E_PORT_BASE + 30; its fake host on + 9 (e2e/support/relay-config.ts).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { addTask, CARDS, checkout, completeOnboarding, createProject, expect, signUp, test, uniqueName } from './fixtures';
import { startFakeUpstream, type FakeUpstream, type RecordedRequest, type UpstreamMode } from '../test-support/fake-upstream';
import { HOSTS_DOWN_UPSTREAM_PORT, relayConfig } from './support/relay-config';

const RELAY_CONFIG = relayConfig(HOSTS_DOWN_UPSTREAM_PORT);
import { E2E_PORT_BASE, newDataDir, ROOT, startServer, stopServer, type RunningServer } from './support/test-server';
import { pagePostHog, posthogLoaded, telemetrySnapshot } from './support/telemetry-hook';

const PORT = E2E_PORT_BASE + 30;
/**
 * A funnel step (a navigation plus a form) is far under this even on a loaded shared machine; a page that waits on
 * the dead host (a connection the relay holds, a script that never loads) is not.
 */
const STEP_BUDGET_MS = 30_000;
/** Each outage lasts at least this (issue #25): the user keeps walking pages until it has passed. */
const OUTAGE_MS = 30_000;
/** Pages walked (and left) during the outage after the funnel, in turn; /billing is always the last. */
const WALK = ['/dashboard', '/pricing', '/', '/billing'];
/** No relay answer waits longer than the relay's own timeout (RELAY_TIMEOUT_MS, 5 s), plus slack for a loaded machine. */
const RELAY_ANSWER_BUDGET_MS = 5_000 + 4_000;
/** After one failed attempt the relay leaves a host alone for RELAY_COOLDOWN_MS (5 s): one browser request per window. */
const RELAY_COOLDOWN_MS = 5_000;
/** The relay's own timeout (lib/relay/relay.ts): the earliest moment it can know the host went silent. */
const RELAY_TIMEOUT_MS = 5_000;

/** Server log lines expected while PostHog is down (lib/analytics/server/failure-log.ts logs once per burst). */
const ALLOWED_WHILE_DOWN = String.raw`^\[analytics\] PostHog delivery failed \(\d+ failure\(s\) in this burst; \d+ event\(s\) queued`;

/** The unexpected lines of `log` by scripts/check-server-log.mjs (an ES module: run by node, not Playwright's loader). */
function unexpectedServerLines(log: string): { line: string; count: number }[] {
  const script = `
    import { ALLOWED, unexpectedLines } from './scripts/check-server-log.mjs';
    let text = '';
    for await (const chunk of process.stdin) text += chunk;
    const allowed = [...ALLOWED, { pattern: new RegExp(process.argv[1]), reason: 'PostHog down on purpose' }];
    process.stdout.write(JSON.stringify(unexpectedLines(text, allowed)));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script, ALLOWED_WHILE_DOWN], { cwd: ROOT, input: log, encoding: 'utf8' });
  return JSON.parse(out) as { line: string; count: number }[];
}

/**
 * Console messages of the page that are allowed while the hosts are down: the browser's own line for a failed
 * resource load (a 5xx of /ingest or /monitoring), nothing else. posthog-js logs its retries only in debug mode.
 */
const ALLOWED_CONSOLE = [/^Failed to load resource: the server responded with a status of 50[234] \(.+\)$/];

let upstream: FakeUpstream | undefined;
let server: RunningServer | undefined;
const figures: Record<string, unknown> = {};
/** Every event the pages captured, for debugging a failure. */
const allCaptured: Captured[] = [];

test.beforeAll(async () => {
  test.setTimeout(900_000);
  upstream = await startFakeUpstream(HOSTS_DOWN_UPSTREAM_PORT, { recording: true });
  server = await startServer({ port: PORT, dataDir: newDataDir('hosts-down'), env: RELAY_CONFIG });
  // Warm the pages with the host up, so a step's time is the outage's doing, not a cold start's.
  for (const page of ['/', '/signup', '/login', '/pricing', '/onboarding', '/dashboard', '/billing']) await fetch(`${server.url}${page}`).catch(() => undefined);
});

test.afterAll(async ({}, testInfo) => {
  if (server) await stopServer(server);
  await upstream?.stop();
  mkdirSync(path.join(ROOT, '.test-results'), { recursive: true });
  if (upstream) {
    const summary = upstream.requests.map((r) => ({ at: r.at, method: r.method, path: r.path, query: r.query, ua: r.headers['user-agent'], events: r.events.map((e) => [e.event, uuidOf(e)]) }));
    // One file per worker: a failed test restarts the worker, whose own afterAll must not overwrite what failed.
    writeFileSync(path.join(ROOT, '.test-results', `hosts-down-upstream-w${testInfo.workerIndex}.json`), JSON.stringify({ summary, captured: allCaptured }, null, 2));
  }
  for (const [mode, values] of Object.entries(figures)) {
    writeFileSync(path.join(ROOT, '.test-results', `hosts-down-${mode}.json`), JSON.stringify(values, null, 2));
  }
});

type Captured = { uuid: string; event: string; doc: string; at: number };
type Relayed = { path: string; status: number; ms: number; at: number; startedAt: number };

/** Everything the page reports: captured PostHog events, errors, rejections, console lines, relay answers. */
async function watch(page: Page) {
  const seen = { captured: [] as Captured[], pageErrors: [] as string[], rejections: [] as string[], console: [] as string[], relayed: [] as Relayed[] };
  page.on('pageerror', (error) => seen.pageErrors.push(`${error.name}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') seen.console.push(`${message.type()}: ${message.text()}`);
  });
  page.on('requestfinished', (request) => {
    const url = new URL(request.url());
    if (!/^\/(ingest|monitoring)(\/|$)/.test(url.pathname)) return;
    void request.response().then((response) => {
      const timing = request.timing();
      seen.relayed.push({ path: url.pathname, status: response?.status() ?? 0, ms: Math.round(timing.responseEnd), at: Date.now(), startedAt: timing.startTime });
    });
  });
  page.on('requestfailed', (request) => {
    const url = new URL(request.url());
    if (/^\/(ingest|monitoring)(\/|$)/.test(url.pathname)) seen.relayed.push({ path: url.pathname, status: 0, ms: -1, at: Date.now(), startedAt: request.timing().startTime });
  });
  await page.exposeFunction('__hostsDownReport', (kind: 'captured' | 'rejection', value: string) => {
    if (kind === 'rejection') seen.rejections.push(value);
    else seen.captured.push({ ...(JSON.parse(value) as Omit<Captured, 'at'>), at: Date.now() });
  });
  // The module's own accessor, made callable from the init script below (Playwright sends a function's source).
  await page.addInitScript({ content: `window.__pagePostHog = ${pagePostHog.toString()};` });
  await page.addInitScript(() => {
    type Report = (kind: 'captured' | 'rejection', value: string) => Promise<void>;
    const report = (window as unknown as { __hostsDownReport: Report }).__hostsDownReport;
    const doc = `${Date.now()}-${Math.random()}`;
    (window as unknown as { __hostsDownDoc: string }).__hostsDownDoc = doc;
    window.addEventListener('unhandledrejection', (e) => void report('rejection', String(e.reason)));
    const hook = () => {
      const ph = (window as unknown as { __pagePostHog: typeof pagePostHog }).__pagePostHog();
      if (!ph) return void setTimeout(hook, 50);
      ph.on('eventCaptured', (data: { uuid?: string; event?: string }) => {
        if (data.uuid && data.event) void report('captured', JSON.stringify({ uuid: data.uuid, event: data.event, doc }));
      });
    };
    hook();
  });
  return seen;
}

/** The relay paths whose requests are stored while the host is down: PostHog captures and Sentry envelopes. */
const isCapture = (path: string) => /^\/ingest\/(e|batch|i\/v0\/e|s)\/?$/.test(path) || path === '/monitoring';
const isBrowser = (r: RecordedRequest) => /Chrome\//.test(String(r.headers['user-agent'] ?? ''));
const uuidOf = (e: RecordedRequest['events'][number]) => (e as { uuid?: unknown }).uuid;

/** How often each event uuid reached the fake host (browser and server). */
function deliveredUuids(fake: FakeUpstream): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of fake.requests) {
    for (const e of r.events) {
      const uuid = uuidOf(e);
      if (typeof uuid === 'string') counts.set(uuid, (counts.get(uuid) ?? 0) + 1);
    }
  }
  return counts;
}

for (const mode of ['refuse', 'blackhole'] satisfies UpstreamMode[]) {
  test(`the funnel works while PostHog and Sentry ${mode === 'refuse' ? 'refuse connections' : 'never answer'}, and PostHog gets the events after`, async ({ freshUser, newPage }) => {
    test.setTimeout(300_000);
    if (!server || !upstream) throw new Error('not started');
    const fake = upstream;
    const logFrom = server.output().length;
    const page = await newPage({ baseURL: server.url });
    const seen = await watch(page);
    // The landing page with the host up: posthog-js gets its remote config (recording on, kept in its persistence
    // for the next pages) and the recorder script; every page after it records while the host is down.
    await page.goto('/');
    await page.waitForFunction(posthogLoaded, null, { timeout: 30_000 });
    await page.waitForFunction(() => window.__orbit?.telemetry?.posthog?.sessionRecordingStarted() === true, null, { timeout: 30_000 });
    await fake.setMode(mode);
    const downAt = Date.now();
    // After the switch, which drops every connection: a request of the landing page still on its way is not recorded.
    const requestsBefore = fake.requests.length;

    const steps: Record<string, number> = {};
    const step = async (name: string, fn: () => Promise<unknown>) => {
      const started = Date.now();
      await test.step(name, fn);
      steps[name] = Date.now() - started;
    };
    // First a page of its own: while the relay waits out its first timeout on a silent host, the requests it holds
    // take the browser's connections to the origin (six), and a form posted then waits for one.
    await step('pricing', async () => {
      await page.goto('/pricing');
      await page.waitForFunction(posthogLoaded, null, { timeout: 30_000 });
    });
    await step('sign-up', () => signUp(page, freshUser));
    await step('onboarding', () => completeOnboarding(page, { workspace: uniqueName('Down Co') }));
    await step('project', () => createProject(page, uniqueName('Down project')));
    await step('task', () => addTask(page, uniqueName('Down task')));
    await step('checkout', async () => {
      await checkout(page, { plan: 'Pro', card: CARDS.success });
      await expect(page).toHaveURL(/\/billing\?checkout=success/);
    });
    // Pages walked and left until the outage has lasted OUTAGE_MS, the last one (/billing) left open below.
    let walked = 0;
    await step('walk', async () => {
      for (let i = 0; ; i++) {
        const next = WALK[i % WALK.length]!;
        if (next === '/billing' && Date.now() - downAt >= OUTAGE_MS - 5_000) break;
        await page.goto(next);
        await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
        await page.waitForFunction(posthogLoaded, null, { timeout: 30_000 });
        walked++;
      }
    });
    await step('billing', async () => {
      await page.goto('/billing');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    });
    const userId = await page.evaluate(telemetrySnapshot).then((t) => t?.userId ?? undefined);
    expect(userId, 'the page bootstrapped the signed-in user').toBeTruthy();

    // The last page stays open through the outage: its events must wait in posthog-js's retry queue. Wait until the
    // relay has refused at least one of its batches, so they really are queued, not merely not sent yet.
    const billingDoc = await page.evaluate(() => (window as unknown as { __hostsDownDoc: string }).__hostsDownDoc);
    const lastDoc = () => billingDoc;
    // posthog-js's own first events of a page may precede the hook; an event captured now is surely seen.
    await page.waitForFunction(posthogLoaded, null, { timeout: 30_000 });
    await expect.poll(() => page.evaluateHandle(pagePostHog).then((ph) => ph.evaluate((p) => void p?.capture('$pageview'))).then(() => seen.captured.some((c) => c.doc === lastDoc())), { timeout: 15_000 }).toBe(true);
    const billingAt = seen.captured.find((c) => c.doc === lastDoc())?.at ?? Date.now();
    // Wait until the relay has answered a capture of this page: its events are stored, not merely not sent yet.
    await expect.poll(() => seen.relayed.some((r) => r.at >= billingAt && isCapture(r.path)), { timeout: 20_000 }).toBe(true);
    // The outage's minimum, should the pages have been quicker than the walk's estimate.
    await page.waitForTimeout(Math.max(0, downAt + OUTAGE_MS - Date.now()));

    const upAt = Date.now();
    const captured = seen.captured.filter((c) => c.event !== '$snapshot' && c.at >= downAt);
    const chunks = seen.captured.filter((c) => c.event === '$snapshot' && c.at >= downAt);
    const queuedOnLastPage = captured.filter((c) => c.doc === lastDoc());
    allCaptured.push(...seen.captured);
    const held = fake.faults.maxHeld;
    await fake.setMode('normal');
    expect(fake.requests.length, `nothing reached the ${mode} host`).toBe(requestsBefore);

    await test.step('every step at its normal pace, no error in the page', () => {
      for (const [name, ms] of Object.entries(steps)) expect.soft(ms, `${name} took ${ms} ms`).toBeLessThan(STEP_BUDGET_MS);
      expect.soft(seen.pageErrors, 'page errors').toEqual([]);
      expect.soft(seen.rejections, 'unhandled rejections').toEqual([]);
      expect.soft(
        seen.console.filter((line) => !ALLOWED_CONSOLE.some((re) => re.test(line.replace(/^(error|warning): /, '')))),
        'console errors and warnings',
      ).toEqual([]);
    });

    await test.step('the relay answered the browser quickly and held no pile of sockets', () => {
      const down = seen.relayed.filter((r) => r.at >= downAt && r.at < upAt);
      expect(down.length, 'the browser sent PostHog and Sentry traffic during the outage').toBeGreaterThan(0);
      // Captures are stored and accepted (lib/relay/durable.ts); config, flags and SDK files fail as before.
      const captures = down.filter((r) => isCapture(r.path));
      expect(captures.length, 'captures relayed during the outage').toBeGreaterThan(0);
      // Status 0: the browser gave up on the request itself (the page navigated away while the relay still waited on
      // the silent host); the relay stores it all the same, which the delivery check below proves.
      expect(captures.filter((r) => r.status !== 200 && r.status !== 0), 'captures the relay did not accept').toEqual([]);
      // (SDK files the landing page loaded with the host up come from the browser's cache: 200 without the relay. A
      // request sent before the host went down and answered just after is not the outage's: seen once, config.js
      // answered 200 in 173 ms across the moment the host went silent.)
      const rest = down.filter((r) => !isCapture(r.path) && !(r.status === 200 && r.path.startsWith('/ingest/static/')) && r.startedAt >= downAt);
      expect(rest.filter((r) => r.status !== 0 && r.status < 500), 'the rest got a gateway error').toEqual([]);
      const slow = down.filter((r) => r.ms > RELAY_ANSWER_BUDGET_MS);
      expect.soft(slow, `relay answers slower than ${RELAY_ANSWER_BUDGET_MS} ms`).toEqual([]);
      if (mode === 'blackhole') {
        // Only the requests already on their way when the host went silent (those that reached it before the first
        // of them could time out), then one probe per cooldown, may reach it.
        const arrivals = fake.faults.blackholedLog.map((line) => Number(line.split(' ')[0]));
        const onTheirWay = arrivals.filter((at) => at < (arrivals[0] ?? 0) + RELAY_TIMEOUT_MS).length;
        const allowed = onTheirWay + Math.ceil((upAt - downAt) / RELAY_COOLDOWN_MS);
        expect.soft(fake.faults.blackholedFromBrowser, `browser requests relayed to the silent host (allowed ${allowed}: ${onTheirWay} on their way, then one per cooldown; down at ${downAt}, up at ${upAt}):\n${fake.faults.blackholedLog.join('\n')}`).toBeLessThanOrEqual(allowed);
      }
      expect(upAt - downAt, 'the outage lasted OUTAGE_MS').toBeGreaterThanOrEqual(OUTAGE_MS);
      figures[mode] = {
        steps,
        relayAnswers: down.length,
        relayMaxMs: Math.max(...down.map((r) => r.ms)),
        relayMedianMs: down.map((r) => r.ms).sort((a, b) => a - b)[Math.floor(down.length / 2)],
        outageMs: upAt - downAt,
        pagesWalked: walked,
        relayStatuses: [...new Set(down.map((r) => r.status))],
        maxHeldAtUpstream: held,
        faults: { ...fake.faults },
      };
    });

    await test.step('every event and recording chunk the browser captured, on every page, arrives once after the host is back', async () => {
      expect(queuedOnLastPage.length).toBeGreaterThan(0);
      const all = seen.captured;
      await expect.poll(() => all.filter((c) => !deliveredUuids(fake).has(c.uuid)).map((c) => c.event), { timeout: 120_000, intervals: [500] }).toEqual([]);
      const deliveredAt = Date.now();
      const counts = deliveredUuids(fake);
      for (const c of all) expect.soft(counts.get(c.uuid), `${c.event} ${c.uuid} delivered once`).toBe(1);
      // Recording chunks: the pages recorded during the outage, and each chunk arrived once, on PostHog's recording
      // endpoint (/s/), after the host was back.
      expect(chunks.length, 'recording chunks captured during the outage').toBeGreaterThan(0);
      const onRecordingEndpoint = new Map<string, number>();
      for (const r of fake.requests.slice(requestsBefore)) {
        if (!/^\/s\/?$/.test(r.path)) continue;
        for (const e of r.events) if (typeof uuidOf(e) === 'string') onRecordingEndpoint.set(uuidOf(e) as string, (onRecordingEndpoint.get(uuidOf(e) as string) ?? 0) + 1);
      }
      expect(chunks.filter((c) => onRecordingEndpoint.get(c.uuid) !== 1).map((c) => `${c.uuid}: ${onRecordingEndpoint.get(c.uuid) ?? 0}`), 'recording chunks not delivered exactly once on /s/').toEqual([]);
      Object.assign(figures[mode] as object, {
        browserEventsCapturedDuringOutage: captured.length,
        recordingChunksCapturedDuringOutage: chunks.length,
        browserEventsQueuedOnOpenPage: queuedOnLastPage.length,
        browserEventsDeliveredOfAll: captured.filter((c) => counts.has(c.uuid)).length,
        capturedDeliveredTwice: all.filter((c) => (counts.get(c.uuid) ?? 0) > 1).length,
        msToDeliverAfterUp: deliveredAt - upAt,
      });
    });

    await test.step('Sentry: every envelope the relay accepted during the outage arrives after the host is back', async () => {
      const accepted = seen.relayed.filter((r) => r.at >= downAt && r.at < upAt && r.path === '/monitoring' && r.status === 200).length;
      const browserEnvelopes = () => fake.requests.slice(requestsBefore).filter((r) => r.envelope && isBrowser(r)).length;
      await expect.poll(browserEnvelopes, { timeout: 60_000, intervals: [500] }).toBeGreaterThanOrEqual(accepted);
      // Once each: no envelope (an event, a session update, a replay segment if any) reached the host twice.
      const bodies = fake.requests.slice(requestsBefore).filter((r) => r.envelope && isBrowser(r)).map((r) => r.raw.toString('base64'));
      expect(bodies.length - new Set(bodies).size, 'browser envelopes delivered twice').toBe(0);
      const replayItems = fake.requests.slice(requestsBefore).filter((r) => r.envelope && isBrowser(r)).flatMap((r) => r.envelope!.items).filter((i) => /^replay_/.test(i.type)).length;
      Object.assign(figures[mode] as object, { sentryEnvelopesAcceptedDuringOutage: accepted, sentryEnvelopesDeliveredAfter: browserEnvelopes(), sentryReplayItems: replayItems });
    });

    // The server's outbox keeps the batches of the outage queued and retries them on its own (backing off, at most
    // 30 s apart), so the server events of the outage arrive without waiting for a new capture.
    await test.step('posthog-node: server events of the outage arrive once each after the host is back', async () => {
      const serverEvents = () => fake.requests.slice(requestsBefore).filter((r) => !isBrowser(r)).flatMap((r) => r.events);
      await expect.poll(() => serverEvents().length, { timeout: 60_000, intervals: [500] }).toBeGreaterThan(0);
      const uuids = serverEvents().map(uuidOf);
      expect(uuids.every((u) => typeof u === 'string' && u.length > 0), 'every server event has a uuid').toBe(true);
      expect(new Set(uuids).size, 'each server event delivered once').toBe(uuids.length);
      Object.assign(figures[mode] as object, {
        serverEventsDelivered: uuids.length,
        serverEventNames: [...new Set(serverEvents().map((e) => e.event))],
      });
    });

    await test.step('Sentry: the browser transport works again once the host is back', async () => {
      const envelopesBefore = fake.requests.filter((r) => r.envelope && isBrowser(r)).length;
      await page.goto('/dashboard');
      await expect.poll(() => fake.requests.filter((r) => r.envelope && isBrowser(r)).length, { timeout: 45_000 }).toBeGreaterThan(envelopesBefore);
    });

    await test.step('the server logged nothing unexpected and still runs', async () => {
      const log = server?.output().slice(logFrom) ?? '';
      expect(unexpectedServerLines(log), 'unexpected server log lines').toEqual([]);
      expect((await page.request.get(`${server?.url}/api/health`)).status()).toBe(200);
    });
  });
}

// The queue is durable: a server killed with captures stored delivers them after a restart (the forwarder looks at
// start). Own server on E2E_PORT_BASE + 31, on a data directory that outlives the first process.
test('kill -9 with captures stored, then a restart: every stored event arrives once', async ({ newPage }) => {
  test.setTimeout(300_000);
  if (!upstream) throw new Error('not started');
  const fake = upstream;
  const port = E2E_PORT_BASE + 31;
  const dataDir = newDataDir('hosts-down-kill');
  let own = await startServer({ port, dataDir, env: RELAY_CONFIG });
  try {
    const page = await newPage({ baseURL: own.url });
    const seen = await watch(page);
    await fake.setMode('refuse');
    await page.goto('/');
    await page.waitForFunction(posthogLoaded, null, { timeout: 30_000 });
    await page.goto('/pricing');
    await page.waitForFunction(posthogLoaded, null, { timeout: 30_000 });
    // posthog-js's first events of a page may precede the hook; an event captured now is surely seen.
    await expect
      .poll(() => page.evaluateHandle(pagePostHog).then((ph) => ph.evaluate((p) => void p?.capture('$pageview'))).then(() => seen.captured.length > 0), { timeout: 15_000 })
      .toBe(true);
    const capturedAt = Date.now();
    await expect.poll(() => seen.relayed.some((r) => r.at >= capturedAt && isCapture(r.path) && r.path !== '/monitoring' && r.status === 200), { timeout: 30_000 }).toBe(true);
    // Leave the page (its last batch goes by beacon), and wait until the relay stops receiving captures.
    await page.goto('about:blank');
    let last = -1;
    await expect
      .poll(
        () => {
          const n = seen.relayed.length;
          const stable = n === last;
          last = n;
          return stable;
        },
        { timeout: 30_000, intervals: [2_000] },
      )
      .toBe(true);
    const captured = seen.captured.map((c) => c.uuid);
    expect(captured.length).toBeGreaterThan(0);
    own.process.kill('SIGKILL');
    await new Promise((resolve) => own.process.once('exit', resolve));
    await fake.setMode('normal');
    own = await startServer({ port, dataDir, env: RELAY_CONFIG });
    // A row the killed process had leased waits for its lease to end (at most the forwarder's 30 s timeout + 5 s).
    await expect.poll(() => captured.filter((uuid) => !deliveredUuids(fake).has(uuid)).length, { timeout: 180_000, intervals: [1_000] }).toBe(0);
    const counts = deliveredUuids(fake);
    for (const uuid of captured) expect.soft(counts.get(uuid), `${uuid} delivered once`).toBe(1);
    figures['kill-9'] = { capturedBeforeKill: captured.length, delivered: captured.filter((u) => counts.has(u)).length };
  } finally {
    await stopServer(own);
  }
});
