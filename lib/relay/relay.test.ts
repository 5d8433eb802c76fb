// The ingest proxy and the Sentry tunnel against a real fake upstream on loopback (test-support/fake-upstream.ts):
// the route handlers are called as Next calls them, with a signed-in browser's headers, and the test reads what the
// upstream really received.
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '@/test-support/fake-upstream';

const BASE = Number(process.env.ORBIT_E2E_PORT_BASE ?? 3200);
const UPSTREAM_PORT = BASE + 90;
const BLACKHOLE_PORT = BASE + 91;
const CLOSED_PORT = BASE + 92;
const PROJECT = '42';

let upstream: FakeUpstream;
let blackhole: Server | undefined;
const held: Socket[] = [];
let dsn: string;

type RouteModule = Record<'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE' | 'OPTIONS', (req: Request, ctx?: unknown) => Promise<Response>>;
let ingest: RouteModule;
let monitoring: RouteModule;

const SIGNED_IN_HEADERS = {
  cookie: 'orbit.session_token=secret-session; ph_phc_test_posthog=%7B%7D',
  authorization: 'Bearer secret-token',
  'x-forwarded-for': '203.0.113.7',
  'x-forwarded-host': 'orbit.example',
  'x-real-ip': '203.0.113.7',
  forwarded: 'for=203.0.113.7',
  'sentry-trace': '0123456789abcdef0123456789abcdef-0123456789abcdef-1',
  baggage: 'sentry-environment=production',
  'x-posthog-distinct-id': 'user-1',
  'user-agent': 'Mozilla/5.0 Chrome/140.0',
};
const FORBIDDEN = ['cookie', 'authorization', 'x-forwarded-for', 'x-forwarded-host', 'x-real-ip', 'forwarded', 'sentry-trace', 'baggage', 'x-posthog-distinct-id'];

function envelope(forDsn: string): string {
  return [
    JSON.stringify({ event_id: '9ec79c33ec9942ab8353589fcb2e04dc', dsn: forDsn, sent_at: new Date().toISOString() }),
    JSON.stringify({ type: 'event' }),
    JSON.stringify({ message: 'hello', level: 'error' }),
  ].join('\n');
}

beforeAll(async () => {
  upstream = await startFakeUpstream(UPSTREAM_PORT);
  const hole = createServer((socket) => held.push(socket));
  await new Promise<void>((resolve) => hole.listen(BLACKHOLE_PORT, '127.0.0.1', resolve));
  blackhole = hole;
  dsn = `http://publickey@127.0.0.1:${UPSTREAM_PORT}/${PROJECT}`;
  vi.stubEnv('NEXT_PUBLIC_POSTHOG_KEY', 'phc_test');
  vi.stubEnv('NEXT_PUBLIC_POSTHOG_HOST', upstream.url);
  vi.stubEnv('NEXT_PUBLIC_SENTRY_DSN', dsn);
  vi.stubEnv('LOCAL_INBOX', '');
  vi.resetModules();
  ingest = (await import('@/app/ingest/[...path]/route')) as unknown as RouteModule;
  monitoring = (await import('@/app/monitoring/route')) as unknown as RouteModule;
});

afterAll(async () => {
  vi.unstubAllEnvs();
  for (const s of held) s.destroy();
  const hole = blackhole;
  if (hole) await new Promise<void>((resolve) => hole.close(() => resolve()));
  await (upstream as FakeUpstream | undefined)?.stop();
});

beforeEach(() => {
  upstream.requests.length = 0;
});

const params = (path: string[]) => ({ params: Promise.resolve({ path }) });

