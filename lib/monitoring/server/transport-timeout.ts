// A deadline for every request the server's Sentry transport makes. @sentry/nextjs 11's Node transport has no
// timeout option (NodeTransportOptions: proxy, caCerts, httpModule, keepAlive); its agent's socket `timeout` only
// emits an event, so a Sentry host that accepts connections and never answers holds each socket for good (a
// blackholed host held 35). The supported `httpModule` option lets Orbit wrap node:http/https and destroy a request
// past its deadline; the SDK then records the envelope as a network error and drops it, nothing reaches the app.
import 'server-only';
import http, { type ClientRequest } from 'node:http';
import https from 'node:https';
import type { makeNodeTransport } from '@sentry/nextjs';

type NodeTransportOptions = Parameters<typeof makeNodeTransport>[0];

/** Well over a healthy Sentry answer (tens of milliseconds), well under what a held socket costs a busy server. */
export const SENTRY_REQUEST_TIMEOUT_MS = 10_000;

type HttpModule = NonNullable<NodeTransportOptions['httpModule']>;

/** node:http/https with a total deadline per request (connect, send and answer). */
function boundedHttpModule(timeoutMs: number): HttpModule {
  return {
    request(options, callback): ClientRequest {
      const secure = typeof options === 'object' && !(options instanceof URL) ? options.protocol === 'https:' : String(options).startsWith('https:');
      const req = secure ? https.request(options, callback) : http.request(options, callback);
      const timer = setTimeout(() => req.destroy(new Error(`Sentry request timed out after ${timeoutMs} ms`)), timeoutMs);
      timer.unref();
      req.once('close', () => clearTimeout(timer));
      return req;
    },
  };
}

/** `transportOptions` for the server's Sentry.init. */
export function sentryTransportOptions(timeoutMs = SENTRY_REQUEST_TIMEOUT_MS): Pick<NodeTransportOptions, 'httpModule'> {
  return { httpModule: boundedHttpModule(timeoutMs) };
}
