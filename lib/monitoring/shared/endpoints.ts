// Where Orbit's Sentry SDKs send envelopes. No imports: safe in the browser, edge and Node.js bundles.

/** The browser SDK's tunnel outside local mode: app/monitoring relays to the configured DSN (lib/relay/sentry-tunnel.ts). */
export const SENTRY_TUNNEL_PATH = '/monitoring';

/**
 * Local mode: each runtime sends to the collector (`/sentry/<project>`) under its own project id, stored with every
 * item, so the inbox's rows say which SDK sent them.
 */
export const LOCAL_SENTRY_PROJECT = { browser: '1', server: '2', edge: '3' } as const;
