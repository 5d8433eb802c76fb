// Sentry's link to PostHog and the server's analytics read a request's PostHog identity with one parser: the same
// person and session, and nothing a browser can put in a cookie or header that is not an opaque id.
import { describe, expect, it } from 'vitest';
import { browserIds } from '@/lib/analytics/server/identity';
import { DISTINCT_ID_HEADER, posthogCookieName, POSTHOG_LOCAL_KEY, SESSION_ID_HEADER } from '@/lib/analytics/constants';
import { env } from '@/lib/env';
import { posthogIdentity } from './server-scope';

const cookieName = posthogCookieName(env.NEXT_PUBLIC_POSTHOG_KEY ?? POSTHOG_LOCAL_KEY);
const cookie = (value: unknown) => `a=1; ${cookieName}=${encodeURIComponent(JSON.stringify(value))}; b=2`;

const REQUESTS: Array<[string, Record<string, string>]> = [
  ['a valid cookie', { cookie: cookie({ distinct_id: 'd1', $sesid: [1, 's1', 0] }) }],
  ['markup as distinct id', { cookie: cookie({ distinct_id: '<img src=x onerror=alert(1)>', $sesid: [1, 's1', 0] }) }],
  ['an oversized distinct id', { cookie: cookie({ distinct_id: 'x'.repeat(5000) }) }],
  ['a session id that is not an id', { cookie: cookie({ distinct_id: 'd1', $sesid: [1, 'a b\nc', 0] }) }],
  ['a non-string distinct id', { cookie: cookie({ distinct_id: { toString: 1 }, $sesid: [1, 's1', 0] }) }],
  ['not JSON', { cookie: `${cookieName}=%7Bnot-json` }],
  ['headers', { [DISTINCT_ID_HEADER]: 'h1', [SESSION_ID_HEADER]: 'hs1' }],
  ['a markup header', { [DISTINCT_ID_HEADER]: '<b>', cookie: cookie({ distinct_id: 'd1' }) }],
];

describe('posthogIdentity', () => {
  it.each(REQUESTS)('reads the identity analytics reads: %s', (_, headers) => {
    const analytics = browserIds(new Headers(headers));
    const sentry = posthogIdentity(new Headers(headers));
    expect(sentry).toEqual(analytics.distinctId ? { distinctId: analytics.distinctId, sessionId: analytics.sessionId ?? undefined } : null);
  });
});
