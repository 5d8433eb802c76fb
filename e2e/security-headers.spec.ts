// Security headers on real responses of the production build, and the Content-Security-Policy in the real
// browser: the landing page, PostHog's lazy load and recording, the signed-in app and the inbox's rrweb-player all
// run under it without one violation (the `cspViolations` fixture also fails any other spec on a violation). Every
// HTML answer carries the policy, not-found pages of any path included; a method Orbit does not serve is a 405.
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { completeOnboarding, expect, signUp, test, uniqueName } from './fixtures';
import { posthogLoaded, telemetrySnapshot } from './support/telemetry-hook';

const COMMON = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  // `next start` is a production server.
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
};

/** `securitypolicyviolation` events of the page, recorded from before its first script. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const w = window as Window & { __cspViolations?: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations!.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  return () => page.evaluate(() => (window as Window & { __cspViolations?: string[] }).__cspViolations ?? []);
}

test('every response carries the security headers; pages a CSP with a fresh nonce that the inline snippet uses', async ({ request }) => {
  for (const path of ['/', '/pricing', '/login', '/api/health', '/dev/inbox', '/ingest/flags/?v=2']) {
    const res = await request.get(path, { maxRedirects: 0 });
    const headers = res.headers();
    for (const [name, value] of Object.entries(COMMON)) expect.soft(headers[name], `${path} ${name}`).toBe(value);
  }
  const nonces: string[] = [];
  for (const path of ['/', '/pricing', '/login', '/dev/inbox', '/']) {
    const res = await request.get(path);
    const csp = res.headers()['content-security-policy'] ?? '';
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(csp, path).toContain("connect-src 'self'");
    expect(csp, path).not.toContain('unsafe-eval');
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce, path).toBeTruthy();
    // The early-queue snippet and Next's own inline scripts carry this request's nonce.
    const html = await res.text();
    expect(html, path).toContain(`nonce="${nonce}"`);
    nonces.push(nonce!);
  }
  expect(new Set(nonces).size).toBe(nonces.length);
});

test('the app, PostHog (with its recording) and the inbox replay run under the CSP without a violation', async ({ page, freshUser, inbox, cspViolations }) => {
  const violations = await watchViolations(page);
  const seen: string[] = [];
  const leave = async () => seen.push(...(await violations()).map((v) => `${new URL(page.url()).pathname}: ${v}`));

  await page.goto('/');
  // posthog-js is loaded lazily by the nonce'd snippet, then loads its recorder: 'strict-dynamic' at work.
  await page.waitForFunction(posthogLoaded, null, { timeout: 20_000 });
  const sessionId = (await page.evaluate(telemetrySnapshot))!.sessionId!;
  await leave();
  await page.goto('/pricing');
  await leave();
  await signUp(page, freshUser);
  await completeOnboarding(page, { workspace: uniqueName('CSP Co'), project: uniqueName('CSP') });
  await page.goto('/settings');
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  // The recorder starts in a page's first quiet moment (recorder-start.ts), so on the typing-heavy pages before it may
  // not have started at all; and posthog-js holds a recording nobody has interacted with yet until an interaction or
  // the page's unload. So: recording on, then the visitor moves the mouse, as one reading the page does.
  await page.waitForFunction(() => window.__orbit?.telemetry?.posthog?.sessionRecordingStarted() === true, null, { timeout: 30_000 });
  await page.mouse.move(200, 200);
  await page.mouse.move(260, 280, { steps: 8 });
  await inbox.waitForRecording(sessionId, { minSnapshots: 2 });
  await leave();

  await page.goto(`/dev/inbox/recordings/${encodeURIComponent(sessionId)}`);
  await expect(page.getByTestId('recording-player').locator('iframe')).toBeAttached({ timeout: 20_000 });
  await leave();
  await page.goto('/dev/inbox');
  await expect(page.getByRole('heading').first()).toBeVisible();
  await leave();

  expect(seen).toEqual([]);
  expect(cspViolations).toEqual([]);
});

test('every HTML answer carries the CSP, the not-found page of any path included; unknown API paths answer JSON', async ({ request, page, freshUser }) => {
  const htmlPaths = ['/nonexistent.php', '/x.html', '/favicon.ico', '/robots.txt', '/sitemap.xml', '/.well-known/x', '/apix', '/ingest', '/ingestion', '/sentry/x', '/sentryx', '/monitoring/x', '/dev/inbox/x.y', '/_next/x'];
  const check = async (res: Awaited<ReturnType<typeof request.get>>, path: string) => {
    expect(res.headers()['content-type'], path).toContain('text/html');
    const csp = res.headers()['content-security-policy'] ?? '';
    expect(csp, path).toContain("frame-ancestors 'none'");
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce, path).toBeTruthy();
    expect(await res.text(), path).toContain(`nonce="${nonce}"`);
  };
  for (const path of htmlPaths) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(404);
    await check(res, path);
  }
  // Signed in, a project path with a dot in it renders the app's own not-found page.
  await signUp(page, freshUser);
  await completeOnboarding(page, { workspace: uniqueName('CSP 404 Co') });
  for (const path of ['/projects/x.y', '/projects/report.pdf']) {
    const res = await page.request.get(path);
    expect(res.status(), path).toBe(404);
    await check(res, path);
  }
  for (const path of ['/api', '/api/', '/api/nonexistent', '/api/x.json', '/api/projects/a/b/c']) {
    for (const method of ['GET', 'POST', 'DELETE']) {
      const res = await request.fetch(path, { method });
      expect(res.status(), `${method} ${path}`).toBe(404);
      expect(res.headers()['content-type'], `${method} ${path}`).toContain('application/json');
      expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
    }
  }
});

test('TRACE is answered 405 before Next: no error and no transaction reaches Sentry', async ({ request, inbox }) => {
  const traceId = randomBytes(16).toString('hex');
  const headers = { 'sentry-trace': `${traceId}-${randomBytes(8).toString('hex')}-1`, baggage: `sentry-trace_id=${traceId},sentry-sampled=true,sentry-sample_rate=1` };
  for (const path of ['/api/projects', '/pricing']) {
    const res = await request.fetch(path, { method: 'TRACE', headers });
    expect(res.status(), path).toBe(405);
    expect(res.headers().allow).toBe('GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS');
  }
  // "Nothing was sent", without sleeping: a later request in the same trace is recorded; nothing before it is TRACE.
  expect((await request.get('/pricing', { headers })).status()).toBe(200);
  await inbox.waitForSentry({ type: 'transaction', traceId, payload: { name: 'GET /pricing' } });
  const items = await inbox.sentry({ traceId, limit: 200 });
  expect(items.map((i) => i.name).filter((name) => /TRACE/.test(name ?? ''))).toEqual([]);
  expect(items.filter((i) => i.type === 'event')).toEqual([]);
});
