// The one way Orbit relays a browser request to a third party (PostHog ingest, Sentry envelopes): to a URL the
// caller built from configuration, with an allow-list of request headers (never the session cookie, credentials,
// forwarding or trace headers), a capped body, a timeout, and an allow-list of response headers (never Set-Cookie).
// A host that did not answer is left alone for a cooldown: the browser gets a 503 at once instead of each of its
// requests holding a connection (and a socket to the dead host) for the whole timeout.
// Refusals are the app's AppError (lib/server/errors.ts): 4xx for bad input, 502/503/504 for the upstream.
import 'server-only';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { AppError } from '@/lib/server/errors';

/**
 * Request headers a relayed request keeps; everything else (Cookie, Authorization, X-Forwarded-*, …) is dropped.
 * The only X-Forwarded-For ever sent is the one the caller derives (RelayOptions.forwardedFor).
 */
export const FORWARDED_REQUEST_HEADERS = ['content-type', 'content-encoding', 'user-agent', 'accept', 'accept-language'] as const;

/** Response headers the browser gets back; everything else (Set-Cookie, Location, server internals) is dropped. */
export const RETURNED_RESPONSE_HEADERS = [
  'content-type',
  'cache-control',
  'etag',
  'last-modified',
  'expires',
  'retry-after',
  // Sentry's SDK backs off on these.
  'x-sentry-rate-limits',
] as const;

/** Milliseconds before a relayed request (and its response body) is abandoned. */
export const RELAY_TIMEOUT_MS = 5_000;

/** Milliseconds after a failed attempt during which a host gets no new request (503 at once, with Retry-After). */
export const RELAY_COOLDOWN_MS = 5_000;

function pick(from: Headers, names: readonly string[]): Headers {
  const out = new Headers();
  for (const name of names) {
    const value = from.get(name);
    if (value !== null) out.set(name, value);
  }
  return out;
}

/**
 * Sentry's server SDK adds `sentry-trace` and `baggage` (trace id, release, transaction name) to every outgoing fetch
 * when undici announces the request (diagnostics channel `undici:request:create`), after the headers given to fetch.
 * A relayed request is marked, and a subscriber that runs after the SDK's removes those headers and the mark before
 * anything is sent. Re-subscribed on every relay so it stays the last subscriber whenever the SDK was initialised.
 */
const RELAY_MARK = 'x-orbit-relay';
const CREATE_CHANNEL = 'undici:request:create';
const ADDED_HEADERS = new Set([RELAY_MARK, 'sentry-trace', 'baggage', 'traceparent', 'tracestate']);

function stripAddedHeaders(message: unknown): void {
  const request = (message as { request?: { headers?: unknown } }).request;
  if (!request) return;
  const headers = request.headers;
  if (Array.isArray(headers)) {
    const isMarked = headers.some((v, i) => i % 2 === 0 && String(v).toLowerCase() === RELAY_MARK);
    if (!isMarked) return;
    const kept: unknown[] = [];
    for (let i = 0; i < headers.length; i += 2) {
      if (!ADDED_HEADERS.has(String(headers[i]).toLowerCase())) kept.push(headers[i], headers[i + 1]);
    }
    headers.splice(0, headers.length, ...kept);
  } else if (typeof headers === 'string' && headers.toLowerCase().includes(`${RELAY_MARK}:`)) {
    request.headers = headers
      .split('\r\n')
      .filter((line) => !ADDED_HEADERS.has(line.slice(0, line.indexOf(':')).trim().toLowerCase()))
      .join('\r\n');
  }
}

function stripLast(): void {
  unsubscribe(CREATE_CHANNEL, stripAddedHeaders);
  subscribe(CREATE_CHANNEL, stripAddedHeaders);
}

/**
 * Hosts that failed recently, by origin (only configured destinations reach relay(), so this stays a handful).
 * While `until` is ahead every request fails fast; after it, one request at a time (`probing`) tries the host, and
 * any HTTP answer forgets the failure.
 */
