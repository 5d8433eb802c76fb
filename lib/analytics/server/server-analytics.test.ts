// Server analytics end to end inside one process: Orbit's real route handlers and actions (through the mutation
// wrapper), real posthog-node, and the real local collector storing into the test's PGlite database — reached
// in-process, or over real HTTP on 127.0.0.1, or not at all (connection refused, a blackholed host).
import { once } from 'node:events';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { drainServerAnalytics } from '@/test-support/analytics';
import { request } from '@/test-support/next-request';
import { signUpWithWorkspace } from '@/test-support/users';

vi.mock('next/headers', () => import('@/test-support/next-request'));
vi.mock('next/cache', () => import('@/test-support/next-request'));

const { db } = await import('@/lib/db');
const { inboxEvents } = await import('@/lib/db/schema');
const { mergedDistinctIds, getPerson } = await import('@/lib/inbox/collector/query');
const { ingestHandler } = await import('@/lib/inbox/collector/posthog-endpoints');
const { createProject } = await import('@/lib/projects/projects');
const { signUpAction, logInAction } = await import('@/lib/auth/actions');
const { POSTHOG_LOCAL_KEY, posthogCookieName } = await import('@/lib/analytics/constants');
const tasksRoute = await import('@/app/api/projects/[id]/tasks/route');
const { configureServerAnalytics, serverAnalytics, swapServerAnalytics, ServerAnalytics } = await import('./client');
const { configFromEnv } = await import('./config');
const { identityFromRequest, ipHash } = await import('./identity');
const { routeTemplate } = await import('./mutation-events');
const billing = await import('@/test-support/billing');
const billingEvents = await import('@/lib/billing/events');
const { checkoutSessions } = await import('@/lib/db/schema');

let counter = 0;
const unique = () => `${Date.now().toString(36)}${++counter}`;

async function newMember() {
  const { email, userId, workspaceId, cookie } = await signUpWithWorkspace('Analytics WS', { name: 'Analytics Tester', email: `analytics-${unique()}@example.test` });
  const project = await createProject({ id: workspaceId, plan: 'free' }, userId, { name: 'P' });
  return { email, userId, workspaceId, projectId: project.id, cookie };
}

/** posthog-js's persistence cookie, as the browser would hold it. */
function posthogCookie(distinctId: string, sessionId: string): string {
  const value = encodeURIComponent(JSON.stringify({ distinct_id: distinctId, $sesid: [Date.now(), sessionId, Date.now()] }));
  return `${posthogCookieName(POSTHOG_LOCAL_KEY)}=${value}`;
}

function actAs(cookies: string[], ip: string, extra: Record<string, string> = {}): void {
  request.headers = new Headers({ 'x-forwarded-for': ip, cookie: cookies.join('; '), ...extra });
}

async function createTask(projectId: string, title: string): Promise<Response> {
  const req = new NextRequest(`http://localhost/api/projects/${projectId}/tasks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...Object.fromEntries(request.headers) },
    body: JSON.stringify({ title }),
  });
  return tasksRoute.POST(req, { params: Promise.resolve({ id: projectId }) });
}

/** Flushes until nothing is queued (or `rounds` flushes happened): delivery without sleeping a fixed time. */

async function storedEvents(event: string, distinctId?: string) {
  const where = distinctId ? and(eq(inboxEvents.event, event), eq(inboxEvents.distinctId, distinctId)) : eq(inboxEvents.event, event);
  return db.select().from(inboxEvents).where(where);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Times task creations, alternating between analytics clients call by call so machine noise hits all alike. */
async function timedTaskCreations(projectId: string, n: number, clients: InstanceType<typeof ServerAnalytics>[]): Promise<number[][]> {
  const times: number[][] = clients.map(() => []);
  for (let i = 0; i < n; i++) {
    for (const [c, client] of clients.entries()) {
      swapServerAnalytics(client);
      const started = performance.now();
      const res = await createTask(projectId, `t${i}`);
      times[c]!.push(performance.now() - started);
      expect(res.status).toBe(201);
    }
  }
  return times;
}

/** A TCP server that accepts connections and never answers: what a blackholed PostHog host looks like. */
async function blackhole() {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    host: `http://127.0.0.1:${port}/ingest`,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

/** A port nothing listens on (connection refused), which a collector can later be started on. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

/** The collector over real HTTP: posthog-node's requests reach the same ingest handler /ingest/* serves. */
async function httpCollector(port: number) {
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = `http://127.0.0.1:${port}${req.url ?? '/'}`;
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const path = new URL(url).pathname.replace(/^\/ingest\/?/, '').split('/').filter(Boolean);
    const response = await ingestHandler('POST')(new Request(url, { method: req.method, headers, body: Buffer.concat(chunks) }), { path });
    res.writeHead(response.status, { 'content-type': 'application/json' });
    res.end(await response.text());
  });
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  return { close: () => new Promise((r) => server.close(r)) };
}