describe('ingest proxy (/ingest/*, outside local mode)', () => {
  it('relays a signed-in capture without Cookie, Authorization, forwarding or trace headers, and drops Set-Cookie', async () => {
    const body = JSON.stringify([{ event: '$pageview', distinct_id: 'user-1', properties: {} }]);
    const res = await ingest.POST(
      new Request('http://127.0.0.1:3000/ingest/e/?ip=0&ver=1', {
        method: 'POST',
        headers: { ...SIGNED_IN_HEADERS, 'content-type': 'application/json' },
        body,
      }),
      params(['e']),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(upstream.requests).toHaveLength(1);
    const seen = upstream.requests[0]!;
    expect(seen.method).toBe('POST');
    expect(seen.path).toBe('/e/');
    expect(seen.query).toEqual({ ip: '0', ver: '1' });
    expect(seen.body).toBe(body);
    for (const h of FORBIDDEN.filter((name) => name !== 'x-forwarded-for')) expect(seen.headers[h], h).toBeUndefined();
    // The visitor's network (one trusted proxy, POSTHOG_CLIENT_IP's default), not the header as the client sent it.
    expect(seen.headers['x-forwarded-for']).toBe('203.0.113.0');
    expect(seen.headers['content-type']).toBe('application/json');
    expect(seen.headers['user-agent']).toBe(SIGNED_IN_HEADERS['user-agent']);
  });

  it('relays GETs (remote config, SDK assets) to the configured host only', async () => {
    const res = await ingest.GET(new Request('http://127.0.0.1:3000/ingest/array/phc_test/config.js', { headers: SIGNED_IN_HEADERS }), params(['array']));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('javascript');
    expect(upstream.requests.map((r) => r.path)).toEqual(['/array/phc_test/config.js']);
    expect(upstream.requests[0]!.headers.cookie).toBeUndefined();
  });

  it('refuses paths that would leave the configured host path with a 400, forwarding nothing', async () => {
    for (const path of ['/ingest/%2e%2e/admin', '/ingest/../x', '/ingest/a%2F..%2Fb']) {
      const res = await ingest.GET(new Request(`http://127.0.0.1:3000${path}`), params(['x']));
      expect(res.status, path).toBe(400);
      expect(await res.json(), path).toMatchObject({ error: { code: 'validation', message: 'Invalid ingest path.' } });
    }
    expect(upstream.requests).toHaveLength(0);
  });

  it('refuses a body over the cap with 413 before relaying anything', async () => {
    const { proxyIngest } = await import('./posthog-proxy');
    const big = new Uint8Array(2048).fill(97);
    const declared = await ingest.POST(
      new Request('http://127.0.0.1:3000/ingest/e/', { method: 'POST', headers: { 'content-length': String(50 * 1024 * 1024) }, body: big }),
      params(['e']),
    );
    expect(declared.status).toBe(413);
    const { relayRoute } = await import('./route');
    const streamed = await relayRoute((req) => proxyIngest(req, { key: 'phc_test', host: upstream.url, maxBodyBytes: 1024 }), 'GET, HEAD, POST')(
      new Request('http://127.0.0.1:3000/ingest/e/', { method: 'POST', body: big }),
    );
    expect(streamed.status).toBe(413);
    expect(await streamed.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    expect(upstream.requests).toHaveLength(0);
  });

  it('answers 405 for other methods', async () => {
    const res = await ingest.DELETE(new Request('http://127.0.0.1:3000/ingest/e/', { method: 'DELETE' }), params(['e']));
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD, POST');
  });

  it('sends PostHog Cloud assets to the assets host and everything else to the API host', async () => {
    const { posthogTarget } = await import('./posthog-proxy');
    const cloud = 'https://us.i.posthog.com';
    expect(posthogTarget('http://o/ingest/static/recorder.js?v=1', cloud)?.href).toBe('https://us-assets.i.posthog.com/static/recorder.js?v=1');
    expect(posthogTarget('http://o/ingest/array/phc/config.js', 'https://eu.i.posthog.com')?.href).toBe('https://eu-assets.i.posthog.com/array/phc/config.js');
    expect(posthogTarget('http://o/ingest/flags/?v=2', cloud)?.href).toBe('https://us.i.posthog.com/flags/?v=2');
    expect(posthogTarget('http://o/ingest/e/', 'https://ph.example.com/')?.href).toBe('https://ph.example.com/e/');
    expect(posthogTarget('http://o/ingest/static/x.js', 'https://ph.example.com/prefix')?.href).toBe('https://ph.example.com/prefix/static/x.js');
  });
});

describe("the visitor's address for PostHog's GeoIP (POSTHOG_CLIENT_IP, one trusted proxy)", () => {
  // The client forged the left entry; the trusted proxy appended the right one (the real visitor).
  const FORGED_CHAIN = { 'x-forwarded-for': '198.51.100.99, 203.0.113.77', 'x-real-ip': '198.51.100.98', forwarded: 'for=198.51.100.97' };

  async function capture(config: Partial<import('./posthog-proxy').IngestConfig>, path = '/ingest/e/', headers: Record<string, string> = FORGED_CHAIN) {
    const { proxyIngest } = await import('./posthog-proxy');
    const { relayRoute } = await import('./route');
    upstream.requests.length = 0;
    const method = path.startsWith('/ingest/static/') ? 'GET' : 'POST';
    const res = await relayRoute((req) => proxyIngest(req, { key: 'phc_test', host: upstream.url, trustedProxyHops: 1, ...config }), 'GET, HEAD, POST')(
      new Request(`http://127.0.0.1:3000${path}`, { method, headers, body: method === 'POST' ? '[{"event":"$pageview","properties":{}}]' : undefined }),
    );
    expect(res.status).toBe(200);
    expect(upstream.requests).toHaveLength(1);
    const seen = upstream.requests[0]!;
    const text = JSON.stringify(seen.headers);
    for (const forged of ['198.51.100.99', '198.51.100.98', '198.51.100.97']) expect(text, `forged ${forged}`).not.toContain(forged);
    for (const h of ['x-real-ip', 'forwarded', 'x-forwarded-host']) expect(seen.headers[h], h).toBeUndefined();
    return seen.headers['x-forwarded-for'];
  }

  it('truncated (the default): the derived address with its host part removed, nothing of the forged chain', async () => {
    expect(await capture({})).toBe('203.0.113.0');
    expect(await capture({ clientIp: 'truncated' })).toBe('203.0.113.0');
    expect(await capture({}, '/ingest/e/', { 'x-forwarded-for': '2001:db8:abcd:12::7, 2001:db8:beef:1:2:3:4:5' })).toBe('2001:db8:beef::');
  });

  it('full: the derived address, never the chain the client wrote', async () => {
    expect(await capture({ clientIp: 'full' })).toBe('203.0.113.77');
  });

  it('none: no forwarding header at all', async () => {
    expect(await capture({ clientIp: 'none' })).toBeUndefined();
  });

  it('no trusted address (a chain shorter than the hops), or an SDK file: no forwarding header, never the server presented as the visitor', async () => {
    expect(await capture({ trustedProxyHops: 3 })).toBeUndefined();
    expect(await capture({ clientIp: 'full' }, '/ingest/static/recorder.js')).toBeUndefined();
  });
});

describe('Sentry tunnel (/monitoring)', () => {
  it('relays an envelope for the configured DSN to its envelope endpoint, without cookies, whatever ?o=&p= say', async () => {
    const body = envelope(dsn);
    const res = await monitoring.POST(
      new Request('http://127.0.0.1:3000/monitoring?o=666&p=777', {
        method: 'POST',
        headers: { ...SIGNED_IN_HEADERS, 'content-type': 'text/plain;charset=UTF-8' },
        body,
      }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(upstream.requests).toHaveLength(1);
    const seen = upstream.requests[0]!;
    expect(seen.path).toBe(`/api/${PROJECT}/envelope/`);
    expect(seen.query).toEqual({ sentry_key: 'publickey', sentry_version: '7' });
    expect(seen.body).toBe(body);
    expect(seen.envelope?.items.map((i) => i.type)).toEqual(['event']);
    for (const h of FORBIDDEN) expect(seen.headers[h], h).toBeUndefined();
    expect(seen.headers['content-type']).toBe('application/x-sentry-envelope');
  });

  it('refuses an envelope for another DSN (other org host, other project) with 403 and forwards nothing', async () => {
    for (const other of ['https://key@o999.ingest.sentry.io/123', `http://publickey@127.0.0.1:${UPSTREAM_PORT}/43`, `http://publickey@evil.example:${UPSTREAM_PORT}/${PROJECT}`]) {
      const res = await monitoring.POST(new Request('http://127.0.0.1:3000/monitoring', { method: 'POST', body: envelope(other) }));
      expect(res.status, other).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: 'forbidden_destination' } });
    }
    expect(upstream.requests).toHaveLength(0);
  });

  it('answers bad input with a structured 4xx: no header, no dsn, compressed, too large, wrong method', async () => {
    const post = (body: BodyInit, headers: Record<string, string> = {}) =>
      monitoring.POST(new Request('http://127.0.0.1:3000/monitoring', { method: 'POST', body, headers }));
    const cases: [Response, number, string][] = [
      [await post('not json\n{}'), 400, 'validation'],
      [await post(JSON.stringify({ event_id: 'x' })), 400, 'validation'],
      [await post(envelope('not a url')), 400, 'validation'],
      [await post(envelope(dsn), { 'content-encoding': 'gzip' }), 415, 'unsupported_media_type'],
      [await post('x'.repeat(1024 * 1024 + 1)), 413, 'payload_too_large'],
      [await monitoring.GET(new Request('http://127.0.0.1:3000/monitoring')), 405, 'method_not_allowed'],
    ];
    for (const [res, status, code] of cases) {
      expect(res.status).toBe(status);
      expect(await res.json()).toMatchObject({ error: { code } });
    }
    expect(upstream.requests).toHaveLength(0);
  });
});

describe('upstream failures are gateway errors, never a hang', () => {
  // Capture requests are stored instead (durable.test.ts); everything else gets the gateway error.
  it('a blackholed upstream (accepts, never answers) gives a 504 JSON answer within the timeout, then 503 at once', async () => {
    const { proxyIngest } = await import('./posthog-proxy');
    const { relayRoute } = await import('./route');
    const hole = `http://127.0.0.1:${BLACKHOLE_PORT}`;
    const send = (path: string, init?: RequestInit) =>
      relayRoute((req) => proxyIngest(req, { key: 'k', host: hole, timeoutMs: 300 }), 'GET, HEAD, POST')(new Request(`http://127.0.0.1:3000${path}`, init));
    const started = Date.now();
    const a = await send('/ingest/flags/?v=2', { method: 'POST', body: '{}' });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(a.status).toBe(504);
    expect(await a.json()).toMatchObject({ error: { code: 'upstream_timeout' } });
    // The same host moments later: not tried again during the cooldown.
    const b = await send('/ingest/array/k/config');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(b.status).toBe(503);
    expect(await b.json()).toMatchObject({ error: { code: 'upstream_unavailable' } });
  });

  it('an unreachable upstream (connection refused) gives a 502 JSON answer', async () => {
    const { proxyIngest } = await import('./posthog-proxy');
    const { relayRoute } = await import('./route');
    const res = await relayRoute((req) => proxyIngest(req, { key: 'k', host: `http://127.0.0.1:${CLOSED_PORT}` }), 'GET, HEAD, POST')(
      new Request('http://127.0.0.1:3000/ingest/flags/?v=2', { method: 'POST', body: '{}' }),
    );
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ error: { code: 'upstream_unreachable' } });
  });
});

