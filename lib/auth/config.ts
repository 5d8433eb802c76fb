// Better Auth: email + password, DB-backed sessions in Orbit's database, httpOnly cookies, scrypt hashes.
// Orbit's own forms reach it through the mutation wrapper (lib/server/mutation.ts), which adds rate limiting,
// validation and instrumentation; its HTTP endpoints under /api/auth are rate limited by Better Auth itself, per
// client address as derived by lib/server/client-ip.ts. The per-account budgets (lib/auth/account-limits.ts) and
// the forms' input rules (lib/auth/endpoint-input.ts) run in its hooks, so they hold on both paths.
import 'server-only';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { setSessionCookie } from 'better-auth/cookies';
import { nextCookies } from 'better-auth/next-js';
import { db } from '@/lib/db';
import { accounts, rateLimits, sessions, users, verifications } from '@/lib/db/schema';
import { env } from '@/lib/env';
import { addressKey, canonicalIp, CLIENT_IP_HEADER, IPV6_SUBNET_BITS, withClientIp } from '@/lib/server/client-ip';
import type { RateLimitDecision } from '@/lib/server/rate-limit';
import { consumeSignUpAttempt, RATE_LIMITED_MESSAGE, refundLogInAttempt, reserveLogInAttempt, type LogInAttempt } from './account-limits';
import { checkEndpointInput } from './endpoint-input';
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE, knownDevice, rememberDevice } from './known-device';

const SIGN_IN = '/sign-in/email';
const SIGN_UP = '/sign-up/email';

function refuse(decision: RateLimitDecision): void {
  if (decision.allowed) return;
  throw new APIError(
    'TOO_MANY_REQUESTS',
    { message: RATE_LIMITED_MESSAGE, code: 'RATE_LIMITED', retryAfter: decision.retryAfter },
    { 'Retry-After': String(decision.retryAfter) },
  );
}

type HookContext = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

/** A log-in as the per-account budgets see it: the caller's address key and, if known, this browser's device id. */
function logInAttempt(ctx: HookContext, email: string): LogInAttempt {
  const device = knownDevice(ctx.getCookie(ctx.context.createAuthCookie(DEVICE_COOKIE).name), email);
  return { email, address: addressKey(canonicalIp(ctx.headers?.get(CLIENT_IP_HEADER) ?? '')), device };
}

/** This browser is now a known device for the account (lib/auth/known-device.ts). */
function rememberThisDevice(ctx: HookContext, email: string): void {
  const cookie = ctx.context.createAuthCookie(DEVICE_COOKIE, { maxAge: DEVICE_COOKIE_MAX_AGE });
  ctx.setCookie(cookie.name, rememberDevice(ctx.getCookie(cookie.name), email), cookie.attributes);
}

/**
 * A sign-up from Orbit's own server code (`auth.api.signUpEmail`, no HTTP request: the sign-up form, the seed
 * script) signs the new account in, as the form promises. A taken email got a made-up user that exists nowhere:
 * nothing to sign in, and the token stays null, which is how the form tells the two apart.
 */
async function signInNewAccount(ctx: HookContext, email: string) {
  const returned = ctx.context.returned as { token: string | null; user: { id: string } } | undefined;
  const user = returned?.user ? await ctx.context.internalAdapter.findUserById(returned.user.id) : null;
  if (!returned || !user) return;
  const dontRememberMe = (ctx.body as { rememberMe?: unknown }).rememberMe === false;
  const session = await ctx.context.internalAdapter.createSession(user.id, dontRememberMe);
  await setSessionCookie(ctx, { session, user }, dontRememberMe);
  rememberThisDevice(ctx, email);
  return ctx.json({ ...returned, token: session.token });
}

const emailOf = (body: unknown): string | null => {
  const email = (body as { email?: unknown } | null)?.email;
  return typeof email === 'string' && email.trim() ? email : null;
};

/**
 * Better Auth's own origin: APP_URL's (required in production: the one origin Orbit trusts); without it
 * (development, tests) the one `next dev` serves. Never derived from a request's Host header.
 */
