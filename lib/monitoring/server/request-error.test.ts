// onRequestError remembers which Sentry event a server error's digest became, for the error page's report ID.
import { describe, expect, it, vi } from 'vitest';

const processors = vi.hoisted(() => [] as Array<(e: { event_id?: string; type?: string }) => unknown>);
const tags = vi.hoisted(() => ({}) as Record<string, string>);
vi.mock('@sentry/nextjs', () => ({
  withScope: (fn: (scope: unknown) => void) =>
    fn({ setTag: (k: string, v: string) => (tags[k] = v), setUser: vi.fn(), addEventProcessor: (p: (typeof processors)[number]) => processors.push(p) }),
  // What the SDK does: an error event goes through the scope's processors.
  captureRequestError: () => processors.splice(0).forEach((p) => p({ event_id: 'a'.repeat(32) })),
}));

const { eventIdForDigest, onRequestError } = await import('./request-error');
const request = { path: '/dev/errors', method: 'GET', headers: {} };
const context = { routerKind: 'App Router', routePath: '/dev/errors', routeType: 'render' } as const;

describe('onRequestError', () => {
  it('maps the digest to the event id and tags the event with it', async () => {
    await onRequestError(Object.assign(new Error('boom'), { digest: '12345' }), request, context);
    expect(eventIdForDigest('12345')).toBe('a'.repeat(32));
    expect(tags['next.digest']).toBe('12345');
    expect(eventIdForDigest('unknown')).toBeNull();
  });
});
