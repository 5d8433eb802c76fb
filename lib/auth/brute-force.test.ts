// Password guessing against the real log-in and sign-up paths (the server actions and Better Auth's own HTTP
// handler) on a real in-memory database, as an attacker would try it: rotating forwarding headers, many source
// addresses, parallel requests; and the lockout an attacker would like to cause, which must not reach the owner's
// known device. The suite runs with TRUSTED_PROXY_HOPS=1 (vitest.config.ts): one proxy in front,
// which appends the address it saw to X-Forwarded-For; everything left of that is whatever the client sent.
import { describe, expect, it, vi } from 'vitest';
import { request } from '@/test-support/next-request';

vi.mock('next/headers', () => import('@/test-support/next-request'));
vi.mock('next/cache', () => import('@/test-support/next-request'));

const { auth } = await import('@/lib/auth/config');
const { env } = await import('@/lib/env');
const { logInAction, signUpAction } = await import('@/lib/auth/actions');
const authRoute = await import('@/app/api/auth/[...all]/route');

const PASSWORD = 'correct horse battery';
let counter = 0;
const unique = () => `${++counter}-${Date.now()}`;

async function newAccount(): Promise<string> {
  const email = `victim-${unique()}@example.test`;
  await auth.api.signUpEmail({ body: { name: 'Victim', email, password: PASSWORD } });
  return email;
}

function form(values: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) fd.set(k, v);
  return fd;
}

/** One log-in through the form's server action, with the given request headers; its error code or 'ok'. */
async function logIn(email: string, password: string, headers: Record<string, string>): Promise<string> {
  request.headers = new Headers(headers);
  const r = await logInAction(null, form({ email, password })).catch((e: unknown) => {
    if ((e as { digest?: string }).digest?.startsWith('NEXT_REDIRECT')) return { ok: true as const };
    throw e;
  });
  return r.ok ? 'ok' : r.error.code;
}

/** One log-in through Better Auth's HTTP endpoint (the route handler under /api/auth). */
async function logInHttp(email: string, password: string, headers: Record<string, string>): Promise<Response> {
  const req = new Request('http://localhost:3000/api/auth/sign-in/email', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'http://localhost:3000', ...headers },
    body: JSON.stringify({ email, password }),
  });
  return authRoute.POST(req);
}

/** The known-device cookie a successful log-in set, as a `Cookie` header value. */
function deviceCookie(response: Response): string | undefined {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('orbit.device='));
}

/** A distinct address in TEST-NET-2 per call, as a proxy would append it. */
let hostCounter = 0;
const nextRealIp = () => `198.51.${Math.floor(++hostCounter / 250)}.${(hostCounter % 250) + 1}`;

