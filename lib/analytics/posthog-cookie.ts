// The PostHog identity a browser sends with a request: the `x-posthog-*` headers Orbit's API client adds, and
// posthog-js's persistence cookie `ph_<key>_posthog` (JSON: `distinct_id`, `$sesid` = [last activity, session id,
// session start]). One zod-validated parser for everything that reads it (server analytics, Sentry's link to
// PostHog in the server, edge and browser): ids are opaque tokens (UUIDv7, user ids), anything else is ignored, not
// trusted. Runtime-neutral: no node:*, no server-only.
import { z } from 'zod';
import { DISTINCT_ID_HEADER, posthogCookieName, SESSION_ID_HEADER } from './constants';
import './zod-browser';

/** Distinct and session ids are opaque tokens: anything else (markup, whitespace, huge values) is dropped. */
const Id = z.string().regex(/^[A-Za-z0-9_\-.:$]{1,200}$/);

/** Each field on its own: a bad session id does not cost the distinct id, nor the other way round. */
const PosthogCookie = z.object({
  distinct_id: Id.optional().catch(undefined),
  $sesid: z.tuple([z.unknown(), Id.optional().catch(undefined)]).rest(z.unknown()).optional().catch(undefined),
  /** posthog-js's `$user_state`: `identified` once identify() ran in this browser (until reset()). */
  $user_state: z.enum(['identified', 'anonymous']).optional().catch(undefined),
});

export type PosthogIds = {
  distinctId: string | null;
  sessionId: string | null;
  /** Present when the browser says distinctId is an identified person (posthog-js's `$user_state`). */
  identified?: true;
};
/** A PostHog person, and the session when known: what Sentry events link to. */
export type PostHogIdentity = { distinctId: string; sessionId?: string };

/** An id a browser sent, if it is one. */
export function cleanId(value: unknown): string | null {
  const parsed = Id.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** Reads one cookie from a Cookie header (or document.cookie). */
export function readCookie(header: string | null | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

/** The ids in posthog-js's cookie value (URI-encoded JSON); null where absent or not an id. */
export function posthogCookieIds(raw: string | undefined): PosthogIds {
  if (!raw) return { distinctId: null, sessionId: null };
  let json: unknown;
  try {
    json = JSON.parse(decodeURIComponent(raw));
  } catch {
    return { distinctId: null, sessionId: null };
  }
  const parsed = PosthogCookie.safeParse(json);
  if (!parsed.success) return { distinctId: null, sessionId: null };
  return {
    distinctId: parsed.data.distinct_id ?? null,
    sessionId: parsed.data.$sesid?.[1] ?? null,
    ...(parsed.data.distinct_id !== undefined && parsed.data.$user_state === 'identified' ? { identified: true } : {}),
  };
}

/** The person (and session) of posthog-js's cookie value, or null without a valid distinct id. */
export function identityFromCookie(raw: string | undefined): PostHogIdentity | null {
  const { distinctId, sessionId } = posthogCookieIds(raw);
  return distinctId ? { distinctId, ...(sessionId ? { sessionId } : {}) } : null;
}

/** The browser's own ids for a request: the headers first (explicit, per call), the cookie as fallback. */
export function requestPosthogIds(headers: Headers, projectKey: string): PosthogIds {
  const cookie = posthogCookieIds(readCookie(headers.get('cookie'), posthogCookieName(projectKey)));
  const distinctId = cleanId(headers.get(DISTINCT_ID_HEADER)) ?? cookie.distinctId;
  return {
    distinctId,
    sessionId: cleanId(headers.get(SESSION_ID_HEADER)) ?? cookie.sessionId,
    // Known from the cookie only, and only for the id the cookie holds.
    ...(distinctId !== null && distinctId === cookie.distinctId && cookie.identified === true ? { identified: true } : {}),
  };
}
