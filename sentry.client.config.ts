// Sentry's browser options. Never imported statically: lib/telemetry/browser/sentry.ts (loaded lazily after
// hydration + idle) imports them and initialises the SDK, so @sentry/nextjs stays out of first-load JS
// (docs/analytics-setup.md, "Lazy loading"). The browser error API, the early-queue replay and the Sentry↔PostHog
// link live in that module. Named imports only: an escaping `import * as Sentry` keeps every export.
import { browserTracingIntegration, type BrowserOptions } from '@sentry/nextjs';
import { LOCAL_SENTRY_PROJECT, SENTRY_TUNNEL_PATH } from './lib/monitoring/shared/endpoints';
import { isTelemetryUrl, TELEMETRY_URL } from './lib/monitoring/shared/propagation';
import { sentryOptions } from './lib/monitoring/shared/sentry-options';
import type { BrowserMonitoring } from './lib/telemetry/browser/snippet';

/**
 * The browser SDK's init options. Where events go comes from the server's bootstrap (`monitoring`, decided at runtime);
 * without a DSN and outside local mode the SDK is a silent no-op. `landingUrl` names the pageload span when Sentry
 * loads after a client navigation; `environment` is the deployment (DEPLOYMENT).
 */
export function browserSentryOptions(landingUrl: string, monitoring: BrowserMonitoring | undefined, environment: string): BrowserOptions {
  const local = monitoring?.local ?? false;
  return {
    ...sentryOptions({
      dsn: local ? `${location.protocol}//orbit@${location.host}/sentry/${LOCAL_SENTRY_PROJECT.browser}` : monitoring?.dsn || undefined,
      environment,
      // Orbit's pages, server actions and /api only: never third parties (CORS), never the telemetry endpoints.
      ownOrigins: [location.origin],
    }),
    // Orbit's own tunnel (app/monitoring): first-party, relays to this DSN only, without cookies.
    tunnel: local ? undefined : SENTRY_TUNNEL_PATH,
    // posthog-js loading its scripts from /ingest: resource timings of the telemetry, not of the page.
    ignoreSpans: [{ op: /^resource\./, attributes: { 'url.full': TELEMETRY_URL } }],
    integrations: [
      browserTracingIntegration({
        // posthog-js's requests to /ingest are telemetry about telemetry: no span in the page's trace.
        shouldCreateSpanForRequest: (url) => !isTelemetryUrl(url, location.href),
        // The pageload span starts at performance.timeOrigin whatever the init time, but takes its name and URL
        // from location at init: if the visitor already navigated client-side, point it back at the landing page.
        beforeStartSpan(options) {
          const landing = new URL(landingUrl);
          const isPageload = options.op === 'pageload' || options.attributes?.['sentry.op'] === 'pageload';
          if (!isPageload || landing.pathname === location.pathname) return options;
          return { ...options, name: landing.pathname, attributes: { ...options.attributes, 'url.full': landing.href, 'url.path': landing.pathname } };
        },
      }),
    ],
  };
}
