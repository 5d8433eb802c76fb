// The runtime configuration of a server whose PostHog host and Sentry DSN point at a fake host on loopback instead of
// the in-process collector: the suite's one build, started with real backends configured (the configuration is read
// at start, lib/env.ts). Used by e2e/relay.spec.ts (fake host on E2E_PORT_BASE + 8) and e2e/hosts-down.spec.ts (its own
// fake host on + 9): each spec owns its port, so the two Playwright projects run side by side.
import { E2E_PORT_BASE } from './test-server';

export const RELAY_UPSTREAM_PORT = E2E_PORT_BASE + 8;
export const HOSTS_DOWN_UPSTREAM_PORT = E2E_PORT_BASE + 9;
export const RELAY_SENTRY_PROJECT = '4242';

/** A real (fake) backend for everything on the fake host at `upstreamPort`, local mode off. */
export function relayConfig(upstreamPort: number) {
  const upstream = `http://127.0.0.1:${upstreamPort}`;
  const dsn = `http://relaypublickey@127.0.0.1:${upstreamPort}/${RELAY_SENTRY_PROJECT}`;
  return {
    NEXT_PUBLIC_POSTHOG_KEY: 'phc_e2e_relay',
    NEXT_PUBLIC_POSTHOG_HOST: upstream,
    NEXT_PUBLIC_SENTRY_DSN: dsn,
    SENTRY_DSN: dsn,
    LOCAL_INBOX: '',
    DEPLOYMENT: 'e2e',
    SENTRY_AUTH_TOKEN: '',
  };
}

/** relay.spec's configuration: the fake host on E2E_PORT_BASE + 8. */
export const RELAY_CONFIG = relayConfig(RELAY_UPSTREAM_PORT);
