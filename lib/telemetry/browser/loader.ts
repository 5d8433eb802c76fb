// Starts browser telemetry (called by instrumentation-client.ts before hydration). It must stay tiny — it is
// first-load JS on every page: it records pageviews, product clicks and router transitions into the early queue,
// decides consent, then `import()`s Sentry and PostHog after `load` + idle and replays the queue into them, so
// nothing from before that moment is lost. Design and measured cost: docs/analytics-setup.md, "Lazy loading".
import { startClickRules } from './click-rules';
import { startConsent } from './consent';
import { isUntrackedPath } from './untracked';
import { startPageviews } from './pageviews';
import type { PostHogLike } from './sentry';
import { carryOverQueue, enqueue, telemetry, type NavigationType, type TelemetryState } from './state';

/** Next's onRouterTransitionStart: to Sentry once loaded, queued until then. */
export function routerTransitionStarted(href: string, navigationType: NavigationType): void {
  const state = telemetry();
  if (state.sentry) state.sentry.captureRouterTransitionStart(href, navigationType);
  else enqueue(state, { kind: 'navigation', href: new URL(href, location.href).href, navigationType, at: Date.now(), url: location.href });
}

/**
 * Performance marks (visible in the browser's performance panel; the early-queue proof and the benchmark read them):
 * when the loader started the SDKs, and when PostHog was ready.
 */
const LOAD_START_MARK = 'orbit:sdk-load-start';
const POSTHOG_READY_MARK = 'orbit:posthog-ready';

const idle = (): Promise<void> =>
  new Promise((resolve) => {
    if ('requestIdleCallback' in window) window.requestIdleCallback(() => resolve(), { timeout: 2000 });
    else setTimeout(resolve, 50);
  });

export function startTelemetry(): void {
  const state = telemetry();
  startPageviews(state);
  carryOverQueue(state);
  startClickRules(state);

  let linkPostHog: ((posthog: PostHogLike) => void) | undefined;
  async function loadSentry(): Promise<void> {
    const sentry = await import('./sentry');
    await idle();
    // From here on Sentry's own global handlers own errors; the head snippet goes quiet.
    sentry.initSentry(state.landingUrl);
    linkPostHog = sentry.linkPostHog;
  }

  let posthogStarted = false;
  async function loadPostHog(s: TelemetryState): Promise<void> {
    const bootstrap = s.bootstrap;
    if (posthogStarted || !bootstrap?.key || s.consent !== 'granted' || isUntrackedPath(new URL(s.landingUrl).pathname)) return;
    posthogStarted = true;
    // Three chunks, one idle task each (a chunk is evaluated in the task that loads it): the slim core, the
    // extension classes, the catalog validator (zod). One chunk of all three was a single ~300 ms task at 4× CPU.
    await idle();
    const { initPostHog } = await import('./posthog-init');
    await idle();
    const { POSTHOG_EXTENSIONS } = await import('./posthog-extensions');
    await idle();
    const { guardEvent } = await import('@/lib/analytics/validate');
    await idle();
    // ICU's first DateTimeFormat costs ~50 ms at 4× CPU (then ~0.5 ms); posthog-js makes one for `$timezone` on its
    // first event, inside init's task. Pay it here, in a task of its own.
    Intl.DateTimeFormat().resolvedOptions();
    await idle();
    if (s.consent !== 'granted') return; // refused while the chunks were loading
    const posthog = initPostHog(s, bootstrap, { extensions: POSTHOG_EXTENSIONS, guard: guardEvent });
    linkPostHog?.(posthog); // Sentry events get the PostHog person and recording links, exceptions reach PostHog
    performance.mark(POSTHOG_READY_MARK);
  }

  // PostHog loads only once consent is granted; a later "yes" starts it if the loader is already past idle.
  let loading = false;
  startConsent(state, () => {
    if (loading) void loadPostHog(state).catch(() => undefined);
  });

  const start = (): void => {
    if (loading) return;
    loading = true;
    performance.mark(LOAD_START_MARK);
    // One SDK per idle slot, independent of each other: one failing (blocked, offline) must not hold the other's
    // queue hostage.
    void loadSentry()
      .catch(() => undefined)
      .then(() => loadPostHog(state))
      .catch(() => undefined);
  };
  const whenIdle = (): void => {
    if ('requestIdleCallback' in window) window.requestIdleCallback(start, { timeout: 2000 });
    else setTimeout(start, 300);
  };
  if (document.readyState === 'complete') whenIdle();
  else window.addEventListener('load', whenIdle, { once: true });
  // `load` can hang on a slow image or third-party iframe; never leave the page uninstrumented for long.
  setTimeout(start, 10_000);
}
