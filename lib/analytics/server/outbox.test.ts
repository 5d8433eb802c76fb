// What the outbox does with each answer PostHog can give a batch, through real posthog-node and a real HTTP host on
// 127.0.0.1 that answers each batch with a scripted status: a refusal (400) is not sent again, a 413 splits the
// batch, and every event is accounted for (captured = sent + dropped + rejected + queued).
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configureServerAnalytics, serverAnalytics, type ServerAnalytics } from './client';

type Received = { uuid?: string; event: string; properties?: Record<string, unknown> };

/** A PostHog host whose answer to each batch is `answer(events in it)`; it keeps the batches it answered 2xx. */
async function scriptedHost(answer: (events: Received[]) => number) {
  const batches: { status: number; events: Received[] }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
      const events = (JSON.parse(body.toString('utf8')) as { batch?: Received[] }).batch ?? [];
      const status = answer(events);
      batches.push({ status, events });
      res.writeHead(status, { 'content-type': 'application/json' }).end(status < 300 ? '{"status":1}' : '{"error":"scripted"}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const delivered = () => batches.filter((b) => b.status < 300).flatMap((b) => b.events);
  return { url, batches, delivered, close: () => new Promise((r) => server.close(r)) };
}

function client(host: string, overrides: { maxQueue?: number } = {}): ServerAnalytics {
  return configureServerAnalytics({
    mode: 'posthog',
    apiKey: 'phc_outbox_test',
    host,
    fetch: undefined,
    personalApiKey: undefined,
    // Only explicit flushes in these tests.
    flushAt: 1_000,
    flushIntervalMs: 60_000,
    requestTimeoutMs: 5_000,
    maxQueue: 1_000,
    ...overrides,
  });
}

const capture = (analytics: ServerAnalytics, n: number, from = 0) => {
  for (let i = from; i < from + n; i++) {
    analytics.capture('project.created', { project_id: `prj_outbox${i}`, workspace_id: 'ws_outbox', source: 'api' }, { distinctId: 'usr_outbox' });
  }
};

const accounted = (analytics: ServerAnalytics) => {
  const { captured, sent, dropped, rejected, queued } = analytics.stats();
  return { captured, accountedFor: sent + dropped + rejected + queued };
};

afterEach(async () => {
  await serverAnalytics().shutdown(0);
  vi.restoreAllMocks();
});

describe('the outbox and what PostHog answers', () => {
  it('a batch PostHog refuses (400) is not sent again: counted as rejected and failed, logged, the next events go out', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    let answered = 0;
    const host = await scriptedHost(() => (answered++ === 0 ? 400 : 200));
    try {
      const analytics = client(host.url);
      capture(analytics, 3);
      await analytics.flush();
      await analytics.flush();
      expect(host.batches.map((b) => [b.status, b.events.length])).toEqual([[400, 3]]);
      expect(analytics.stats()).toMatchObject({ captured: 3, sent: 0, rejected: 3, failed: 1, queued: 0 });
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^\[analytics\] PostHog delivery failed \(1 failure\(s\) in this burst; 0 event\(s\) queued.*: PostHog answered 400$/));

      capture(analytics, 2, 3);
      await analytics.flush();
      expect(host.delivered().map((e) => e.properties?.project_id)).toEqual(['prj_outbox3', 'prj_outbox4']);
      expect(analytics.stats()).toMatchObject({ sent: 2, rejected: 3, queued: 0 });
      expect(accounted(analytics)).toEqual({ captured: 5, accountedFor: 5 });
    } finally {
      await serverAnalytics().shutdown(0);
      await host.close();
    }
  });

  it('413: the batch is halved until PostHog takes it, every event arrives once, nothing counts as a failure', async () => {
    const host = await scriptedHost((events) => (events.length > 2 ? 413 : 200));
    try {
      const analytics = client(host.url);
      capture(analytics, 7);
      await analytics.flush();
      const delivered = host.delivered();
      expect(new Set(delivered.map((e) => e.uuid)).size).toBe(7);
      expect(delivered.map((e) => e.properties?.project_id)).toEqual(Array.from({ length: 7 }, (_, i) => `prj_outbox${i}`));
      expect(analytics.stats()).toMatchObject({ captured: 7, sent: 7, failed: 0, rejected: 0, queued: 0 });
    } finally {
      await serverAnalytics().shutdown(0);
      await host.close();
    }
  });

  it('a single event too large for PostHog (413) is refused, not retried forever', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const host = await scriptedHost(() => 413);
    try {
      const analytics = client(host.url);
      capture(analytics, 2);
      await analytics.flush();
      await analytics.flush();
      expect(host.batches.map((b) => b.events.length)).toEqual([2, 1, 1]);
      expect(analytics.stats()).toMatchObject({ captured: 2, sent: 0, rejected: 2, queued: 0 });
    } finally {
      await serverAnalytics().shutdown(0);
      await host.close();
    }
  });

  it('full while the whole queue is on the wire: the new event is the one dropped, and the accounts still add up', async () => {
    let release: () => void = () => {};
    let reached: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const onTheWire = new Promise<void>((resolve) => (reached = resolve));
    const host = await scriptedHost(() => 200);
    const analytics = configureServerAnalytics({
      mode: 'posthog',
      apiKey: 'phc_outbox_test',
      host: host.url,
      personalApiKey: undefined,
      flushAt: 1_000,
      flushIntervalMs: 60_000,
      requestTimeoutMs: 5_000,
      maxQueue: 3,
      // The request waits until the test lets it through.
      fetch: async (url, options) => {
        reached();
        await held;
        return fetch(url, options as RequestInit);
      },
    });
    try {
      capture(analytics, 3);
      const flushing = analytics.flush();
      await onTheWire;
      expect(analytics.stats()).toMatchObject({ captured: 3, queued: 3 });
      capture(analytics, 1, 3);
      expect(analytics.stats()).toMatchObject({ captured: 4, dropped: 1, queued: 3 });
      release();
      await flushing;
      expect(host.delivered().map((e) => e.properties?.project_id)).toEqual(['prj_outbox0', 'prj_outbox1', 'prj_outbox2']);
      expect(accounted(analytics)).toEqual({ captured: 4, accountedFor: 4 });
    } finally {
      release();
      await serverAnalytics().shutdown(0);
      await host.close();
    }
  });
});