describe('a host that is down costs one attempt per cooldown, not one per browser request', () => {
  it('after a timeout the relay answers 503 at once (Retry-After) and opens no new connection until the cooldown ends', async () => {
    const { relay } = await import('./relay');
    // A host of its own: the breaker remembers hosts by origin.
    const mine: Socket[] = [];
    const hole = createServer((socket) => mine.push(socket));
    await new Promise<void>((resolve) => hole.listen(BASE + 97, '127.0.0.1', resolve));
    try {
      const target = new URL(`http://127.0.0.1:${BASE + 97}/e/`);
      const send = async (timeoutMs = 300) => {
        const started = Date.now();
        const { relayRoute } = await import('./route');
        const res = await relayRoute((req) => relay(req, target, { method: 'POST', body: new Uint8Array(2), timeoutMs, cooldownMs: 1_000 }), 'POST')(
          new Request('http://127.0.0.1:3000/ingest/e/', { method: 'POST', body: '[]' }),
        );
        return { res, ms: Date.now() - started };
      };
      const first = await send();
      expect(first.res.status).toBe(504);
      const connections = mine.length;
      const during = await Promise.all(Array.from({ length: 20 }, () => send(5_000)));
      for (const { res, ms } of during) {
        expect(res.status).toBe(503);
        expect(ms).toBeLessThan(200);
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        expect(await res.json()).toMatchObject({ error: { code: 'upstream_unavailable' } });
      }
      expect(mine.length, 'no connection opened during the cooldown').toBe(connections);
      // After the cooldown one request tries the host again; others keep failing fast while it is out.
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      const [probe, ...rest] = await Promise.all([send(300), send(300), send(300)]);
      expect(probe?.res.status).toBe(504);
      for (const r of rest) expect(r.res.status).toBe(503);
      expect(mine.length - connections, 'one probe connection').toBe(1);
    } finally {
      for (const socket of mine) socket.destroy();
      await new Promise<void>((resolve) => hole.close(() => resolve()));
    }
  });

  it('a request already on its way when the host went silent opens no second probe when it fails', async () => {
    const { relay } = await import('./relay');
    const { relayRoute } = await import('./route');
    const mine: Socket[] = [];
    // Requests, not connections: the client may open a spare connection when one of its requests is aborted.
    let requests = 0;
    const hole = createServer((socket) => {
      mine.push(socket);
      socket.once('data', () => requests++);
    });
    await new Promise<void>((resolve) => hole.listen(BASE + 99, '127.0.0.1', resolve));
    const target = new URL(`http://127.0.0.1:${BASE + 99}/e/`);
    const send = (timeoutMs: number) =>
      relayRoute((req) => relay(req, target, { method: 'POST', body: new Uint8Array(2), timeoutMs, cooldownMs: 300 }), 'POST')(
        new Request('http://127.0.0.1:3000/ingest/e/', { method: 'POST', body: '[]' }),
      );
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    try {
      const early = send(2_000); // on its way before anyone knows the host is silent
      await sleep(50);
      expect((await send(200)).status, 'the first failure starts the cooldown').toBe(504);
      await sleep(450);
      const probe = send(3_000); // the cooldown is over: this one probes
      await sleep(100);
      expect((await early).status, 'the early request fails while the probe is out').toBe(504);
      await sleep(400); // past the cooldown that late failure started, the probe still out
      const during = await send(300);
      expect(during.status, 'the probe is still out: fail fast').toBe(503);
      expect(requests, 'requests: the early one, the first failure, the probe').toBe(3);
      expect((await probe).status).toBe(504);
    } finally {
      for (const socket of mine) socket.destroy();
      await new Promise<void>((resolve) => hole.close(() => resolve()));
    }
  });

  it('a host that answers again is relayed normally after the cooldown', async () => {
    const { relay } = await import('./relay');
    const port = BASE + 98;
    const closed = new URL(`http://127.0.0.1:${port}/e/`);
    const { relayRoute } = await import('./route');
    const send = () =>
      relayRoute((req) => relay(req, closed, { method: 'POST', body: new Uint8Array(2), cooldownMs: 300 }), 'POST')(
        new Request('http://127.0.0.1:3000/ingest/e/', { method: 'POST', body: '[]' }),
      );
    expect((await send()).status).toBe(502);
    expect((await send()).status).toBe(503);
    const back = await startFakeUpstream(port);
    try {
      await new Promise((resolve) => setTimeout(resolve, 350));
      expect((await send()).status).toBe(200);
      expect((await send()).status).toBe(200);
      expect(back.requests).toHaveLength(2);
    } finally {
      await back.stop();
    }
  });
});

