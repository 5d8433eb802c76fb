// Server events follow the visitor's analytics consent exactly as the browser does: a refusal (the `orbit_consent`
// cookie), Global Privacy Control (`Sec-GPC: 1`) or Do Not Track means no server capture at all for that request
// (no event, no $identify, no ip_hash or email_hash), through Orbit's real actions and route handlers, posthog-node
// and the local collector storing into the test's PGlite.
import { and, eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { drainServerAnalytics } from '@/test-support/analytics';
import { request } from '@/test-support/next-request';
import { signUpWithWorkspace } from '@/test-support/users';

vi.mock('next/headers', () => import('@/test-support/next-request'));
vi.mock('next/cache', () => import('@/test-support/next-request'));

const { db } = await import('@/lib/db');
const { inboxEvents, inboxPersons } = await import('@/lib/db/schema');
const { createProject } = await import('@/lib/projects/projects');
const { signUpAction } = await import('@/lib/auth/actions');
const { POSTHOG_LOCAL_KEY, posthogCookieName } = await import('@/lib/analytics/constants');
const tasksRoute = await import('@/app/api/projects/[id]/tasks/route');
const { configureServerAnalytics, serverAnalytics } = await import('./client');
const { requestConsent } = await import('./consent');

let counter = 0;
const unique = () => `${Date.now().toString(36)}${++counter}`;

async function newMember() {
  const { userId, workspaceId, cookie } = await signUpWithWorkspace('Consent WS', { name: 'Consent Tester', email: `consent-${unique()}@example.test` });
  const project = await createProject({ id: workspaceId, plan: 'free' }, userId, { name: 'P' });
  return { userId, projectId: project.id, cookie };
}

function posthogCookie(distinctId: string, sessionId: string): string {
  const value = encodeURIComponent(JSON.stringify({ distinct_id: distinctId, $sesid: [Date.now(), sessionId, Date.now()] }));
  return `${posthogCookieName(POSTHOG_LOCAL_KEY)}=${value}`;
}

function actAs(cookies: string[], extra: Record<string, string> = {}): void {
  request.headers = new Headers({ 'x-forwarded-for': '198.51.100.77', cookie: cookies.join('; '), ...extra });
}

/** A real request through the real route handler, carrying the browser's cookies and headers. */
async function createTask(projectId: string, title: string): Promise<Response> {
  const req = new NextRequest(`http://localhost/api/projects/${projectId}/tasks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...Object.fromEntries(request.headers) },
    body: JSON.stringify({ title }),
  });
  return tasksRoute.POST(req, { params: Promise.resolve({ id: projectId }) });
}


const eventsOf = (event: string, distinctId: string) =>
  db.select().from(inboxEvents).where(and(eq(inboxEvents.event, event), eq(inboxEvents.distinctId, distinctId)));

/** Signs up through the real action: a success ends in Next's redirect to onboarding; anything else fails the test. */
async function signUp(email: string): Promise<void> {
  const fd = new FormData();
  fd.set('name', 'Consent Person');
  fd.set('email', email);
  fd.set('password', 'correct horse battery');
  const outcome = await signUpAction(null, fd).then(
    (result) => JSON.stringify(result),
    (error: unknown) => String((error as { digest?: unknown } | null)?.digest ?? error),
  );
  expect(outcome, 'the sign-up succeeds (and redirects)').toMatch(/^NEXT_REDIRECT;[^;]*;\/onboarding\//);
}

beforeEach(() => {
  configureServerAnalytics({ apiRequestSampleRate: 1 });
});
afterEach(async () => {
  await serverAnalytics().shutdown(500);
});

describe('server capture follows consent (default opt-out mode)', () => {
  const refusals: [string, string[], Record<string, string>][] = [
    ['declined (orbit_consent=denied)', ['orbit_consent=denied'], {}],
    ['Global Privacy Control (Sec-GPC: 1)', [], { 'sec-gpc': '1' }],
    ['GPC overrides an earlier Accept', ['orbit_consent=granted'], { 'sec-gpc': '1' }],
    ['Do Not Track (DNT: 1)', [], { dnt: '1' }],
  ];

  for (const [label, cookies, headers] of refusals) {
    it(`${label}: a signed-in visitor's requests record nothing, not even api.request`, async () => {
      const m = await newMember();
      actAs([m.cookie, posthogCookie(`anon-${unique()}`, 'sess-refused'), ...cookies], headers);
      for (let i = 0; i < 3; i++) expect((await createTask(m.projectId, `refused ${i}`)).status).toBe(201);
      await drainServerAnalytics();
      expect(await eventsOf('task.created', m.userId)).toEqual([]);
      expect(await eventsOf('api.request', m.userId)).toEqual([]);
      expect(serverAnalytics().stats().captured).toBe(0);
    });
  }

  it('declined at sign-up: no $identify, no person with an email_hash, no auth.signed_up', async () => {
    const anon = `anon-${unique()}`;
    const email = `refuser-${unique()}@declined.example`;
    actAs([posthogCookie(anon, 'sess-declined'), 'orbit_consent=denied']);
    await signUp(email);
    await drainServerAnalytics();
    const events = await db.select().from(inboxEvents);
    expect(events.filter((e) => e.properties.$session_id === 'sess-declined')).toEqual([]);
    expect(JSON.stringify(events)).not.toContain('declined.example');
    expect(JSON.stringify(await db.select().from(inboxPersons))).not.toContain('declined.example');
    expect(serverAnalytics().stats().captured).toBe(0);
  });

  it('granted (or no answer yet in opt-out mode): events are recorded as before', async () => {
    const m = await newMember();
    actAs([m.cookie, 'orbit_consent=granted']);
    expect((await createTask(m.projectId, 'allowed')).status).toBe(201);
    actAs([m.cookie]);
    expect((await createTask(m.projectId, 'allowed too')).status).toBe(201);
    await drainServerAnalytics();
    expect(await eventsOf('task.created', m.userId)).toHaveLength(2);
  });
});

describe('requestConsent', () => {
  it('is the browser decision, read from the request', () => {
    const h = (init: Record<string, string>) => new Headers(init);
    expect(requestConsent(h({}), 'opt-out')).toBe('granted');
    expect(requestConsent(h({}), 'opt-in')).toBe('pending');
    expect(requestConsent(h({ cookie: 'orbit_consent=granted' }), 'opt-in')).toBe('granted');
    expect(requestConsent(h({ cookie: 'a=1; orbit_consent=denied' }), 'opt-out')).toBe('denied');
    expect(requestConsent(h({ 'sec-gpc': '1' }), 'off')).toBe('denied');
    expect(requestConsent(h({ dnt: '1', cookie: 'orbit_consent=granted' }), 'opt-in')).toBe('denied');
    expect(requestConsent(h({}), 'off')).toBe('granted');
  });
});
