// posthog-js's own events asserted on what the real SDK sent to the local collector (not on config values):
// $pageleave, $autocapture, $web_vitals, heatmap data (`$$heatmap` with `$heatmap_data`, which posthog-js sends
// through the ordinary capture endpoint) and the `$exception` that links a browser error to its Sentry event.
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import type { InboxEventRow } from '@/lib/inbox/rows';
import { browserDistinctId } from './inbox';
import { expect, signUpAndOnboard, test, uniqueName } from './fixtures';
import { autocaptureActive, posthogLoaded as posthogUp, sentryLoaded as sentryUp, telemetrySnapshot } from './support/telemetry-hook';

const SLOW = { timeout: 30_000 };

async function posthogLoaded(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(posthogUp), { timeout: 20_000 }).toBe(true);
}

test('posthog-js sends $autocapture, heatmap data, $pageleave and $web_vitals for a real visit', async ({ page, context, inbox }) => {
  const since = new Date(Date.now() - 1_000).toISOString();
  await page.goto('/');
  await posthogLoaded(page);
  const distinctId = await browserDistinctId(context);
  expect(distinctId, 'posthog-js persisted a distinct id').toBeTruthy();

  // A click on a CTA: autocapture records it (with its data-cta-id), the heatmap records where it landed. Clicked once
  // autocapture is on: it waits for PostHog's remote config, which a loaded machine answers late.
  await page.waitForFunction(autocaptureActive, null, SLOW);
  await page.locator('[data-cta-id="hero_see_pricing"]').click();
  await expect(page).toHaveURL(/\/pricing/);
  await page.mouse.move(200, 300);
  await page.mouse.click(640, 400);

  const click = await inbox.waitForEvent('$autocapture', { distinctId: distinctId!, since, properties: { $event_type: 'click' }, ...SLOW });
  expect(JSON.stringify(click.properties)).toContain('hero_see_pricing');

  // Heatmap data goes out on posthog-js's own timer (every 5 s) while the page stays open.
  const heatmap = await inbox.waitForEvent('$$heatmap', { distinctId: distinctId!, since, ...SLOW });
  const data = heatmap.properties.$heatmap_data as Record<string, Array<{ type?: string; x?: number; y?: number }>> | undefined;
  const points = Object.values(data ?? {}).flat();
  expect(points.some((p) => p.type === 'click' && typeof p.x === 'number' && typeof p.y === 'number'), JSON.stringify(data).slice(0, 300)).toBe(true);

  const vitals = await inbox.waitForEvent('$web_vitals', { distinctId: distinctId!, since, ...SLOW });
  const metrics = Object.keys(vitals.properties).filter((k) => /^\$web_vitals_[A-Z]+_value$/.test(k));
  expect(metrics.length, `web vitals metrics in ${JSON.stringify(vitals.properties).slice(0, 300)}`).toBeGreaterThan(0);

  // Leaving: posthog-js's own `pagehide` handler sends $pageleave (by beacon). Fired on the live page, because a
  // beacon sent while the test navigates away is not reliably delivered before the browser tears the page down.
  await page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
  const leave = await inbox.waitForEvent('$pageleave', { distinctId: distinctId!, since, ...SLOW });
  expect(String(leave.properties.$current_url)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/pricing/);
});

test('a browser error reaches PostHog as $exception, linked to the Sentry event the collector received', async ({ page, request, inbox, freshUser }) => {
  const since = new Date(Date.now() - 1_000).toISOString();
  await signUpAndOnboard(page, freshUser, { workspace: uniqueName('Exceptions') });
  const userId = await page.evaluate(telemetrySnapshot).then((t) => t?.userId ?? undefined);
  expect(userId).toBeTruthy();
  const mark = `m${randomBytes(5).toString('hex')}`;
  // On a product page (PostHog never runs on /dev/*): an uncaught error, caught by Sentry's global handler.
  await page.goto('/dashboard');
  await posthogLoaded(page);
  await expect.poll(() => page.evaluate(sentryUp), { timeout: 20_000 }).toBe(true);
  await page.evaluate((m) => {
    setTimeout(() => {
      throw new Error(`sdk-traffic uncaught ${m}`);
    });
  }, mark);

  let exception: InboxEventRow | undefined;
  await expect
    .poll(async () => {
      exception = (await inbox.events({ event: '$exception', distinctId: userId!, since })).find((e) => JSON.stringify(e.properties).includes(mark));
      return exception !== undefined;
    }, { ...SLOW, message: `a $exception carrying ${mark}` })
    .toBe(true);
  const sentryId = exception!.properties.$sentry_event_id;
  expect(sentryId).toMatch(/^[0-9a-f]{32}$/);
  // The link back: locally the inbox's Sentry API (in production posthog-js's `$sentry_url` format, posthog-link.test.ts).
  const origin = new URL(page.url()).origin;
  expect(exception!.properties.$sentry_url).toBe(`${origin}/api/dev/inbox/sentry?type=event&event_id=${String(sentryId)}`);
  // Newest first: a whole suite's Sentry items sit in front of this one in ascending order.
  let sentryEvent: { timestamp?: number; tags?: Record<string, string> } | undefined;
  await expect
    .poll(async () => {
      const res = await request.get('/api/dev/inbox/sentry?type=event&order=desc&limit=200');
      const { items } = (await res.json()) as { items: Array<{ event_id: string | null; payload: unknown }> };
      const item = items.find((i) => i.event_id === sentryId);
      sentryEvent = item?.payload as typeof sentryEvent;
      return item ? JSON.stringify(item.payload).includes(mark) : false;
    }, { ...SLOW, message: `the Sentry event ${String(sentryId)} carrying ${mark}` })
    .toBe(true);
  // And the Sentry event's recording link opens at the error: the inbox player takes the moment (epoch ms).
  const sessionId = exception!.properties.$session_id;
  const recording = new URL(sentryEvent!.tags!['PostHog Recording URL']!);
  expect(recording.pathname).toBe(`/dev/inbox/recordings/${String(sessionId)}`);
  // An ISO time: an epoch-ms number (13 digits) passed the Luhn check one time in ten and was scrubbed to `[card]`.
  expect(recording.searchParams.get('t')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  expect(Math.abs(Date.parse(recording.searchParams.get('t')!) - sentryEvent!.timestamp! * 1000), 'the link opens at the error').toBeLessThan(1_000);
});
