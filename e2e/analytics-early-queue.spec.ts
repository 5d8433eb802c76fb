// The lazy loading proof: PostHog and Sentry load only after `load` + idle, and an event captured and an error thrown
// before that moment are still delivered, with their original time, after the SDKs' own requests start.
import { randomUUID } from 'node:crypto';
import { posthogLoaded, queueEventBeforeLoad, sentryLoaded, telemetrySnapshot } from './support/telemetry-hook';
import { expect, test } from './fixtures';

test('an event captured and an error thrown before the SDKs load are delivered', async ({ page, inbox, identity }) => {
  const marker = `early-${randomUUID().slice(0, 8)}`;
  const requests: Array<{ path: string; at: number }> = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (/^\/(ingest|sentry)\//.test(path)) requests.push({ path, at: Date.now() });
  });
  // The page's `load` is held by one image answered only once the event and the error are in, so the loader (load +
  // idle, or its 10 s fallback) cannot have started when they happen.
  let release: (() => Promise<void>) | undefined;
  const held = new Promise<void>((resolve) => {
    void page.route('**/early-queue-hold.gif', (route) => {
      release = () => route.fulfill({ status: 204 });
      resolve();
    });
  });
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      const img = document.createElement('img');
      img.src = '/early-queue-hold.gif';
      img.alt = '';
      document.body.appendChild(img);
    });
  });

  await page.goto('/pricing', { waitUntil: 'domcontentloaded' });
  await held;
  await page.waitForFunction(telemetrySnapshot, null, { timeout: 20_000 });
  const before = (await page.evaluate(telemetrySnapshot))!;
  // A catalog event queued the way the facade does, and an uncaught error the head snippet catches.
  const at = await page.evaluate(queueEventBeforeLoad, { name: 'client.error_shown', properties: { code: 'unknown', where: 'early_queue_proof' } });
  await page.evaluate((m) => {
    setTimeout(() => {
      throw new Error(m);
    });
  }, marker);
  const proof = { at: at!, sdkUp: before.sentryLoaded || before.posthogLoaded, loaderStarted: before.loadStartedAt !== null };
  await release!();

  await page.waitForFunction(sentryLoaded, null, { timeout: 20_000 });
  await page.waitForFunction(posthogLoaded, null, { timeout: 20_000 });
  const after = (await page.evaluate(telemetrySnapshot))!;
  const loadStart = after.loadStartedAt!;
  const ready = after.posthogReadyAt!;
  const distinctId = after.distinctId!;
  expect(proof.sdkUp, 'no SDK was loaded when the event and the error happened').toBe(false);
  expect(proof.loaderStarted).toBe(false);
  expect(proof.at).toBeLessThan(loadStart);

  const event = await inbox.waitForEvent('client.error_shown', { distinctId, since: identity.since, properties: { where: 'early_queue_proof' } });
  // Delivered with the time it happened (before the loader started), not the time it was sent.
  expect(Math.abs(Date.parse(event.timestamp) - proof.at)).toBeLessThan(1_000);
  expect(Date.parse(event.timestamp)).toBeLessThan(ready);
  expect(event.properties['orbit_replayed']).toBe(true);

  let sentryError: { received_at: string; payload: unknown } | undefined;
  await expect
    .poll(
      async () => {
        sentryError = (await inbox.sentry({ type: 'event', limit: 200 })).find((item) => JSON.stringify(item.payload).includes(marker));
        return Boolean(sentryError);
      },
      { timeout: 20_000, message: `Sentry event for ${marker}` },
    )
    .toBe(true);
  const payload = sentryError!.payload as { timestamp?: number; tags?: Record<string, string> };
  expect(payload.tags?.['orbit.early']).toBe('err');
  expect((payload.timestamp ?? 0) * 1000).toBeLessThan(loadStart);

  // Request order: no SDK request left the page before the loader started.
  expect(requests.length).toBeGreaterThan(0);
  expect(Math.min(...requests.map((r) => r.at))).toBeGreaterThanOrEqual(loadStart - 50);
});

// A full-page navigation right after load (a form post, a plain link) leaves before posthog-js has started: the
// page's early queue is handed to the next page of the tab (state.ts `carryOverQueue`) and replayed there, with the
// time and URL of the page it happened on. Without it, the click's catalog event and the page's own $pageview are lost.
test('an event queued on a page left before the SDKs load is delivered from the next page', async ({ page, inbox, identity }) => {
  // The first page's `load` never comes (one image held until the test ends), and its 10 s fallback is not reached:
  // posthog-js cannot start on it.
  await page.route('**/carry-over-hold.gif', () => undefined);
  await page.addInitScript(() => {
    if (location.pathname !== '/pricing') return;
    document.addEventListener('DOMContentLoaded', () => {
      const img = document.createElement('img');
      img.src = '/carry-over-hold.gif';
      img.alt = '';
      document.body.appendChild(img);
    });
  });
  await page.goto('/pricing', { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(telemetrySnapshot, null, { timeout: 20_000 });
  const at = await page.evaluate(queueEventBeforeLoad, { name: 'client.error_shown', properties: { code: 'unknown', where: 'carried_over' } });
  expect((await page.evaluate(telemetrySnapshot))!.posthogLoaded, 'posthog-js had not started on the page left').toBe(false);
  const leftUrl = page.url();

  await page.goto('/signup');
  await page.waitForFunction(posthogLoaded, null, { timeout: 20_000 });
  const distinctId = (await page.evaluate(telemetrySnapshot))!.distinctId!;

  const event = await inbox.waitForEvent('client.error_shown', { distinctId, since: identity.since, properties: { where: 'carried_over' } });
  expect(Math.abs(Date.parse(event.timestamp) - at!)).toBeLessThan(1_000);
  expect(event.properties['$current_url']).toBe(leftUrl);
  expect(event.properties['orbit_replayed']).toBe(true);
  // The left page's own $pageview travels with it, also with its own URL; the next page's is its own.
  const pageviews = await inbox.events({ event: '$pageview', distinctId, since: identity.since });
  expect(pageviews.map((e) => e.properties['$current_url'])).toEqual(expect.arrayContaining([leftUrl, page.url()]));
  // Handed over once: nothing is left in the tab's storage to replay again.
  expect(await page.evaluate(() => sessionStorage.getItem('orbit:queued'))).toBeNull();
});
