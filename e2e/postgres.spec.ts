// Two Orbit instances on one PostgreSQL database, the way several replicas run behind a load balancer: `next start`
// of the same build on ports E2E_PORT_BASE+10 and +11, both with DATABASE_URL pointing at the throwaway cluster
// scripts/test.mjs starts (ORBIT_TEST_DATABASE_URL). Both start at the same moment on the fresh database.
// Cookies are per host, not per port, so one browser context is signed in on both (127.0.0.1).
// Skipped, with the reason, when no PostgreSQL could be started on a developer machine; CI always has one.
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import type { APIRequestContext, Page } from '@playwright/test';
import { CARDS, checkout, expect as baseExpect, onboardViaApi, signUpViaApi, test, uniqueName, type TestUser } from './fixtures';
import type { SentryItemRow } from '@/lib/inbox/rows';
import { relayConfig } from './support/relay-config';
import { E2E_PORT_BASE, ROOT, newDataDir, startServer, stopServer, type RunningServer } from './support/test-server';
import { startFakeUpstream } from '../test-support/fake-upstream';

const databaseUrl = process.env.ORBIT_TEST_DATABASE_URL;
const PORTS = [E2E_PORT_BASE + 10, E2E_PORT_BASE + 11] as const;
/** Both instances verify webhooks with one secret, as replicas of one deployment do. */
const WEBHOOK_SECRET = `whsec_e2e_${randomBytes(16).toString('hex')}`;
/** Better Auth's sign-in limit per client IP and Orbit's per-account login limit, low enough to reach. */
const SIGN_IN_MAX = 4;

test.skip(
  !databaseUrl && !process.env.CI,
  `PostgreSQL tests skipped: ${process.env.ORBIT_TEST_POSTGRES_SKIPPED ?? 'ORBIT_TEST_DATABASE_URL is not set (`npm test` starts a throwaway PostgreSQL, scripts/find-postgres.mjs)'}`,
);
// One pair of servers for the file; a failed test restarts the worker, which starts them again on the same data.
test.describe.configure({ mode: 'default', timeout: 240_000 });
// Four servers (the shared PGlite one and these two) plus the browser on a small machine: scrypt hashing and
// first renders are slower than the suite's defaults assume.
const expect = baseExpect.configure({ timeout: 45_000 });
test.use({ actionTimeout: 30_000, navigationTimeout: 45_000 });

/** Sign-up form on `base` → lands on that instance's onboarding. */
async function signUp(page: Page, base: string, user: TestUser): Promise<void> {
  await page.goto(`${base}/signup`);
  await page.getByLabel('Name', { exact: true }).fill(user.name);
  await page.getByLabel('Email', { exact: true }).fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(new RegExp(`^${base}/onboarding(/|$|\\?)`));
}

let servers: RunningServer[] = [];
let sql: postgres.Sql | undefined;
const [A, B] = PORTS.map((port) => `http://127.0.0.1:${port}`) as [string, string];

test.beforeAll(async () => {
  test.setTimeout(240_000);
  if (!databaseUrl) throw new Error('ORBIT_TEST_DATABASE_URL is required in CI: scripts/test.mjs starts PostgreSQL.');
  sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  const env = { DATABASE_URL: databaseUrl, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, AUTH_RATE_LIMIT_MAX: String(SIGN_IN_MAX) };
  // Same moment, same fresh database: both run the migrator at once.
  servers = await Promise.all(PORTS.map((port) => startServer({ port, dataDir: newDataDir(`postgres-${port}`), env, timeoutMs: 180_000 })));
});

test.afterAll(async ({}, testInfo) => {
  await Promise.all(servers.map((s) => stopServer(s)));
  for (const s of servers) await testInfo.attach(`server-${s.port}.log`, { body: s.output(), contentType: 'text/plain' });
  servers = [];
  await sql?.end({ timeout: 5 });
});

function db(): postgres.Sql {
  if (!sql) throw new Error('not connected');
  return sql;
}

