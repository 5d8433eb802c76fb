// Where the real server SDK sends trace headers: the real sentry.server.config.ts instruments Node's fetch; inside a
// recorded request span, real posthog-node sends /flags and /batch to a PostHog stand-in on loopback (the edge of the
// internet), and Orbit calls its own origin. PostHog must see neither `sentry-trace` nor `baggage`; Orbit's own pages
// must (a server action's redirect renders its target through a request to its own origin, in the same trace).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as Sentry from '@sentry/nextjs';
import { PostHog } from 'posthog-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// 127.0.0.1 + ports in this checkout's range (docs/testing.md): both servers are this test's own.
const BASE = Number(process.env.ORBIT_E2E_PORT_BASE ?? 3200);
const OWN_PORT = BASE + 93;
const POSTHOG_PORT = BASE + 94;

type Seen = { path: string; headers: http.IncomingHttpHeaders };
const seen: Seen[] = [];
const servers: http.Server[] = [];

function listen(port: number, respond: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<string> {
  const server = http.createServer((req, res) => {
    seen.push({ path: `${port === POSTHOG_PORT ? 'posthog' : 'own'}:${req.url}`, headers: req.headers });
    req.resume();
    req.on('end', () => respond(req, res));
  });
  servers.push(server);
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

let posthogHost: string;
let ownOrigin: string;

beforeAll(async () => {
  vi.stubEnv('PORT', String(OWN_PORT));
  await import('@/sentry.server.config');
  posthogHost = await listen(POSTHOG_PORT, (req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(req.url?.startsWith('/flags') ? JSON.stringify({ flags: {}, errorsWhileComputingFlags: false }) : JSON.stringify({ status: 1 }));
  });
  ownOrigin = await listen(OWN_PORT, (_req, res) => res.end('ok'));
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  await Sentry.close(2_000);
});

const headersOf = (prefix: string) => seen.filter((s) => s.path.startsWith(prefix));

describe('server trace propagation', () => {
  it('never sends sentry-trace or baggage to PostHog (/flags, /batch), only to Orbit’s own pages', async () => {
    const posthog = new PostHog('phc_test', { host: posthogHost, flushAt: 1, flushInterval: 0, fetchRetryCount: 0, disableGeoip: true });
    await Sentry.startSpan({ name: 'GET /dashboard', op: 'http.server', forceTransaction: true }, async (span) => {
      expect(span.isRecording()).toBe(true);
      await posthog.getAllFlags('user-1');
      posthog.capture({ distinctId: 'user-1', event: 'dashboard.viewed' });
      await posthog.flush();
      await fetch(`${ownOrigin}/onboarding/workspace`);
      await fetch(`${ownOrigin}/ingest/batch/`);
    });
    await posthog.shutdown();

    const toPostHog = headersOf('posthog:');
    expect(toPostHog.map((s) => s.path.replace(/\?.*/, ''))).toEqual(expect.arrayContaining(['posthog:/flags/', 'posthog:/batch/']));
    for (const s of toPostHog) {
      expect(s.headers['sentry-trace'], s.path).toBeUndefined();
      expect(s.headers.baggage, s.path).toBeUndefined();
      expect(s.headers.traceparent, s.path).toBeUndefined();
    }
    const page = headersOf('own:/onboarding/workspace')[0];
    expect(page?.headers['sentry-trace']).toMatch(/^[0-9a-f]{32}-[0-9a-f]{16}-1$/);
    const ingest = headersOf('own:/ingest/')[0];
    expect(ingest).toBeDefined();
    expect(ingest?.headers['sentry-trace']).toBeUndefined();
  });
});
