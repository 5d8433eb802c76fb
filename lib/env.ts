// The one place Orbit reads its configuration. Every variable is validated with zod at boot;
// a missing required key fails with its name, optional integrations switch off when absent.
// Every variable is listed and explained in .env.example.
import { createHmac } from 'node:crypto';
import { createEnv } from '@t3-oss/env-nextjs';
import { z } from 'zod';
import { decideLocalMode } from './local-mode';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const isProduction = process.env.NODE_ENV === 'production';

/** A variable read at runtime: a computed key is one the bundler cannot inline. */
function runtimeVar(name: string): string | undefined {
  return process.env[name];
}
const DEV_AUTH_SECRET = 'orbit-development-secret-do-not-use-in-production-0000';

export const env = createEnv({
  server: {
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    /** Public origin of the app, used for absolute links, auth and billing redirects and the local provider's
     *  webhook. Required in production: request headers (Host, X-Forwarded-Host) are client-controlled. */
    APP_URL: isProduction ? z.url('APP_URL is required in production (the public origin, e.g. https://orbit.example.com)') : z.url().optional(),
    /** Deployment name (production, preview, staging, local…); reported to Sentry and PostHog. */
    DEPLOYMENT: z.string().min(1).default('local'),

    // Database: real Postgres when DATABASE_URL is set, embedded PGlite (on disk) otherwise.
    DATABASE_URL: z.url().optional(),
    PGLITE_DATA_DIR: z.string().min(1).default('.data/pglite'),

    // Auth (Better Auth).
    BETTER_AUTH_SECRET: isProduction
      ? z.string().min(32, 'BETTER_AUTH_SECRET must be at least 32 characters')
      : z.string().min(32).default(DEV_AUTH_SECRET),
    /** Sign-in attempts allowed per IP per window (seconds); sign-up has its own, larger budget. */
    AUTH_RATE_LIMIT_WINDOW: z.coerce.number().int().positive().default(60),
    AUTH_RATE_LIMIT_MAX: z.coerce.number().int().positive().default(5),
    AUTH_SIGNUP_RATE_LIMIT_MAX: z.coerce.number().int().positive().default(20),
    /** Reverse proxies in front of Orbit that append to X-Forwarded-For. 0 (direct): no forwarding header is
     *  trusted and per-IP limits share one bucket; N: the client is the Nth address from the right. */
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),

    // Billing.
    BILLING_PROVIDER: z.enum(['local', 'stripe']).optional(),
    STRIPE_SECRET_KEY: z.string().startsWith('sk_').optional(),
    STRIPE_WEBHOOK_SECRET: z.string().startsWith('whsec_').optional(),
    STRIPE_PRICE_PRO: z.string().min(1).optional(),
    STRIPE_PRICE_TEAM: z.string().min(1).optional(),

    // Analytics (server side). Used by the server analytics issue; optional.
    POSTHOG_PERSONAL_API_KEY: z.string().min(1).optional(),
    POSTHOG_HOST: z.url().optional(),
    // posthog-node tuning (lib/analytics/server, docs/server-analytics.md). All optional with safe defaults.
    /** 0 switches server-side capture off entirely (a silent no-op), whatever the key. */
    POSTHOG_ENABLED: bool.optional(),
    /** Events queued before a background flush starts. */
    POSTHOG_FLUSH_AT: z.coerce.number().int().positive().default(20),
    /** Milliseconds between background flushes. */
    POSTHOG_FLUSH_INTERVAL_MS: z.coerce.number().int().positive().default(5_000),
    /** Milliseconds before a request to PostHog is abandoned (its events stay queued for the next flush). */
    POSTHOG_REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(3_000),
    /** Events kept in memory while PostHog is unreachable; past it the oldest are dropped (and counted). */
    POSTHOG_MAX_QUEUE: z.coerce.number().int().positive().default(10_000),
    /** Salt of the `ip_hash` and `email_hash` properties. Default: derived from BETTER_AUTH_SECRET. */
    POSTHOG_IP_HASH_SALT: z.string().min(16).optional(),
    /** How much of the visitor's address (derived with TRUSTED_PROXY_HOPS) PostHog gets for GeoIP: `truncated`
     *  (IPv4 /24, IPv6 /48), `full`, or `none` (every event says `$geoip_disable`). lib/server/client-ip.ts. */
    POSTHOG_CLIENT_IP: z.enum(['truncated', 'full', 'none']).default('truncated'),
    /** Share of requests recorded as `api.request` (0 = none, 1 = all). */
    POSTHOG_API_REQUEST_SAMPLE_RATE: z.coerce.number().min(0).max(1).default(0.1),
    /** Benchmark only: 1 enables POST /api/bench/naive-tasks/[id], the naive await-per-event pattern (docs/performance.md). */
    BENCH_NAIVE_ANALYTICS: bool.optional(),
    /** Analytics consent mode, read at runtime by the root layout (wins over NEXT_PUBLIC_ANALYTICS_CONSENT, which is
     *  inlined at build). Default opt-out: see lib/telemetry/browser/consent.ts and docs/analytics-setup.md. */
    ANALYTICS_CONSENT: z.enum(['opt-in', 'opt-out', 'off']).optional(),
    /** The relay's store-and-forward queue (lib/relay/queue.ts): rows and bytes kept while PostHog or Sentry is
     *  down; past either bound the oldest are dropped (and counted). */
    RELAY_QUEUE_MAX_ROWS: z.coerce.number().int().positive().default(20_000),
    RELAY_QUEUE_MAX_BYTES: z.coerce.number().int().positive().default(64 * 1024 * 1024),
    /** Milliseconds the relay's forwarder waits for PostHog/Sentry to answer a stored request (lib/relay/forwarder.ts). */
    RELAY_FORWARD_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
    // Error tracking (server side); optional.
    SENTRY_DSN: z.url().optional(),
    SENTRY_AUTH_TOKEN: z.string().min(1).optional(),
    SENTRY_ORG: z.string().min(1).optional(),
    SENTRY_PROJECT: z.string().min(1).optional(),
    /** A self-hosted Sentry's URL (default https://sentry.io): the `$sentry_url` links, `provision`, releases. */
    SENTRY_URL: z.url().optional(),
    /** Share of ordinary server traces kept in production, 0 to 1 (onboarding, checkout and webhooks: always all). */
    SENTRY_TRACES_SAMPLE_RATE: z.coerce.number().min(0).max(1).default(0.05),
    /** Which server spans Sentry records: `nextjs` (Next.js's own spans — render, route handler, metadata — through
     *  OpenTelemetry) or `requests` (one span per request from Sentry's HTTP integration, plus Orbit's own mutation and
     *  database spans; no OpenTelemetry: ~2 ms less CPU per request, docs/performance.md) or `none` (errors only: no
     *  server tracing; errors keep their request and the browser's trace id). */
    SENTRY_SERVER_SPANS: z.enum(['nextjs', 'requests', 'none']).default('nextjs'),

    /** Force the local collector and inbox on even when keys are set (never do this in production). */
    LOCAL_INBOX: bool.optional(),
    /** Oldest inbox rows are dropped past this count (per table). */
    INBOX_MAX_ROWS: z.coerce.number().int().positive().default(20_000),
    /** Largest request body the local collector accepts, in bytes. */
    INBOX_MAX_BODY_BYTES: z.coerce.number().int().positive().default(5 * 1024 * 1024),
    /** Bytes one collector request may inflate to, all layers together (body, base64 data, recordings, replays). */
    INBOX_MAX_DECOMPRESSED_BYTES: z.coerce.number().int().positive().default(32 * 1024 * 1024),
    /** Largest single stored item (event properties, recording chunk, Sentry item), in bytes. */
    INBOX_MAX_ITEM_BYTES: z.coerce.number().int().positive().default(8 * 1024 * 1024),
  },
  client: {
    NEXT_PUBLIC_POSTHOG_KEY: z.string().min(1).optional(),
    NEXT_PUBLIC_POSTHOG_HOST: z.url().optional(),
    NEXT_PUBLIC_POSTHOG_UI_HOST: z.url().optional(),
    NEXT_PUBLIC_SENTRY_DSN: z.url().optional(),
    NEXT_PUBLIC_ANALYTICS_CONSENT: z.enum(['opt-in', 'opt-out', 'off']).optional(),
  },
  // Read when the server starts, never inlined by `next build` (a literal `process.env.NEXT_PUBLIC_X` would be, in
  // server code too): one build serves every deployment, and the browser gets what it needs from the server-rendered
  // bootstrap (lib/telemetry/browser/server-bootstrap.ts), not from its bundle.
  experimental__runtimeEnv: {
    NEXT_PUBLIC_POSTHOG_KEY: runtimeVar('NEXT_PUBLIC_POSTHOG_KEY'),
    NEXT_PUBLIC_POSTHOG_HOST: runtimeVar('NEXT_PUBLIC_POSTHOG_HOST'),
    NEXT_PUBLIC_POSTHOG_UI_HOST: runtimeVar('NEXT_PUBLIC_POSTHOG_UI_HOST'),
    NEXT_PUBLIC_SENTRY_DSN: runtimeVar('NEXT_PUBLIC_SENTRY_DSN'),
    NEXT_PUBLIC_ANALYTICS_CONSENT: runtimeVar('NEXT_PUBLIC_ANALYTICS_CONSENT'),
  },
  emptyStringAsUndefined: true,
  // The message itself names each key, so it survives wherever the error ends up (Next's start-up log, a test).
  onValidationError: (issues) => {
    const keys = issues.map((i) => `${(i.path ?? []).map((p) => String(typeof p === 'object' ? p.key : p)).join('.')}: ${i.message}`);
    console.error('❌ Invalid environment variables:', keys);
    throw new Error(`Invalid environment variables: ${keys.join('; ')}`);
  },
  // `next build` evaluates server modules; secrets are only demanded when the server really starts.
  skipValidation: process.env.SKIP_ENV_VALIDATION === '1' || process.env.NEXT_PHASE === 'phase-production-build',
});

