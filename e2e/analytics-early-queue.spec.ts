// The lazy loading proof (issue 8): PostHog and Sentry load only after `load` + idle, and an event captured and an
// error thrown before that moment are still delivered, with their original time, after the SDKs' own requests start.
import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures';

test('an event captured and an error thrown before the SDKs load are delivered', async ({ page, inbox, identity }) => {
  const marker = `early-${randomUUID().slice(0, 8)}`;
  const requests: Array<{ path: string; at: number }> = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (/^\/(ingest|sentry)\//.test(path)) requests.push({ path, at: Date.now() });
  });
  // Before any bundle runs its course: on DOMContentLoaded (before `load`), queue a catalog event the way the
  // facade does and throw an uncaught error, then note whether any SDK was up.
  await page.addInitScript((m: string) => {
    document.addEventListener('DOMContentLoaded', () => {
      const o = window.__orbit!;
      const at = Date.now();
      (window as unknown as { __proof: unknown }).__proof = { at, sdkUp: Boolean(o.ph || o.s), loaderStarted: o.ls !== undefined };
      o.q.push({ k: 'ev', n: 'client.error_shown', p: { code: 'unknown', where: 'early_queue_proof' }, t: at, u: location.href });
      setTimeout(() => {
        throw new Error(m);
      });
    });
  }, marker);

  await page.goto('/pricing');
  await page.waitForFunction(() => Boolean(window.__orbit?.ph && window.__orbit?.s), null, { timeout: 20_000 });
  const { proof, loadStart, ready, distinctId } = await page.evaluate(() => ({
    proof: (window as unknown as { __proof: { at: number; sdkUp: boolean; loaderStarted: boolean } }).__proof,
    loadStart: window.__orbit!.ls!,
    ready: window.__orbit!.ld!,
    distinctId: window.__orbit!.ph!.get_distinct_id(),
  }));
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
