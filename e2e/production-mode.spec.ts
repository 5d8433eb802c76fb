// Production defaults, on real `next start` servers of the production build: started the way the README says
// (only BETTER_AUTH_SECRET and APP_URL), nothing of local mode exists and nothing can be bought; LOCAL_INBOX=1 turns
// local mode on and says so loudly; APP_URL is required; another site cannot use the inbox; a page on another
// origin can neither change state nor send the user off Orbit (CSRF forms, open redirects); a method Orbit does not
// serve is a 405. (Where the signed webhook goes is covered by lib/billing/origin.test.ts: a browser cannot forge
// X-Forwarded-Host past Next's own server-action Origin check, which this file also checks.)
import { readFileSync } from 'node:fs';
import { completeOnboarding, expect, signUp, signUpAndOnboard, test, uniqueName } from './fixtures';
import { autoSubmitForm, startOtherOrigin, type OtherOrigin } from './support/other-origin';
import { E2E_PORT_BASE, newDataDir, startServer, stopServer, type RunningServer } from './support/test-server';

const MINIMAL_PORT = E2E_PORT_BASE + 3;
const NO_APP_URL_PORT = E2E_PORT_BASE + 5;

/** The README's production minimum: serverEnv's local-mode and local-billing switches removed. */
const README_MINIMUM = { LOCAL_INBOX: '', BILLING_PROVIDER: '', DEPLOYMENT: '' };

test.describe.configure({ mode: 'serial' });

const servers: RunningServer[] = [];
test.afterAll(async () => {
  await Promise.all(servers.splice(0).map((s) => stopServer(s)));
});

let minimal: Promise<RunningServer> | undefined;
/** The README-minimum server, started by the first test that needs it and shared by the others. */
function minimalServer(): Promise<RunningServer> {
  minimal ??= startServer({ port: MINIMAL_PORT, dataDir: newDataDir('prod-minimal'), env: README_MINIMUM }).then((s) => {
    servers.push(s);
    return s;
  });
  return minimal;
}

test('production with only BETTER_AUTH_SECRET and APP_URL: no inbox, no collector, no billing', async ({ freshUser, newPage, request }) => {
  test.setTimeout(240_000);
  const server = await minimalServer();
  const url = (path: string) => `${server.url}${path}`;

  await test.step('the start-up log states the mode', async () => {
    expect(server.output()).toContain('[orbit] mode: production · local inbox off (production) · billing: not configured');
    expect(server.output()).not.toContain('LOCAL MODE IS ON');
  });

  await test.step('inbox, inbox API, collectors and debug routes answer 404', async () => {
    expect((await request.get(url('/dev/inbox'))).status()).toBe(404);
    for (const path of ['/api/dev/inbox', '/api/dev/inbox/events', '/api/dev/inbox/persons', '/api/dev/inbox/recordings', '/api/dev/inbox/sentry']) {
      expect((await request.get(url(path))).status(), path).toBe(404);
    }
    expect((await request.delete(url('/api/dev/inbox'))).status()).toBe(404);
    const capture = await request.post(url('/ingest/i/v0/e/'), { data: { api_key: 'phc_orbit_local', event: 'anyone', distinct_id: 'x', properties: {} } });
    expect(capture.status()).toBe(404);
    expect((await request.post(url('/sentry/api/1/envelope/'), { data: '{}\n' })).status()).toBe(404);
    expect((await request.get(url('/api/edge/ping?boom=1'))).status()).toBe(404);
    const health = (await (await request.get(url('/api/health'))).json()) as { integrations: Record<string, unknown> };
    expect(health.integrations).toMatchObject({ billing: null, localInbox: false });
  });

  await test.step('a Stripe-format webhook is refused: there is no secret to verify it with', async () => {
    const res = await request.post(url('/api/webhooks/stripe'), { data: '{}', headers: { 'stripe-signature': 't=1,v1=00' } });
    expect(res.status()).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_configured' } });
  });

  await test.step('billing says it is not configured and hands out no plan', async () => {
    const page = await newPage({ baseURL: server.url });
    await signUp(page, freshUser);
    await completeOnboarding(page, { workspace: uniqueName('Prod Minimal Co') });
    await page.goto('/billing');
    await expect(page.getByTestId('billing-not-configured')).toBeVisible();
    await expect(page.getByRole('button', { name: /Upgrade to/ })).toHaveCount(0);
    await page.goto('/pricing');
    await page.getByRole('button', { name: 'Upgrade to Pro' }).click();
    await expect(page.getByText('Billing is not configured on this deployment.')).toBeVisible();
    await expect(page).toHaveURL(/\/pricing/);
    await page.goto('/billing');
    await expect(page.getByTestId('current-plan')).toHaveText('Free');
  });
});

