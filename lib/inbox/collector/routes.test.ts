// The route handlers called directly with real Requests: what the SDKs and the query API see over HTTP.
import { runInNewContext } from 'node:vm';
import { beforeEach, describe, expect, it } from 'vitest';
import * as ingest from '@/app/ingest/[...path]/route';
import * as sentry from '@/app/sentry/api/[project]/envelope/route';
import * as inbox from '@/app/api/dev/inbox/route';
import * as events from '@/app/api/dev/inbox/events/route';
import * as person from '@/app/api/dev/inbox/persons/[distinctId]/route';
import * as persons from '@/app/api/dev/inbox/persons/route';
import * as recordings from '@/app/api/dev/inbox/recordings/route';
import * as recording from '@/app/api/dev/inbox/recordings/[sessionId]/route';
import * as sentryItems from '@/app/api/dev/inbox/sentry/route';
import * as sentryItem from '@/app/api/dev/inbox/sentry/[id]/route';
import * as stats from '@/app/api/dev/inbox/stats/route';
import { evaluateFlags } from '@/lib/flags/evaluate';
import { POSTHOG_FIXTURES, recorded, recordedRequest, SENTRY_FIXTURES } from '@/test-support/fixtures/sdk-requests/recorded';

const ORIGIN = 'http://127.0.0.1:3104';
const ctx = (params: Record<string, string | string[]>) => ({ params: Promise.resolve(params) });
const ingestPath = (url: string) => ({ path: new URL(url, ORIGIN).pathname.split('/').filter(Boolean).slice(1) });
const get = (path: string) => new Request(`${ORIGIN}${path}`);
const count = async () => (await (await stats.GET(get('/api/dev/inbox/stats'))).json()) as Record<string, number>;

async function post(path: string, body: BodyInit, headers: Record<string, string> = {}) {
  return ingest.POST(new Request(`${ORIGIN}${path}`, { method: 'POST', body, headers }), ctx(ingestPath(path)));
}

beforeEach(async () => {
  expect((await inbox.DELETE(new Request(`${ORIGIN}/api/dev/inbox`, { method: 'DELETE' }))).status).toBe(204);
});

describe('ingest', () => {
  it('accepts every recorded PostHog and Sentry request and answers like PostHog / Relay', async () => {
    for (const name of POSTHOG_FIXTURES) {
      const r = recorded(name);
      const res = await ingest.POST(recordedRequest(name), ctx(ingestPath(r.url)));
      expect(res.status, name).toBe(200);
      if (!name.includes('flags')) expect(await res.json(), name).toEqual({ status: 1 });
    }
    for (const name of SENTRY_FIXTURES) {
      const project = new URL(recorded(name).url, ORIGIN).pathname.split('/')[3]!;
      const res = await sentry.POST(recordedRequest(name), ctx({ project }));
      expect(res.status, name).toBe(200);
    }
    const c = await count();
    expect(c.events).toBeGreaterThan(10);
    // posthog-js's session and the Sentry replay.
    expect(c.recordings).toBe(2);
    expect(c.sentry_items).toBeGreaterThan(10);

    const list = (await (await events.GET(get('/api/dev/inbox/events?distinct_id=server_alias_1&limit=1000'))).json()) as {
      events: { event: string; source: string }[];
    };
    expect(list.events.map((e) => e.event)).toEqual(expect.arrayContaining(['$pageview', '$identify', 'fixture_server_event', 'fixture_beacon_plain']));
    const p = (await (await person.GET(get('/api/dev/inbox/persons/user_fixture_1'), ctx({ distinctId: 'user_fixture_1' }))).json()) as {
      distinct_ids: string[];
    };
    expect(p.distinct_ids).toContain('server_alias_1');
    expect(((await (await persons.GET(get('/api/dev/inbox/persons'))).json()) as { persons: unknown[] }).persons.length).toBeGreaterThan(0);

    const recs = (await (await recordings.GET(get('/api/dev/inbox/recordings'))).json()) as { recordings: { session_id: string; snapshot_count: number }[] };
    const sessionId = recs.recordings[0]!.session_id;
    const rec = (await (await recording.GET(get(`/api/dev/inbox/recordings/${sessionId}`), ctx({ sessionId }))).json()) as { snapshots: unknown[] };
    expect(rec.snapshots).toHaveLength(recs.recordings[0]!.snapshot_count);

    const items = (await (await sentryItems.GET(get('/api/dev/inbox/sentry?type=replay_recording'))).json()) as { items: { id: number }[] };
    const id = String(items.items[0]!.id);
    const item = (await (await sentryItem.GET(get(`/api/dev/inbox/sentry/${id}`), ctx({ id }))).json()) as { raw_base64: string; item_header: object };
    expect(item.raw_base64.length).toBeGreaterThan(100);
    expect(item.item_header).toMatchObject({ type: 'replay_recording' });
  });

  it('answers /flags from lib/flags, deterministically per distinct id', async () => {
    const name = 'posthog-js-flags-json';
    const res = await ingest.POST(recordedRequest(name), ctx(ingestPath(recorded(name).url)));
    const body = (await res.json()) as { flags: Record<string, { enabled: boolean; variant: string | null }>; errorsWhileComputingFlags: boolean };
    const expected = evaluateFlags('user_fixture_1');
    expect(body.errorsWhileComputingFlags).toBe(false);
    expect(body.flags['pricing-page-layout']).toMatchObject({ enabled: true, variant: expected['pricing-page-layout']!.variant });
    expect(body.flags['new-onboarding-checklist']!.enabled).toBe(expected['new-onboarding-checklist']!.enabled);

    const legacy = await post('/ingest/decide/?v=3', JSON.stringify({ distinct_id: 'user_fixture_1', token: 'phc_t' }));
    expect(await legacy.json()).toMatchObject({
      featureFlags: { 'pricing-page-layout': expected['pricing-page-layout']!.value },
      sessionRecording: { endpoint: '/s/' },
      supportedCompression: ['gzip', 'gzip-js'],
    });
    expect((await post('/ingest/flags/?v=2', '{}')).status).toBe(400);
  });

  it('serves the remote config (JSON and script) and posthog-js assets', async () => {
    const js = await ingest.GET(get('/ingest/array/phc_t/config.js'), ctx({ path: ['array', 'phc_t', 'config.js'] }));
    expect(js.headers.get('content-type')).toContain('javascript');
    const window: { _POSTHOG_REMOTE_CONFIG?: Record<string, { config: { sessionRecording: { endpoint: string }; heatmaps: boolean } }> } = {};
    runInNewContext(await js.text(), { window });
    expect(window._POSTHOG_REMOTE_CONFIG?.phc_t?.config).toMatchObject({ sessionRecording: { endpoint: '/s/' }, heatmaps: true });
    const json = await ingest.GET(get('/ingest/array/phc_t/config'), ctx({ path: ['array', 'phc_t', 'config'] }));
    expect(await json.json()).toMatchObject({ token: 'phc_t', supportedCompression: ['gzip', 'gzip-js'] });

    for (const path of [['static', 'lazy-recorder.js'], ['static', '1.449.2', 'lazy-recorder.js']]) {
      const res = await ingest.GET(get(`/ingest/${path.join('/')}?v=1.449.2`), ctx({ path }));
      expect(res.status).toBe(200);
      expect((await res.text()).length).toBeGreaterThan(10_000);
    }
    for (const path of [['static', '..', 'package.json'], ['static', 'nope.js'], ['static', 'x', 'y', 'z.js']]) {
      expect((await ingest.GET(get(`/ingest/${path.join('/')}`), ctx({ path }))).status).toBe(404);
    }
  });
});

