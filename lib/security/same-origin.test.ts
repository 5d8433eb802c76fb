// Which origin may change state: APP_URL's exactly (production), else the Host the request was sent to
// (development). The REST API and Better Auth's route refuse everything else (csrf.test.ts runs the attacks there).
import { describe, expect, it } from 'vitest';
import { appOrigin, crossOriginRefusal, isJsonContentType } from './same-origin';

const APP_URL = 'https://app.orbit.example';
const post = (headers: Record<string, string>, url = `${APP_URL}/api/projects`) => new Request(url, { method: 'POST', headers });

describe('with APP_URL (production)', () => {
  it.each([
    ['a sibling subdomain', 'https://evil.orbit.example'],
    ['the parent domain', 'https://orbit.example'],
    ['another port', 'https://app.orbit.example:8443'],
    ['http for https', 'http://app.orbit.example'],
    ['a look-alike suffix', 'https://app.orbit.example.evil.example'],
    ['a userinfo trick', 'https://app.orbit.example@evil.example'],
    ['Origin: null', 'null'],
    ['not a URL', 'app.orbit.example'],
    ['another scheme', 'chrome-extension://abcdef'],
  ])('refuses %s (%s), even when the request reached the server under that name', (_label, origin) => {
    const host = origin.startsWith('http') ? new URL(origin).host : 'app.orbit.example';
    expect(crossOriginRefusal(post({ origin, host }, `https://${host}/api/projects`), APP_URL)).not.toBeNull();
  });

  it('accepts its own origin however the path or case is written, and a client with neither Origin nor Sec-Fetch-Site', () => {
    expect(crossOriginRefusal(post({ origin: 'https://app.orbit.example', 'sec-fetch-site': 'same-origin' }), APP_URL)).toBeNull();
    expect(crossOriginRefusal(post({ origin: 'HTTPS://APP.ORBIT.EXAMPLE:443' }), APP_URL)).toBeNull();
    expect(crossOriginRefusal(post({ referer: 'https://app.orbit.example/projects/p1' }), APP_URL)).toBeNull();
    expect(crossOriginRefusal(post({}), APP_URL)).toBeNull();
  });

  it('never refuses a read', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS']) {
      expect(crossOriginRefusal(new Request(`${APP_URL}/api/projects`, { method, headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } }), APP_URL)).toBeNull();
    }
  });

  it('appOrigin is APP_URL’s origin, whatever Host the request names', () => {
    expect(appOrigin(post({ host: 'evil.example' }), `${APP_URL}/some/path`)).toBe(APP_URL);
  });
});

describe('without APP_URL (development)', () => {
  it('Orbit’s origin is the Host the browser sent the request to; any other host or port is refused', () => {
    const url = 'http://127.0.0.1:3000/api/projects';
    expect(crossOriginRefusal(post({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' }, url), undefined)).toBeNull();
    expect(crossOriginRefusal(post({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:5173' }, url), undefined)).not.toBeNull();
    expect(crossOriginRefusal(post({ host: '127.0.0.1:3000', origin: 'http://localhost:3000' }, url), undefined)).not.toBeNull();
    expect(appOrigin(post({ host: '127.0.0.1:3000' }, url), undefined)).toBe('http://127.0.0.1:3000');
  });
});

describe('isJsonContentType', () => {
  it.each([
    ['application/json', true],
    ['Application/JSON; charset=utf-8', true],
    [' application/json ;charset=utf-8', true],
    ['application/json-patch+json', false],
    ['application/jsonx', false],
    ['text/plain; application/json', false],
    ['text/plain', false],
    ['', false],
    [null, false],
  ])('%j → %s', (value, expected) => {
    expect(isJsonContentType(value)).toBe(expected);
  });
});