/** Signs `user` up on A and takes onboarding there up to the project step (through the forms' endpoints, no UI). */
async function onboardedWorkspace(page: Page, user: TestUser, workspace: string): Promise<{ workspaceId: string; userId: string }> {
  await signUpViaApi(page, user, A);
  await onboardViaApi(page, { workspace, stopBefore: 'project' }, A);
  const [row] = await db()<{ workspaceId: string; userId: string }[]>`
    select w.id as "workspaceId", u.id as "userId" from workspaces w join members m on m.workspace_id = w.id
    join users u on u.id = m.user_id where u.email = ${user.email} and w.name = ${workspace}`;
  if (!row) throw new Error(`workspace ${workspace} not found`);
  return row;
}

test('both instances started together on a fresh database apply each migration once', async ({ request }) => {
  for (const base of [A, B]) {
    const health = await (await request.get(`${base}/api/health`)).json();
    expect(health.database).toMatchObject({ status: 'ok', kind: 'postgres' });
  }
  const journal = JSON.parse(readFileSync(path.join(ROOT, 'drizzle', 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
  const rows = await db()<{ hash: string; n: number }[]>`select hash, count(*)::int as n from drizzle.__drizzle_migrations group by hash`;
  expect(rows).toHaveLength(journal.entries.length);
  expect(rows.filter((r) => r.n !== 1)).toEqual([]);
  for (const s of servers) expect(s.output()).not.toMatch(/already exists|Failed query/);
});

test('a session created on one instance is valid on the other, and a log-out on one ends it on both', async ({ page, freshUser }) => {
  const workspace = uniqueName('Session Co');
  await onboardedWorkspace(page, freshUser, workspace);
  // B knows the session and the onboarding progress A stored.
  await page.goto(`${B}/onboarding`);
  await expect(page).toHaveURL(new RegExp(`^${B}/onboarding/project`));
  await page.getByRole('button', { name: 'Skip' }).click();
  await expect(page).toHaveURL(new RegExp(`^${B}/dashboard`));
  await expect(page.getByRole('heading', { name: workspace })).toBeVisible();

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(new RegExp(`^${B}/?(\\?.*)?$`));
  await page.goto(`${A}/dashboard`);
  await expect(page).toHaveURL(new RegExp(`^${A}/login`));
});

test('the sign-in rate limit holds across both instances (shared in the database, not per process)', async ({ request }) => {
  // The limit is per client IP and path; every request here comes from 127.0.0.1. Start from an empty window.
  await db()`delete from rate_limits where key like ${'%/sign-in/email'}`;
  const email = `nobody-${randomBytes(4).toString('hex')}@example.com`;
  const statuses: number[] = [];
  for (let i = 0; i < SIGN_IN_MAX + 2; i++) {
    const base = i % 2 === 0 ? A : B;
    const res = await request.post(`${base}/api/auth/sign-in/email`, {
      headers: { origin: base, 'content-type': 'application/json' },
      data: { email, password: 'wrong-password-123' },
    });
    statuses.push(res.status());
  }
  // Each instance saw only half the attempts: a per-process counter would still allow them all.
  expect(statuses).toEqual([...Array(SIGN_IN_MAX).fill(401), 429, 429]);
  // The window is spent for every test from 127.0.0.1: give the next ones theirs back.
  await db()`delete from rate_limits where key like ${'%/sign-in/email'}`;
});

/** A Stripe-format event signed the way Stripe signs (t=…,v1=HMAC-SHA256 over `t.payload`). */
function signed(event: object): { payload: string; signature: string } {
  const payload = JSON.stringify(event);
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac('sha256', WEBHOOK_SECRET).update(`${t}.${payload}`).digest('hex');
  return { payload, signature: `t=${t},v1=${v1}` };
}

test('the same signed webhook delivered to both instances at once changes state once', async ({ page, request, freshUser }) => {
  const { workspaceId, userId } = await onboardedWorkspace(page, freshUser, uniqueName('Webhook Co'));

  const ROUNDS = 5;
  for (let round = 0; round < ROUNDS; round++) {
    const sessionId = `cs_e2e_${randomBytes(8).toString('hex')}`;
    const event = {
      id: `evt_e2e_${randomBytes(10).toString('hex')}`,
      object: 'event',
      api_version: '2026-10-28.endive',
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type: 'checkout.session.completed',
      data: {
        object: {
          id: sessionId,
          object: 'checkout.session',
          mode: 'subscription',
          payment_status: 'paid',
          status: 'complete',
          client_reference_id: workspaceId,
          customer: `cus_e2e_${round}`,
          subscription: `sub_e2e_${round}`,
          metadata: { workspaceId, userId, plan: round % 2 === 0 ? 'pro' : 'team' },
        },
      },
    };
    const { payload, signature } = signed(event);
    const deliver = (base: string) =>
      request.post(`${base}/api/webhooks/stripe`, { headers: { 'content-type': 'application/json', 'stripe-signature': signature }, data: payload });
    const responses = await Promise.all([deliver(A), deliver(B)]);
    const outcomes = await Promise.all(responses.map(async (r) => ({ status: r.status(), outcome: ((await r.json()) as { outcome?: string }).outcome })));
    expect(outcomes.map((o) => o.status)).toEqual([200, 200]);
    expect(outcomes.map((o) => o.outcome).sort(), `round ${round}: exactly one instance processes the event`).toEqual(['duplicate', 'processed']);

    const [recorded] = await db()<{ n: number }[]>`select count(*)::int as n from webhook_events where id = ${event.id}`;
    expect(recorded?.n).toBe(1);
    const subs = await db()<{ plan: string; subscriptionId: string }[]>`
      select plan, subscription_id as "subscriptionId" from subscriptions where workspace_id = ${workspaceId}`;
    expect(subs).toEqual([{ plan: round % 2 === 0 ? 'pro' : 'team', subscriptionId: `sub_e2e_${round}` }]);
  }
  await page.goto(`${B}/billing`);
  await expect(page.getByTestId('current-plan')).toHaveText(ROUNDS % 2 === 1 ? 'Pro' : 'Team');
});

/** The newest Sentry items of a type or trace from the local collector (shared by both instances: same database). */
async function sentryItems(request: APIRequestContext, q: { type?: string; traceId?: string }): Promise<SentryItemRow[]> {
  const params = new URLSearchParams({ order: 'desc', limit: '500' });
  if (q.type) params.set('type', q.type);
  if (q.traceId) params.set('trace_id', q.traceId);
  const res = await request.get(`${A}/api/dev/inbox/sentry?${params}`);
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { items: SentryItemRow[] }).items;
}

test('the funnel passes with every step on the other instance, and the server trace has db spans', async ({ page, request, freshUser }) => {
  const workspace = uniqueName('Two Replicas');
  const project = uniqueName('Balanced');
  const task = uniqueName('Survive the load balancer');
  let projectUrl = '';

  await test.step('sign up on A', async () => {
    await signUp(page, A, freshUser);
  });
  await test.step('onboarding: profile on B, workspace on A, project on B', async () => {
    await page.goto(`${B}/onboarding`);
    await expect(page).toHaveURL(new RegExp(`^${B}/onboarding/profile`));
    await page.getByLabel('Your role').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Continue' }).click();
    // The action must land before leaving the page: a navigation cancels a server action still in flight.
    await expect(page).toHaveURL(new RegExp(`^${B}/onboarding/workspace`));
    await page.goto(`${A}/onboarding`);
    await expect(page).toHaveURL(new RegExp(`^${A}/onboarding/workspace`));
    await page.getByLabel('Workspace name').fill(workspace);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page).toHaveURL(new RegExp(`^${A}/onboarding/project`));
    await page.goto(`${B}/onboarding`);
    await expect(page).toHaveURL(new RegExp(`^${B}/onboarding/project`));
    await page.getByLabel('Project name').fill(project);
    await page.getByRole('button', { name: 'Create project' }).click();
    await expect(page).toHaveURL(new RegExp(`^${B}/dashboard`));
  });
  await test.step('dashboard on A lists the project; task added on B, completed on A', async () => {
    await page.goto(`${A}/dashboard`);
    await expect(page.getByRole('heading', { name: workspace })).toBeVisible();
    await page.getByRole('link', { name: project, exact: true }).click();
    await expect(page).toHaveURL(/\/projects\/[^/]+/);
    projectUrl = new URL(page.url()).pathname;
    // The task list updates before the API answers: wait for the answer, a navigation would cancel the request.
    const answer = (method: string) => page.waitForResponse((r) => r.request().method() === method && /^\/api\/(projects|tasks)\//.test(new URL(r.url()).pathname));
    await page.goto(`${B}${projectUrl}`);
    await page.getByLabel('New task').fill(task);
    const created = answer('POST');
    await page.getByRole('button', { name: 'Add task' }).click();
    await expect(page.getByRole('checkbox', { name: task, exact: true })).toBeVisible();
    expect((await created).status()).toBe(201);
    await page.goto(`${A}${projectUrl}`);
    const checkbox = page.getByRole('checkbox', { name: task, exact: true });
    const updated = answer('PATCH');
    await checkbox.check();
    await expect(checkbox).toBeChecked();
    expect((await updated).status()).toBe(200);
    await page.goto(`${B}${projectUrl}`);
    await expect(page.getByRole('checkbox', { name: task, exact: true })).toBeChecked();
  });
  await test.step('billing Free on B; checkout on A; Pro on B', async () => {
    await page.goto(`${B}/billing`);
    await expect(page.getByTestId('current-plan')).toHaveText('Free');
    await checkout(page, { plan: 'Pro', card: CARDS.success, origin: A });
    await expect(page).toHaveURL(/\/billing\?checkout=success/);
    await page.goto(`${B}/billing`);
    await expect(page.getByTestId('current-plan')).toHaveText('Pro');
  });
  await test.step('the server transaction of the task creation on B has Orbit db spans (postgres.js)', async () => {
    const projectId = projectUrl.split('/').pop() ?? '';
    let traceId: string | null = null;
    await expect
      .poll(
        async () => {
          const items = await sentryItems(request, { type: 'transaction' });
          const server = items.find((i) => {
            const p = i.payload as { name?: string; attributes?: Record<string, unknown> };
            return p.name === 'POST /api/projects/[id]/tasks' && JSON.stringify(p.attributes ?? {}).includes(projectId);
          });
          traceId = server?.trace_id ?? null;
          return traceId;
        },
        { timeout: 20_000, message: 'server transaction POST /api/projects/[id]/tasks' },
      )
      .toMatch(/^[0-9a-f]{32}$/);
    await expect
      .poll(
        async () => {
          const inTrace = await sentryItems(request, { traceId: traceId ?? '' });
          return inTrace.filter((i) => {
            const attributes = (i.payload as { attributes?: Record<string, { value?: unknown }> }).attributes ?? {};
            return i.type === 'span' && attributes['sentry.op']?.value === 'db' && attributes['db.system.name']?.value === 'postgresql';
          }).length;
        },
        { timeout: 20_000, message: `db spans in trace ${traceId}` },
      )
      .toBeGreaterThan(0);
  });
});

// Store-and-forward with two instances (lib/relay/durable.ts, issue #25): a pair with PostHog and Sentry configured
// (a fake host on loopback, not the local inbox) on the same database as A and B, ports E2E_PORT_BASE+12 and +13, the
// fake host on +14. Captures sent to both while the host refuses are stored in the one relay_queue table; once it is
// back each instance's forwarder drains it, and every event reaches the host exactly once: the leases (SKIP LOCKED)
// keep the two from sending the same row.
test('two instances with one PostHog outage: every capture stored by either is delivered once, none by both', async () => {
  test.setTimeout(180_000);
  if (!databaseUrl) throw new Error('ORBIT_TEST_DATABASE_URL is required');
  const upstreamPort = E2E_PORT_BASE + 14;
  const fake = await startFakeUpstream(upstreamPort);
  const env = { ...relayConfig(upstreamPort), DATABASE_URL: databaseUrl, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET };
  let pair: RunningServer[] = [];
  try {
    pair = await Promise.all([E2E_PORT_BASE + 12, E2E_PORT_BASE + 13].map((port) => startServer({ port, dataDir: newDataDir(`postgres-relay-${port}`), env, timeoutMs: 180_000 })));
    const run = randomBytes(4).toString('hex');
    const sent: string[] = [];
    /** One capture as posthog-js sends it (`/e/`, a JSON array), to instance `n`; resolves to the relay's status. */
    const capture = async (n: number, label: string) => {
      const uuid = `pg-relay-${run}-${label}`;
      sent.push(uuid);
      const body = JSON.stringify([{ event: '$pageview', uuid, properties: { distinct_id: `pg-relay-${run}`, token: 'phc_e2e_relay' } }]);
      const res = await fetch(`${pair[n]!.url}/ingest/e/`, { method: 'POST', headers: { 'content-type': 'text/plain', 'user-agent': 'Mozilla/5.0 Chrome/140.0' }, body });
      return res.status;
    };
    const delivered = () => {
      const counts = new Map<string, number>();
      for (const r of fake.requests) for (const e of r.events) {
        const uuid = (e as { uuid?: unknown }).uuid;
        if (typeof uuid === 'string' && uuid.startsWith(`pg-relay-${run}`)) counts.set(uuid, (counts.get(uuid) ?? 0) + 1);
      }
      return counts;
    };

    await fake.setMode('refuse');
    // 40 captures, alternating between the instances, all accepted and stored.
    const statuses = await Promise.all(Array.from({ length: 40 }, (_, i) => capture(i % 2, `down-${i}`)));
    expect(statuses.every((s) => s === 200), `statuses: ${statuses.join(' ')}`).toBe(true);
    const queued = (await db()<{ queued: number }[]>`select count(*)::int as queued from relay_queue`)[0]?.queued ?? 0;
    expect(queued, 'rows stored in the shared table').toBeGreaterThanOrEqual(40);
    await fake.setMode('normal');

    // The browser keeps sending: a live capture to each instance every second ends its backoff once one goes through.
    let tick = 0;
    await expect
      .poll(
        async () => {
          await Promise.all([capture(0, `up-${tick}`), capture(1, `up-${tick + 1}`)]);
          tick += 2;
          return sent.filter((uuid) => !delivered().has(uuid)).length;
        },
        { timeout: 60_000, intervals: [1_000] },
      )
      .toBe(0);
    const counts = delivered();
    expect([...counts].filter(([, n]) => n > 1), 'captures delivered twice').toEqual([]);
    expect(counts.size).toBe(sent.length);
    // The forwarders delivered at least the 40 rows of the outage between them (the health output counts them).
    const stats = await Promise.all(pair.map(async (s) => ((await (await fetch(`${s.url}/api/health`)).json()) as { relay?: { delivered: number; rows: number } }).relay));
    const forwarded = stats.map((r) => r?.delivered ?? 0);
    expect(stats.every((r) => r?.rows === 0), 'nothing left queued').toBe(true);
    expect(forwarded.reduce((a, b) => a + b), `forwarded by A + B: ${forwarded.join(' + ')}`).toBeGreaterThanOrEqual(40);
    test.info().annotations.push({ type: 'relay', description: `stored ${queued}, forwarded by the two instances ${forwarded.join(' + ')}, live ${sent.length - 40}` });
  } finally {
    await Promise.all(pair.map((s) => stopServer(s)));
    await fake.stop();
  }
});