describe('bad requests store nothing', () => {
  it('400 malformed, 413 too large, 405 wrong method, 404 unknown path, 415 multipart', async () => {
    const cases: [Promise<Response>, number, RegExp?][] = [
      [post('/ingest/e/', 'not json', { 'content-type': 'application/json' }), 400, /not valid JSON/],
      [post('/ingest/e/', new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0x01]), { 'content-type': 'text/plain' }), 400, /gzip/],
      [post('/ingest/batch/', JSON.stringify({ batch: [{ event: 'x', properties: {} }] })), 400, /distinct_id/],
      [post('/ingest/e/', new Uint8Array(5 * 1024 * 1024 + 1)), 413],
      [post('/ingest/e/', 'x', { 'content-type': 'multipart/form-data; boundary=x' }), 415],
      [ingest.GET(get('/ingest/e/'), ctx({ path: ['e'] })), 405],
      [post('/ingest/nope/', '{}'), 404],
      [sentry.POST(new Request(`${ORIGIN}/sentry/api/1/envelope/`, { method: 'POST', body: '{"event_id":"x"}\n{"type":"event","length":99}\n{}' }), ctx({ project: '1' })), 400, /declares 99 bytes/],
      [sentry.POST(new Request(`${ORIGIN}/sentry/api/1/envelope/`, { method: 'POST', body: 'garbage' }), ctx({ project: '1' })), 400],
      [sentry.GET(get('/sentry/api/1/envelope/'), ctx({ project: '1' })), 405],
    ];
    for (const [promise, status, message] of cases) {
      const res = await promise;
      expect(res.status).toBe(status);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.message).toEqual(expect.any(String));
      if (message) expect(body.error.message).toMatch(message);
    }
    expect(await count()).toMatchObject({ events: 0, snapshots: 0, persons: 0, sentry_items: 0 });
  });

  it('validates query parameters', async () => {
    for (const path of ['/api/dev/inbox/events?limit=5000', '/api/dev/inbox/events?since=yesterday', '/api/dev/inbox/events?source=mobile', '/api/dev/inbox/sentry?after=-1']) {
      const res = await events.GET(get(path));
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/Invalid query/);
    }
    expect((await sentryItem.GET(get('/api/dev/inbox/sentry/abc'), ctx({ id: 'abc' }))).status).toBe(400);
    expect((await person.GET(get('/api/dev/inbox/persons/ghost'), ctx({ distinctId: 'ghost' }))).status).toBe(404);
    expect((await recording.GET(get('/api/dev/inbox/recordings/ghost'), ctx({ sessionId: 'ghost' }))).status).toBe(404);
    expect((await events.POST(new Request(`${ORIGIN}/api/dev/inbox/events`, { method: 'POST' }))).status).toBe(405);
  });

  it('answers no CORS preflight: only its own origin may use it (same-origin.test.ts)', async () => {
    const res = await ingest.OPTIONS(
      new Request(`${ORIGIN}/ingest/e/`, { method: 'OPTIONS', headers: { origin: 'http://localhost:5173', 'access-control-request-headers': 'content-type' } }),
    );
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
