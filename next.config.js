// @ts-check
/**
 * Next.js configuration.
 * `skipTrailingSlashRedirect` keeps PostHog's `/ingest/e/` style paths intact (no 308 to `/ingest/e`).
 * `distDir` is overridable so several builds (dev, test, bench) can live side by side.
 * With a PostHog key, `/ingest/*` is a reverse proxy to PostHog Cloud (ad blockers leave first-party paths alone);
 * without one, app/ingest is Orbit's local collector. `beforeFiles` so the proxy wins over that route.
 */

const posthogHost = (process.env.NEXT_PUBLIC_POSTHOG_HOST || 'https://us.i.posthog.com').replace(/\/+$/, '');
// PostHog's assets live on a sibling host: us.i.posthog.com → us-assets.i.posthog.com.
const posthogAssetsHost = posthogHost.replace(/^(https?:\/\/)(us|eu)\.i\.posthog\.com$/, '$1$2-assets.i.posthog.com');
const localInboxForced = ['1', 'true', 'yes', 'on'].includes((process.env.LOCAL_INBOX || '').toLowerCase());
const proxyPosthog = Boolean(process.env.NEXT_PUBLIC_POSTHOG_KEY) && !localInboxForced;

/** @type {import('next').NextConfig} */
const nextConfig = {
  distDir: process.env.NEXT_DIST_DIR || '.next',
  reactStrictMode: true,
  poweredByHeader: false,
  skipTrailingSlashRedirect: true,
  serverExternalPackages: ['@electric-sql/pglite', 'postgres'],
  typedRoutes: false,
  async rewrites() {
    if (!proxyPosthog) return { beforeFiles: [], afterFiles: [], fallback: [] };
    return {
      beforeFiles: [
        { source: '/ingest/static/:path*', destination: `${posthogAssetsHost}/static/:path*` },
        { source: '/ingest/array/:path*', destination: `${posthogAssetsHost}/array/:path*` },
        { source: '/ingest/:path*', destination: `${posthogHost}/:path*` },
      ],
      afterFiles: [],
      fallback: [],
    };
  },
};

module.exports = nextConfig;
