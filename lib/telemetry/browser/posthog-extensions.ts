// The posthog-js features Orbit uses, as extension classes for the slim core (posthog-init.ts). Its own lazily
// imported module, so its code arrives in its own chunk and is evaluated in its own idle task instead of inside
// one long task with the core. Left out on purpose (never downloaded): surveys, product tours, toolbar, site apps,
// conversations, logs, metrics, experiments, exception autocapture (Sentry owns errors; the Sentry↔PostHog link
// sends `$exception` with a plain capture) and tracing headers.
import { AnalyticsExtensions, FeatureFlagsExtensions, SessionReplayExtensions } from 'posthog-js/dist/extension-bundles';

/** Autocapture, history pageviews, heatmaps, dead clicks and web vitals; feature flags; session recording. */
export const POSTHOG_EXTENSIONS = { ...FeatureFlagsExtensions, ...AnalyticsExtensions, ...SessionReplayExtensions };

export type PostHogExtensions = typeof POSTHOG_EXTENSIONS;
