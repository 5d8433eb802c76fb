import { describe, expect, it } from 'vitest';
import { FILTERED, scrubAuthHeaders, scrubCardNumbers, scrubCookies, scrubDeep, scrubEmails, scrubEvent, scrubTokens } from './scrub';

const EMAIL = 'ada.lovelace+orbit@example.co.uk';
const CARD = '4242 4242 4242 4242';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyXzEifQ.c2lnbmF0dXJlLXZhbHVl';

describe('string filters', () => {
  it('scrubEmails replaces every address', () => {
    expect(scrubEmails(`Invite for ${EMAIL} and bob@orbit.dev failed`)).toBe('Invite for [email] and [email] failed');
    expect(scrubEmails('no address here, just @mentions')).toBe('no address here, just @mentions');
  });

  it('scrubCardNumbers replaces Luhn-valid numbers only', () => {
    expect(scrubCardNumbers(`card ${CARD} declined`)).toBe('card [card] declined');
    expect(scrubCardNumbers('4000-0000-0000-0002')).toBe('[card]');
    expect(scrubCardNumbers('4242424242424241')).toBe('4242424242424241'); // fails Luhn: an id, not a card
    expect(scrubCardNumbers('order 12345')).toBe('order 12345');
  });

  it('scrubTokens removes credentials, JWTs, API keys and secret query values', () => {
    expect(scrubTokens('Authorization: Bearer abcdef1234567890')).toBe('Authorization: Bearer [token]');
    expect(scrubTokens(`jwt ${JWT}`)).toBe('jwt [token]');
    expect(scrubTokens(`key ${'sk_' + 'live'}_51Habcdefghijk and whsec_abcdefgh123`)).toBe('key [token] and [token]');
    expect(scrubTokens('/reset?token=abc123&next=/x')).toBe(`/reset?token=${FILTERED}&next=/x`);
    expect(scrubTokens('/callback?code=xyz&state=1')).toBe(`/callback?code=${FILTERED}&state=1`);
  });
});

describe('structural filters', () => {
  it('scrubCookies drops the cookies object and cookie headers', () => {
    const out = scrubCookies({ request: { cookies: { 'orbit.session_token': 's3cr3t' }, headers: { Cookie: 'a=b', accept: 'json' } } });
    expect(out.request).toEqual({ headers: { accept: 'json' } });
  });

  it('scrubAuthHeaders drops authorization and api-key headers', () => {
    const out = scrubAuthHeaders({ request: { headers: { authorization: 'Bearer x', 'X-Api-Key': 'k', 'user-agent': 'UA' } } });
    expect(out.request?.headers).toEqual({ 'user-agent': 'UA' });
  });

  it('scrubDeep filters secret-named keys, keeps span attribute shapes, survives cycles', () => {
    const cyclic: Record<string, unknown> = { password: 'hunter2', nested: { apiKey: 'k', note: `mail ${EMAIL}` } };
    cyclic.self = cyclic;
    const out = scrubDeep(cyclic) as Record<string, unknown>;
    expect(out.password).toBe(FILTERED);
    expect(out.nested).toEqual({ apiKey: FILTERED, note: 'mail [email]' });
    const span = scrubDeep({ attributes: { 'http.request.header.cookie': { type: 'string', value: 'a=b' }, 'url.full': { type: 'string', value: `/x?token=t1` } } });
    expect(span.attributes['http.request.header.cookie']).toEqual({ type: 'string', value: FILTERED });
    expect(span.attributes['url.full']).toEqual({ type: 'string', value: `/x?token=${FILTERED}` });
  });
});

describe('scrubEvent: an event carrying every kind of secret', () => {
  it('lets none of them survive anywhere in the payload', () => {
    const event = {
      message: `Payment for ${EMAIL} with ${CARD} failed`,
      user: { id: 'user_1', email: EMAIL },
      request: {
        url: `https://orbit.test/reset?token=tok_live_value&email=${encodeURIComponent(EMAIL)}`,
        cookies: { 'orbit.session_token': 'sess_abc' },
        headers: { authorization: `Bearer ${JWT}`, cookie: 'orbit.session_token=sess_abc', 'x-forwarded-for': '1.2.3.4' },
        data: { cardNumber: CARD, cvc: '123', name: 'Ada' },
      },
      exception: { values: [{ type: 'Error', value: `Stripe said sk_test_4eC39HqLyjWDarjtT1zdp7dc for ${EMAIL}` }] },
      breadcrumbs: [{ category: 'api', message: `POST /api/invites ${EMAIL}`, data: { Authorization: 'Basic dXNlcjpwYXNz' } }],
      extra: { stripe: { 'stripe-signature': 't=1,v1=abc' }, raw: JWT },
    };
    const json = JSON.stringify(scrubEvent(event));
    for (const secret of [EMAIL, encodeURIComponent(EMAIL), CARD, '4242424242424242', JWT, 'sess_abc', 'tok_live_value', 'sk_test_4eC39HqLyjWDarjtT1zdp7dc', 'dXNlcjpwYXNz', 't=1,v1=abc', '"123"']) {
      expect(json, secret).not.toContain(secret);
    }
    expect(json).toContain('user_1');
    expect(json).toContain('x-forwarded-for');
  });
});
