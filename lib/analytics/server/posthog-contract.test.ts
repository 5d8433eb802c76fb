// What the outbox (outbox.ts) relies on posthog-node for, checked against the installed posthog-node so an upgrade
// that changes it fails here rather than silently in delivery: with the outbox's options posthog-node never sends on
// its own; one flush is one /batch/ request carrying the outbox's uuids and timestamps; a batch the transport took
// leaves nothing queued in posthog-node; and the events the client builds for identify, alias and groupIdentify are
// the ones posthog-node's own methods send. The transport is the edge here: it records each request exactly.
import { gunzipSync } from 'node:zlib';
import { PostHog } from 'posthog-node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configFromEnv, type FetchFn } from './config';
import { ServerAnalytics } from './client';
import { Outbox } from './outbox';

type Sent = { method: string; path: string; events: Array<Record<string, unknown>> };

function recordingFetch(status = 200) {
  const sent: Sent[] = [];
  const fetch: FetchFn = async (url, options) => {
    const raw = options.body instanceof Uint8Array ? Buffer.from(options.body) : Buffer.from(String(options.body ?? ''));
    const text = (options.headers['Content-Encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
    sent.push({ method: options.method, path: new URL(url).pathname, events: text ? ((JSON.parse(text) as { batch?: [] }).batch ?? []) : [] });
    return new Response('{"status":1}', { status });
  };
  return { sent, fetch };
}

const config = (fetch: FetchFn) => ({
  ...configFromEnv(),
  mode: 'posthog' as const,
  apiKey: 'phc_contract',
  host: 'https://ph.example',
  personalApiKey: undefined,
  flushAt: 20,
  flushIntervalMs: 1_000,
  maxQueue: 1_000,
  fetch,
});

const noHooks = { onDrop: () => {}, onFailure: () => {} };
const event = (i: number) => ({
  event: 'project.created',
  distinctId: 'usr_contract',
  properties: { project_id: `prj_${i}` },
  timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
  uuid: `0190a000-0000-7000-8000-${String(i).padStart(12, '0')}`,
});

let outboxes: Outbox[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(outboxes.map((o) => o.shutdown(0)));
  outboxes = [];
});

function outbox(fetch: FetchFn): Outbox {
  const created = new Outbox(config(fetch), noHooks);
  outboxes.push(created);
  return created;
}

describe('posthog-node as the outbox uses it', () => {
  it('never sends on its own: events handed to it an hour apart go out together, in one request, when flushed', async () => {
    vi.useFakeTimers();
    const { sent, fetch } = recordingFetch();
    const { posthog } = outbox(fetch);
    // A flush of its own (timer or size) would start a request with the first half (its body is gzipped off the
    // timer queue, so the request itself may land later): the explicit flush would then send two batches.
    for (let i = 0; i < 50; i++) posthog.capture(event(i));
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    for (let i = 50; i < 100; i++) posthog.capture(event(i));
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    await posthog.flush();
    expect(sent.map((r) => r.events.length)).toEqual([100]);
  });

  it('one flush is one POST to /batch/ with the uuids and timestamps given; a batch the transport took is gone from posthog-node', async () => {
    const { sent, fetch } = recordingFetch(503);
    const box = outbox(fetch);
    for (let i = 0; i < 3; i++) box.push(event(i));
    await box.flush();
    box.push(event(3));
    await box.flush();
    expect(sent.map((r) => [r.method, r.path])).toEqual([
      ['POST', '/batch/'],
      ['POST', '/batch/'],
    ]);
    expect(sent[0]!.events.map((e) => [e.uuid, e.timestamp, e.event])).toEqual(
      [0, 1, 2].map((i) => [event(i).uuid, event(i).timestamp.toISOString(), 'project.created']),
    );
    // The failed batch again, then the new event: nothing posthog-node kept on its own is sent twice.
    expect(sent[1]!.events.map((e) => e.uuid)).toEqual([0, 1, 2, 3].map((i) => event(i).uuid));
  });

  it("identify, alias and groupIdentify send the events posthog-node's own methods send", async () => {
    const ours = recordingFetch();
    const analytics = new ServerAnalytics(config(ours.fetch));
    analytics.identify('usr_1', { email_domain: 'example.com', email_hash: 'abc' }, 'anon_1');
    analytics.alias('usr_1', 'anon_1');
    analytics.groupIdentify('workspace', 'ws_1', { plan: 'pro' });
    await analytics.flush();
    await analytics.shutdown(0);

    const theirs = recordingFetch();
    const posthog = new PostHog('phc_contract', { host: 'https://ph.example', fetch: theirs.fetch, disableGeoip: true, flushInterval: 0 });
    posthog.identify({ distinctId: 'usr_1', properties: { $set: { email_domain: 'example.com', email_hash: 'abc' }, $anon_distinct_id: 'anon_1' } });
    posthog.alias({ distinctId: 'usr_1', alias: 'anon_1' });
    posthog.groupIdentify({ groupType: 'workspace', groupKey: 'ws_1', properties: { plan: 'pro' } });
    await posthog.shutdown();

    const comparable = (r: { sent: Sent[] }) =>
      r.sent.flatMap((s) => s.events).map(({ uuid: _uuid, timestamp: _timestamp, ...rest }) => rest);
    expect(comparable(ours)).toEqual(comparable(theirs));
    expect(comparable(ours)).toHaveLength(3);
  });
});
