// The issues routes called directly with real Requests, over events the real @sentry/node sent.
import { beforeEach, describe, expect, it } from 'vitest';
import * as issueRoute from '@/app/api/dev/inbox/issues/[id]/route';
import * as issuesRoute from '@/app/api/dev/inbox/issues/route';
import { recorded } from '@/test-support/fixtures/sdk-requests/recorded';
import { decompressionBudget } from './decode';
import { listIssues } from './issues-api';
import { groupIssues } from './issues';
import { listSentryItems } from './query';
import { envelopeRows, parseEnvelope } from './sentry-envelope';
import { clearInbox, storeSentryRows } from './store';

const ORIGIN = 'http://127.0.0.1:3104';
const get = (path: string) => new Request(`${ORIGIN}${path}`);
const ctx = (params: Record<string, string>) => ({ params: Promise.resolve(params) });

async function storeNodeError(user: string, extra: Record<string, unknown> = {}) {
  const env = parseEnvelope(recorded('sentry-node-event').body);
  const rows = envelopeRows(env, decompressionBudget()).map((r) =>
    r.type === 'event' ? { ...r, payload: { ...(r.payload as object), user: { id: user }, ...extra } } : r,
  );
  await storeSentryRows('2', env.header, rows);
}

beforeEach(clearInbox);

describe('GET /api/dev/inbox/issues', () => {
  it('lists the grouped issue and serves it with its events', async () => {
    await storeNodeError('user_a');
    await storeNodeError('user_b');
    const list = (await (await issuesRoute.GET(get('/api/dev/inbox/issues'))).json()) as { issues: { id: string; count: number; users: number; latest_event_id: number }[] };
    expect(list.issues).toHaveLength(1);
    expect(list.issues[0]).toMatchObject({ count: 2, users: 2, title: 'Error: fixture server error', latest_event_id: expect.any(Number) });
    const id = list.issues[0]!.id;
    const one = await issueRoute.GET(get(`/api/dev/inbox/issues/${id}`), ctx({ id }));
    expect(one.status).toBe(200);
    expect(((await one.json()) as { events: unknown[] }).events).toHaveLength(2);
  });

  it('answers 400 for a malformed id or limit and 404 for an unknown issue', async () => {
    expect((await issueRoute.GET(get('/api/dev/inbox/issues/nope'), ctx({ id: 'nope' }))).status).toBe(400);
    expect((await issuesRoute.GET(get('/api/dev/inbox/issues?limit=0'))).status).toBe(400);
    const unknown = '0123456789abcdef';
    expect((await issueRoute.GET(get(`/api/dev/inbox/issues/${unknown}`), ctx({ id: unknown }))).status).toBe(404);
  });

  it('serves an event whose timestamp is no valid date, dated by its arrival', async () => {
    // Finite but past the last date JavaScript can represent (±8.64e15 ms): toISOString() would throw.
    await storeNodeError('user_a', { timestamp: 1e13 });
    const res = await issuesRoute.GET(get('/api/dev/inbox/issues'));
    expect(res.status).toBe(200);
    const [issue] = ((await res.json()) as { issues: { id: string; last_seen: string }[] }).issues;
    expect(Math.abs(Date.parse(issue!.last_seen) - Date.now())).toBeLessThan(60_000);
    expect((await issueRoute.GET(get(`/api/dev/inbox/issues/${issue!.id}`), ctx({ id: issue!.id }))).status).toBe(200);
  });

  it('groups the fields it reads exactly as it groups whole payloads', async () => {
    await storeNodeError('user_a');
    await storeNodeError('user_b', { fingerprint: ['{{ default }}', 'checkout'], level: 'warning' });
    await storeNodeError('user_c', { user: undefined, contexts: { posthog: { distinct_id: 'ph_1' } }, extra: { posthog_session_id: 's1', other: 'x' } });
    await storeNodeError('user_d', { exception: undefined, message: 'plain message', transaction: 'GET /x', timestamp: '2026-01-02T03:04:05Z' });
    await storeNodeError('user_e', { tags: { posthog_distinct_id: 'ph_2' } });
    const browser = parseEnvelope(recorded('sentry-browser-event').body);
    await storeSentryRows('1', browser.header, envelopeRows(browser, decompressionBudget()));
    const whole = groupIssues(await listSentryItems({ type: 'event', limit: 1000, order: 'desc' }));
    expect(whole.length).toBeGreaterThanOrEqual(4);
    expect(await listIssues()).toEqual(whole);
  });
});
