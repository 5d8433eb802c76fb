// Store-and-forward against real fake hosts on loopback (test-support/fake-upstream.ts) and the test's real PGlite
// database: a capture request the upstream refuses, resets, leaves unanswered or answers 5xx/429 is stored and
// answered as accepted; the forwarder delivers it byte for byte once the host is back, deletes it only after a 2xx,
// survives a "restart" (a new forwarder over the same rows) and never lets the queue past its bounds.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream, type UpstreamMode } from '@/test-support/fake-upstream';

const BASE = Number(process.env.ORBIT_E2E_PORT_BASE ?? 3200);
// Ports of their own: relay.test.ts uses +90…+98.
const POSTHOG_PORT = BASE + 86;
const SENTRY_PORT = BASE + 87;
const PROJECT = '7';

const { db } = await import('@/lib/db');
const { relayQueue } = await import('@/lib/db/schema');
const { proxyIngest } = await import('./posthog-proxy');
const { tunnelEnvelope } = await import('./sentry-tunnel');
const { relayRoute } = await import('./route');
const { RelayForwarder, installRelayForwarder } = await import('./forwarder');
const { backlog, storeRequest } = await import('./queue');
const { storedPosthogTarget } = await import('./posthog-proxy');
const { configuredEnvelopeEndpoint } = await import('./sentry-tunnel');

let posthog: FakeUpstream;
let sentry: FakeUpstream;
let dsn: string;

const BROWSER = {
  cookie: 'orbit.session_token=secret-session',
  authorization: 'Bearer secret',
  'x-forwarded-for': '198.51.100.99, 203.0.113.77',
  'user-agent': 'Mozilla/5.0 Chrome/140.0',
  'content-type': 'text/plain',
};

const ingest = (path: string, body: Uint8Array | string, headers: Record<string, string> = BROWSER) =>
  relayRoute((req) => proxyIngest(req, { key: 'phc_test', host: posthog.url, trustedProxyHops: 1, timeoutMs: 300, cooldownMs: 200 }), 'GET, HEAD, POST')(
    new Request(`http://127.0.0.1:3000/ingest${path}`, { method: 'POST', headers, body: body as BodyInit }),
  );

const envelope = (id: string) =>
  [JSON.stringify({ event_id: id, dsn, sent_at: new Date().toISOString() }), JSON.stringify({ type: 'event' }), JSON.stringify({ event_id: id, message: 'm' })].join('\n');
const tunnel = (body: string) =>
  relayRoute((req) => tunnelEnvelope(req, { dsn, timeoutMs: 300 }), 'POST')(new Request('http://127.0.0.1:3000/monitoring', { method: 'POST', headers: BROWSER, body }));

function forwarder(overrides: Partial<ConstructorParameters<typeof RelayForwarder>[0]> = {}) {
  return new RelayForwarder({
    target: (row) => (row.destination === 'posthog' ? storedPosthogTarget(row.path, posthog.url) : configuredEnvelopeEndpoint(dsn)),
    // The forwarder's own timeout (FORWARD_TIMEOUT_MS), as deployed.
    cooldownMs: 100,
    baseDelayMs: 50,
    maxDelayMs: 200,
    pollMs: 100,
    ...overrides,
  });
}

/** A gzip-js batch as posthog-js sends it, with a uuid per event. */
function batch(...uuids: string[]): Uint8Array {
  return gzipSync(JSON.stringify({ api_key: 'phc_test', batch: uuids.map((uuid) => ({ event: '$pageview', uuid, properties: { distinct_id: 'd' } })), sent_at: new Date().toISOString() }));
}

const rows = () => db.select().from(relayQueue);
const delivered = (fake: FakeUpstream) => fake.requests.flatMap((r) => r.events.map((e) => (e as { uuid?: string }).uuid));

