// The load benchmark's build and server configuration (bench/load.mjs). Kept apart so the build can be made
// ahead of a run with the same configuration stamp (e2e/support/own-build.ts rebuilds when it changes).

/** Its own dist dir: the configuration below is baked into the bundles. */
export const LOAD_DIST_DIR = '.next-bench-load';

/**
 * Build-time configuration: Orbit as deployed with PostHog and Sentry, local mode off. The NEXT_PUBLIC_ hosts are
 * placeholders on the discard port (nothing listens there; no browser runs in this benchmark): each server gets
 * the fake host's real address at runtime (POSTHOG_HOST, SENTRY_DSN), so the port base does not force a rebuild.
 */
export const LOAD_BUILD_ENV = {
  NEXT_PUBLIC_POSTHOG_KEY: 'phc_bench_load_0000000000000000000000000',
  NEXT_PUBLIC_POSTHOG_HOST: 'http://127.0.0.1:9',
  NEXT_PUBLIC_SENTRY_DSN: 'http://benchloadpublickey@127.0.0.1:9/1',
  NEXT_PUBLIC_INSTRUMENTATION: '',
  LOCAL_INBOX: '',
  DATABASE_URL: '',
  STRIPE_SECRET_KEY: '',
  // No source-map upload, no release lookup against sentry.io.
  SENTRY_AUTH_TOKEN: '',
  SENTRY_ORG: '',
  SENTRY_PROJECT: '',
};
