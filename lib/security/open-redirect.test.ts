// Open redirects: every redirect target Orbit or Better Auth builds from input stays on Orbit's origin. The attacks
// are the spellings a browser reads as another host once they are written back as a path: `/.//evil.example`
// (`/%2e//`, `/a/..//`) resolve to the path `//evil.example`, and `Location: //evil.example` is the host evil.example.
// Through the real Better Auth route and log-in action on the real database.
import { describe, expect, it, vi } from 'vitest';
import { request as state } from '@/test-support/next-request';

vi.mock('next/headers', () => import('@/test-support/next-request'));
vi.mock('next/cache', () => import('@/test-support/next-request'));

const { auth } = await import('@/lib/auth/config');
const authRoute = await import('@/app/api/auth/[...all]/route');
const { keepRedirectOnOrigin } = await import('@/lib/auth/route-guard');
const { logInAction } = await import('@/lib/auth/actions');
const { completeProfileStep, completeProjectStep, createFirstWorkspace } = await import('@/lib/onboarding/state');

const APP = 'http://127.0.0.1:3000';
const HOST = { host: '127.0.0.1:3000' };

/** Every spelling of "another host" the issue and its follow-ups found, as the query-string value is sent. */
const EVIL = [
  '%2F.%2F%2Fevil.example',
  '/.//evil.example',
  '/%2e//evil.example',
  '/%2E%2F%2Fevil.example',
  '/a/..//evil.example',
  '/a/%2e%2e//evil.example',
  '/..//evil.example',
  '/.///evil.example',
  '//evil.example',
  '///evil.example',
  '/\\evil.example',
  '/%5Cevil.example',
  '%2F%09%2Fevil.example',
  '%2F%0A%2Fevil.example',
  'https://evil.example/',
  'https:evil.example',
  'http://127.0.0.1:4000/',
  'http://127.0.0.1:3000@evil.example/',
  'javascript:alert(1)',
];

/** Where a browser goes with this Location, from a page on APP. */
const destination = (location: string | null) => (location === null ? null : new URL(location, APP).origin);

describe('GET /api/auth/verify-email?callbackURL=…', () => {
  it.each(EVIL)('callbackURL=%s is refused (403) and no Location leaves Orbit', async (value) => {
    const res = await authRoute.GET(new Request(`${APP}/api/auth/verify-email?token=x&callbackURL=${value}`, { headers: HOST }));
    expect(res.status).toBe(403);
    expect(res.headers.get('location')).toBeNull();
  });

  it('a path on Orbit is kept: the invalid token is reported there', async () => {
    const res = await authRoute.GET(new Request(`${APP}/api/auth/verify-email?token=x&callbackURL=%2Flogin%3Fverified%3D1`, { headers: HOST }));
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/login?verified=1&error=INVALID_TOKEN');
    expect(destination(res.headers.get('location'))).toBe(APP);
  });

  it('an absolute URL on APP_URL’s origin is kept too', async () => {
    const res = await authRoute.GET(new Request(`${APP}/api/auth/verify-email?token=x&callbackURL=${encodeURIComponent(`${APP}/dashboard`)}`, { headers: HOST }));
    expect(res.status).toBe(302);
    expect(destination(res.headers.get('location'))).toBe(APP);
  });
});

describe('redirect fields in Better Auth’s JSON bodies', () => {
  it.each(['callbackURL', 'errorCallbackURL', 'newUserCallbackURL', 'redirectTo'])('POST sign-in/email with %s=/.//evil.example is refused', async (field) => {
    const email = `redirect-${field}-${Date.now()}@example.test`;
    await auth.api.signUpEmail({ body: { name: 'Redirect', email, password: 'correct horse battery' } });
    const res = await authRoute.POST(
      new Request(`${APP}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { ...HOST, 'content-type': 'application/json', 'x-forwarded-for': '10.41.0.1' },
        body: JSON.stringify({ email, password: 'correct horse battery', [field]: '/.//evil.example' }),
      }),
    );
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(JSON.stringify(await res.json())).not.toContain('evil.example');
  });
});

describe('keepRedirectOnOrigin (whatever Better Auth answers)', () => {
  const answer = (location: string) => new Response(null, { status: 302, headers: { location, 'set-cookie': 'orbit.session_token=x' } });
  const req = new Request(`${APP}/api/auth/anything`, { headers: HOST });

  it.each(['//evil.example?error=INVALID_TOKEN', 'https://evil.example/', '/\\evil.example', 'http://127.0.0.1:4000/'])('replaces Location %s with a 403 (and no cookie)', (location) => {
    const res = keepRedirectOnOrigin(req, answer(location));
    expect(res.status).toBe(403);
    expect(res.headers.get('location')).toBeNull();
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it.each(['/dashboard?error=X', `${APP}/login`, '/a//b'])('keeps Location %s', (location) => {
    const res = keepRedirectOnOrigin(req, answer(location));
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(location);
  });
});

describe('logInAction ?next=', () => {
  it.each(['/.//evil.example', '/%2e//evil.example', '/a/..//evil.example'])('next=%s sends the user to /dashboard', async (next) => {
    const email = `next-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.test`;
    const password = 'correct horse battery';
    const { user } = await auth.api.signUpEmail({ body: { name: 'Next', email, password } });
    await completeProfileStep(user.id, null);
    const ws = await createFirstWorkspace(user.id, 'Next Co');
    await completeProjectStep(user.id, { id: ws.id, plan: 'free' }, null);
    state.headers = new Headers({ 'x-forwarded-for': '10.42.0.1' });
    const form = new FormData();
    form.set('email', email);
    form.set('password', password);
    form.set('next', next);
    const thrown = await logInAction(null, form).catch((e: unknown) => e);
    // Next's redirect() throws; its digest carries the target: `NEXT_REDIRECT;replace;<url>;307;`.
    const target = (thrown as { digest?: string }).digest?.split(';')[2];
    expect(target).toBe('/dashboard');
  });
});