function authOrigin(): string {
  return env.APP_URL ? new URL(env.APP_URL).origin : `http://localhost:${process.env.PORT || 3000}`;
}

function createAuth() {
  return betterAuth({
    appName: 'Orbit',
    baseURL: authOrigin(),
    secret: env.BETTER_AUTH_SECRET,
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: { user: users, session: sessions, account: accounts, verification: verifications, rateLimit: rateLimits },
    }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 8,
      maxPasswordLength: 128,
      // Better Auth's protection against account enumeration: a sign-up for a taken email gets the answer a new
      // one gets (a made-up user, no session, after hashing the password so it takes as long). The price is that
      // a sign-up over HTTP does not sign in: the client logs in next. Orbit's own server code (the sign-up form)
      // is signed in at once by the after hook below.
      autoSignIn: false,
    },
    session: {
      expiresIn: 60 * 60 * 24 * 30,
      updateAge: 60 * 60 * 24,
    },
    rateLimit: {
      enabled: true,
      storage: 'database',
      window: env.AUTH_RATE_LIMIT_WINDOW,
      max: 100,
      customRules: {
        '/sign-in/email': { window: env.AUTH_RATE_LIMIT_WINDOW, max: env.AUTH_RATE_LIMIT_MAX },
        '/sign-up/email': { window: env.AUTH_RATE_LIMIT_WINDOW, max: env.AUTH_SIGNUP_RATE_LIMIT_MAX },
      },
    },
    advanced: {
      cookiePrefix: 'orbit',
      // Only the header Orbit itself sets from the trusted proxy hops (authRequest, withClientIp). Without one,
      // Better Auth keys its limits on one shared bucket: the forwarding headers a client sends pick nothing.
      // An IPv6 client is counted by its /64, like every per-address limit of Orbit's own.
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER], ipv6Subnet: IPV6_SUBNET_BITS },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        // Orbit's input rules first (lib/auth/endpoint-input.ts): the budgets below count normalised emails.
        const body = checkEndpointInput(ctx.path, ctx.body, ctx.query);
        const email = emailOf(body ?? ctx.body);
        if (email && ctx.path === SIGN_IN) refuse(await reserveLogInAttempt(logInAttempt(ctx, email)));
        if (email && ctx.path === SIGN_UP) refuse(await consumeSignUpAttempt(email));
        return body ? { context: { body } } : undefined;
      }),
      after: createAuthMiddleware(async (ctx) => {
        const email = emailOf(ctx.body);
        if (!email) return;
        if (ctx.path === SIGN_UP && !ctx.request) return signInNewAccount(ctx, email);
        if (ctx.path !== SIGN_IN || !ctx.context.newSession) return;
        await refundLogInAttempt(logInAttempt(ctx, email));
        rememberThisDevice(ctx, email);
      }),
    },
    telemetry: { enabled: false },
    plugins: [nextCookies()],
  });
}

type Auth = ReturnType<typeof createAuth>;
let cached: Auth | undefined;
const instance = (): Auth => (cached ??= createAuth());

/**
 * Created on first use, not at import: `next build` imports route modules while collecting page data, and the
 * secret (required in production) is only demanded when the server really starts.
 */
export const auth: Auth = new Proxy({} as Auth, {
  get: (_target, prop) => Reflect.get(instance(), prop),
  has: (_target, prop) => Reflect.has(instance(), prop),
});

/** The request as Better Auth should see it: the client-address header derived here, never the client's copy. */
export function authRequest(request: Request): Request {
  return new Request(request, { headers: withClientIp(request.headers) });
}

/** Headers for an in-process `auth.api.*` call, with the same derived client address. */
export const authHeaders = withClientIp;

/** The seconds to wait from a Better Auth refusal by a rate limit, or null when the error is something else. */
export function retryAfterOf(error: APIError): number | null {
  if (error.statusCode !== 429) return null;
  const seconds = Number((error.body as { retryAfter?: unknown } | undefined)?.retryAfter);
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 1;
}
