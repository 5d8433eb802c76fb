// Catalog drift counted by the /ingest relay, through the real route (outside local mode) in front of a real fake
// PostHog on loopback (test-support/fake-upstream.ts), and reported through the real server client (posthog-node)
// to that same host: the test reads what PostHog would receive. Hostile bodies stay bounded and never throw.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { catalog, type EventDefinition } from '@/lib/analytics/catalog';
import { guardEvent } from '@/lib/analytics/validate';
import { startFakeUpstream, type FakeUpstream } from '@/test-support/fake-upstream';
import type { CatalogDrift } from './catalog-drift';

type Route = (req: Request, ctx?: unknown) => Promise<Response>;
let upstream: FakeUpstream;
let post: Route;
let drift: CatalogDrift;
let flushAnalytics: () => Promise<void>;

const entries = Object.entries(catalog) as [string, EventDefinition][];
/** A browser event and its valid properties; a server-only one. */
const [webEvent, webDefinition] = entries.find(([, d]) => d.emittedFrom === 'web' && Object.keys(d.schema.shape).length > 0)!;
const [serverEvent, serverDefinition] = entries.find(([, d]) => d.emittedFrom === 'server')!;
const ctx = { params: Promise.resolve({ path: ['e'] }) };
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function capture(body: BodyInit, query = '?compression=gzip-js&ver=1', headers: Record<string, string> = { 'content-type': 'text/plain' }): Promise<Response> {
  return post(new Request(`http://127.0.0.1:3000/ingest/e/${query}`, { method: 'POST', headers, body }), ctx);
}
const gzipJson = (json: unknown) => new Uint8Array(gzipSync(JSON.stringify(json)));
const event = (name: string, properties: Record<string, unknown> = {}) => ({ event: name, distinct_id: 'visitor-1', properties: { $lib: 'web', $session_id: 's1', ...properties } });

beforeAll(async () => {
  upstream = await startFakeUpstream(0);
  vi.stubEnv('NEXT_PUBLIC_POSTHOG_KEY', 'phc_test');
  vi.stubEnv('NEXT_PUBLIC_POSTHOG_HOST', upstream.url);
  vi.stubEnv('LOCAL_INBOX', '');
  vi.resetModules();
  post = ((await import('@/app/ingest/[...path]/route')) as unknown as { POST: Route }).POST;
  const { configureServerAnalytics } = await import('@/lib/analytics/server/client');
  const analytics = configureServerAnalytics({ mode: 'posthog', apiKey: 'phc_test', host: upstream.url, flushAt: 1_000, flushIntervalMs: 60_000 });
  flushAnalytics = () => analytics.flush();
});

beforeEach(async () => {
  const { configureCatalogDrift } = await import('./catalog-drift');
  drift = configureCatalogDrift({ intervalMs: 0 });
  upstream.requests.length = 0;
});

afterAll(async () => {
  drift.stop();
  const { serverAnalytics } = await import('@/lib/analytics/server/client');
  await serverAnalytics().shutdown(500);
  vi.unstubAllEnvs();
  await upstream.stop();
});

/** The drift reports PostHog received. */
async function reportsSent() {
  await flushAnalytics();
  return upstream.requests.flatMap((r) => r.events).filter((e) => e.event === 'analytics.catalog_drift');
}

