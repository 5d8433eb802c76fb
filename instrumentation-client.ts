// Next's client instrumentation hook: runs before hydration on every page. Browser telemetry (early queue, consent,
// pageviews, click rules, the lazy Sentry and PostHog) is one module, lib/telemetry/browser; this file starts it and
// forwards the router's transitions to it. With NEXT_PUBLIC_INSTRUMENTATION=off both are dead code (the bare
// benchmark build).
import { routerTransitionStarted, startTelemetry } from './lib/telemetry/browser/loader';
import { INSTRUMENTATION_OFF, type NavigationType } from './lib/telemetry/browser/state';

export function onRouterTransitionStart(href: string, navigationType: NavigationType): void {
  if (!INSTRUMENTATION_OFF) routerTransitionStarted(href, navigationType);
}

if (!INSTRUMENTATION_OFF) startTelemetry();