describe('a failed script load', () => {
  it('answers a <script> request (Sec-Fetch-Dest: script) with the gateway status and a JavaScript comment, not JSON', async () => {
    const { proxyIngest } = await import('./posthog-proxy');
    const { relayRoute } = await import('./route');
    const res = await relayRoute((req) => proxyIngest(req, { key: 'k', host: `http://127.0.0.1:${CLOSED_PORT}` }), 'GET, HEAD, POST')(
      new Request('http://127.0.0.1:3000/ingest/static/1.0.0/web-vitals.js', { headers: { 'sec-fetch-dest': 'script' } }),
    );
    // JSON under nosniff makes the browser log "Refused to execute script … MIME type" on every page while the
    // host is down; a script body fails the load quietly (the status still tells the SDK).
    expect(res.status).toBeGreaterThanOrEqual(502);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await res.text()).toMatch(/^\/\* upstream_(unreachable|unavailable) \*\/$/);
  });
});

describe('local mode', () => {
  it('the tunnel answers 404 and /ingest is the local collector, even with a key and a DSN configured', async () => {
    vi.stubEnv('LOCAL_INBOX', '1');
    vi.resetModules();
    const localMonitoring = (await import('@/app/monitoring/route')) as unknown as RouteModule;
    const localIngest = (await import('@/app/ingest/[...path]/route')) as unknown as RouteModule;
    vi.stubEnv('LOCAL_INBOX', '');
    const res = await localMonitoring.POST(new Request('http://127.0.0.1:3000/monitoring', { method: 'POST', body: envelope(dsn) }));
    expect(res.status).toBe(404);
    const flags = await localIngest.POST(new Request('http://127.0.0.1:3000/ingest/flags/?v=2', { method: 'POST', body: '{"distinct_id":"d","token":"t"}' }), params(['flags']));
    expect(flags.status).toBe(200);
    expect(await flags.json()).toHaveProperty('flags');
    expect(upstream.requests).toHaveLength(0);
  });
});

