// A real Sentry Replay envelope (@sentry/browser's replayIntegration in Chromium, record-browser.mjs) through the
// real ingest route, then read back the way the recordings list and the rrweb player read PostHog recordings.
import { beforeEach, describe, expect, it } from 'vitest';
import * as ingest from '@/app/ingest/[...path]/route';
import * as sentry from '@/app/sentry/api/[project]/envelope/route';
import * as recording from '@/app/api/dev/inbox/recordings/[sessionId]/route';
import * as recordings from '@/app/api/dev/inbox/recordings/route';
import { db } from '@/lib/db';
import { inboxSentryItems } from '@/lib/db/schema';
import { recorded, recordedRequest } from '@/test-support/fixtures/sdk-requests/recorded';
import { decompressionBudget } from './decode';
import { envelopeRows, parseEnvelope } from './sentry-envelope';
import { clearInbox, storeSentryRows } from './store';

const ORIGIN = 'http://127.0.0.1:3104';
const ctx = (params: Record<string, string | string[]>) => ({ params: Promise.resolve(params) });
const get = (path: string) => new Request(`${ORIGIN}${path}`);

type Row = { session_id: string; source: string; snapshot_count: number; start: string; end: string };
type Rrweb = { type: number; timestamp: number; data?: unknown };

const replayId = parseEnvelope(recorded('sentry-browser-replay').body).header.event_id as string;

/** The recorded replay stored again, its `replay_event` changed by `patch`. */
async function storeReplay(patch: Record<string, unknown>) {
  const env = parseEnvelope(recorded('sentry-browser-replay').body);
  const rows = envelopeRows(env, decompressionBudget()).map((r) =>
    r.type === 'replay_event' ? { ...r, payload: { ...(r.payload as object), ...patch } } : r,
  );
  await storeSentryRows('1', env.header, rows);
}

async function listed(): Promise<Row[]> {
  const res = await recordings.GET(get('/api/dev/inbox/recordings'));
  expect(res.status).toBe(200);
  return ((await res.json()) as { recordings: Row[] }).recordings;
}

beforeEach(async () => {
  await clearInbox();
  const res = await sentry.POST(recordedRequest('sentry-browser-replay'), ctx({ project: '1' }));
  expect(res.status).toBe(200);
});

describe('Sentry replays as recordings', () => {
  it('are listed next to PostHog recordings, marked by source', async () => {
    const snapshot = recorded('posthog-js-snapshot-gzip');
    const path = new URL(snapshot.url, ORIGIN).pathname.split('/').filter(Boolean).slice(1);
    expect((await ingest.POST(recordedRequest('posthog-js-snapshot-gzip'), ctx({ path }))).status).toBe(200);

    const list = ((await (await recordings.GET(get('/api/dev/inbox/recordings'))).json()) as { recordings: Row[] }).recordings;
    expect(list.map((r) => r.source).sort()).toEqual(['posthog', 'sentry']);
    const replay = list.find((r) => r.source === 'sentry')!;
    expect(replay.session_id).toBe(replayId);
    expect(replay.snapshot_count).toBeGreaterThan(1);
    expect(Date.parse(replay.end)).toBeGreaterThan(Date.parse(replay.start));
  });

  it('decode into rrweb events the player accepts: time-ordered, a meta event and a full snapshot', async () => {
    const res = await recording.GET(get(`/api/dev/inbox/recordings/${replayId}`), ctx({ sessionId: replayId }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { source: string; start: string; end: string; snapshots: Rrweb[] };
    expect(body.source).toBe('sentry');
    const events = body.snapshots;
    expect(events.every((e) => Number.isInteger(e.type) && e.type >= 0 && e.type <= 6 && typeof e.timestamp === 'number')).toBe(true);
    // One timeline in epoch milliseconds: Sentry writes its performance-span custom events in seconds.
    const times = events.map((e) => e.timestamp);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(Date.parse(body.start) - 1000);
    expect(Math.max(...times)).toBeLessThanOrEqual(Date.parse(body.end) + 1000);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // rrweb's Replayer builds the page from a Meta (4) event followed by a FullSnapshot (2) with the DOM tree.
    const meta = events.findIndex((e) => e.type === 4);
    const full = events.findIndex((e) => e.type === 2);
    expect(meta).toBeGreaterThanOrEqual(0);
    expect(full).toBeGreaterThan(meta);
    expect(events[full]!.data).toMatchObject({ node: { type: 0, childNodes: expect.any(Array) } });
  });

  it('list and play a replay whose replay_event times are no valid dates, dated by the recording', async () => {
    for (const patch of [{ replay_start_timestamp: 1e13 }, { timestamp: -1e13 }]) {
      await clearInbox();
      await storeReplay(patch);
      const [replay] = await listed();
      expect(replay).toMatchObject({ session_id: replayId, source: 'sentry' });
      expect(Number.isNaN(Date.parse(replay!.start))).toBe(false);
      const res = await recording.GET(get(`/api/dev/inbox/recordings/${replayId}`), ctx({ sessionId: replayId }));
      expect(res.status).toBe(200);
    }
  });

  it("keep the newest replay's metadata when older replay events fill the scan", async () => {
    await clearInbox();
    const filler = Array.from({ length: 5000 }, (_, i) => ({
      envelopeId: 'filler',
      project: '1',
      type: 'replay_event',
      itemType: 'replay_event',
      eventId: `old${i}`,
      payload: { replay_start_timestamp: 1, timestamp: 2 },
      itemHeader: {},
      envelopeHeader: {},
      size: 1,
    }));
    for (let i = 0; i < filler.length; i += 1000) await db.insert(inboxSentryItems).values(filler.slice(i, i + 1000));
    await storeReplay({});
    const replay = (await listed()).find((r) => r.session_id === replayId)!;
    // The replay_event's own start (epoch seconds), not the time the recording arrived.
    expect(replay.start).toBe(new Date(1795433596296.2).toISOString());
  });
});
