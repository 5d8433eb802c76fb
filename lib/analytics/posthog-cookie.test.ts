import { describe, expect, it } from 'vitest';
import { cleanId, identityFromCookie, posthogCookieIds, readCookie, requestPosthogIds } from './posthog-cookie';

const encode = (value: unknown) => encodeURIComponent(JSON.stringify(value));

describe('the posthog-js cookie', () => {
  it('reads distinct id and session id', () => {
    const value = encode({ distinct_id: 'd1', $sesid: [1, 's1', 0] });
    expect(identityFromCookie(readCookie(`a=1; ph_phc_1_posthog=${value}; b=2`, 'ph_phc_1_posthog'))).toEqual({ distinctId: 'd1', sessionId: 's1' });
    expect(identityFromCookie(encode({ distinct_id: 'd1' }))).toEqual({ distinctId: 'd1' });
    expect(identityFromCookie('not json')).toBeNull();
    expect(identityFromCookie(undefined)).toBeNull();
  });

  it('keeps each id only if it is an opaque token, each on its own', () => {
    expect(posthogCookieIds(encode({ distinct_id: '<script>', $sesid: [1, 's1', 0] }))).toEqual({ distinctId: null, sessionId: 's1' });
    expect(posthogCookieIds(encode({ distinct_id: 'd1', $sesid: [1, 'x'.repeat(201), 0] }))).toEqual({ distinctId: 'd1', sessionId: null });
    expect(posthogCookieIds(encode({ distinct_id: 42, $sesid: 'nope' }))).toEqual({ distinctId: null, sessionId: null });
    expect(posthogCookieIds(encode(['d1']))).toEqual({ distinctId: null, sessionId: null });
    expect(posthogCookieIds(encode(null))).toEqual({ distinctId: null, sessionId: null });
    expect(posthogCookieIds('%E0%A4%A')).toEqual({ distinctId: null, sessionId: null });
    expect(identityFromCookie(encode({ distinct_id: 'a b' }))).toBeNull();
    expect(cleanId('019a-b_c.d:e$')).toBe('019a-b_c.d:e$');
    expect(cleanId('')).toBeNull();
  });

  it('prefers the x-posthog-* headers, per field, and ignores invalid ones', () => {
    const cookie = `ph_k_posthog=${encode({ distinct_id: 'c1', $sesid: [1, 'cs1', 0] })}`;
    expect(requestPosthogIds(new Headers({ cookie, 'x-posthog-distinct-id': 'h1' }), 'k')).toEqual({ distinctId: 'h1', sessionId: 'cs1' });
    expect(requestPosthogIds(new Headers({ cookie, 'x-posthog-distinct-id': '<b>' }), 'k')).toEqual({ distinctId: 'c1', sessionId: 'cs1' });
    expect(requestPosthogIds(new Headers({ cookie }), 'other')).toEqual({ distinctId: null, sessionId: null });
  });
});
