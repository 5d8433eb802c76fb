// Forwarding headers are client-controlled: they must never choose where Orbit sends a signed webhook or a redirect.
import { afterEach, describe, expect, it } from 'vitest';
import { appOrigin, webhookOrigin } from './origin';

const FORGED = { 'x-forwarded-host': 'attacker.example', 'x-forwarded-proto': 'https' };
const saved = process.env.__NEXT_PRIVATE_ORIGIN;

afterEach(() => {
  if (saved === undefined) delete process.env.__NEXT_PRIVATE_ORIGIN;
  else process.env.__NEXT_PRIVATE_ORIGIN = saved;
});

describe('without APP_URL (development and tests; production refuses to start without it)', () => {
  it('a forged X-Forwarded-Host does not change the redirect origin', () => {
    expect(appOrigin(new Headers({ host: '127.0.0.1:3000', ...FORGED }))).toBe('http://127.0.0.1:3000');
  });

  it('the webhook origin is the server’s own address, never anything from the request', () => {
    process.env.__NEXT_PRIVATE_ORIGIN = 'http://127.0.0.1:3412';
    expect(webhookOrigin()).toBe('http://127.0.0.1:3412');
    expect(webhookOrigin.length, 'takes no request input').toBe(0);
  });
});
