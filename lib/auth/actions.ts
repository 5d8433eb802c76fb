'use server';
// Sign up, log in and log out: server actions through the mutation wrapper (public level), which applies the
// per-address limits below before Better Auth sees the request. Better Auth rate-limits only its HTTP router, not
// these in-process `auth.api.*` calls, so the wrapper is what protects the forms per address; the per-account
// limits (lib/auth/account-limits.ts) run in Better Auth's hooks and answer here as a Better Auth 429.
import 'server-only';
import { APIError } from 'better-auth/api';
import { z } from 'zod';
import { track } from '@/lib/analytics/server/mutation-events';
import { env } from '@/lib/env';
import { getOnboardingState } from '@/lib/onboarding/state';
import { stepPath } from '@/lib/onboarding/steps';
import { AppError } from '@/lib/server/errors';
import { defineAction, redirectOnSuccess } from '@/lib/server/mutation';
import { logInSchema, signUpSchema } from '@/lib/users/schemas';
import { RATE_LIMITED_MESSAGE } from './account-limits';
import { auth, authHeaders, retryAfterOf } from './config';
import { INCORRECT_CREDENTIALS, SIGN_UP_REFUSED } from './messages';
import { safeNextPath } from './safe-next';

const window = env.AUTH_RATE_LIMIT_WINDOW;
/**
 * The per-IP budget is generous and configurable (tests sign up many users from 127.0.0.1). Without a trusted
 * proxy the address is unknown and every caller shares the one `unknown` bucket (lib/server/client-ip.ts).
 */
const perIp = { window, max: env.AUTH_SIGNUP_RATE_LIMIT_MAX, key: (_: unknown, ctx: { address: string | null }) => ctx.address ?? 'unknown' };

/** A Better Auth refusal by a per-account limit, as the wrapper's structured 429. */
function rateLimited(error: APIError): AppError | null {
  const retryAfter = retryAfterOf(error);
  return retryAfter === null ? null : new AppError('rate_limited', RATE_LIMITED_MESSAGE, { retryAfter });
}

const redirectTo = (data: { redirectTo: string }) => data.redirectTo;

export const signUpAction = redirectOnSuccess(
  defineAction(
    { name: 'auth.sign_up', input: signUpSchema, auth: 'public', rateLimit: perIp },
    async (input, ctx) => {
      let result: { token: string | null; user: { id: string } };
      try {
        result = await auth.api.signUpEmail({ body: input, headers: authHeaders(ctx.headers) });
      } catch (error) {
        if (!(error instanceof APIError)) throw error;
        // Per email, whether or not the account exists: answering it says nothing about the address.
        throw rateLimited(error) ?? new AppError('conflict', SIGN_UP_REFUSED);
      }
      // A taken email gets Better Auth's made-up user and no session (lib/auth/config.ts), after hashing the
      // password as a real sign-up does: it reads like any other refusal and takes as long.
      if (!result.token) throw new AppError('conflict', SIGN_UP_REFUSED);
      const userId = result.user.id;
      // userId is for the analytics mapping; the caller only follows redirectTo.
      // Straight to the first step: a redirect chain (/onboarding → step) would flash a transient URL, counted as a pageview.
      return { redirectTo: stepPath('profile'), userId };
    },
    // The new user is identified (person properties from the email: domain and salted hash, never the address)
    // and the browser's anonymous id merged into them.
    (input, { userId }) =>
      track('auth.signed_up', { method: 'email', user_id: userId }, { identify: { userId, email: input.email, properties: { signed_up_at: new Date().toISOString() } } }),
  ),
  redirectTo,
);

export const logInAction = redirectOnSuccess(
  defineAction(
    {
      name: 'auth.log_in',
      input: logInSchema,
      auth: 'public',
      // Strict per account-and-IP budget against password guessing, plus the per-IP budget against spraying.
      rateLimit: [{ window, max: env.AUTH_RATE_LIMIT_MAX, key: (input, ctx) => `${ctx.address ?? 'unknown'}:${input.email}` }, perIp],
    },
    async (input, ctx) => {
      let userId: string;
      try {
        // Better Auth hashes a dummy password for unknown emails, so both failures take about the same time.
        const result = await auth.api.signInEmail({ body: { email: input.email, password: input.password }, headers: authHeaders(ctx.headers) });
        userId = result.user.id;
      } catch (error) {
        if (error instanceof APIError) throw rateLimited(error) ?? new AppError('unauthorized', INCORRECT_CREDENTIALS);
        throw error;
      }
      const next = safeNextPath(input.next);
      const state = await getOnboardingState(userId);
      // An unfinished onboarding wins over `next`: the app pages would send the user there anyway.
      return { redirectTo: state.next ? stepPath(state.next) : (next ?? '/dashboard'), userId };
    },
    (input, { userId }) => track('auth.logged_in', { method: 'email', user_id: userId }, { identify: { userId, email: input.email } }),
  ),
  redirectTo,
);

export const logOutAction = redirectOnSuccess(
  defineAction(
    { name: 'auth.log_out', input: z.object({}), auth: 'public' },
    async (_input, ctx) => {
      // An already-expired session is still a successful log-out.
      await auth.api.signOut({ headers: authHeaders(ctx.headers) }).catch((error: unknown) => {
        if (!(error instanceof APIError)) throw error;
      });
      return { redirectTo: '/' };
    },
    // The browser records auth.logged_out and resets its identity.
    false,
  ),
  redirectTo,
);
