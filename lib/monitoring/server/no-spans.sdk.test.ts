// SENTRY_SERVER_SPANS=none with the real server SDK and the real sentry.server.config.ts: errors only. No tracing
// on the server (no sampler, no OpenTelemetry tracer provider, no request span, Orbit's own spans not recorded),
// while an error still carries its request and the trace id of the browser's `sentry-trace` — stored by the local
// collector like any other envelope.
import * as Sentry from '@sentry/nextjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listSentryItems } from '@/lib/inbox/collector/query';
import { startConfiguredServer } from '@/test-support/sentry-server';

vi.hoisted(() => {
  vi.stubEnv('SENTRY_SERVER_SPANS', 'none');
});

// 127.0.0.1 + a port in this checkout's range (docs/testing.md): the server is this test's own.
const PORT = Number(process.env.ORBIT_E2E_PORT_BASE ?? 3200) + 89;
const TRACE_ID = 'b1c2d3e4f5a60718293a4b5c6d7e8f91';
const BROWSER_SPAN = '2a3b4c5d6e7f8091';

let server: Awaited<ReturnType<typeof startConfiguredServer>>;

beforeAll(async () => {
  server = await startConfiguredServer(PORT, (_req, res) => {
    // What a route does inside the request: one of Orbit's own spans (a database query), then a handled error.
    Sentry.startSpan({ name: 'select "projects"', op: 'db' }, () => {
      Sentry.captureException(new Error('no-spans: the project could not be loaded'));
      res.end('ok');
    });
  });
});

afterAll(async () => {
  await server.stop();
  vi.unstubAllEnvs();
});

describe('SENTRY_SERVER_SPANS=none', () => {
  it('turns tracing off on the server: no sampler, no OpenTelemetry tracer provider', () => {
    const options = Sentry.getClient()!.getOptions() as { enableOpenTelemetrySetup?: boolean; tracesSampler?: unknown; tracesSampleRate?: number };
    expect(options.enableOpenTelemetrySetup).toBe(false);
    expect(options.tracesSampler).toBeUndefined();
    expect(options.tracesSampleRate).toBeUndefined();
  });

  it("reports an error with its request and the browser's trace id, and records no span", async () => {
    const res = await fetch(`http://127.0.0.1:${PORT}/projects/p1?tab=tasks`, { headers: { 'sentry-trace': `${TRACE_ID}-${BROWSER_SPAN}-1` } });
    expect(await res.text()).toBe('ok');
    expect(await Sentry.flush(30_000)).toBe(true);
    await expect.poll(async () => (await listSentryItems({ trace_id: TRACE_ID, limit: 100, order: 'asc' })).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    const items = await listSentryItems({ trace_id: TRACE_ID, limit: 100, order: 'asc' });
    expect(items.map((i) => i.type)).toEqual(['event']);
    const event = items[0]!.payload as { request?: { url?: string; method?: string }; contexts?: { trace?: { trace_id?: string } }; exception?: { values?: Array<{ value?: string }> } };
    expect(event.exception?.values?.at(-1)?.value).toBe('no-spans: the project could not be loaded');
    expect(event.request).toMatchObject({ method: 'GET', url: expect.stringContaining(`127.0.0.1:${PORT}/projects/p1`) });
    expect(event.contexts?.trace?.trace_id).toBe(TRACE_ID);
  }, 60_000);
});