describe('log-in behind a trusted proxy', () => {
  it('counts per real client address however the client rotates the forged part of X-Forwarded-For', async () => {
    const email = await newAccount();
    const realIp = nextRealIp();
    const codes = [];
    for (let i = 0; i < 10; i++) {
      codes.push(await logIn(email, `wrong-password-${i}`, { 'x-forwarded-for': `203.0.113.${i + 1}, ${realIp}` }));
    }
    const max = env.AUTH_RATE_LIMIT_MAX;
    expect(codes).toEqual([...Array<string>(max).fill('unauthorized'), ...Array<string>(10 - max).fill('rate_limited')]);
  });

  it('ignores X-Real-IP, Forwarded, True-Client-IP and CF-Connecting-IP sent by the client', async () => {
    const email = await newAccount();
    const realIp = nextRealIp();
    const codes = [];
    for (let i = 0; i < 10; i++) {
      const forged = `203.0.113.${100 + i}`;
      codes.push(
        await logIn(email, `wrong-password-${i}`, {
          'x-forwarded-for': realIp,
          'x-real-ip': forged,
          forwarded: `for=${forged}`,
          'true-client-ip': forged,
          'cf-connecting-ip': forged,
        }),
      );
    }
    expect(codes.slice(env.AUTH_RATE_LIMIT_MAX)).not.toContain('unauthorized');
  });

  it("ten wrong passwords from anywhere do not lock the owner out: one address gets five, new devices then wait, the owner's known device logs in", async () => {
    const email = await newAccount();
    // One attacking address: five guesses, then refused however long it keeps trying, without using up the rest.
    const attacker = nextRealIp();
    const fromOne = [];
    for (let i = 0; i < 8; i++) fromOne.push((await logInHttp(email, `wrong-password-a${i}`, { 'x-forwarded-for': attacker })).status);
    expect(fromOne).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);

    // The owner on a browser that never logged in: still allowed, and the browser becomes a known device.
    const first = await logInHttp(email, PASSWORD, { 'x-forwarded-for': nextRealIp() });
    expect(first.status).toBe(200);
    const device = deviceCookie(first);
    expect(device).toMatch(/^orbit\.device=[\w-]+\.[\w-]+$/);

    // Five more addresses spend the rest of the new-device budget (ten per account per 15 minutes).
    const codes = [];
    for (let i = 0; i < 6; i++) codes.push(await logIn(email, `wrong-password-b${i}`, { 'x-forwarded-for': nextRealIp() }));
    expect(codes).toEqual([...Array<string>(5).fill('unauthorized'), 'rate_limited']);

    // What the owner sees on a new device: the right password waits, with the time to wait.
    request.headers = new Headers({ 'x-forwarded-for': nextRealIp() });
    const newDevice = await logInAction(null, form({ email, password: PASSWORD }));
    expect(newDevice).toMatchObject({ ok: false, error: { code: 'rate_limited', retryAfter: expect.any(Number) } });
    if (newDevice.ok) return;
    expect(newDevice.error.retryAfter).toBeGreaterThan(15 * 60 - 60);
    expect(newDevice.error.retryAfter).toBeLessThanOrEqual(15 * 60);
    // The address is normalised: case and spaces do not open a second budget.
    expect(await logIn(`  ${email.toUpperCase()} `, 'wrong-password-x', { 'x-forwarded-for': nextRealIp() })).toBe('rate_limited');

    // On the device that logged in before, from yet another address: in.
    expect(await logIn(email, PASSWORD, { 'x-forwarded-for': nextRealIp(), cookie: device ?? '' })).toBe('ok');
  });

  it('does not count successful log-ins against the account', async () => {
    const email = await newAccount();
    for (let i = 0; i < 9; i++) expect(await logIn(email, `wrong-password-${i}`, { 'x-forwarded-for': nextRealIp() })).toBe('unauthorized');
    for (let i = 0; i < 3; i++) expect(await logIn(email, PASSWORD, { 'x-forwarded-for': nextRealIp() })).toBe('ok');
    expect(await logIn(email, 'wrong-password-last', { 'x-forwarded-for': nextRealIp() })).toBe('unauthorized');
    expect(await logIn(email, 'wrong-password-after', { 'x-forwarded-for': nextRealIp() })).toBe('rate_limited');
  });

  it('lets at most 10 of 20 parallel wrong-password attempts reach the password check', async () => {
    const email = await newAccount();
    const ips = Array.from({ length: 20 }, nextRealIp);
    // Headers are read per call, so each parallel call needs its own request scope: run them through the HTTP
    // handler, whose request carries its own headers, and through the action in one burst.
    const responses = await Promise.all(ips.map((ip, i) => logInHttp(email, `wrong-password-${i}`, { 'x-forwarded-for': ip })));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    const refused = responses.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) });
  });

  it('shares one per-account budget between the form and the HTTP endpoint', async () => {
    const email = await newAccount();
    for (let i = 0; i < 5; i++) expect(await logIn(email, `wrong-password-${i}`, { 'x-forwarded-for': nextRealIp() })).toBe('unauthorized');
    const http = [];
    for (let i = 0; i < 6; i++) http.push((await logInHttp(email, `wrong-password-h${i}`, { 'x-forwarded-for': nextRealIp() })).status);
    expect(http).toEqual([401, 401, 401, 401, 401, 429]);
    expect(await logIn(email, PASSWORD, { 'x-forwarded-for': nextRealIp() })).toBe('rate_limited');
  });

  it('runs 20 parallel wrong-password form submissions into the same per-account limit', async () => {
    const email = await newAccount();
    // One request scope for all (the mocked headers are module state); the per-account limit ignores the address.
    request.headers = new Headers({ 'x-forwarded-for': nextRealIp() });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => logInAction(null, form({ email, password: `wrong-password-${i}` }))),
    );
    const codes = results.map((r) => (r.ok ? 'ok' : r.error.code));
    // The per-address budget (AUTH_RATE_LIMIT_MAX) is stricter here; what matters is that nothing slips past both.
    expect(codes.filter((c) => c === 'unauthorized').length).toBeLessThanOrEqual(10);
    expect(codes.filter((c) => c === 'rate_limited').length).toBeGreaterThanOrEqual(10);
  });
});

describe('sign-up', () => {
  it('limits attempts per email address whatever address they come from', async () => {
    const email = `signup-${unique()}@example.test`;
    const codes = [];
    for (let i = 0; i < 12; i++) {
      request.headers = new Headers({ 'x-forwarded-for': nextRealIp() });
      const r = await signUpAction(null, form({ name: 'Someone', email, password: `password-${i}-long` })).catch((e: unknown) => {
        if ((e as { digest?: string }).digest?.startsWith('NEXT_REDIRECT')) return { ok: true as const };
        throw e;
      });
      codes.push(r.ok ? 'ok' : r.error.code);
    }
    expect(codes).toEqual(['ok', ...Array<string>(9).fill('conflict'), 'rate_limited', 'rate_limited']);
  });
});
