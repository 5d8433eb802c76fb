// Budgets per account, which no header, address or parallel burst can reset: failed log-ins per email and
// sign-up attempts per email. They run inside Better Auth's hooks (lib/auth/config.ts), so the forms' server
// actions and Better Auth's own HTTP endpoints draw on the same counters.
import 'server-only';
import { consume, refund, type RateLimitDecision, type RateLimitRule } from '@/lib/server/rate-limit';

/** Failed log-ins per email: a slow enough pace that guessing a reasonable password takes years. */
export const LOGIN_FAILURES: RateLimitRule = { window: 15 * 60, max: 10 };
/** Sign-up attempts per email (only one can succeed; the rest are refusals or someone hammering an address). */
export const SIGN_UPS_PER_EMAIL: RateLimitRule = { window: 15 * 60, max: 10 };

export const RATE_LIMITED_MESSAGE = 'Too many attempts. Please wait a moment and try again.';

/** The same normalisation as the forms' email schema, so `A@x.com ` and `a@x.com` share one budget. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

const loginKey = (email: string) => `auth.login_failures:${normaliseEmail(email)}`;

/**
 * Takes one attempt from the account's budget before the password is checked, atomically, so parallel guesses
 * cannot all pass a check made before any of them is counted. A successful log-in gives its attempt back
 * (refundLogInAttempt): what remains counted are the failures.
 */
export function reserveLogInAttempt(email: string): Promise<RateLimitDecision> {
  return consume(loginKey(email), LOGIN_FAILURES);
}

export function refundLogInAttempt(email: string): Promise<void> {
  return refund(loginKey(email));
}

export function consumeSignUpAttempt(email: string): Promise<RateLimitDecision> {
  return consume(`auth.sign_up_email:${normaliseEmail(email)}`, SIGN_UPS_PER_EMAIL);
}
