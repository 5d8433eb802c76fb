// Pageviews before PostHog is loaded: one per path or query change, as posthog-js's history capture counts them,
// queued with their real time and URL and replayed by posthog-init.ts. Once posthog-js is up it counts them itself.
// Also keeps when the current view was shown (`state.shownAt`) for view events (index.ts `trackView`), and captures
// Orbit's deferred events (after-paint.ts) before the URL changes.
import { isUntrackedPath } from './untracked';
import { enqueue, type TelemetryState } from './state';

export function startPageviews(state: TelemetryState): void {
  const here = (): string => location.pathname + location.search;
  state.lastPageviewPath = here();
  state.shownAt = Date.now();
  let shownPath = here();
  if (!isUntrackedPath(location.pathname)) enqueue(state, { kind: 'pageview', href: state.landingUrl, at: state.shownAt, url: state.landingUrl });
  const onHistory = (): void => {
    if (here() !== shownPath) {
      shownPath = here();
      state.shownAt = Date.now();
    }
    if (state.posthog || state.consent === 'denied' || here() === state.lastPageviewPath) return;
    state.lastPageviewPath = here();
    if (!isUntrackedPath(location.pathname)) enqueue(state, { kind: 'pageview', href: location.href, at: Date.now(), url: location.href });
  };
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method];
    history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      // Events tracked on this page and not yet captured (after-paint.ts) are captured before the URL changes: they
      // carry this page's URL, and come before posthog-js's `$pageview` of the next (its patch wraps this one).
      state.flushTracks?.();
      original.apply(this, args);
      onHistory();
    };
  }
  window.addEventListener('popstate', onHistory);
}
