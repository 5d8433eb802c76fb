// @ts-check
/**
 * Next.js configuration.
 * `skipTrailingSlashRedirect` keeps PostHog's `/ingest/e/` style paths intact (no 308 to `/ingest/e`).
 * `distDir` is overridable so several builds (dev, test, bench) can live side by side.
 * No `rewrites()` to PostHog or Sentry: a rewrite to another host forwards every header, the session cookie included.
 * app/ingest (PostHog proxy or local collector) and app/monitoring (Sentry tunnel) relay an allow-list instead.
 * No `env`: the configuration is read when the server starts, and the browser gets what it needs in the page (the
 * bootstrap of lib/telemetry/browser/server-bootstrap.ts), so one build serves every deployment.
 */

/** @type {import('next').NextConfig} */
const nextConfig = {
  distDir: process.env.NEXT_DIST_DIR || '.next',
  reactStrictMode: true,
  poweredByHeader: false,
  skipTrailingSlashRedirect: true,
  serverExternalPackages: ['@electric-sql/pglite', 'postgres'],
  typedRoutes: false,
  // `next build` writes its distDir's types into the tsconfig it uses. Builds running side by side (the benchmark)
  // each get their own copy, so none of them reads another's half-written tsconfig.json.
  // ORBIT_TYPES_CHECKED=1: the caller has just run `tsc --noEmit` on this tree (npm test's typecheck stage), so the
  // build does not check the types a second time.
  typescript: {
    ...(process.env.NEXT_TSCONFIG_PATH ? { tsconfigPath: process.env.NEXT_TSCONFIG_PATH } : {}),
    ignoreBuildErrors: process.env.ORBIT_TYPES_CHECKED === '1',
  },
  // Orbit renders no next/image: the optimizer endpoint (/_next/image) answers 404 instead of fetching whatever local
  // `url` an anonymous caller names (a missing one is an error line in the log, anyone could fill it). Adding
  // next/image means removing this deliberately.
  images: { unoptimized: true },
  // Turbopack keeps a build cache on disk (.next/cache) that makes the next build of this checkout faster. A CI run
  // builds once on a fresh clone and throws it away: writing it is pure cost there (~10 s of a 60 s build).
  experimental: { turbopackFileSystemCacheForBuild: !process.env.CI },
  // Security headers of every response (docs/security.md, "Security headers"). The Content-Security-Policy of pages is set by
  // proxy.ts (it carries a per-request nonce); HSTS only in production builds (browsers ignore it over http).
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
          ...(process.env.NODE_ENV === 'production'
            ? [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }]
            : []),
        ],
      },
    ];
  },
};

/**
 * Sentry's build integration (`withSentryConfig`, docs/error-tracking.md). Source maps are generated but never
 * served (`deleteSourcemapsAfterUpload`), and uploaded only when SENTRY_AUTH_TOKEN is set: without it nothing is
 * uploaded and the build passes. Release = the git commit (the SDK's default), environment = DEPLOYMENT
 * (set in the sentry.*.config.ts files). No `tunnelRoute`: it relays to sentry.io only and forwards every header;
 * the browser's `tunnel` is Orbit's own /monitoring handler (app/monitoring). SENTRY_BUILD=0 builds without the wrapper.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- next.config.js is CommonJS (module.exports above)
const { withSentryConfig } = require('@sentry/nextjs/config');

const uploadSourceMaps = Boolean(process.env.SENTRY_AUTH_TOKEN);
const useSentryBuild = process.env.SENTRY_BUILD !== '0' && process.env.NEXT_PUBLIC_INSTRUMENTATION !== 'off';

module.exports = useSentryBuild
  ? withSentryConfig(nextConfig, {
      org: process.env.SENTRY_ORG,
      project: process.env.SENTRY_PROJECT,
      authToken: process.env.SENTRY_AUTH_TOKEN,
      silent: !process.env.CI,
      telemetry: false,
      sourcemaps: uploadSourceMaps ? { deleteSourcemapsAfterUpload: true } : { disable: true },
      release: uploadSourceMaps ? { create: true, finalize: true } : { create: false, finalize: false },
      // Debug logging stripped (webpack builds; Turbopack's Sentry browser build is already debug-free).
      bundleSizeOptimizations: { excludeDebugStatements: true },
      webpack: { treeshake: { removeDebugLogging: true } },
      // Build-time (orchestrion) instrumentation rewrites every bundled server .js file; Orbit's database drivers
      // are external packages (instrumented at runtime by the SDK), so it only costs build time here.
      buildTimeInstrumentation: false,
      // Parameterised client span names (/projects/[id]) without shipping the dev-only routes' names.
      routeManifestInjection: { exclude: [/^\/dev(\/|$)/, /^\/api\/dev(\/|$)/] },
    })
  : nextConfig;