beforeAll(async () => {
  posthog = await startFakeUpstream(POSTHOG_PORT);
  sentry = await startFakeUpstream(SENTRY_PORT);
  dsn = `http://pk@127.0.0.1:${SENTRY_PORT}/${PROJECT}`;
});

afterAll(async () => {
  installRelayForwarder(undefined);
  await posthog.stop();
  await sentry.stop();
});

beforeEach(async () => {
  await db.delete(relayQueue);
  posthog.requests.length = 0;
  sentry.requests.length = 0;
});

afterEach(async () => {
  installRelayForwarder(undefined);
  await posthog.setMode('normal');
  await sentry.setMode('normal');
  // Past relay()'s cooldown of the hosts (200 ms here).
  await new Promise((resolve) => setTimeout(resolve, 250));
});

describe('a capture the upstream cannot take is stored and answered as accepted', () => {
  for (const mode of ['refuse', 'reset', 'blackhole', 'unavailable', 'rate-limited'] satisfies UpstreamMode[]) {
    it(`${mode}: PostHog and Sentry captures are stored with allow-listed headers and the exact body, then delivered once`, async () => {
      await posthog.setMode(mode);
      await sentry.setMode(mode);
      const body = batch(`uuid-${mode}-1`, `uuid-${mode}-2`);
      const res = await ingest('/i/v0/e/?compression=gzip-js&ver=1.300.0', body);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 1 });
      const env = envelope(`${mode}00000000000000000000000000`.slice(0, 32));
      const sent = await tunnel(env);
      expect(sent.status).toBe(200);

      const stored = await rows();
      expect(stored.map((r) => r.destination).sort()).toEqual(['posthog', 'sentry']);
      const ph = stored.find((r) => r.destination === 'posthog')!;
      expect(ph.path).toBe('/i/v0/e/?compression=gzip-js&ver=1.300.0');
      expect(Buffer.from(ph.body).equals(Buffer.from(body))).toBe(true);
      // Only what the relay would have sent: no cookie, no credentials, no client-written chain.
      expect(ph.headers).toEqual({ 'content-type': 'text/plain', 'user-agent': BROWSER['user-agent'], 'x-forwarded-for': '203.0.113.0' });
      expect(posthog.requests).toHaveLength(0);

      await posthog.setMode('normal');
      await sentry.setMode('normal');
      const f = forwarder();
      installRelayForwarder(f);
      await expect.poll(async () => (await rows()).length, { timeout: 10_000 }).toBe(0);
      expect(delivered(posthog)).toEqual([`uuid-${mode}-1`, `uuid-${mode}-2`]);
      const [again] = posthog.requests;
      expect(again?.path).toBe('/i/v0/e/');
      expect(again?.query).toEqual({ compression: 'gzip-js', ver: '1.300.0' });
      // The body as sent, but for sent_at: moved forward by the time the row waited (redate.ts).
      const asSent = JSON.parse(gunzipSync(body).toString('utf8')) as { sent_at: string };
      const asDelivered = JSON.parse(again?.body ?? '{}') as { sent_at: string };
      expect({ ...asDelivered, sent_at: asSent.sent_at }).toEqual(asSent);
      expect(Date.parse(asDelivered.sent_at) - Date.parse(asSent.sent_at)).toBeGreaterThanOrEqual(0);
      expect(Date.parse(asDelivered.sent_at) - Date.parse(asSent.sent_at)).toBeLessThan(60_000);
      for (const h of ['cookie', 'authorization', 'x-orbit-relay']) expect(again?.headers[h], h).toBeUndefined();
      expect(again?.headers['x-forwarded-for']).toBe('203.0.113.0');
      // Envelopes go byte for byte.
      expect(sentry.requests.map((r) => r.raw.toString('utf8'))).toEqual([env]);
      expect(sentry.requests[0]?.path).toBe(`/api/${PROJECT}/envelope/`);
      expect(f.counters).toMatchObject({ delivered: 2, rejected: 0 });
    });
  }

  it('non-capture requests (flags, config, SDK files) are not stored: they fail as before', async () => {
    await posthog.setMode('refuse');
    const flags = await ingest('/flags/?v=2', '{}');
    expect(flags.status).toBe(502);
    const config = await relayRoute((req) => proxyIngest(req, { key: 'k', host: posthog.url, cooldownMs: 200 }), 'GET, HEAD, POST')(
      new Request('http://127.0.0.1:3000/ingest/array/phc/config.js'),
    );
    expect(config.status).toBeGreaterThanOrEqual(502);
    expect(await rows()).toHaveLength(0);
  });

  it('a row stays until a 2xx: while the host keeps failing the forwarder backs off and sends nothing twice', async () => {
    await posthog.setMode('unavailable');
    expect((await ingest('/e/', batch('keep-1'))).status).toBe(200);
    const f = forwarder();
    installRelayForwarder(f);
    await expect.poll(() => f.counters.failedRounds, { timeout: 5_000 }).toBeGreaterThanOrEqual(3);
    expect(await rows()).toHaveLength(1);
    const attempts = posthog.faults.answered;
    // Backoff: attempts grow far slower than the 50 ms base would allow without it.
    await posthog.setMode('normal');
    await expect.poll(async () => (await rows()).length, { timeout: 5_000 }).toBe(0);
    expect(delivered(posthog)).toEqual(['keep-1']);
    expect(attempts).toBeLessThan(20);
  });

  it('a restart with rows pending delivers them: a new forwarder over the same table', async () => {
    await posthog.setMode('refuse');
    for (let i = 0; i < 30; i++) expect((await ingest('/e/', batch(`restart-${i}`))).status).toBe(200);
    await posthog.setMode('normal');
    // No forwarder ran while they were stored (the "process" died); the next one finds them at start.
    installRelayForwarder(forwarder());
    await expect.poll(async () => (await rows()).length, { timeout: 10_000 }).toBe(0);
    expect(delivered(posthog)).toEqual(Array.from({ length: 30 }, (_, i) => `restart-${i}`));
  });

  it('a row the upstream refuses for good (4xx other than 408/429), or for a destination switched off, is deleted and counted', async () => {
    await posthog.setMode('refusing');
    const answeredBefore = posthog.faults.answered;
    await storeRequest({ destination: 'posthog', path: '/e/', headers: {}, body: new Uint8Array([1]) });
    await storeRequest({ destination: 'sentry', path: '', headers: {}, body: new Uint8Array([2]) });
    const f = forwarder({ target: (row) => (row.destination === 'posthog' ? storedPosthogTarget(row.path, posthog.url) : null) });
    installRelayForwarder(f);
    await expect.poll(async () => (await rows()).length, { timeout: 5_000 }).toBe(0);
    // (A failed round may come first: switching the fake's mode drops the pooled keep-alive connection.)
    expect(f.counters).toMatchObject({ delivered: 0, rejected: 2 });
    expect(posthog.faults.answered - answeredBefore, 'the refused row was sent once').toBe(1);
  });
});

