// Better Auth: email + password, DB-backed sessions in Orbit's database, httpOnly cookies, scrypt hashes.
// Orbit's own forms reach it through the mutation wrapper (lib/server/mutation.ts), which adds rate limiting,
// validation and instrumentation; its HTTP endpoints under /api/auth are rate limited by Better Auth itself.
import 'server-only';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { nextCookies } from 'better-auth/next-js';
import { db } from '@/lib/db';
import { accounts, rateLimits, sessions, users, verifications } from '@/lib/db/schema';
import { env } from '@/lib/env';

function createAuth() {
  return betterAuth({
    appName: 'Orbit',
    baseURL: env.APP_URL,
    secret: env.BETTER_AUTH_SECRET,
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: { user: users, session: sessions, account: accounts, verification: verifications, rateLimit: rateLimits },
    }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 8,
      maxPasswordLength: 128,
      autoSignIn: true,
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
      ipAddress: { ipAddressHeaders: ['x-forwarded-for', 'x-real-ip'] },
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

export type AuthSession = typeof auth.$Infer.Session;
export type AuthUser = AuthSession['user'];
