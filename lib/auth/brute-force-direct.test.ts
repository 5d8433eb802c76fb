// The default deployment (TRUSTED_PROXY_HOPS=0, nothing in front of Orbit): every forwarding header comes from
// the client, so none of them may pick the rate-limit bucket. Rotating them must not buy fresh attempts, on the
// form's server action or on Better Auth's HTTP endpoint.
import { describe, expect, it, vi } from 'vitest';
import { request } from '@/test-support/next-request';

vi.mock('next/headers', () => import('@/test-support/next-request'));
vi.mock('next/cache', () => import('@/test-support/next-request'));

// The suite's default is one proxy hop; this file re-imports the app with the production default.
vi.stubEnv('TRUSTED_PROXY_HOPS', '0');
vi.resetModules();
const { auth } = await import('@/lib/auth/config');
const { env } = await import('@/lib/env');
const { clientIp } = await import('@/lib/server/client-ip');
const { logInAction } = await import('@/lib/auth/actions');
const authRoute = await import('@/app/api/auth/[...all]/route');

let counter = 0;
async function newAccount(): Promise<string> {
  const email = `direct-${++counter}-${Date.now()}@example.test`;
  await auth.api.signUpEmail({ body: { name: 'Victim', email, password: 'correct horse battery' } });
  return email;
}

async function logIn(email: string, password: string, headers: Record<string, string>): Promise<string> {
  request.headers = new Headers(headers);
  const fd = new FormData();
  fd.set('email', email);
  fd.set('password', password);
  const r = await logInAction(null, fd);
  return r.ok ? 'ok' : r.error.code;
}

async function logInHttp(email: string, password: string, headers: Record<string, string>): Promise<number> {
  const req = new Request('http://localhost:3000/api/auth/sign-in/email', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email, password }),
  });
  return (await authRoute.POST(req)).status;
}

const tenAttempts = <T>(attempt: (i: number) => Promise<T>) =>
  Array.from({ length: 10 }).reduce<Promise<T[]>>(async (acc, _, i) => [...(await acc), await attempt(i)], Promise.resolve([]));

describe('direct deployment (no trusted proxy)', () => {
  it('derives no client address from any header', () => {
    expect(env.TRUSTED_PROXY_HOPS).toBe(0);
    expect(clientIp(new Headers({ 'x-forwarded-for': '203.0.113.1', 'x-real-ip': '203.0.113.2' }))).toBeNull();
  });

  it('form: a new X-Forwarded-For per attempt still gets 429 from the sixth attempt', async () => {
    const email = await newAccount();
    const codes = await tenAttempts((i) => logIn(email, `wrong-password-${i}`, { 'x-forwarded-for': `203.0.113.${i + 1}` }));
    const max = env.AUTH_RATE_LIMIT_MAX;
    expect(codes).toEqual([...Array<string>(max).fill('unauthorized'), ...Array<string>(10 - max).fill('rate_limited')]);
  });

  it('form: a new X-Real-IP per attempt still gets 429 from the sixth attempt', async () => {
    const email = await newAccount();
    const codes = await tenAttempts((i) => logIn(email, `wrong-password-${i}`, { 'x-real-ip': `203.0.113.${i + 1}` }));
    expect(codes.slice(env.AUTH_RATE_LIMIT_MAX)).toEqual(Array<string>(10 - env.AUTH_RATE_LIMIT_MAX).fill('rate_limited'));
  });

  it('HTTP: a new X-Forwarded-For or X-Real-IP per attempt still gets 429 from the sixth attempt', async () => {
    const email = await newAccount();
    const statuses = await tenAttempts((i) =>
      logInHttp(email, `wrong-password-${i}`, i % 2 ? { 'x-real-ip': `203.0.113.${i + 1}` } : { 'x-forwarded-for': `203.0.113.${i + 1}` }),
    );
    const max = env.AUTH_RATE_LIMIT_MAX;
    expect(statuses).toEqual([...Array<number>(max).fill(401), ...Array<number>(10 - max).fill(429)]);
  });
});
