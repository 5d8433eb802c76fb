// Budgets per account, which no header, address or parallel burst can reset: failed log-ins per email and
// sign-up attempts per email. They run inside Better Auth's hooks (lib/auth/config.ts), so the forms' server
// actions and Better Auth's own HTTP endpoints draw on the same counters.
//
// Failed log-ins follow OWASP's device-cookie scheme (lib/auth/known-device.ts) with a per-address layer in front:
// - a known device (this browser logged in to the account before) has its own budget, which nobody else's
//   failures touch, so an attacker cannot lock the owner out of the devices they use;
// - every other attempt draws first on a budget per account and address (IPv4, or IPv6 /64), then on one budget
//   per account shared by all new devices. An address that spent its share is refused before it reaches the
//   shared budget, so a single attacking address cannot lock new devices out either; several addresses can, for
//   at most one window. The figures and the trade-off are in docs/security.md.
import 'server-only';
import { consume, refund, type RateLimitDecision, type RateLimitRule } from '@/lib/server/rate-limit';

/** Failed log-ins per account and address, from devices that never logged in to the account. */
export const LOGIN_FAILURES_PER_SOURCE: RateLimitRule = { window: 15 * 60, max: 5 };
/** Failed log-ins per account from all such devices together: what an attacker gets, whatever their addresses. */
export const LOGIN_FAILURES_NEW_DEVICES: RateLimitRule = { window: 15 * 60, max: 10 };
/** Failed log-ins per account from one known device (typos; a stolen device cookie buys no more than this). */
export const LOGIN_FAILURES_PER_DEVICE: RateLimitRule = { window: 15 * 60, max: 10 };
/** Sign-up attempts per email (only one can succeed; the rest are refusals or someone hammering an address). */
const SIGN_UPS_PER_EMAIL: RateLimitRule = { window: 15 * 60, max: 10 };

export const RATE_LIMITED_MESSAGE = 'Too many attempts. Please wait a moment and try again.';

/** The same normalisation as the forms' email schema, so `A@x.com ` and `a@x.com` share one budget. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/**
 * One log-in attempt: the email typed, the caller's address key (lib/server/client-ip.ts `addressKey`, null when
 * unknown) and the known-device id when the browser's cookie names this account (known-device.ts).
 */
export type LogInAttempt = { email: string; address: string | null; device: string | null };

function budgets({ email, address, device }: LogInAttempt): Array<[key: string, rule: RateLimitRule]> {
  const account = normaliseEmail(email);
  if (device) return [[`auth.login_failures.device:${device}:${account}`, LOGIN_FAILURES_PER_DEVICE]];
  return [
    [`auth.login_failures.source:${address ?? 'unknown'}:${account}`, LOGIN_FAILURES_PER_SOURCE],
    [`auth.login_failures:${account}`, LOGIN_FAILURES_NEW_DEVICES],
  ];
}

/**
 * Takes one attempt from each budget the attempt draws on, in order, before the password is checked, atomically,
 * so parallel guesses cannot all pass a check made before any of them is counted. The first exhausted budget
 * refuses, and the later ones are not drawn on. A successful log-in gives its attempt back (refundLogInAttempt):
 * what remains counted are the failures.
 */
export async function reserveLogInAttempt(attempt: LogInAttempt): Promise<RateLimitDecision> {
  for (const [key, rule] of budgets(attempt)) {
    const decision = await consume(key, rule);
    if (!decision.allowed) return decision;
  }
  return { allowed: true };
}

export async function refundLogInAttempt(attempt: LogInAttempt): Promise<void> {
  for (const [key] of budgets(attempt)) await refund(key);
}

export function consumeSignUpAttempt(email: string): Promise<RateLimitDecision> {
  return consume(`auth.sign_up_email:${normaliseEmail(email)}`, SIGN_UPS_PER_EMAIL);
}
