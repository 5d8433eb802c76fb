// The runtime configuration of a server whose PostHog host and Sentry DSN point at a fake host on loopback instead of
// the in-process collector: the suite's one build, started with real backends configured (the configuration is read
// at start, lib/env.ts). Shared by the specs of the `relay` Playwright project (e2e/relay.spec.ts,
// e2e/hosts-down.spec.ts); they run one after the other because they share the fake host's port.
import { E2E_PORT_BASE } from './test-server';

export const RELAY_UPSTREAM_PORT = E2E_PORT_BASE + 8;
const RELAY_UPSTREAM = `http://127.0.0.1:${RELAY_UPSTREAM_PORT}`;
export const RELAY_SENTRY_PROJECT = '4242';
const RELAY_DSN = `http://relaypublickey@127.0.0.1:${RELAY_UPSTREAM_PORT}/${RELAY_SENTRY_PROJECT}`;

/** A real (fake) backend for everything, local mode off. */
export const RELAY_CONFIG = {
  NEXT_PUBLIC_POSTHOG_KEY: 'phc_e2e_relay',
  NEXT_PUBLIC_POSTHOG_HOST: RELAY_UPSTREAM,
  NEXT_PUBLIC_SENTRY_DSN: RELAY_DSN,
  SENTRY_DSN: RELAY_DSN,
  LOCAL_INBOX: '',
  DEPLOYMENT: 'e2e',
  SENTRY_AUTH_TOKEN: '',
};
