// The typed way for end-to-end tests (and a developer's console) to look into browser telemetry (lib/telemetry/browser).
// Each function runs in the page — pass it to Playwright's page.evaluate / waitForFunction / evaluateHandle —
// so each is self-contained: Playwright sends its source, not its closure.
import type { PostHog } from 'posthog-js/dist/module.slim';
import type { TelemetryState } from '@/lib/telemetry/browser/state';

export type TelemetrySnapshot = {
  sentryLoaded: boolean;
  posthogLoaded: boolean;
  consent: TelemetryState['consent'] | null;
  /** when the loader started the SDKs / when PostHog was ready (ms since the epoch) */
  loadStartedAt: number | null;
  posthogReadyAt: number | null;
  /** posthog-js's ids once it is loaded */
  distinctId: string | null;
  sessionId: string | null;
  /** the signed-in user and the flags the server rendered the page with */
  userId: string | null;
  flags: Record<string, string | boolean>;
};

/** What telemetry has loaded and decided in this page (null before instrumentation-client.ts ran). */
export function telemetrySnapshot(): TelemetrySnapshot | null {
  const state = window.__orbit?.telemetry;
  if (!state) return null;
  const at = (mark: string): number | null => {
    const entry = performance.getEntriesByName(mark, 'mark')[0];
    return entry ? performance.timeOrigin + entry.startTime : null;
  };
  return {
    sentryLoaded: Boolean(state.sentry),
    posthogLoaded: Boolean(state.posthog),
    consent: state.consent ?? null,
    // loader.ts's LOAD_START_MARK and POSTHOG_READY_MARK (constants cannot be referenced from here).
    loadStartedAt: at('orbit:sdk-load-start'),
    posthogReadyAt: at('orbit:posthog-ready'),
    distinctId: state.posthog?.get_distinct_id() ?? null,
    sessionId: state.posthog?.get_session_id() ?? null,
    userId: state.bootstrap?.user?.id ?? null,
    flags: state.bootstrap?.flags ?? {},
  };
}

/** For waitForFunction: true once Sentry is initialised. */
export function sentryLoaded(): boolean {
  return Boolean(window.__orbit?.telemetry?.sentry);
}

/**
 * For waitForFunction: true once the session recorder was started (lib/telemetry/browser/recorder-start.ts marks
 * it): it waits for an idle moment with no input, so a test that clicks at once would record from the next page on.
 */
export function recorderStarted(): boolean {
  return performance.getEntriesByName('orbit:recorder-start').length > 0;
}

/** For waitForFunction: true once posthog-js is initialised. */
export function posthogLoaded(): boolean {
  return Boolean(window.__orbit?.telemetry?.posthog);
}

/**
 * For waitForFunction: true once posthog-js records clicks. Autocapture starts only after PostHog's remote config
 * answered (it may be switched off there); a click before that is not captured.
 */
export function autocaptureActive(): boolean {
  return Boolean(window.__orbit?.telemetry?.posthog?.autocapture?.isEnabled);
}

/** The page's posthog-js instance, for evaluateHandle (listen to `eventCaptured`, capture directly). */
export function pagePostHog(): PostHog | undefined {
  return window.__orbit?.telemetry?.posthog;
}

/** Queues a catalog event exactly as `track` does before PostHog loaded; its time, or null before telemetry started. */
export function queueEventBeforeLoad({ name, properties }: { name: string; properties: Record<string, unknown> }): number | null {
  const state = window.__orbit?.telemetry;
  if (!state) return null;
  const at = Date.now();
  state.queue.push({ kind: 'event', name, properties, at, url: location.href });
  return at;
}
