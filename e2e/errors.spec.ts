// Sentry end to end: each kind of failure is captured exactly once with stack frames, the user, tags and
// the PostHog link; the error page shows the id the collector received; a browser trace continues into the API
// route and down to the database. Failures come from the local-only debug surface (/dev/errors, /api/dev/boom,
// /api/edge/ping?boom=1; debug/errors.ts). Every test tags its failure with a unique marker and waits on the
// collector's query API for it (never a fixed sleep).
import { randomBytes } from 'node:crypto';
import type { APIRequestContext, Page } from '@playwright/test';
import { addTask, createProject, expect, signUpAndOnboard, test, uniqueName } from './fixtures';
import type { SentryItemRow } from '@/lib/inbox/rows';
import { sentryLoaded as sentryUp, telemetrySnapshot } from './support/telemetry-hook';

type Frame = { function?: string; filename?: string; lineno?: number };
type SentryEvent = {
  event_id: string;
  message?: string;
  transaction?: string;
  user?: { id?: string; email?: string };
  tags?: Record<string, string>;
  contexts?: Record<string, Record<string, unknown>>;
  exception?: { values?: Array<{ type?: string; value?: string; stacktrace?: { frames?: Frame[] }; mechanism?: { type?: string } }> };
};

const marker = () => `m${randomBytes(5).toString('hex')}`;

/** The newest Sentry items of a type (or of a trace): the collector is shared by parallel tests, so newest first. */
async function newest(request: APIRequestContext, q: { type?: string; traceId?: string }): Promise<SentryItemRow[]> {
  const params = new URLSearchParams({ order: 'desc', limit: '500' });
  if (q.type) params.set('type', q.type);
  if (q.traceId) params.set('trace_id', q.traceId);
  const res = await request.get(`/api/dev/inbox/sentry?${params}`);
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { items: SentryItemRow[] }).items;
}

/** All Sentry error events whose exception message carries `mark` (a test's unique marker). */
async function eventsWith(request: APIRequestContext, mark: string): Promise<SentryEvent[]> {
  const items = await newest(request, { type: 'event' });
  return items.map((i) => i.payload as SentryEvent).filter((e) => JSON.stringify(e.exception ?? e.message ?? '').includes(mark));
}

/**
 * Waits for the event carrying `mark`, then for a later server error sent on purpose, and checks `mark` still has
 * exactly one event: a duplicate (boundary plus global handler, browser plus server) would have been sent before.
 */
async function capturedOnce(request: APIRequestContext, mark: string): Promise<SentryEvent> {
  await expect.poll(async () => (await eventsWith(request, mark)).length, { timeout: 20_000, message: `a Sentry event for ${mark}` }).toBeGreaterThan(0);
  const later = marker();
  await request.get(`/api/dev/boom?marker=${later}`);
  await expect.poll(async () => (await eventsWith(request, later)).length, { timeout: 20_000, message: 'the later sentinel event' }).toBeGreaterThan(0);
  const events = await eventsWith(request, mark);
  expect(events, `events for ${mark}`).toHaveLength(1);
  return events[0] as SentryEvent;
}

function expectContext(event: SentryEvent, { userId, source }: { userId?: string; source: 'browser' | 'server' }): void {
  const frames = event.exception?.values?.flatMap((v) => v.stacktrace?.frames ?? []) ?? [];
  expect(frames.length, 'stack frames').toBeGreaterThan(0);
  if (userId) expect(event.user?.id).toBe(userId);
  expect(event.user?.email, 'no email in the user').toBeUndefined();
  expect(event.tags?.['error.category']).toBeTruthy();
  expect(event.tags?.['error.severity']).toBeTruthy();
  if (source === 'browser' || userId) {
    expect(event.tags?.['posthog.distinct_id'], 'PostHog person on the event').toBeTruthy();
    expect(event.tags?.['PostHog Person URL']).toMatch(/\/(person|persons)\//);
  }
}

/** Signs a fresh user up and through onboarding; returns their user id (from the bootstrap the layout rendered). */
async function signedIn(page: Page, user: { name: string; email: string; password: string }): Promise<string> {
  await signUpAndOnboard(page, user, { workspace: uniqueName('Errors') });
  const id = await page.evaluate(telemetrySnapshot).then((t) => t?.userId ?? undefined);
  expect(id, 'user id in the bootstrap').toBeTruthy();
  return id as string;
}

/** The lazy Sentry SDK is up (instrumentation-client.ts loads it after load + idle). */
async function sentryLoaded(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(sentryUp), { timeout: 20_000 }).toBe(true);
}

