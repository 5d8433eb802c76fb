// @ts-check
/**
 * Next.js configuration.
 * `skipTrailingSlashRedirect` keeps PostHog's `/ingest/e/` style paths intact (no 308 to `/ingest/e`).
 * `distDir` is overridable so several builds (dev, test, bench) can live side by side.
 */

/** @type {import('next').NextConfig} */
const nextConfig = {
  distDir: process.env.NEXT_DIST_DIR || '.next',
  reactStrictMode: true,
  poweredByHeader: false,
  skipTrailingSlashRedirect: true,
  serverExternalPackages: ['@electric-sql/pglite', 'postgres'],
  typedRoutes: false,
};

module.exports = nextConfig;
