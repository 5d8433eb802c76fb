// posthog-js's own events asserted on what the real SDK sent to the local collector (not on config values):
// $pageleave, $autocapture, $web_vitals, heatmap data (`$$heatmap` with `$heatmap_data`, which posthog-js sends
// through the ordinary capture endpoint) and the `$exception` that links a browser error to its Sentry event.
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { browserDistinctId, type InboxEvent } from './inbox';
import { completeOnboarding, expect, signUp, test, uniqueName } from './fixtures';

const SLOW = { timeout: 30_000 };

async function posthogLoaded(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(() => Boolean((window as unknown as { __orbit?: { ph?: unknown } }).__orbit?.ph)), { timeout: 20_000 }).toBe(true);
}

test('posthog-js sends $autocapture, heatmap data, $pageleave and $web_vitals for a real visit', async ({ page, context, inbox }) => {
  const since = new Date(Date.now() - 1_000).toISOString();
  await page.goto('/');
  await posthogLoaded(page);
  const distinctId = await browserDistinctId(context);
  expect(distinctId, 'posthog-js persisted a distinct id').toBeTruthy();

  // A click on a CTA: autocapture records it (with its data-cta-id), the heatmap records where it landed.
  await page.locator('[data-cta-id="hero_see_pricing"]').click();
  await expect(page).toHaveURL(/\/pricing/);
  await page.mouse.move(200, 300);
  await page.mouse.click(640, 400);
  // Leaving the page by a full navigation: posthog-js sends $pageleave and flushes heatmaps and web vitals.
  await page.goto('/login');
  await posthogLoaded(page);

  const click = await inbox.waitForEvent('$autocapture', { distinctId: distinctId!, since, properties: { $event_type: 'click' }, ...SLOW });
  expect(JSON.stringify(click.properties)).toContain('hero_see_pricing');

  const leave = await inbox.waitForEvent('$pageleave', { distinctId: distinctId!, since, ...SLOW });
  expect(String(leave.properties.$current_url)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);

  const vitals = await inbox.waitForEvent('$web_vitals', { distinctId: distinctId!, since, ...SLOW });
  const metrics = Object.keys(vitals.properties).filter((k) => /^\$web_vitals_[A-Z]+_value$/.test(k));
  expect(metrics.length, `web vitals metrics in ${JSON.stringify(vitals.properties).slice(0, 300)}`).toBeGreaterThan(0);

  const heatmap = await inbox.waitForEvent('$$heatmap', { distinctId: distinctId!, since, ...SLOW });
  const data = heatmap.properties.$heatmap_data as Record<string, Array<{ type?: string; x?: number; y?: number }>> | undefined;
  const points = Object.values(data ?? {}).flat();
  expect(points.some((p) => p.type === 'click' && typeof p.x === 'number' && typeof p.y === 'number'), JSON.stringify(data).slice(0, 300)).toBe(true);
});

test('a browser error reaches PostHog as $exception, linked to the Sentry event the collector received', async ({ page, inbox, freshUser }) => {
  const since = new Date(Date.now() - 1_000).toISOString();
  await signUp(page, freshUser);
  await completeOnboarding(page, { workspace: uniqueName('Exceptions') });
  const userId = await page.evaluate(() => (window as unknown as { __orbit?: { b?: { user?: { id: string } | null } } }).__orbit?.b?.user?.id);
  expect(userId).toBeTruthy();
  const mark = `m${randomBytes(5).toString('hex')}`;
  await page.goto('/dev/errors');
  await posthogLoaded(page);
  await expect.poll(() => page.evaluate(() => Boolean((window as unknown as { __orbit?: { s?: unknown } }).__orbit?.s)), { timeout: 20_000 }).toBe(true);
  await page.getByLabel('Marker').fill(mark);
  await page.getByRole('button', { name: 'Throw in handler' }).click();

  let exception: InboxEvent | undefined;
  await expect
    .poll(async () => {
      exception = (await inbox.events({ event: '$exception', distinctId: userId!, since })).find((e) => JSON.stringify(e.properties).includes(mark));
      return exception !== undefined;
    }, { ...SLOW, message: `a $exception carrying ${mark}` })
    .toBe(true);
  const sentryId = exception!.properties.$sentry_event_id;
  expect(sentryId).toMatch(/^[0-9a-f]{32}$/);
  const item = await inbox.waitForSentry({ type: 'event', payload: { event_id: sentryId as string } });
  expect(JSON.stringify(item.payload)).toContain(mark);
});