beforeEach(() => {
  // In-process collector, every api.request sampled so counts are exact.
  configureServerAnalytics({ apiRequestSampleRate: 0 });
});

afterEach(async () => {
  await serverAnalytics().shutdown(500);
});

describe('server capture through the mutation wrapper', () => {
  it('N task creations → exactly N task.created events in the collector, on the user, in the workspace group', async () => {
    const m = await newMember();
    actAs([m.cookie, posthogCookie('browser-anon-1', 'sess-1')], '203.0.113.7');
    const N = 12;
    for (let i = 0; i < N; i++) expect((await createTask(m.projectId, `Task ${i}`)).status).toBe(201);
    await drainServerAnalytics();

    const events = await storedEvents('task.created', m.userId);
    expect(events).toHaveLength(N);
    const stats = serverAnalytics().stats();
    expect(stats.invalid).toBe(0);
    expect(stats.sent).toBeGreaterThanOrEqual(N);
    for (const e of events) {
      expect(e.source).toBe('server');
      expect(e.properties).toMatchObject({
        project_id: m.projectId,
        workspace_id: m.workspaceId,
        $session_id: 'sess-1',
        ip_hash: ipHash('203.0.113.7'),
        // POSTHOG_CLIENT_IP's default: the visitor's network for GeoIP, never the full address or the server's.
        $ip: '203.0.113.0',
        $groups: { workspace: m.workspaceId },
        $lib: 'posthog-node',
      });
      expect(e.properties).not.toHaveProperty('$geoip_disable');
    }
  });

  it('stores no raw IP or email anywhere, and person properties carry the email domain and hash only', async () => {
    const email = `privacy-${unique()}@acme.example`;
    const anon = `anon-${unique()}`;
    const ip = '198.51.100.23';
    actAs([posthogCookie(anon, 'sess-privacy')], ip);
    const fd = new FormData();
    fd.set('name', 'Privacy Person');
    fd.set('email', email);
    fd.set('password', 'correct horse battery');
    await signUpAction(null, fd).catch(() => undefined); // redirect() throws on success
    await drainServerAnalytics();

    const all = await db.select().from(inboxEvents);
    const text = JSON.stringify(all);
    expect(text).not.toContain(email);
    expect(text).not.toContain(ip);
    const signedUp = all.find((e) => e.event === 'auth.signed_up' && e.properties.$session_id === 'sess-privacy');
    expect(signedUp).toBeDefined();
    const userId = signedUp!.distinctId;
    // The address PostHog may locate: the truncated one (POSTHOG_CLIENT_IP's default), never the raw one (above).
    expect(signedUp!.properties).toMatchObject({ user_id: userId, method: 'email', ip_hash: ipHash(ip), $ip: '198.51.100.0' });
    // The browser's anonymous person and the user are one person now.
    expect(await mergedDistinctIds(anon)).toEqual(expect.arrayContaining([anon, userId]));
    const person = await getPerson(userId);
    expect(JSON.stringify(person)).not.toContain('@');
    expect(person?.properties).toMatchObject({ email_domain: 'acme.example', email_hash: expect.stringMatching(/^[0-9a-f]{16}$/) });
  });

  it('an anonymous failure (wrong password) lands on the browser id from the header, as api.error', async () => {
    const anon = `anon-${unique()}`;
    actAs([], '192.0.2.55', { 'x-posthog-distinct-id': anon, 'x-posthog-session-id': 'sess-anon' });
    const fd = new FormData();
    fd.set('email', `nobody-${unique()}@example.test`);
    fd.set('password', 'wrong password here');
    const result = await logInAction(null, fd);
    expect(result.ok).toBe(false);
    await drainServerAnalytics();
    const [error] = await storedEvents('api.error', anon);
    expect(error?.properties).toMatchObject({ operation: 'auth.log_in', code: 'unauthorized', status: 401, $session_id: 'sess-anon' });
  });

  it('records a sampled api.request with the route template, never the concrete URL', async () => {
    configureServerAnalytics({ apiRequestSampleRate: 1 });
    const m = await newMember();
    actAs([m.cookie], '203.0.113.9');
    await createTask(m.projectId, 'sampled');
    await drainServerAnalytics();
    const [req] = await storedEvents('api.request', m.userId);
    expect(req?.properties).toMatchObject({
      endpoint: '/api/projects/[id]/tasks',
      operation: 'task.create',
      method: 'POST',
      status: 201,
      sample_rate: 1,
    });
    expect(JSON.stringify(req?.properties)).not.toContain(m.projectId.slice(4));
  });
});

