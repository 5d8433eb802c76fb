import { describe, expect, it } from 'vitest';
import {
  FILTERED,
  MAX_SCRUB_DEPTH,
  MAX_SCRUB_NODES,
  scrubAuthHeaders,
  scrubBodyFields,
  scrubCardNumbers,
  scrubCookies,
  scrubDeep,
  scrubEmails,
  scrubEvent,
  scrubString,
  scrubTokens,
} from './scrub';

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

describe('request bodies in strings', () => {
  const SECRET = { name: 'Ada Byron Lovelace', email: 'ada@example.org', password: 'hunter2-Sup3r-secret', card: '4242424242424242' };
  const leaks = (text: string) => Object.values(SECRET).filter((s) => text.includes(s) || text.includes(encodeURIComponent(s)) || text.includes(s.replace(/ /g, '+')));

  it('scrubBodyFields empties every part of a multipart body (a server action sign-up)', () => {
    const b = '----WebKitFormBoundaryq1';
    const body = [
      `--${b}\r\nContent-Disposition: form-data; name="1_$ACTION_ID_7f00"\r\n\r\n`,
      `--${b}\r\nContent-Disposition: form-data; name="1_name"\r\n\r\n${SECRET.name}`,
      `--${b}\r\nContent-Disposition: form-data; name="1_email"\r\n\r\n${SECRET.email}`,
      `--${b}\r\nContent-Disposition: form-data; name="1_password"\r\nContent-Type: text/plain\r\n\r\n${SECRET.password}`,
      `--${b}--\r\n`,
    ].join('\r\n');
    expect(leaks(scrubString(body))).toEqual([]);
    expect(scrubString(body)).toContain(FILTERED);
  });

  it('scrubBodyFields filters secret members of a JSON body, keeps the others', () => {
    const out = scrubBodyFields(JSON.stringify({ user: { full_name: SECRET.name, email: SECRET.email }, password: SECRET.password, cardNumber: SECRET.card, cvc: 123, plan: 'pro' }));
    expect(leaks(out)).toEqual([]);
    expect(out).not.toContain('123');
    expect(JSON.parse(out)).toMatchObject({ password: FILTERED, cvc: FILTERED, plan: 'pro' });
  });

  it('scrubBodyFields filters secret pairs of a form body or query string, keeps the others', () => {
    const form = new URLSearchParams({ '1_name': SECRET.name, 'user[email]': SECRET.email, '1_password': SECRET.password, plan: 'pro' }).toString();
    const out = scrubString(form);
    expect(leaks(out)).toEqual([]);
    expect(out).toContain('plan=pro');
    expect(scrubString(`/signup?name=${encodeURIComponent(SECRET.name)}&step=2`)).toBe(`/signup?name=${FILTERED}&step=2`);
  });
});

describe('fail closed', () => {
  it('a repeated reference or a cycle becomes [Filtered], never the original object', () => {
    const shared = { note: 'mail a@b.io' };
    const out = scrubDeep({ first: shared, again: shared, list: [shared] }) as Record<string, unknown>;
    expect(out.first).toEqual({ note: 'mail [email]' });
    expect(out.first).not.toBe(shared);
    expect(out.again).toBe(FILTERED);
    expect(out.list).toEqual([FILTERED]);
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(scrubDeep(cyclic)).toEqual({ a: 1, self: FILTERED });
  });

  it(`anything deeper than ${MAX_SCRUB_DEPTH} levels becomes [Filtered]`, () => {
    let deep: Record<string, unknown> = { secret: 'hunter2 a@b.io 4242 4242 4242 4242' };
    for (let i = 0; i < MAX_SCRUB_DEPTH + 5; i++) deep = { child: deep };
    const json = JSON.stringify(scrubDeep(deep));
    expect(json).not.toMatch(/hunter2|a@b\.io|4242/);
    expect(json).toContain(FILTERED);
  });

  it('a value that throws while read becomes [Filtered], and so does an object whose keys cannot be listed', () => {
    const tricky = { ok: 'fine', get bad(): string { throw new Error('getter'); } };
    expect(scrubDeep(tricky)).toEqual({ ok: 'fine', bad: FILTERED });
    const hostile = new Proxy({ password: 'hunter2' }, { ownKeys: () => { throw new Error('no keys'); } });
    expect(scrubDeep({ hostile })).toEqual({ hostile: FILTERED });
    expect(scrubDeep(hostile)).toBe(FILTERED);
  });

  it('binary data and non-JSON values become [Filtered]; past the node budget everything does', () => {
    expect(scrubDeep({ bytes: new TextEncoder().encode('password=hunter2'), fn: () => 1, n: 10n })).toEqual({ bytes: FILTERED, fn: FILTERED, n: FILTERED });
    const wide = Array.from({ length: MAX_SCRUB_NODES + 10 }, (_, i) => ({ i }));
    const out = scrubDeep(wide) as unknown[];
    expect(out.at(-1)).toBe(FILTERED);
  });

  it('client IPs and bodies are dropped by key, in events and in span attributes', () => {
    const span = scrubDeep({
      attributes: {
        'http.request.body.data': '{"password":"hunter2"}',
        'user.ip_address': '203.0.113.7',
        'client.address': '203.0.113.7',
        'network.peer.address': '203.0.113.7',
        'http.request.header.x-forwarded-for': ['203.0.113.7'],
        'http.request.method': 'POST',
      },
    });
    expect(JSON.stringify(span)).not.toMatch(/hunter2|203\.0\.113\.7/);
    expect(span.attributes['http.request.method']).toBe('POST');
    const event = scrubEvent({ user: { id: 'u1', ip_address: '203.0.113.7' }, request: { url: '/signup', data: { password: 'hunter2' } } });
    expect(event).toEqual({ user: { id: 'u1' }, request: { url: '/signup', data: FILTERED } });
  });
});

describe('scrubEvent and the SDK’s bookkeeping', () => {
  it('keeps sdkProcessingMetadata by reference except the sampling context (scrubbed) and the request (dropped)', () => {
    const scope = { client: { options: { dsn: 'x' } } };
    const out = scrubEvent({
      message: 'ok',
      sdkProcessingMetadata: { capturedSpanScope: scope, dynamicSamplingContext: { transaction: '/invite?email=a@b.io' }, normalizedRequest: { data: 'password=hunter2' } },
    });
    expect(out.sdkProcessingMetadata?.capturedSpanScope).toBe(scope);
    expect(out.sdkProcessingMetadata?.dynamicSamplingContext).toEqual({ transaction: `/invite?email=${FILTERED}` });
    expect(JSON.stringify(out)).not.toMatch(/hunter2|a@b\.io/);
  });
});
