// Runs before every other spec (the `setup` project): the server is healthy on its fresh database, the browser
// looks like a real desktop Chrome, and the main pages are warm.
import { expect, test } from './fixtures';

test('GET /api/health answers 200 with the database ok', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.status()).toBe(200);
  expect(res.headers()['cache-control']).toContain('no-store');
  const body = (await res.json()) as { status: string; database: { status: string; kind: string } };
  expect(body.status).toBe('ok');
  expect(body.database).toMatchObject({ status: 'ok', kind: 'pglite' });
});

test('the browser looks like a real desktop Chrome (not a bot to posthog-js)', async ({ page }) => {
  await page.goto('/');
  const nav = await page.evaluate(() => ({
    webdriver: navigator.webdriver,
    userAgent: navigator.userAgent,
    brands: (navigator as Navigator & { userAgentData?: { brands: { brand: string }[] } }).userAgentData?.brands.map((b) => b.brand) ?? [],
  }));
  expect(nav.webdriver).toBe(false);
  expect(nav.userAgent).not.toMatch(/headless/i);
  for (const brand of nav.brands) expect(brand).not.toMatch(/headless/i);
});

test('warm up the main pages', async ({ request }) => {
  for (const path of ['/', '/pricing', '/signup', '/login']) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
  }
});