test.describe('errors reach Sentry once, with context', () => {
  test('client render error: the error page shows the event id the collector received', async ({ page, request, freshUser }) => {
    const userId = await signedIn(page, freshUser);
    const mark = marker();
    await page.goto('/dev/errors');
    await page.getByLabel('Marker').fill(mark);
    await page.getByRole('button', { name: 'Throw in render' }).click();
    const reportId = page.getByTestId('report-id');
    await expect(reportId).toHaveText(/^[0-9a-f]{32}$/);
    const shown = (await reportId.textContent()) ?? '';
    const event = await capturedOnce(request, mark);
    expect(event.event_id).toBe(shown);
    expectContext(event, { userId, source: 'browser' });
    await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
  });

  test('client event-handler error', async ({ page, request, freshUser }) => {
    const userId = await signedIn(page, freshUser);
    const mark = marker();
    await page.goto('/dev/errors');
    await sentryLoaded(page);
    await page.getByLabel('Marker').fill(mark);
    await page.getByRole('button', { name: 'Throw in handler' }).click();
    const event = await capturedOnce(request, mark);
    expectContext(event, { userId, source: 'browser' });
  });

  test('server action error (through the mutation wrapper)', async ({ page, request, freshUser }) => {
    const userId = await signedIn(page, freshUser);
    const mark = marker();
    await page.goto('/dev/errors');
    await page.getByLabel('Marker').fill(mark);
    await page.getByRole('button', { name: 'Fail server action' }).click();
    await expect(page.getByTestId('action-result')).toHaveText(/Something went wrong/);
    const event = await capturedOnce(request, mark);
    expectContext(event, { userId, source: 'server' });
    expect(event.tags?.mutation).toBe('dev.boom');
  });

  test('server component error: the error page shows the server event id', async ({ page, request, freshUser }) => {
    const userId = await signedIn(page, freshUser);
    const mark = marker();
    await page.goto(`/dev/errors?kind=server-component&marker=${mark}`);
    const reportId = page.getByTestId('report-id');
    await expect(reportId).toHaveText(/^[0-9a-f]{32}$/, { timeout: 15_000 });
    const event = await capturedOnce(request, mark);
    expect(event.event_id).toBe(await reportId.textContent());
    expectContext(event, { userId, source: 'server' });
  });

  test('route handler error, with a parameterised transaction', async ({ request }) => {
    const mark = marker();
    const res = await request.get(`/api/dev/boom?marker=${mark}`);
    expect(res.status()).toBe(500);
    const event = await capturedOnce(request, mark);
    expectContext(event, { source: 'server' });
    expect(event.transaction).toBe('GET /api/dev/boom');
  });

  test('edge route error', async ({ request }) => {
    expect((await request.get('/api/edge/ping')).status()).toBe(200);
    const mark = marker();
    const res = await request.get(`/api/edge/ping?boom=1&marker=${mark}`);
    expect(res.status()).toBe(500);
    const event = await capturedOnce(request, mark);
    expectContext(event, { source: 'server' });
  });
});

test('one trace from the browser through the API route to the database', async ({ page, request, freshUser }) => {
  await signedIn(page, freshUser);
  const projectId = await createProject(page, uniqueName('Traced'));
  await page.reload();
  await sentryLoaded(page);
  await addTask(page, uniqueName('Task'));

  // The server transaction of this project's task creation, parameterised.
  let server: SentryItemRow | undefined;
  await expect
    .poll(
      async () => {
        const items = await newest(request, { type: 'transaction' });
        server = items.find((i) => {
          const p = i.payload as { name?: string; attributes?: Record<string, { value?: unknown }> };
          return p.name === 'POST /api/projects/[id]/tasks' && JSON.stringify(p.attributes ?? {}).includes(projectId);
        });
        return Boolean(server);
      },
      { timeout: 20_000, message: 'server transaction POST /api/projects/[id]/tasks' },
    )
    .toBe(true);
  const traceId = server?.trace_id as string;
  expect(traceId).toMatch(/^[0-9a-f]{32}$/);

  await expect
    .poll(
      async () => {
        const inTrace = await newest(request, { traceId });
        const browser = inTrace.some((i) => i.type === 'transaction' && /pageload|navigation/.test(JSON.stringify((i.payload as { attributes?: unknown }).attributes ?? {})));
        const dbSpan = inTrace.some((i) => i.type === 'span' && (i.payload as { attributes?: Record<string, { value?: unknown }> }).attributes?.['sentry.op']?.value === 'db');
        return { browser, dbSpan };
      },
      { timeout: 20_000, message: `browser transaction and db span in trace ${traceId}` },
    )
    .toEqual({ browser: true, dbSpan: true });
});
