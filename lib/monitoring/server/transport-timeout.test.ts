// A Sentry host that accepts connections and never answers (blackholed) must not hold the server's sockets: the
// real Node transport of @sentry/nextjs, with the transport options sentry.server.config.ts passes, sends to a fake Sentry on
// loopback in `blackhole` mode, gives up within the deadline and leaves no connection open there.
import { createEnvelope } from '@sentry/core';
import { makeNodeTransport } from '@sentry/nextjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '@/test-support/fake-upstream';
import { SENTRY_REQUEST_TIMEOUT_MS, sentryTransportOptions } from './transport-timeout';

// 127.0.0.1 + a port in this checkout's range (docs/testing.md): the fake host is this test's own.
const PORT = Number(process.env.ORBIT_E2E_PORT_BASE ?? 3200) + 96;
let upstream: FakeUpstream;

beforeAll(async () => {
  upstream = await startFakeUpstream(PORT);
  await upstream.setMode('blackhole');
});
afterAll(async () => {
  await upstream?.stop();
});

describe('the server transport against a blackholed Sentry host', () => {
  it('bounds every request and leaves no socket open', async () => {
    const deadline = 500;
    const transport = makeNodeTransport({
      url: `http://127.0.0.1:${PORT}/api/2/envelope/?sentry_key=k&sentry_version=7`,
      recordDroppedEvent: () => undefined,
      ...sentryTransportOptions(deadline),
    });
    const envelope = createEnvelope({ event_id: 'a'.repeat(32), sent_at: new Date().toISOString() }, [[{ type: 'event' }, { event_id: 'a'.repeat(32), message: 'x' }]]);
    const started = Date.now();
    const settled = await Promise.race([
      transport.send(envelope).then(
        () => 'settled',
        () => 'settled',
      ),
      new Promise((resolve) => setTimeout(() => resolve('still waiting'), deadline * 6)),
    ]);
    expect(settled).toBe('settled');
    expect(Date.now() - started).toBeLessThan(deadline * 4);
    expect(upstream.faults.blackholed).toBeGreaterThan(0);
    await expect.poll(() => upstream.held(), { timeout: 2_000 }).toBe(0);
  });

  it('uses a deadline well under a request, well over a healthy Sentry answer', () => {
    expect(SENTRY_REQUEST_TIMEOUT_MS).toBeGreaterThanOrEqual(2_000);
    expect(SENTRY_REQUEST_TIMEOUT_MS).toBeLessThanOrEqual(15_000);
  });
});