describe('when PostHog is unreachable', () => {
  it('a blackholed host: responses stay as fast as with analytics off, nothing throws, the queue stays bounded', async () => {
    const m = await newMember();
    actAs([m.cookie], '203.0.113.10');
    const n = 30;
    const off = new ServerAnalytics({ ...configFromEnv(), mode: 'off' });
    await timedTaskCreations(m.projectId, 5, [off]); // warm-up

    const hole = await blackhole();
    try {
      const maxQueue = 10;
      const analytics = new ServerAnalytics({
        ...configFromEnv(),
        mode: 'posthog',
        apiKey: 'phc_test_blackhole',
        host: hole.host,
        fetch: undefined,
        maxQueue,
        flushAt: 5,
        flushIntervalMs: 50,
        requestTimeoutMs: 200,
        apiRequestSampleRate: 0,
      });
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      const [offTimes, blackholed] = await timedTaskCreations(m.projectId, n, [off, analytics]);
      // Let some flushes time out while events keep coming.
      await analytics.flush();
      const stats = analytics.stats();
      warn.mockRestore();

      expect(stats.captured).toBe(n);
      expect(stats.sent).toBe(0);
      expect(stats.queued).toBeLessThanOrEqual(maxQueue);
      expect(stats.dropped).toBe(n - stats.queued);
      expect(stats.failed).toBeGreaterThan(0);
      // Generous and relative: speed targets live in the benchmark (bench/), this guards against awaiting the network.
      expect(median(blackholed!)).toBeLessThan(median(offTimes!) * 3);
    } finally {
      await serverAnalytics().shutdown(0);
      await hole.close();
    }
  });

  it('connection refused: requests succeed, events wait in the queue, and are delivered once the collector is back', async () => {
    const m = await newMember();
    actAs([m.cookie], '203.0.113.11');
    const port = await freePort();
    const analytics = configureServerAnalytics({
      mode: 'posthog',
      apiKey: POSTHOG_LOCAL_KEY,
      host: `http://127.0.0.1:${port}/ingest`,
      fetch: undefined,
      maxQueue: 1_000,
      flushAt: 1_000,
      flushIntervalMs: 60_000,
      requestTimeoutMs: 500,
      apiRequestSampleRate: 0,
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const N = 8;
    const before = (await storedEvents('task.created', m.userId)).length;
    for (let i = 0; i < N; i++) expect((await createTask(m.projectId, `down ${i}`)).status).toBe(201);
    await analytics.flush();
    expect(analytics.stats()).toMatchObject({ captured: N, sent: 0, dropped: 0, queued: N });
    expect(analytics.stats().failed).toBeGreaterThan(0);
    warn.mockRestore();

    const collector = await httpCollector(port);
    try {
      await drainServerAnalytics();
      expect(analytics.stats()).toMatchObject({ sent: N, queued: 0 });
      expect((await storedEvents('task.created', m.userId)).length - before).toBe(N);
    } finally {
      await analytics.shutdown(500);
      await collector.close();
    }
  });
});

describe('billing webhook', () => {
  it('attributes checkout.completed to the buyer, without a cookie', async () => {
    const owner = await billing.createWorkspaceWithOwner();
    const [session] = await db
      .insert(checkoutSessions)
      .values({ workspaceId: owner.workspaceId, userId: owner.userId, plan: 'pro', provider: 'local' })
      .returning();
    const event = billingEvents.buildEvent(
      'checkout.session.completed',
      billingEvents.checkoutSessionObject({
        sessionId: session!.id,
        workspaceId: owner.workspaceId,
        userId: owner.userId,
        plan: 'pro',
        customerId: 'cus_analytics',
        subscriptionId: `sub_${owner.workspaceId}`,
        origin: 'http://127.0.0.1:3000',
      }),
    );
    expect((await billing.postEvent(event)).status).toBe(200);
    // A replayed delivery records nothing more.
    expect((await billing.postEvent(event)).body.outcome).toBe('duplicate');
    await drainServerAnalytics();
    const completed = await storedEvents('checkout.completed', owner.userId);
    expect(completed).toHaveLength(1);
    expect(completed[0]!.properties).toMatchObject({
      plan: 'pro',
      provider: 'local',
      checkout_session_id: session!.id,
      workspace_id: owner.workspaceId,
      amount_cents: 1200,
      currency: 'usd',
      $groups: { workspace: owner.workspaceId },
    });
  });
});

describe('identity and helpers', () => {
  it('prefers the user, then the header, then the PostHog cookie; a visitor without any id is personless', () => {
    const cookie = posthogCookie('from-cookie', 'sess-c');
    const h = new Headers({ cookie, 'x-posthog-distinct-id': 'from-header' });
    expect(identityFromRequest(h, { id: 'usr_1' })).toMatchObject({ distinctId: 'usr_1', anonymousId: 'from-header', sessionId: 'sess-c' });
    expect(identityFromRequest(h, null)).toMatchObject({ distinctId: 'from-header' });
    expect(identityFromRequest(new Headers({ cookie }), null)).toMatchObject({ distinctId: 'from-cookie', sessionId: 'sess-c' });
    const none = identityFromRequest(new Headers(), null);
    expect(none.hasPerson).toBe(false);
    // A header that is not an id is ignored, not trusted.
    expect(identityFromRequest(new Headers({ 'x-posthog-distinct-id': '<script>' }), null).hasPerson).toBe(false);
  });

  it("server events follow POSTHOG_CLIENT_IP: `$ip` truncated or full, or `$geoip_disable` (never the server's address)", async () => {
    const headers = new Headers({ 'x-forwarded-for': '198.51.100.99, 203.0.113.77', 'x-posthog-distinct-id': `geo-${unique()}` });
    const analytics = configureServerAnalytics({});
    const sent: Record<string, string> = {};
    for (const disclosure of ['truncated', 'full', 'none'] as const) {
      const identity = identityFromRequest(headers, null, disclosure);
      const projectId = `prj_${disclosure}_${unique()}`;
      sent[disclosure] = projectId;
      analytics.capture('task.created', { task_id: 'tsk_1', project_id: projectId, workspace_id: 'ws_1' }, identity);
    }
    // An event about nobody's request (a webhook, the system's own reports) has no visitor to locate.
    analytics.capture('task.created', { task_id: 'tsk_1', project_id: `prj_system_${unique()}`, workspace_id: 'ws_1' }, { distinctId: `sys-${unique()}` });
    analytics.identify(`usr-${unique()}`, { plan: 'free' });
    await drainServerAnalytics();
    const props = async (disclosure: string) => (await storedEvents('task.created')).find((e) => e.properties.project_id === sent[disclosure])?.properties;
    expect(await props('truncated')).toMatchObject({ $ip: '203.0.113.0' });
    expect(await props('truncated')).not.toHaveProperty('$geoip_disable');
    expect(await props('full')).toMatchObject({ $ip: '203.0.113.77' });
    expect(await props('none')).toMatchObject({ $geoip_disable: true });
    expect(await props('none')).not.toHaveProperty('$ip');
    const all = JSON.stringify(await db.select().from(inboxEvents));
    expect(all, 'the client-written part of the chain').not.toContain('198.51.100.99');
    for (const e of await db.select().from(inboxEvents)) {
      if (e.source !== 'server') continue;
      expect(typeof e.properties.$ip === 'string' || e.properties.$geoip_disable === true, `${e.event} is located by the visitor or not at all`).toBe(true);
    }
  });

  it('turns concrete paths into route templates', () => {
    expect(routeTemplate('/api/projects/prj_1/tasks', { id: 'prj_1' })).toBe('/api/projects/[id]/tasks');
    expect(routeTemplate('/api/tasks/tsk_9', { id: 'tsk_9' })).toBe('/api/tasks/[id]');
    expect(routeTemplate('/ingest/a/b', { path: ['a', 'b'] })).toBe('/ingest/[...path]');
    expect(routeTemplate('/ingest/a/b/', { path: ['a', 'b'] })).toBe('/ingest/[...path]/');
    // Any spelling of the same value (lowercase hex, an encoded slash) is the param Next decoded from it.
    expect(routeTemplate('/api/projects/%c3%a9/tasks', { id: 'é' })).toBe('/api/projects/[id]/tasks');
    expect(routeTemplate('/api/projects/a%2Fb', { id: 'a/b' })).toBe('/api/projects/[id]');
    expect(routeTemplate('/api/projects/%00', { id: '\u0000' })).toBe('/api/projects/[id]');
  });

  it('never throws on an invalid event: invalid keys are dropped, counted and logged', () => {
    const analytics = configureServerAnalytics({});
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() =>
      analytics.capture('task.created', { task_id: 'tsk_1', project_id: 'prj_1', workspace_id: 'ws_1', email: 'x@y.z' } as never, { distinctId: 'u1' }),
    ).not.toThrow();
    expect(analytics.stats()).toMatchObject({ invalid: 1, captured: 1 });
    expect(error).toHaveBeenCalledWith(expect.stringContaining('email'));
    expect(JSON.stringify(error.mock.calls)).not.toContain('x@y.z');
    error.mockRestore();
  });
});
