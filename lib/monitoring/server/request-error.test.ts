// onRequestError remembers which Sentry event a server error's digest became, for the error page's report ID.
import { describe, expect, it, vi } from 'vitest';

vi.mock('@sentry/nextjs', async (importOriginal) => (await import('@/test-support/sentry')).sentryDouble(importOriginal));
const { sentryRecorder } = await import('@/test-support/sentry');

const { eventIdForDigest, onRequestError } = await import('./request-error');
const request = { path: '/dev/errors', method: 'GET', headers: {} };
const context = { routerKind: 'App Router', routePath: '/dev/errors', routeType: 'render' } as const;

describe('onRequestError', () => {
  it('maps the digest to the event id and tags the event with it', async () => {
    sentryRecorder.nextEventId = 'a'.repeat(32);
    await onRequestError(Object.assign(new Error('boom'), { digest: '12345' }), request, context);
    expect(eventIdForDigest('12345')).toBe('a'.repeat(32));
    expect(sentryRecorder.reports).toEqual([expect.objectContaining({ kind: 'request-error', eventId: 'a'.repeat(32), tags: { 'next.digest': '12345' } })]);
    expect(eventIdForDigest('unknown')).toBeNull();
  });
});
