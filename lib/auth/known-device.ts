// Known devices, after OWASP's "Slow Down Online Guessing Attacks with Device Cookies": a browser that logged in to
// an account successfully gets a cookie saying so, and its later log-ins to that account draw on a budget of their
// own (lib/auth/account-limits.ts). Failures from everywhere else can lock out new devices for a while, never the
// owner's known ones.
//
// The cookie is `<device id>.<tag>.<tag>…`: a random id and, per account that logged in on this browser (at most
// five, newest last), tag = HMAC(secret, id + normalised email). It names no account, a tag for one account says
// nothing about another, and without the server secret none can be made up. No database row is involved.
import 'server-only';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { env } from '@/lib/env';
import { normaliseEmail } from './account-limits';

/** Better Auth cookie name (`orbit.device`, `__Secure-` in production) and lifetime. */
export const DEVICE_COOKIE = 'device';
export const DEVICE_COOKIE_MAX_AGE = 365 * 24 * 60 * 60;

const MAX_ACCOUNTS = 5;
const PART = /^[\w-]{22}$/;

function tag(device: string, email: string): string {
  return createHmac('sha256', env.BETTER_AUTH_SECRET)
    .update(`orbit-known-device:${device}:${normaliseEmail(email)}`)
    .digest('base64url')
    .slice(0, 22);
}

function parse(cookie: string | null | undefined): { device: string; tags: string[] } | null {
  if (!cookie || cookie.length > 23 * (MAX_ACCOUNTS + 1)) return null;
  const [device = '', ...tags] = cookie.split('.');
  if (!PART.test(device) || tags.length > MAX_ACCOUNTS || !tags.every((t) => PART.test(t))) return null;
  return { device, tags };
}

/** The device id when `cookie` says this browser logged in to `email` before, else null. */
export function knownDevice(cookie: string | null | undefined, email: string): string | null {
  const parsed = parse(cookie);
  if (!parsed) return null;
  const expected = Buffer.from(tag(parsed.device, email));
  return parsed.tags.some((t) => timingSafeEqual(Buffer.from(t), expected)) ? parsed.device : null;
}

/** The cookie after a successful log-in to `email`: the same device id (a new one if none), `email` added. */
export function rememberDevice(cookie: string | null | undefined, email: string): string {
  const parsed = parse(cookie) ?? { device: randomBytes(16).toString('base64url'), tags: [] };
  const mine = tag(parsed.device, email);
  const tags = [...parsed.tags.filter((t) => t !== mine), mine].slice(-MAX_ACCOUNTS);
  return [parsed.device, ...tags].join('.');
}