describe('catalog drift in the /ingest relay', () => {
  it('counts unknown names, schema failures and server-only events per name, after the answer, and reports them once, personless', async () => {
    const body = gzipJson({
      batch: [
        event(webEvent, webDefinition.example as Record<string, unknown>),
        event('$pageview'),
        event('task.complete'),
        event('task.complete'),
        event(webEvent, { ...(webDefinition.example as Record<string, unknown>), typo_property: 1 }),
        event(serverEvent, serverDefinition.example as Record<string, unknown>),
      ],
      sent_at: new Date().toISOString(),
    });
    const res = await capture(body);
    expect(res.status).toBe(200);
    // PostHog got the body as sent, and the relay read nothing of it before answering.
    expect(upstream.requests.filter((r) => r.path === '/e/').map((r) => r.raw.equals(body))).toEqual([true]);
    expect(drift.take()).toBeNull();

    await nextTurn();
    drift.flush();
    const reports = await reportsSent();
    expect(reports).toHaveLength(1);
    const report = reports[0]!;
    expect(report.distinct_id).toBe('orbit_server');
    expect(report.properties).toMatchObject({
      $process_person_profile: false,
      checked: 6,
      findings: 4,
      unknown_event: 2,
      schema: 1,
      wrong_side: 1,
      unread: 0,
      events: [
        { event: 'task.complete', unknown_event: 2, schema: 0, wrong_side: 0 },
        { event: webEvent, unknown_event: 0, schema: 1, wrong_side: 0 },
        { event: serverEvent, unknown_event: 0, schema: 0, wrong_side: 1 },
      ],
    });
    const own = Object.fromEntries(Object.entries(report.properties!).filter(([k]) => !k.startsWith('$') && k !== 'app' && k !== 'deployment'));
    expect(guardEvent('analytics.catalog_drift', own, { mode: 'drop' })).toEqual(own);

    // Counted once: the next interval has nothing to say and sends nothing.
    upstream.requests.length = 0;
    drift.flush();
    expect(await reportsSent()).toEqual([]);
  });

  it('sends nothing for clean traffic, whatever form posthog-js used (gzip-js, a beacon form, plain JSON)', async () => {
    const batch = [event(webEvent, webDefinition.example as Record<string, unknown>), event('$pageview'), event('$pageleave')];
    expect((await capture(gzipJson(batch))).status).toBe(200);
    const form = `data=${encodeURIComponent(Buffer.from(JSON.stringify(batch)).toString('base64'))}`;
    expect((await capture(form, '?ver=1', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(200);
    expect((await capture(JSON.stringify(batch), '', { 'content-type': 'application/json' })).status).toBe(200);
    await nextTurn();
    drift.drain();
    expect(drift.take()).toBeNull();
    // …while the same three forms with an unknown event are each read.
    const bad = [event('task.complete')];
    await capture(gzipJson(bad));
    await capture(`data=${encodeURIComponent(Buffer.from(JSON.stringify(bad)).toString('base64'))}`, '?ver=1', { 'content-type': 'application/x-www-form-urlencoded' });
    await capture(JSON.stringify(bad), '', { 'content-type': 'application/json' });
    drift.drain();
    // A report covers everything since the last one sent: the 9 clean events too.
    expect(drift.take()).toMatchObject({ checked: 12, findings: 3, unknown_event: 3, unread: 0 });
  });

  it('stays bounded on hostile bodies: a gzip bomb, 10k distinct names, malformed JSON, an oversized body', async () => {
    const errors = vi.spyOn(console, 'error');
    // 64 MiB of zeros in ~64 KiB: inflated no further than the 2 MiB budget, then counted as unread.
    const bomb = new Uint8Array(gzipSync(Buffer.alloc(64 * 1024 * 1024)));
    expect(bomb.byteLength).toBeLessThan(256 * 1024);
    const names = gzipJson(Array.from({ length: 10_000 }, (_, i) => ({ event: `drift.${i}`, properties: {} })));
    const started = performance.now();
    for (const res of await Promise.all([
      capture(bomb),
      capture(names),
      capture('{"batch": [ {"event": "x"', '', { 'content-type': 'application/json' }),
      capture(gzipSync('not json at all'), '?compression=gzip-js'),
      capture(new Uint8Array(300 * 1024).fill(0x7b), '', { 'content-type': 'application/json' }),
      capture(JSON.stringify({ batch: [null, 1, 'x', { event: 42 }, { event: 'drift.nested', properties: 'not an object' }] }), '', { 'content-type': 'application/json' }),
    ])) {
      expect(res.status).toBe(200);
    }
    const reading = performance.now();
    drift.drain();
    const readMs = performance.now() - reading;
    const report = drift.take()!;
    // The bomb, the truncated JSON, the gzip'd text and the oversized body were not read.
    expect(report.unread).toBe(4);
    // 10k distinct names, read up to 1 000 a body: 50 names kept, the rest under one bucket.
    expect(report.checked).toBe(1_001);
    expect(report.unknown_event).toBe(1_001);
    expect(report.events).toHaveLength(51);
    expect(report.events.at(-1)).toEqual({ event: '(other)', unknown_event: 1_001 - 50, schema: 0, wrong_side: 0 });
    expect(readMs).toBeLessThan(2_000);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });

  it('never reads recordings, flags or GETs, and a full queue drops bodies as unread', async () => {
    const body = gzipJson([event('task.complete')]);
    await post(new Request('http://127.0.0.1:3000/ingest/s/?compression=gzip-js', { method: 'POST', body }), ctx);
    await post(new Request('http://127.0.0.1:3000/ingest/flags/?v=2', { method: 'POST', body: JSON.stringify({ token: 'phc_test', distinct_id: 'x' }) }), ctx);
    drift.drain();
    expect(drift.take()).toBeNull();

    const { configureCatalogDrift } = await import('./catalog-drift');
    drift = configureCatalogDrift({ intervalMs: 0, maxPending: 1 });
    drift.observe(new Request('http://o/ingest/e/', { method: 'POST' }), '/e/', body);
    drift.observe(new Request('http://o/ingest/e/', { method: 'POST' }), '/e/', body);
    drift.drain();
    expect(drift.take()).toMatchObject({ checked: 1, unknown_event: 1, unread: 1 });
  });
});