describe('with the Sentry server SDK running (last: it instruments the whole process)', () => {
  it("the SDK's sentry-trace and baggage never reach the upstream (a plain fetch in the same span gets them)", async () => {
    const Sentry = await import('@sentry/nextjs');
    Sentry.init({ dsn: `http://k@127.0.0.1:${CLOSED_PORT}/1`, tracesSampleRate: 1 });
    await Sentry.startSpan({ name: 'GET /pricing' }, async () => {
      await (await fetch(`${upstream.url}/control`)).text();
      const res = await ingest.POST(
        new Request('http://127.0.0.1:3000/ingest/e/', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]' }),
        params(['e']),
      );
      expect(res.status).toBe(200);
      const tunnelled = await monitoring.POST(new Request('http://127.0.0.1:3000/monitoring', { method: 'POST', body: envelope(dsn) }));
      expect(tunnelled.status).toBe(200);
    });
    const [control, proxied, tunnelled] = upstream.requests;
    expect(control?.path).toBe('/control');
    expect(control?.headers['sentry-trace'], 'the SDK instruments fetch in this process').toBeDefined();
    for (const r of [proxied, tunnelled]) {
      expect(r).toBeDefined();
      for (const h of ['sentry-trace', 'baggage', 'traceparent', 'x-orbit-relay']) expect(r?.headers[h], `${h} on ${r?.path}`).toBeUndefined();
    }
  });
});