describe('a late answer is not a lost request', () => {
  it('a host that takes a stored capture and answers 2xx only after RELAY_TIMEOUT_MS gets it exactly once', async () => {
    const { RELAY_TIMEOUT_MS } = await import('./relay');
    // A real host on loopback that records each request as it arrives and answers well after the relay's
    // response-path timeout, as a loaded machine (or a slow PostHog) does.
    const received: string[] = [];
    const slow = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push(JSON.parse(gunzipSync(Buffer.concat(chunks)).toString('utf8')).batch[0].uuid);
        setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":1}'), RELAY_TIMEOUT_MS + 1_000);
      });
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`;
    try {
      await storeRequest({ destination: 'posthog', path: '/i/v0/e/?compression=gzip-js', headers: { 'content-type': 'text/plain' }, body: batch('late-1') });
      const f = forwarder({ target: (row) => storedPosthogTarget(row.path, url) });
      installRelayForwarder(f);
      // Until it is delivered, or sent a second time.
      await expect.poll(async () => received.length > 1 || (await rows()).length === 0, { timeout: RELAY_TIMEOUT_MS * 3, interval: 200 }).toBe(true);
      // Long enough for a resend to arrive had the first attempt been given up on.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(received, 'delivered once, not resent after the late 2xx').toEqual(['late-1']);
      expect(await rows()).toHaveLength(0);
      expect(f.counters).toMatchObject({ delivered: 1, failedRounds: 0 });
    } finally {
      slow.closeAllConnections();
      await new Promise((resolve) => slow.close(resolve));
    }
  }, 30_000);

  it('a send that timed out is not sent again before its lease ends (the host may still be working on it), then goes once', async () => {
    await posthog.setMode('blackhole');
    await storeRequest({ destination: 'posthog', path: '/e/', headers: { 'content-type': 'text/plain' }, body: batch('held-1') });
    await storeRequest({ destination: 'posthog', path: '/e/', headers: { 'content-type': 'text/plain' }, body: batch('held-2') });
    const before = posthog.faults.blackholed;
    const beforeAt = posthog.faults.blackholedAt.length;
    // A 1 s timeout and 50 ms backoff: without the hold, an attempt every second or so.
    const f = forwarder({ timeoutMs: 1_000 });
    installRelayForwarder(f);
    // (A pooled keep-alive connection the mode switch dropped may fail one round first, before reaching the host.)
    await expect.poll(() => posthog.faults.blackholed - before, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    // By arrival time at the host, not by when this test looks (a loaded machine can look late, past the lease): no
    // attempt comes within the lease (timeout 1 s + 5 s) of the one before it.
    const at = posthog.faults.blackholedAt.slice(beforeAt);
    expect(at.length).toBeGreaterThanOrEqual(1);
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    expect(
      gaps.filter((gap) => gap < 5_500),
      `attempts at the silent host while the first may still be processed (ms between attempts: ${gaps.join(', ')})`,
    ).toEqual([]);
    await posthog.setMode('normal');
    // The lease (timeout + 5 s) ends, then both go, in order.
    await expect.poll(async () => (await rows()).length, { timeout: 15_000, interval: 200 }).toBe(0);
    expect(delivered(posthog)).toEqual(['held-1', 'held-2']);
  }, 30_000);
});

describe('the same events stored twice', () => {
  it('a capture the browser sent again by beacon (another encoding, same uuids) is delivered once; other events still go', async () => {
    // The first copy: the request the page gave up on (the relay stored it all the same); the second, posthog-js's
    // retry queue flushed by beacon at unload (`data=<base64>`, compression=base64).
    await storeRequest({ destination: 'posthog', path: '/e/', headers: { 'content-type': 'text/plain' }, body: batch('twice-1') });
    const beacon = `data=${encodeURIComponent(Buffer.from(JSON.stringify([{ event: '$pageview', uuid: 'twice-1', properties: {} }])).toString('base64'))}`;
    await storeRequest({ destination: 'posthog', path: '/e/?compression=base64', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new TextEncoder().encode(beacon) });
    await storeRequest({ destination: 'posthog', path: '/e/', headers: { 'content-type': 'text/plain' }, body: batch('twice-1', 'once-2') });
    const f = forwarder();
    installRelayForwarder(f);
    await expect.poll(async () => (await rows()).length, { timeout: 10_000 }).toBe(0);
    // A row with one new event goes whole (the body is not rewritten; PostHog folds the repeated uuid).
    expect(delivered(posthog)).toEqual(['twice-1', 'twice-1', 'once-2']);
    expect(f.counters).toMatchObject({ delivered: 2, duplicates: 1 });
  });
});

describe('delivered at its own time', () => {
  it("a capture stored a minute ago goes with its sent_at a minute later (PostHog's clock correction then gives the original time); counters say so", async () => {
    const sentAt = new Date(Date.now() - 60_000).toISOString();
    const body = gzipSync(JSON.stringify({ api_key: 'phc_test', batch: [{ event: '$pageview', uuid: 'dated-1', timestamp: sentAt, properties: {} }], sent_at: sentAt }));
    await storeRequest({ destination: 'posthog', path: '/i/v0/e/?compression=gzip-js', headers: { 'content-type': 'text/plain' }, body }, undefined, Date.now() - 60_000);
    const f = forwarder();
    expect(await f.stats()).toMatchObject({ rows: 1, bytes: body.byteLength, oldestAgeMs: expect.any(Number) });
    expect((await f.stats()).oldestAgeMs).toBeGreaterThanOrEqual(60_000);
    installRelayForwarder(f);
    await expect.poll(async () => (await rows()).length, { timeout: 10_000 }).toBe(0);
    const sent = JSON.parse(posthog.requests[0]!.body) as { sent_at: string; batch: { timestamp: string }[] };
    const moved = Date.parse(sent.sent_at) - Date.parse(sentAt);
    expect(moved).toBeGreaterThanOrEqual(60_000);
    expect(moved).toBeLessThan(70_000);
    expect(sent.batch[0]?.timestamp, 'the event itself is as sent').toBe(sentAt);
    expect(await f.stats()).toMatchObject({ rows: 0, delivered: 1, oldestAgeMs: null });
  });

  it('once the upstream takes requests again, one analytics.relay_backlog report per interval, with what changed since the last', async () => {
    const reports: unknown[] = [];
    const { guardEvent } = await import('@/lib/analytics/validate');
    for (let i = 0; i < 3; i++) await storeRequest({ destination: 'sentry', path: '', headers: {}, body: new TextEncoder().encode(envelope(`${i}`.padStart(32, '0'))) });
    installRelayForwarder(forwarder({ report: (r) => reports.push(r), reportIntervalMs: 0 }));
    await expect.poll(() => reports.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(reports[0]).toEqual({ queued: 0, bytes: 0, oldest_age_s: 0, delivered: 3, dropped: 0, rejected: 0, window_s: expect.any(Number) });
    // What the catalog accepts, so the report is never dropped by validation.
    expect(guardEvent('analytics.relay_backlog', reports[0] as never, { mode: 'drop' })).toEqual(reports[0]);
  });
});

describe('bounds', () => {
  it('a flood never grows the queue past its rows or bytes: the oldest are dropped and counted', async () => {
    const limits = { maxRows: 40, maxBytes: 1_000_000 };
    let dropped = 0;
    for (let i = 0; i < 200; i++) dropped += await storeRequest({ destination: 'posthog', path: '/e/', headers: {}, body: new TextEncoder().encode(`event-${i}`) }, limits);
    expect(dropped).toBe(160);
    const kept = await rows();
    expect(kept).toHaveLength(40);
    expect(new TextDecoder().decode(kept.sort((a, b) => a.id - b.id)[0]!.body), 'the newest are kept').toBe('event-160');

    const bytes = { maxRows: 1_000, maxBytes: 10 * 1024 };
    for (let i = 0; i < 50; i++) await storeRequest({ destination: 'sentry', path: '', headers: {}, body: new Uint8Array(1024) }, bytes);
    const after = await backlog();
    expect(after.bytes).toBeLessThanOrEqual(10 * 1024);
    expect(after.rows).toBe(10);
  });

  it('a flood through the relay while the host is down stays within RELAY_QUEUE_MAX_ROWS and every answer is quick', async () => {
    await posthog.setMode('refuse');
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => ingest('/e/', batch(`flood-${i}`)).then((r) => r.status)));
    expect(answers.every((s) => s === 200)).toBe(true);
    expect((await backlog()).rows).toBe(100);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
