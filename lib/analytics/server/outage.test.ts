// The events captured while the PostHog host is down reach it once it is back, once each, through real posthog-node
// and a real fake host on 127.0.0.1 (test-support/fake-upstream.ts): refused (port closed), blackholed (accepts,
// never answers: the request times out) and answering 503. No request, no new capture after the outage: the client
// must retry on its own, on a bounded schedule. The tests wait for what they assert (failed flushes, delivered
// events), never a fixed time, except where the assertion is about a span of time (retries per interval).
import { once } from 'node:events';
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startFakeUpstream, type UpstreamMode } from '@/test-support/fake-upstream';
import { configureServerAnalytics, serverAnalytics, type ServerAnalytics } from './client';

type Received = { uuid?: string; event: string; properties?: Record<string, unknown> };

/** A host that answers every request with 503 until it is told it is back, then records the events it gets. */
async function unavailableHost() {
  const received: Received[] = [];
  const state = { unavailable: true, rejected: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (state.unavailable) {
        state.rejected++;
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end('{"error":"unavailable"}');
        return;
      }
      const raw = Buffer.concat(chunks);
      const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
      const parsed = JSON.parse(body.toString('utf8')) as { batch?: Received[] };
      received.push(...(parsed.batch ?? []));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status":1}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, state, received, close: () => new Promise((r) => server.close(r)) };
}

const N = 12;
const FLUSH_INTERVAL_MS = 100;

/**
 * `requestTimeoutMs`: what makes a blackholed flush fail (200 ms). A refused connection and a 503 fail at once, so
 * their tests give the requests 2 s: a delivery answered late on a loaded machine would otherwise time out after the
 * host stored it, and its retry would arrive twice.
 */
function outageClient(host: string, requestTimeoutMs: number): ServerAnalytics {
  return configureServerAnalytics({
    mode: 'posthog',
    apiKey: 'phc_outage_test',
    host,
    fetch: undefined,
    personalApiKey: undefined,
    // Only the interval flushes: no size-triggered flush, no request-end flush in this test.
    flushAt: 1_000,
    flushIntervalMs: FLUSH_INTERVAL_MS,
    requestTimeoutMs,
    maxQueue: 1_000,
  });
}

function captureOutageEvents(analytics: ServerAnalytics): void {
  for (let i = 0; i < N; i++) {
    analytics.capture('project.created', { project_id: `prj_outage${i}`, workspace_id: 'ws_outage', source: 'api' }, { distinctId: 'usr_outage' });
  }
}

/** Every outage event arrived, once each (by uuid), none lost. */
function expectAllOnce(received: Received[]): void {
  const outage = received.filter((e) => e.event === 'project.created');
  const uuids = new Set(outage.map((e) => e.uuid));
  const projects = new Set(outage.map((e) => e.properties?.project_id));
  expect({ events: outage.length, uuids: uuids.size, projects: projects.size }).toEqual({ events: N, uuids: N, projects: N });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Until `count` flushes have failed (the client retries on its own, backing off). */
async function untilFailed(analytics: ServerAnalytics, count: number): Promise<void> {
  await expect.poll(() => analytics.stats().failed, { timeout: 10_000, interval: 10 }).toBeGreaterThanOrEqual(count);
}

/**
 * Until the host got all N events and the client counts them sent, then shut the client down: that waits for every
 * request still in flight and stops the retry timer, so the host has everything this client will ever send.
 */
async function untilDelivered(analytics: ServerAnalytics, received: () => number): Promise<void> {
  await expect.poll(received, { timeout: 10_000, interval: 10 }).toBeGreaterThanOrEqual(N);
  await expect.poll(() => analytics.stats(), { timeout: 5_000, interval: 10 }).toMatchObject({ sent: N, queued: 0 });
  await analytics.shutdown();
  expect(analytics.stats()).toMatchObject({ captured: N, sent: N, queued: 0, dropped: 0 });
}

afterEach(async () => {
  await serverAnalytics().shutdown(0);
  vi.restoreAllMocks();
});

describe('events captured while PostHog is down are delivered once it is back', () => {
  for (const mode of ['refuse', 'blackhole'] satisfies UpstreamMode[]) {
    it(`${mode === 'refuse' ? 'refused (port closed)' : 'blackholed (request timeout)'}: all ${N} events arrive once each, with no new capture or request after the outage`, async () => {
      vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      const fake = await startFakeUpstream(0);
      try {
        await fake.setMode(mode);
        const analytics = outageClient(fake.url, mode === 'blackhole' ? 200 : 2_000);
        captureOutageEvents(analytics);
        if (mode === 'blackhole') {
          await sleep(FLUSH_INTERVAL_MS * 12);
          // Bounded: the retries back off instead of hammering the host once per interval (12 intervals here).
          expect(fake.faults.blackholed).toBeLessThanOrEqual(6);
        }
        // Several flushes fail while the host is down.
        await untilFailed(analytics, 3);
        expect(analytics.stats()).toMatchObject({ captured: N, sent: 0, queued: N, dropped: 0 });

        await fake.setMode('normal');
        const delivered = () => fake.requests.filter((r) => r.path === '/batch/').flatMap((r) => r.events) as Received[];
        await untilDelivered(analytics, () => delivered().length);
        expectAllOnce(delivered());
      } finally {
        await serverAnalytics().shutdown(0);
        await fake.stop();
      }
    });
  }

  it(`a host answering 503: the batch stays queued, all ${N} events arrive once each after it recovers`, async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const host = await unavailableHost();
    try {
      const analytics = outageClient(host.url, 2_000);
      captureOutageEvents(analytics);
      await untilFailed(analytics, 3);
      expect(host.state.rejected).toBeGreaterThanOrEqual(3);
      expect(analytics.stats()).toMatchObject({ captured: N, sent: 0, queued: N, dropped: 0 });

      host.state.unavailable = false;
      await untilDelivered(analytics, () => host.received.length);
      expectAllOnce(host.received);
    } finally {
      await serverAnalytics().shutdown(0);
      await host.close();
    }
  });

  it('bounded: the queue keeps its size (oldest dropped, counted), and shutdown stops the retries', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const fake = await startFakeUpstream(0);
    try {
      await fake.setMode('blackhole');
      const analytics = configureServerAnalytics({
        mode: 'posthog',
        apiKey: 'phc_outage_test',
        host: fake.url,
        fetch: undefined,
        personalApiKey: undefined,
        flushAt: 1_000,
        flushIntervalMs: FLUSH_INTERVAL_MS,
        requestTimeoutMs: 200,
        maxQueue: 5,
      });
      captureOutageEvents(analytics);
      await sleep(FLUSH_INTERVAL_MS * 6);
      expect(analytics.stats()).toMatchObject({ captured: N, queued: 5, dropped: N - 5 });

      const started = Date.now();
      await analytics.shutdown(300);
      expect(Date.now() - started).toBeLessThan(1_000);
      const attempts = fake.faults.blackholed;
      await sleep(FLUSH_INTERVAL_MS * 10);
      expect(fake.faults.blackholed, 'no retry after shutdown').toBe(attempts);
    } finally {
      await fake.stop();
    }
  });
});