test('a page on another origin can neither change state nor send the user off Orbit', async ({ freshUser, newPage }) => {
  test.setTimeout(240_000);
  const server = await minimalServer();
  const url = (path: string) => `${server.url}${path}`;
  let other: OtherOrigin | undefined;
  try {
    // Another port of 127.0.0.1: another origin, but the same site, so SameSite=Lax cookies ride along.
    other = await startOtherOrigin();
    const evil = other;
    const page = await newPage({ baseURL: server.url });
    await signUpAndOnboard(page, freshUser, { workspace: uniqueName('Victim Co') });
    const projectNames = async () => ((await (await page.request.get(url('/api/projects'))).json()) as { projects: { name: string }[] }).projects.map((p) => p.name);
    const sessionName = async () => ((await (await page.request.get(url('/api/auth/get-session'))).json()) as { user: { name: string } } | null)?.user.name;
    const before = await projectNames();

    await test.step('CSRF: a text/plain form auto-submitted from another port creates nothing (403)', async () => {
      // The field name and value join into JSON: `{"name":"CSRF","x":"="}`.
      const attack = evil.page('/csrf', autoSubmitForm({ action: url('/api/projects'), enctype: 'text/plain', fields: [['{"name":"CSRF","x":"', '"}']] }));
      const answer = page.waitForResponse((r) => r.url() === url('/api/projects') && r.request().method() === 'POST');
      await page.goto(attack);
      const res = await answer;
      // Sent as the attack needs it: from the other origin, a simple request, with the victim's session cookie.
      expect(await res.request().headerValue('origin')).toBe(evil.origin);
      expect(await res.request().headerValue('content-type')).toBe('text/plain');
      expect(await res.request().headerValue('cookie')).toContain('orbit.session_token=');
      expect(res.status()).toBe(403);
      expect(await projectNames()).toEqual(before);
    });

    await test.step('CSRF on Better Auth: a text/plain form to /api/auth/update-user renames nobody (403)', async () => {
      const attack = evil.page('/csrf-auth', autoSubmitForm({ action: url('/api/auth/update-user'), enctype: 'text/plain', fields: [['{"name":"Pwned","x":"', '"}']] }));
      const answer = page.waitForResponse((r) => r.url() === url('/api/auth/update-user'));
      await page.goto(attack);
      expect((await answer).status()).toBe(403);
      expect(await sessionName()).toBe(freshUser.name);
    });

    await test.step('server actions: the log-in form posted from another origin is refused (login CSRF)', async () => {
      // Plain fetch (no cookie jar): the attacker's own account, the log-in page's form fields, and a control.
      const attacker = { name: 'Attacker', email: `attacker-${Date.now()}@example.com`, password: 'attacker-password-1' };
      const signUpRes = await fetch(url('/api/auth/sign-up/email'), { method: 'POST', headers: { 'content-type': 'application/json', origin: server.url }, body: JSON.stringify(attacker) });
      expect(signUpRes.status).toBe(200);
      const html = await (await fetch(url('/login'))).text();
      const unescape = (v: string) => v.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
      const hidden = [...html.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/>/g)].map(([, n, v]) => [unescape(n!), unescape(v ?? '')] as [string, string]);
      expect(hidden.some(([n]) => n.startsWith('$ACTION_'))).toBe(true);
      const fields: Array<[string, string]> = [...hidden, ['email', attacker.email], ['password', attacker.password]];
      // The same fields from Orbit's own origin do log in: the refusal below is the origin's, not the form's.
      const form = new FormData();
      for (const [name, value] of fields) form.append(name, value);
      const own = await fetch(url('/login'), { method: 'POST', headers: { origin: server.url }, body: form, redirect: 'manual' });
      expect(own.headers.getSetCookie().some((c) => c.startsWith('orbit.session_token='))).toBe(true);
      const attack = evil.page('/csrf-action', autoSubmitForm({ action: url('/login'), enctype: 'multipart/form-data', fields }));
      const answer = page.waitForResponse((r) => r.url() === url('/login') && r.request().method() === 'POST');
      await page.goto(attack);
      const res = await answer;
      // Refused by Orbit's request hook before Next (whose own refusal is a logged 500): lib/server/page-post-guard.ts.
      expect(res.status()).toBe(403);
      expect(await res.headerValue('set-cookie')).toBeNull();
      expect(await sessionName()).toBe(freshUser.name);
    });

    await test.step('open redirect: verify-email’s callbackURL never takes the browser to another host', async () => {
      for (const spelling of ['/.//', '/%2e//', '/a/..//']) {
        const callbackURL = `${spelling}${new URL(evil.origin).host}/landed`;
        const res = await page.goto(url(`/api/auth/verify-email?token=x&callbackURL=${encodeURIComponent(callbackURL)}`));
        expect(new URL(page.url()).origin, callbackURL).toBe(server.url);
        expect(res?.status(), callbackURL).toBe(403);
      }
      expect(evil.hits.filter((p) => p === '/landed')).toEqual([]);
    });

    await test.step('open redirect: ?next= after log-in never takes the browser to another host', async () => {
      const visitor = await newPage({ baseURL: server.url });
      await visitor.goto(`/login?next=${encodeURIComponent(`/.//${new URL(evil.origin).host}/landed`)}`);
      await visitor.getByLabel('Email', { exact: true }).fill(freshUser.email);
      await visitor.getByLabel('Password', { exact: true }).fill(freshUser.password);
      await visitor.getByRole('button', { name: 'Log in' }).click();
      await expect(visitor).toHaveURL(url('/dashboard'));
      expect(evil.hits.filter((p) => p === '/landed')).toEqual([]);
    });

  } finally {
    await other?.close();
  }
});

