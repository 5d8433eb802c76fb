// SENTRY_SERVER_SPANS=requests with the real server SDK and the real sentry.server.config.ts: no OpenTelemetry tracer
// provider (so Next.js would create none of its spans), and what a trace still holds — the request's own span from
// Sentry's HTTP integration, continuing the browser's trace, with Orbit's spans inside it (db-spans.ts, the
// mutation wrapper) — stored by the local collector like any other envelope.
import * as Sentry from '@sentry/nextjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listSentryItems } from '@/lib/inbox/collector/query';
import { startConfiguredServer } from '@/test-support/sentry-server';

vi.hoisted(() => {
  vi.stubEnv('SENTRY_SERVER_SPANS', 'requests');
});

// 127.0.0.1 + a port in this checkout's range (docs/testing.md): the server is this test's own.
const PORT = Number(process.env.ORBIT_E2E_PORT_BASE ?? 3200) + 88;
const TRACE_ID = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const BROWSER_SPAN = '1a2b3c4d5e6f7081';

let server: Awaited<ReturnType<typeof startConfiguredServer>>;

beforeAll(async () => {
  server = await startConfiguredServer(PORT, (_req, res) => {
    // What a route does inside the request: one of Orbit's own spans (a database query, a mutation).
    Sentry.startSpan({ name: 'select "projects"', op: 'db' }, () => {
      res.end('ok');
    });
  });
});

afterAll(async () => {
  await server.stop();
  vi.unstubAllEnvs();
});

describe('SENTRY_SERVER_SPANS=requests', () => {
  it('sets up no OpenTelemetry tracer provider: Next.js creates no spans', () => {
    expect((Sentry.getClient()!.getOptions() as { enableOpenTelemetrySetup?: boolean }).enableOpenTelemetrySetup).toBe(false);
  });

  it("records each request as one span that continues the browser's trace, with Orbit's spans in it", async () => {
    const res = await fetch(`http://127.0.0.1:${PORT}/projects/p1`, { headers: { 'sentry-trace': `${TRACE_ID}-${BROWSER_SPAN}-1` } });
    expect(await res.text()).toBe('ok');
    expect(await Sentry.flush(30_000)).toBe(true);
    await expect.poll(async () => (await listSentryItems({ trace_id: TRACE_ID, limit: 100, order: 'asc' })).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    const items = await listSentryItems({ trace_id: TRACE_ID, limit: 100, order: 'asc' });
    const segment = items.find((i) => i.type === 'transaction');
    // Named by its method, the path in its attributes (url.path): not the route pattern Next.js's spans carry.
    expect(segment, JSON.stringify(items.map((i) => [i.type, i.name]))).toMatchObject({ name: 'GET', parent_span_id: BROWSER_SPAN });
    expect(items.find((i) => i.name === 'select "projects"')).toMatchObject({ parent_span_id: segment!.span_id });
  }, 60_000);
});
