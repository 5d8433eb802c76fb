// Smoke test of the local collector and the inbox helpers: what a raw PostHog request, real posthog-node and a
// Sentry envelope send comes back from the query API, filtered by this test's fresh identity.
import { randomBytes } from 'node:crypto';
import { PostHog } from 'posthog-node';
import { expect, test } from './fixtures';
import { E2E_PORT_BASE } from './support/test-server';

test('PostHog (raw and posthog-node) and Sentry traffic land in the inbox', async ({ request, inbox, identity, baseURL }) => {
  const origin = baseURL ?? `http://127.0.0.1:${E2E_PORT_BASE}`;

  const raw = await request.post('/ingest/e/', {
    headers: { 'content-type': 'application/json' },
    data: {
      api_key: 'phc_e2e_local',
      // Catalog events, valid: the run's event-health scan (e2e/health.scan.ts) holds test traffic to the plan too.
      event: 'workspace.created',
      distinct_id: identity.distinctId,
      properties: { workspace_id: 'ws_e2eSmokeRaw' },
      timestamp: new Date().toISOString(),
    },
  });
  expect(raw.ok(), `POST /ingest/e/ → ${raw.status()}`).toBe(true);
  await inbox.waitForEvent('workspace.created', { distinctId: identity.distinctId, since: identity.since, properties: { workspace_id: 'ws_e2eSmokeRaw' } });

  const client = new PostHog('phc_e2e_local', { host: `${origin}/ingest`, flushAt: 1, flushInterval: 0 });
  client.capture({ distinctId: identity.distinctId, event: 'workspace.renamed', properties: { workspace_id: 'ws_e2eSmokeNode' } });
  await client.shutdown();

  const node = await inbox.waitForEvent('workspace.renamed', { distinctId: identity.distinctId, since: identity.since, properties: { workspace_id: 'ws_e2eSmokeNode' } });
  expect(node.source).toBe('server');
  await inbox.expectEventsInOrder(['workspace.created', 'workspace.renamed'], { distinctId: identity.distinctId, since: identity.since });

  await inbox.expectNoEventBefore('e2e_smoke_never_sent', 'workspace.renamed', { distinctId: identity.distinctId, since: identity.since });

  // Another identity's query sees none of it.
  expect(await inbox.events({ distinctId: `${identity.distinctId}-other`, since: identity.since })).toEqual([]);

  const eventId = randomBytes(16).toString('hex');
  const traceId = randomBytes(16).toString('hex');
  const envelope = [
    JSON.stringify({ event_id: eventId, sent_at: new Date().toISOString() }),
    JSON.stringify({ type: 'event' }),
    JSON.stringify({
      event_id: eventId,
      timestamp: Date.now() / 1000,
      platform: 'javascript',
      level: 'error',
      message: 'e2e smoke',
      contexts: { trace: { trace_id: traceId, span_id: randomBytes(8).toString('hex') } },
    }),
  ].join('\n');
  const sentry = await request.post('/sentry/api/1/envelope/?sentry_key=e2e&sentry_version=7', {
    headers: { 'content-type': 'application/x-sentry-envelope' },
    data: envelope,
  });
  expect(sentry.ok(), `POST sentry envelope → ${sentry.status()}`).toBe(true);
  const item = await inbox.waitForSentry({ type: 'event', traceId, payload: { event_id: eventId } });
  expect(item.trace_id).toBe(traceId);
});

// An event's `timestamp` is whatever its sender wrote; the collector stores it as sent. One that Date cannot hold made
// the error's page answer 500 (`toISOString()` threw while rendering its time and the replay link's moment).
test('an error whose timestamp is not a time still opens in the inbox, on its page and its person’s', async ({ request, page, inbox, identity }) => {
  // The person (a PostHog event makes one) the error names.
  const raw = await request.post('/ingest/e/', {
    headers: { 'content-type': 'application/json' },
    data: { api_key: 'phc_e2e_local', event: 'workspace.created', distinct_id: identity.distinctId, properties: { workspace_id: 'ws_e2eHostileTs' }, timestamp: new Date().toISOString() },
  });
  expect(raw.ok(), `POST /ingest/e/ → ${raw.status()}`).toBe(true);
  await inbox.waitForEvent('workspace.created', { distinctId: identity.distinctId, since: identity.since, properties: { workspace_id: 'ws_e2eHostileTs' } });
  const eventId = randomBytes(16).toString('hex');
  const traceId = randomBytes(16).toString('hex');
  const sessionId = `e2e-session-${randomBytes(4).toString('hex')}`;
  const envelope = [
    JSON.stringify({ event_id: eventId }),
    JSON.stringify({ type: 'event' }),
    JSON.stringify({
      event_id: eventId,
      timestamp: 1e20,
      platform: 'javascript',
      level: 'error',
      exception: { values: [{ type: 'Error', value: 'hostile timestamp' }] },
      tags: { posthog_session_id: sessionId, posthog_distinct_id: identity.distinctId },
      contexts: { trace: { trace_id: traceId, span_id: randomBytes(8).toString('hex') } },
    }),
  ].join('\n');
  const sent = await request.post('/sentry/api/1/envelope/?sentry_key=e2e&sentry_version=7', { headers: { 'content-type': 'application/x-sentry-envelope' }, data: envelope });
  expect(sent.ok(), `POST sentry envelope → ${sent.status()}`).toBe(true);
  const item = await inbox.waitForSentry({ type: 'event', traceId, payload: { event_id: eventId } });

  const res = await page.goto(`/dev/inbox/errors/${item.id}`);
  expect(res?.status()).toBe(200);
  await expect(page.getByText('hostile timestamp').first()).toBeVisible();
  // Its time: when the collector received it, said as such.
  await expect(page.getByText('received; its timestamp is not a time')).toBeVisible();
  // The replay link is still there, without a moment to seek to.
  await expect(page.getByTestId('error-replay-link')).toHaveAttribute('href', `/dev/inbox/recordings/${sessionId}`);

  const person = await page.goto(`/dev/inbox/persons/${encodeURIComponent(identity.distinctId)}`);
  expect(person?.status()).toBe(200);
  await expect(page.getByRole('link', { name: /hostile timestamp/ })).toBeVisible();
});
