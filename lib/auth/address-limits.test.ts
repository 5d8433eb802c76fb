// Per-address limits against a client that owns many addresses: an IPv6 subscriber gets a whole /64 and can
// rotate through it, and one IPv4 address has several IPv6 spellings. Every per-address limit counts the
// canonical address, and an IPv6 address by its /64, on the forms' server actions and on Better Auth's own HTTP
// endpoints alike. Behind one trusted proxy (TRUSTED_PROXY_HOPS=1, the suite's default), with the per-address
// budgets lowered to 3 so an attack needs few password hashes to show.
import { describe, expect, it, vi } from 'vitest';
import { request } from '@/test-support/next-request';

vi.mock('next/headers', () => import('@/test-support/next-request'));
vi.mock('next/cache', () => import('@/test-support/next-request'));

vi.stubEnv('AUTH_RATE_LIMIT_MAX', '3');
vi.stubEnv('AUTH_SIGNUP_RATE_LIMIT_MAX', '3');
vi.resetModules();
const { logInAction, signUpAction } = await import('@/lib/auth/actions');
const authRoute = await import('@/app/api/auth/[...all]/route');

let counter = 0;
const unique = (label: string) => `${label}-${++counter}-${Date.now()}@example.test`;

function form(values: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) fd.set(k, v);
  return fd;
}

/** One call of a form's action as the proxy saw it come from `ip`; 'ok' for a success (its redirect). */
async function submit(action: typeof logInAction | typeof signUpAction, values: Record<string, string>, ip: string): Promise<string> {
  request.headers = new Headers({ 'x-forwarded-for': ip });
  const r = await action(null, form(values)).catch((e: unknown) => {
    if ((e as { digest?: string }).digest?.startsWith('NEXT_REDIRECT')) return { ok: true as const };
    throw e;
  });
  return r.ok ? 'ok' : r.error.code;
}

const inPrefix = (prefix: string, i: number) => `${prefix}:${(i + 1).toString(16)}:${((i * 7919 + 3) % 0xffff).toString(16)}:0:${i + 1}`;

describe('per-address limits and IPv6', () => {
  it('sign-up: ten accounts from ten addresses of one /64 → three created, the rest refused', async () => {
    const codes = [];
    for (let i = 0; i < 10; i++) {
      codes.push(await submit(signUpAction, { name: 'Rotator', email: unique('rotate'), password: 'correct horse battery' }, inPrefix('2001:db8:aa:1', i)));
    }
    expect(codes).toEqual([...Array<string>(3).fill('ok'), ...Array<string>(7).fill('rate_limited')]);
  });

  it('log-in spraying: one guess each at ten accounts from ten addresses of one /64 → three reach the password check', async () => {
    const codes = [];
    for (let i = 0; i < 10; i++) codes.push(await submit(logInAction, { email: unique('sprayed'), password: 'Summer2026!' }, inPrefix('2001:db8:aa:2', i)));
    expect(codes).toEqual([...Array<string>(3).fill('unauthorized'), ...Array<string>(7).fill('rate_limited')]);
  });

  it('an IPv4 address refused is refused under each of its IPv6 spellings, and zero-padded IPv6 is the same address', async () => {
    for (let i = 0; i < 3; i++) expect(await submit(logInAction, { email: unique('v4'), password: 'Summer2026!' }, '198.51.100.7')).toBe('unauthorized');
    for (const spelling of ['198.51.100.7', '::ffff:c633:6407', '0:0:0:0:0:ffff:198.51.100.7', '::FFFF:198.51.100.7', '0000:0000:0000:0000:0000:ffff:c633:6407']) {
      expect(await submit(logInAction, { email: unique('v4'), password: 'Summer2026!' }, spelling), spelling).toBe('rate_limited');
    }
    for (let i = 0; i < 3; i++) expect(await submit(logInAction, { email: unique('v6'), password: 'Summer2026!' }, '2001:db8:bb::1')).toBe('unauthorized');
    expect(await submit(logInAction, { email: unique('v6'), password: 'Summer2026!' }, '2001:0DB8:00bb:0000:0000:0000:0000:0001')).toBe('rate_limited');
    // Another /64 is another subscriber.
    expect(await submit(logInAction, { email: unique('v6'), password: 'Summer2026!' }, '2001:db8:bb:1::1')).toBe('unauthorized');
  });

  it("Better Auth's own sign-in endpoint counts the same /64", async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      const response = await authRoute.POST(
        new Request('http://localhost:3000/api/auth/sign-in/email', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': inPrefix('2001:db8:aa:3', i) },
          body: JSON.stringify({ email: unique('http'), password: 'Summer2026!' }),
        }),
      );
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});
