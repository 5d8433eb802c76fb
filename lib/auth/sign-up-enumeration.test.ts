// Whether an email has an account must not be readable from a sign-up. The form's action answers every refusal
// alike (lib/server/mutation.test.ts › "answers a sign-up with an existing email like any refusal"); Better Auth's
// own `POST /api/auth/sign-up/email` must not say more: a taken email, in any case, gets the answer a new one gets.
import { describe, expect, it, vi } from 'vitest';

vi.mock('next/headers', () => import('@/test-support/next-request'));

const { auth } = await import('@/lib/auth/config');
const authRoute = await import('@/app/api/auth/[...all]/route');

let counter = 0;
const unique = (label: string) => `${label}-${++counter}-${Date.now()}@example.test`;

async function post(path: string, body: Record<string, unknown>, ip: string): Promise<Response> {
  return authRoute.POST(
    new Request(`http://localhost:3000/api/auth${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost:3000', 'x-forwarded-for': ip },
      body: JSON.stringify(body),
    }),
  );
}

/** What a caller can compare between two answers: status, headers that matter, the body's shape. */
async function observable(response: Response) {
  const body = (await response.json()) as { token?: unknown; user?: Record<string, unknown> };
  return {
    status: response.status,
    sessionCookie: response.headers.getSetCookie().some((c) => c.includes('session_token')),
    token: body.token,
    userKeys: Object.keys(body.user ?? {}).sort(),
    emailVerified: body.user?.emailVerified,
  };
}

describe('POST /api/auth/sign-up/email', () => {
  it('answers a taken email (any case) exactly as a new one: no USER_ALREADY_EXISTS, no session either way', async () => {
    const taken = unique('Taken');
    await auth.api.signUpEmail({ body: { name: 'Owner', email: taken.toLowerCase(), password: 'correct horse battery' } });

    const fresh = await observable(await post('/sign-up/email', { name: 'Newcomer', email: unique('fresh'), password: 'some long password' }, '198.51.100.31'));
    const again = await observable(await post('/sign-up/email', { name: 'Impostor', email: taken.toUpperCase(), password: 'some long password' }, '198.51.100.32'));

    expect(again).toEqual(fresh);
    expect(fresh).toMatchObject({ status: 200, sessionCookie: false, token: null });
  });

  it('creates the new account: its owner logs in next', async () => {
    const email = unique('api');
    expect((await post('/sign-up/email', { name: 'Api Client', email, password: 'some long password' }, '198.51.100.33')).status).toBe(200);
    const login = await post('/sign-in/email', { email, password: 'some long password' }, '198.51.100.33');
    expect(login.status).toBe(200);
    expect(login.headers.getSetCookie().some((c) => c.startsWith('orbit.session_token='))).toBe(true);
  });

  it('leaves the existing account as it was', async () => {
    const email = unique('kept');
    const { user } = await auth.api.signUpEmail({ body: { name: 'Original', email, password: 'correct horse battery' } });
    await post('/sign-up/email', { name: 'Overwriter', email, password: 'other long password' }, '198.51.100.34');
    const login = await post('/sign-in/email', { email, password: 'correct horse battery' }, '198.51.100.35');
    expect(await login.json()).toMatchObject({ user: { id: user.id, name: 'Original' } });
  });
});
