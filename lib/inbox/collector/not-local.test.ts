// With a PostHog key or a Sentry DSN configured, the collector and the query API do not exist.
import { describe, expect, it, vi } from 'vitest';

vi.mock('@/lib/env', async (importOriginal) => ({ ...(await importOriginal<typeof import('@/lib/env')>()), localInbox: false }));

describe('outside local mode', () => {
  it('every collector and inbox route answers 404, whatever the method', async () => {
    const routes = await Promise.all([
      import('@/app/ingest/[...path]/route'),
      import('@/app/sentry/api/[project]/envelope/route'),
      import('@/app/api/dev/inbox/route'),
      import('@/app/api/dev/inbox/events/route'),
      import('@/app/api/dev/inbox/persons/route'),
      import('@/app/api/dev/inbox/persons/[distinctId]/route'),
      import('@/app/api/dev/inbox/recordings/route'),
      import('@/app/api/dev/inbox/recordings/[sessionId]/route'),
      import('@/app/api/dev/inbox/sentry/route'),
      import('@/app/api/dev/inbox/sentry/[id]/route'),
      import('@/app/api/dev/inbox/stats/route'),
    ]);
    const { storeCapture } = await import('./store');
    const { inboxStats } = await import('./query');
    for (const route of routes) {
      for (const method of ['GET', 'POST', 'DELETE', 'OPTIONS'] as const) {
        const req = new Request('http://127.0.0.1:3104/x', { method, body: method === 'POST' ? '{"event":"e","distinct_id":"d"}' : undefined });
        const res = await route[method](req, { params: Promise.resolve({ path: ['e'], project: '1', id: '1', distinctId: 'd', sessionId: 's' }) });
        expect(res.status).toBe(404);
      }
    }
    expect(storeCapture).toBeTypeOf('function');
    expect((await inboxStats()).events).toBe(0);
  });
});
