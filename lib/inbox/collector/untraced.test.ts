// The collector never appears in a user's trace: in local mode posthog-node hands its batches to the collector in
// the same process, inside whatever request flushed the event (lib/analytics/server/local-collector-fetch.ts), so without
// suppression every query that stores them became a `db` span of that request. The real Sentry Node SDK decides.
import * as Sentry from '@sentry/nextjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTHOG_LOCAL_KEY } from '@/lib/analytics/constants';
import { ingestHandler } from './posthog-endpoints';

const started: { op: string; name: string }[] = [];

beforeAll(() => {
  Sentry.init({
    dsn: 'http://public@127.0.0.1:9/1',
    tracesSampleRate: 1,
    // Nothing leaves the process.
    transport: () => ({ send: async () => ({}), flush: async () => true }),
  });
  Sentry.getClient()?.on('spanStart', (span) => {
    if (!span.isRecording()) return; // suppressed: never sent
    const json = Sentry.spanToJSON(span);
    started.push({ op: String(json.attributes?.['sentry.op'] ?? ''), name: json.name });
  });
});
afterAll(() => Sentry.close());

describe('the collector inside a traced request', () => {
  it('stores a posthog-node batch without a single span in the request’s trace', async () => {
    await Sentry.startSpan({ name: 'GET /dashboard', op: 'http.server', forceTransaction: true }, async (span) => {
      expect(span.isRecording()).toBe(true);
      const body = JSON.stringify({ api_key: POSTHOG_LOCAL_KEY, batch: [{ event: 'dashboard.viewed', distinct_id: 'u-1', properties: {}, timestamp: new Date().toISOString() }] });
      const res = await ingestHandler('POST')(new Request('http://orbit.local/ingest/batch/', { method: 'POST', headers: { 'content-type': 'application/json' }, body }), { path: ['batch'] });
      expect(res.status).toBe(200);
    });
    expect(started.filter((s) => s.op !== 'http.server')).toEqual([]);
  });
});
