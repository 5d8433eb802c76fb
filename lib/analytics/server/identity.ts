// Who a server event is about, so browser and server events land on one person:
// 1. a signed-in user → their user id (the browser identifies with the same id);
// 2. an anonymous visitor → the browser's PostHog distinct id, from the `x-posthog-distinct-id` header the API
//    client adds to same-origin calls, or from posthog-js's persistence cookie `ph_<key>_posthog`;
// 3. neither → a random id with `$process_person_profile: false` (a personless event, no ghost person).
// The session id travels the same way (`x-posthog-session-id`, or `$sesid` in the cookie), so server events join
// the session replay; a browser identified as another person (`$user_state` in the cookie) lends this user neither. Emails never leave the server raw (`email_hash`, salted SHA-256, truncated); the address
// goes as `ip_hash` and, for GeoIP, as `$ip` only as far as POSTHOG_CLIENT_IP allows (truncated by default).
import 'server-only';
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { POSTHOG_LOCAL_KEY, posthogCookieName } from '@/lib/analytics/constants';
import { posthogCookieIds, readCookie, requestPosthogIds, type PosthogIds } from '@/lib/analytics/posthog-cookie';
import { env } from '@/lib/env';
import { clientIp, disclosedIp, type ClientIpDisclosure } from '@/lib/server/client-ip';
import type { PersonProperties } from '@/lib/analytics/person-properties';
import type { AnalyticsIdentity } from './client';

let cachedSalt: string | null = null;
function salt(): string {
  cachedSalt ??=
    env.POSTHOG_IP_HASH_SALT ?? createHmac('sha256', env.BETTER_AUTH_SECRET).update('orbit-analytics-hash-salt').digest('hex');
  return cachedSalt;
}

/** Salted SHA-256, first 16 hex digits: stable per value (count distinct visitors), not reversible without the salt. */
function saltedHash(value: string): string {
  return createHash('sha256').update(`${salt()}:${value}`).digest('hex').slice(0, 16);
}

export function ipHash(ip: string | null): string | null {
  return ip ? saltedHash(ip.trim().toLowerCase()) : null;
}

/** What Orbit sends about a person instead of their email: the domain (company) and a salted hash. */
export function personPropertiesFromEmail(email: string): PersonProperties {
  const normalized = email.trim().toLowerCase();
  const domain = normalized.split('@')[1];
  return { ...(domain ? { email_domain: domain } : {}), email_hash: saltedHash(normalized) };
}

/** posthog-js's cookie: `distinct_id` and the session id of `$sesid`, each null unless it is an opaque id. */
export function readPosthogCookie(headers: Headers, projectKey = env.NEXT_PUBLIC_POSTHOG_KEY ?? POSTHOG_LOCAL_KEY): PosthogIds {
  return posthogCookieIds(readCookie(headers.get('cookie'), posthogCookieName(projectKey)));
}

/** The browser's own ids for this request: header first (explicit, per call), the cookie as fallback. */
export function browserIds(headers: Headers): PosthogIds {
  return requestPosthogIds(headers, env.NEXT_PUBLIC_POSTHOG_KEY ?? POSTHOG_LOCAL_KEY);
}

/** The identity of a request: the user when signed in, else the browser's anonymous id, else a personless id. */
export function identityFromRequest(headers: Headers, user: { id: string } | null, disclosure: ClientIpDisclosure = env.POSTHOG_CLIENT_IP): AnalyticsIdentity {
  const browser = browserIds(headers);
  const address = clientIp(headers);
  // The same address the ingest relay forwards for the browser's events, so a person's GeoIP does not depend on
  // which side sent first.
  const where = { ipHash: ipHash(address), ip: disclosedIp(address, disclosure) };
  if (user) {
    // A browser identified as someone else (another account signed in here before, posthog-js not reset yet): its id
    // and its session are that person's, lent to nobody: no alias to them, no event of this user in their session.
    const foreign = browser.identified === true && browser.distinctId !== user.id;
    return {
      distinctId: user.id,
      anonymousId: !foreign && browser.distinctId && browser.distinctId !== user.id ? browser.distinctId : null,
      sessionId: foreign ? null : browser.sessionId,
      ...where,
    };
  }
  if (browser.distinctId) return { distinctId: browser.distinctId, sessionId: browser.sessionId, ...where };
  return { distinctId: randomUUID(), sessionId: browser.sessionId, ...where, hasPerson: false };
}

/** An identity without a request (webhooks, jobs): the person is known by id only. */
export function identityForUser(userId: string): AnalyticsIdentity {
  return { distinctId: userId };
}