test('TRACE and other methods Orbit does not serve: 405 with Allow on pages, API, /ingest, /monitoring; nothing logged', async ({ request }) => {
  test.setTimeout(240_000);
  const server = await minimalServer();
  const url = (path: string) => `${server.url}${path}`;
  for (const path of ['/', '/pricing', '/nonexistent.php', '/api/projects', '/api/auth/get-session', '/api/webhooks/stripe', '/ingest/e/', '/monitoring']) {
    for (const method of ['TRACE', 'PROPFIND', 'PURGE']) {
      const res = await request.fetch(url(path), { method, maxRedirects: 0 });
      expect(res.status(), `${method} ${path}`).toBe(405);
      expect(res.headers().allow, `${method} ${path}`).toBe('GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS');
      expect(await res.json()).toMatchObject({ error: { code: 'method_not_allowed' } });
    }
  }
  expect(server.output()).not.toContain('TypeError');
  expect(server.output()).not.toContain('HTTP method is unsupported');
});

test('the image optimizer is off: /_next/image answers 404 and logs nothing', async ({ request }) => {
  const server = await minimalServer();
  for (const target of ['/_next/image?url=%2Fmissing.png&w=64&q=75', '/_next/image?url=%2Ficon.svg&w=64&q=75', '/_next/image?url=https%3A%2F%2Fevil.example%2Fa.png&w=64&q=75']) {
    expect((await request.get(`${server.url}${target}`)).status(), target).toBe(404);
  }
  expect(server.output()).not.toContain('internal image response failed');
});

test('production with LOCAL_INBOX=1: local mode on, loudly; the inbox answers its own origin only', async ({ request, baseURL }) => {
  // The suite's shared server is exactly this: `next start` of the production build with serverEnv (LOCAL_INBOX=1,
  // BILLING_PROVIDER=local); everything it printed is in its log file (playwright.config.ts).
  const output = readFileSync(process.env.ORBIT_E2E_SERVER_LOG ?? '', 'utf8');
  expect(output).toContain('LOCAL MODE IS ON IN PRODUCTION (LOCAL_INBOX=1)');
  expect(output).toContain('LOCAL BILLING IN PRODUCTION (BILLING_PROVIDER=local)');
  const url = (path: string) => `${baseURL}${path}`;

  expect((await request.get(url('/api/dev/inbox/events'))).status()).toBe(200);
  const foreignRead = await request.get(url('/api/dev/inbox/events'), { headers: { origin: 'https://evil.example' } });
  expect(foreignRead.status()).toBe(403);
  expect(foreignRead.headers()['access-control-allow-origin']).toBeUndefined();
  const preflight = await request.fetch(url('/api/dev/inbox'), {
    method: 'OPTIONS',
    headers: { origin: 'https://evil.example', 'access-control-request-method': 'DELETE' },
  });
  expect(preflight.headers()['access-control-allow-origin']).toBeUndefined();
  const foreignWipe = await request.delete(url('/api/dev/inbox'), { headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } });
  expect(foreignWipe.status()).toBe(403);
});

test('production without APP_URL does not start: the process exits and says APP_URL', async () => {
  test.setTimeout(120_000);
  const failed = await startServer({ port: NO_APP_URL_PORT, dataDir: newDataDir('prod-no-app-url'), env: { ...README_MINIMUM, APP_URL: '' }, timeoutMs: 60_000 }).then(
    (s) => {
      servers.push(s);
      return null;
    },
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
  expect(failed, 'the server must not become healthy').not.toBeNull();
  // It exits (an orchestrator sees a failed start), rather than staying up and answering 500.
  expect(failed).toMatch(/exited with 1/);
  expect(failed).toContain('APP_URL');
});