const downHosts = new Map<string, { until: number; probing: boolean }>();

/**
 * Throws 503 while `origin` is cooling down or another request is probing it; otherwise lets this one through.
 * Returns true when this request is the probe.
 */
function admit(origin: string, now: number): boolean {
  const down = downHosts.get(origin);
  if (!down) return false;
  if (now < down.until || down.probing) {
    const retryAfter = Math.max(1, Math.ceil((down.until - now) / 1000));
    throw new AppError('upstream_unavailable', `${new URL(origin).host} did not answer moments ago; not retried for ${retryAfter} s.`, { retryAfter });
  }
  down.probing = true;
  return true;
}

/**
 * Records a failed attempt: the host cools down. A request that was already on its way before the host failed can
 * fail while a probe is out; it extends the cooldown but leaves the probe the only one out.
 */
function markDown(origin: string, cooldownMs: number, wasProbe: boolean): void {
  const down = downHosts.get(origin);
  const until = Math.max(Date.now() + cooldownMs, down?.until ?? 0);
  downHosts.set(origin, { until, probing: !wasProbe && (down?.probing ?? false) });
}

export type RelayOptions = {
  method: 'GET' | 'HEAD' | 'POST';
  body?: Uint8Array;
  timeoutMs?: number;
  cooldownMs?: number;
  /** headers to send instead of the allow-listed ones of `from` (the tunnel sets its own content type) */
  headers?: Headers;
  /** the one address sent as X-Forwarded-For (derived and reduced by the caller); never the client's own header */
  forwardedFor?: string | null;
};

/** The headers a relayed request goes out with (and a stored one is kept with, lib/relay/queue.ts). */
export function outgoingHeaders(from: Request, options: Pick<RelayOptions, 'headers' | 'forwardedFor'>): Headers {
  const headers = new Headers(options.headers ?? pick(from.headers, FORWARDED_REQUEST_HEADERS));
  if (options.forwardedFor) headers.set('x-forwarded-for', options.forwardedFor);
  return headers;
}

/**
 * Sends one request to `target` and returns the upstream answer with only the allow-listed response headers.
 * The caller guarantees `target` is a configured destination. Throws AppError on timeout (504), when the upstream
 * cannot be reached or answers with a redirect (502), and while it cools down after one of those (503).
 */
export async function relay(from: Request, target: URL, options: RelayOptions): Promise<Response> {
  const timeoutMs = options.timeoutMs ?? RELAY_TIMEOUT_MS;
  const probe = admit(target.origin, Date.now());
  stripLast();
  const headers = outgoingHeaders(from, options);
  headers.set(RELAY_MARK, '1');
  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method: options.method,
      headers,
      body: options.body && options.method === 'POST' ? (options.body as Uint8Array<ArrayBuffer>) : undefined,
      // A redirect could point anywhere: never follow one.
      redirect: 'manual',
      credentials: 'omit',
      cache: 'no-store',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    markDown(target.origin, options.cooldownMs ?? RELAY_COOLDOWN_MS, probe);
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
      throw new AppError('upstream_timeout', `${target.host} did not answer within ${timeoutMs} ms.`);
    }
    throw new AppError('upstream_unreachable', `${target.host} could not be reached.`);
  }
  downHosts.delete(target.origin);
  if (upstream.status >= 300 && upstream.status < 400) {
    await upstream.body?.cancel().catch(() => undefined);
    throw new AppError('upstream_unreachable', `${target.host} answered with a redirect (${upstream.status}); redirects are not followed.`);
  }
  // fetch already decoded the body, so its content-encoding and length no longer apply: neither is passed on.
  const returned = pick(upstream.headers, RETURNED_RESPONSE_HEADERS);
  const body = options.method === 'HEAD' || upstream.status === 204 || upstream.status === 304 ? null : upstream.body;
  return new Response(body, { status: upstream.status, statusText: upstream.statusText, headers: returned });
}
