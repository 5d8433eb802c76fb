// Consent in opt-in mode (ANALYTICS_CONSENT=opt-in, read at runtime, so the same build serves it): before the
// visitor accepts, not one request reaches /ingest and no PostHog cookie or storage key exists; after "Accept",
// PostHog loads and the page's pageview arrives. Runs its own server (like restart.spec.ts).
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { Inbox } from './inbox';
import { E2E_PORT_BASE, newDataDir, startServer, stopServer, type RunningServer } from './support/test-server';
import { posthogLoaded, sentryLoaded, telemetrySnapshot } from './support/telemetry-hook';

const PORT = Number(process.env.E2E_CONSENT_PORT ?? E2E_PORT_BASE + 2);

test.describe.configure({ mode: 'serial' });

let server: RunningServer | undefined;
test.beforeAll(async () => {
  test.setTimeout(150_000);
  server = await startServer({ port: PORT, dataDir: newDataDir('consent'), env: { ANALYTICS_CONSENT: 'opt-in' } });
});
test.afterAll(async () => {
  if (server) await stopServer(server);
});

async function posthogTraces(page: Page, context: BrowserContext) {
  const storage = await page.evaluate(() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)]);
  const cookies = (await context.cookies()).map((c) => c.name);
  return [...storage, ...cookies].filter((k) => /^(ph_|__ph|posthog)/i.test(k));
}

test('opt-in: nothing reaches /ingest and nothing is stored before consent; Accept starts capture', async ({ newPage, playwright }) => {
  const url = `http://127.0.0.1:${PORT}`;
  const page = await newPage({ baseURL: url });
  const ingest: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/ingest')) ingest.push(r.url());
  });

  await page.goto('/?utm_source=newsletter');
  await page.locator('a[data-cta-id="hero_see_pricing"]').click();
  await expect(page).toHaveURL(/\/pricing/);
  // The loader has run (Sentry is up), so PostHog would have loaded by now if consent allowed it.
  await expect.poll(async () => page.evaluate(telemetrySnapshot).then((t) => t?.sentryLoaded && t.consent), { timeout: 20_000 }).toBe('pending');
  const banner = page.getByRole('region', { name: 'Analytics consent' });
  await expect(banner).toBeVisible();
  expect(ingest, 'requests to /ingest before consent').toEqual([]);
  expect(await posthogTraces(page, page.context()), 'PostHog cookies/storage before consent').toEqual([]);

  await banner.getByRole('button', { name: 'Accept' }).click();
  await page.waitForFunction(posthogLoaded, null, { timeout: 20_000 });
  const distinctId = (await page.evaluate(telemetrySnapshot))!.distinctId!;
  const api = await playwright.request.newContext({ baseURL: url });
  const inbox = new Inbox(api);
  const pageview = await inbox.waitForEvent('$pageview', { distinctId });
  expect(new URL(String(pageview.properties['$current_url'])).pathname).toBe('/pricing');
  // The click made before consent stays unsent.
  expect(await inbox.events({ distinctId, event: 'marketing.cta_clicked' })).toEqual([]);
  expect(ingest.length).toBeGreaterThan(0);
  expect(await posthogTraces(page, page.context())).not.toEqual([]);
  await expect(banner).toBeHidden();
  await api.dispose();
});

test('opt-in: Decline keeps PostHog unloaded, also after a reload', async ({ newPage }) => {
  const page = await newPage({ baseURL: `http://127.0.0.1:${PORT}` });
  const ingest: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/ingest')) ingest.push(r.url());
  });
  await page.goto('/');
  await page.getByRole('region', { name: 'Analytics consent' }).getByRole('button', { name: 'Decline' }).click();
  await page.reload();
  await page.waitForFunction(sentryLoaded, null, { timeout: 20_000 });
  expect((await page.evaluate(telemetrySnapshot))?.consent).toBe('denied');
  await expect(page.getByRole('region', { name: 'Analytics consent' })).toHaveCount(0);
  expect(ingest).toEqual([]);
  expect(await posthogTraces(page, page.context())).toEqual([]);
});
