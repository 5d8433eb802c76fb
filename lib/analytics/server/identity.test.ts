// Whose session a signed-in user's server events join: the browser's, unless that browser is identified as someone
// else (another account signed in earlier in it, posthog-js not reset yet). Then its id and session are that other
// person's and are lent to nobody: no alias to them, no server event in their session (the `identity_break` the
// local inbox's event health reports).
import { describe, expect, it } from 'vitest';
import { POSTHOG_LOCAL_KEY, posthogCookieName } from '@/lib/analytics/constants';
import { identityFromRequest } from './identity';

/** posthog-js's persistence cookie as it writes it (`$user_state` is one of its cookie-persisted properties). */
function cookie(distinctId: string, sessionId: string, userState?: 'identified' | 'anonymous'): string {
  const value = { distinct_id: distinctId, $sesid: [Date.now(), sessionId, Date.now()], ...(userState ? { $user_state: userState } : {}) };
  return `${posthogCookieName(POSTHOG_LOCAL_KEY)}=${encodeURIComponent(JSON.stringify(value))}`;
}

describe('identityFromRequest for a signed-in user', () => {
  it("keeps an anonymous browser's id (to alias) and its session", () => {
    for (const state of ['anonymous', undefined] as const) {
      expect(identityFromRequest(new Headers({ cookie: cookie('anon-1', 'sess-anon', state) }), { id: 'usr_2' })).toMatchObject({
        distinctId: 'usr_2',
        anonymousId: 'anon-1',
        sessionId: 'sess-anon',
      });
    }
  });

  it("keeps the session of a browser identified as this same user", () => {
    expect(identityFromRequest(new Headers({ cookie: cookie('usr_2', 'sess-2', 'identified') }), { id: 'usr_2' })).toMatchObject({
      distinctId: 'usr_2',
      anonymousId: null,
      sessionId: 'sess-2',
    });
  });

  it("lends nothing of a browser identified as another user: neither their id to alias nor their session", () => {
    const foreign = new Headers({ cookie: cookie('usr_1', 'sess-1', 'identified') });
    expect(identityFromRequest(foreign, { id: 'usr_2' })).toMatchObject({ distinctId: 'usr_2', anonymousId: null, sessionId: null });
    // The same when posthog-js's headers repeat the cookie's identity.
    foreign.set('x-posthog-distinct-id', 'usr_1');
    foreign.set('x-posthog-session-id', 'sess-1');
    expect(identityFromRequest(foreign, { id: 'usr_2' })).toMatchObject({ distinctId: 'usr_2', anonymousId: null, sessionId: null });
    // Anonymous requests of that browser still go to whom it is identified as (PostHog's own semantics until reset).
    expect(identityFromRequest(foreign, null)).toMatchObject({ distinctId: 'usr_1', sessionId: 'sess-1' });
  });
});
