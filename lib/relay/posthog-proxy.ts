// The PostHog ingest proxy outside local mode: `/ingest/<path>` → the configured PostHog host (`/static/*` and
// `/array/*` → its assets host), same path and query, through relay() (no cookies, capped, timed out). A first-party
// path keeps ad blockers from dropping analytics; a route handler instead of a `rewrites()` entry keeps the session
// cookie and every other header off PostHog's servers.
import 'server-only';
import { DEFAULT_POSTHOG_HOST } from '@/lib/analytics/constants';
import { readBoundedBody } from '@/lib/server/bounded-body';
import { clientIp, disclosedIp, type ClientIpDisclosure } from '@/lib/server/client-ip';
import { AppError } from '@/lib/server/errors';
import { observeCatalogDrift } from './catalog-drift';
import { relayOrStore } from './durable';
import { relay } from './relay';

/** posthog-js batches and compresses; a recording chunk stays well under this. */
const INGEST_MAX_BODY_BYTES = 5 * 1024 * 1024;
const INGEST_PREFIX = '/ingest';

export type IngestConfig = {
  key?: string;
  host?: string;
  timeoutMs?: number;
  maxBodyBytes?: number;
  /** How much of the visitor's address PostHog gets as X-Forwarded-For (POSTHOG_CLIENT_IP); default `truncated`. */
  clientIp?: ClientIpDisclosure;
  /** Proxies in front of Orbit (TRUSTED_PROXY_HOPS) for deriving that address; default from env. */
  trustedProxyHops?: number;
  cooldownMs?: number;
};

/** PostHog Cloud serves its SDK assets from a sibling host: us.i.posthog.com → us-assets.i.posthog.com. */
function posthogAssetsHost(host: string): string {
  return host.replace(/^(https?:\/\/)(us|eu)\.i\.posthog\.com$/, '$1$2-assets.i.posthog.com');
}

/** SDK files and remote config (`/static/*`, `/array/*`): nothing about the visitor is needed to serve them. */
function isAssetPath(target: URL, configuredHost = DEFAULT_POSTHOG_HOST): boolean {
  const base = new URL(configuredHost.replace(/\/+$/, '')).pathname.replace(/\/$/, '');
  return /^\/(static|array)\//.test(target.pathname.slice(base.length));
}

/** posthog-js's capture endpoints: events (`/e/`, `/i/v0/e/`, `/batch/`) and recordings (`/s/`). */
const CAPTURE_PATH = /^\/(e|batch|i\/v0\/e|s)\/?$/;

/** `/ingest<rest>` → `<rest>` with its query when it is a capture endpoint, else null. */
function capturePath(requestUrl: string): string | null {
  const url = new URL(requestUrl);
  const rest = url.pathname.slice(INGEST_PREFIX.length);
  return CAPTURE_PATH.test(rest) ? `${rest}${url.search}` : null;
}

/** What PostHog answers a capture it took; posthog-js treats it as delivered. */
const capturedAnswer = () => Response.json({ status: 1 });

/** Where a stored capture (`<rest>` with its query) goes with the current configuration; null when it cannot. */
export function storedPosthogTarget(rest: string, configuredHost?: string): URL | null {
  return posthogTarget(`http://relay.invalid${INGEST_PREFIX}${rest}`, configuredHost);
}

/** Where `/ingest<rest>` goes; null when the path could escape the configured host's path. */
export function posthogTarget(requestUrl: string, configuredHost = DEFAULT_POSTHOG_HOST): URL | null {
  const url = new URL(requestUrl);
  if (!url.pathname.startsWith(`${INGEST_PREFIX}/`)) return null;
  const rest = url.pathname.slice(INGEST_PREFIX.length);
  // Dot segments (raw or percent-encoded) and backslashes would be normalised into another path by URL parsing.
  if (/(^|\/)(\.|%2e){1,2}(\/|$)|\\|%5c|%2f/i.test(rest)) return null;
  const host = configuredHost.replace(/\/+$/, '');
  const base = /^\/(static|array)\//.test(rest) ? posthogAssetsHost(host) : host;
  const target = new URL(`${base}${rest}${url.search}`);
  const expected = new URL(base);
  if (target.origin !== expected.origin || !target.pathname.startsWith(expected.pathname.replace(/\/$/, ''))) return null;
  return target;
}

/** Relays one posthog-js request; throws AppError (4xx for bad input, 502/504 for the upstream). */
export async function proxyIngest(req: Request, config: IngestConfig): Promise<Response> {
  if (!config.key) throw new AppError('not_found', 'Not found.');
  const method = req.method.toUpperCase();
  if (method !== 'GET' && method !== 'HEAD' && method !== 'POST') {
    throw new AppError('method_not_allowed', `${method} is not allowed here (allowed: GET, HEAD, POST).`);
  }
  const target = posthogTarget(req.url, config.host);
  if (!target) throw new AppError('validation', 'Invalid ingest path.');
  const body = method === 'POST' ? await readBoundedBody(req, config.maxBodyBytes ?? INGEST_MAX_BODY_BYTES) : undefined;
  // PostHog's GeoIP reads the request's address: the visitor's, as far as the setting allows, never the client's
  // own X-Forwarded-For text (relay() drops it) and never the server's presented as theirs. SDK assets need none.
  const forwardedFor = isAssetPath(target, config.host) ? null : disclosedIp(clientIp(req.headers, config.trustedProxyHops), config.clientIp ?? 'truncated');
  const rest = capturePath(req.url);
  if (body && rest !== null) {
    // Events and recordings are kept when PostHog cannot take them (durable.ts); nothing else is. Once answered,
    // the body is counted for catalog drift (catalog-drift.ts), off the response path.
    return relayOrStore(req, target, { method, body, timeoutMs: config.timeoutMs, cooldownMs: config.cooldownMs, forwardedFor }, { destination: 'posthog', path: rest, accepted: capturedAnswer }).finally(() => observeCatalogDrift(req, rest, body));
  }
  return relay(req, target, { method, body, timeoutMs: config.timeoutMs, forwardedFor });
}
