// Constants shared by the browser SDK wiring, the server client and the local collector. No imports: safe in any
// bundle, including first-load code.

/** The project key used in local mode (no NEXT_PUBLIC_POSTHOG_KEY): the collector accepts any, this one is Orbit's. */
export const POSTHOG_LOCAL_KEY = 'phc_orbit_local';

/** posthog-node's key for flag definitions in local mode: the collector wants a bearer key, any one. */
export const POSTHOG_LOCAL_PERSONAL_KEY = 'phx_orbit_local';

/** Same-origin requests from the browser carry the PostHog identity so server events join the same person/session. */
export const DISTINCT_ID_HEADER = 'x-posthog-distinct-id';
export const SESSION_ID_HEADER = 'x-posthog-session-id';

/** PostHog Cloud (US) when no host is configured: where events go (ingest) and where people look at them (UI). */
export const DEFAULT_POSTHOG_HOST = 'https://us.i.posthog.com';
export const DEFAULT_POSTHOG_UI_HOST = 'https://us.posthog.com';

/** The reverse-proxy path posthog-js talks to (rewritten to PostHog Cloud with a key, the local collector without). */
export const POSTHOG_API_PATH = '/ingest';

/** posthog-js's persistence cookie for a project key (JSON with `distinct_id`, `$sesid`, …). */
export function posthogCookieName(projectKey: string): string {
  return `ph_${projectKey}_posthog`;
}