/**
 * Which billing provider is active: BILLING_PROVIDER when set, else Stripe when a secret key is configured, else
 * Orbit's offline provider outside production. In production the offline provider (which grants any plan for test
 * card 4242) is only ever chosen by name; without it and without Stripe, billing is off (null).
 */
export const billingProvider: 'local' | 'stripe' | null =
  env.BILLING_PROVIDER ?? (env.STRIPE_SECRET_KEY ? 'stripe' : env.NODE_ENV === 'production' ? null : 'local');

/**
 * The secret Stripe-format webhooks are signed with. With Stripe it is the endpoint's secret; with the local
 * provider it is derived from the auth secret so a fresh machine needs no configuration.
 */
export function stripeWebhookSecret(): string | null {
  if (env.STRIPE_WEBHOOK_SECRET) return env.STRIPE_WEBHOOK_SECRET;
  // Billing off: no secret, so no webhook is ever accepted.
  if (billingProvider === null) return null;
  if (billingProvider === 'stripe') throw new Error('STRIPE_WEBHOOK_SECRET is required when BILLING_PROVIDER=stripe');
  // Deterministic per deployment, unknowable without the auth secret, and reveals nothing about it.
  return `whsec_local_${createHmac('sha256', env.BETTER_AUTH_SECRET).update('orbit-local-webhook').digest('base64url')}`;
}

/**
 * Local mode (lib/local-mode.ts, the one rule every runtime uses): the embedded collector, its query API and the
 * inbox are on with LOCAL_INBOX=1, or in development/test with neither a PostHog key nor a Sentry DSN; otherwise
 * they answer 404. In production it is off unless LOCAL_INBOX=1.
 */
export const localMode = decideLocalMode({
  NODE_ENV: env.NODE_ENV,
  LOCAL_INBOX: env.LOCAL_INBOX,
  NEXT_PUBLIC_POSTHOG_KEY: env.NEXT_PUBLIC_POSTHOG_KEY,
  NEXT_PUBLIC_SENTRY_DSN: env.NEXT_PUBLIC_SENTRY_DSN,
  SENTRY_DSN: env.SENTRY_DSN,
});
export const localInbox = localMode.on;
