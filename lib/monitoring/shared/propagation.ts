// Where Sentry may send `sentry-trace` / `baggage` (tracePropagationTargets) and which requests get no span at all.
// Orbit's own telemetry (the local collector, the PostHog proxy, the Sentry tunnel, the inbox) must never continue a
// user's trace: its spans would sit inside the page's story, and its requests would be traced about themselves.
// Pure: shared by the browser, server and edge configs.

/** Paths of Orbit's own telemetry endpoints. */
const TELEMETRY = String.raw`(ingest|monitoring|sentry|api\/dev\/inbox|dev\/inbox)(\/|\?|#|$)`;
const TELEMETRY_PATH = new RegExp(String.raw`^\/${TELEMETRY}`);

/** An absolute URL of a telemetry endpoint, on any host (for span filters that see `url.full`). */
export const TELEMETRY_URL = new RegExp(String.raw`^https?:\/\/[^/?#]+\/${TELEMETRY}`);

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** True for a URL or path (absolute, or relative to `base`) that points at one of Orbit's telemetry endpoints. */
export function isTelemetryUrl(url: string, base = 'http://orbit.invalid'): boolean {
  try {
    return TELEMETRY_PATH.test(new URL(url, base).pathname);
  } catch {
    return false;
  }
}

/**
 * Propagation targets for these origins (the app's own), telemetry paths excluded. Regexes only: Sentry matches a
 * string target as a substring, so `location.origin` would also match `/ingest` on that origin. The browser SDK also
 * matches a same-origin request's bare path, hence the relative form.
 */
export function propagationTargets(origins: (string | undefined)[]): RegExp[] {
  const own = [...new Set(origins.filter((o): o is string => !!o).map((o) => o.replace(/\/+$/, '')))];
  return [
    ...own.map((o) => new RegExp(`^${escapeRegExp(o)}(?!\\/${TELEMETRY})(\\/|\\?|#|$)`)),
    new RegExp(`^\\/(?!\\/|${TELEMETRY})`),
  ];
}
