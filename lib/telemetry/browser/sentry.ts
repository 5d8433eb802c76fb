// The browser's Sentry, loaded lazily by loader.ts after hydration + idle (never import it statically: that would
// put @sentry/nextjs back into first-load JS). It initialises the SDK with sentry.client.config.ts's options, replays
// the early queue, tags every event with who and where, and links Sentry and PostHog both ways: events carry the
// PostHog person and recording, and every exception sent reaches PostHog as `$exception`.
// Named imports only, and the namespace never escapes: an escaping `import * as Sentry` keeps every export.
import {
  addBreadcrumb,
  addEventProcessor,
  captureException,
  captureRouterTransitionStart,
  getClient,
  init,
  setUser,
  startBrowserTracingNavigationSpan,
  withScope,
} from '@sentry/nextjs';
import { DEFAULT_POSTHOG_UI_HOST, posthogCookieName, POSTHOG_LOCAL_KEY } from '@/lib/analytics/constants';
import { identityFromCookie, readCookie, type PostHogIdentity } from '@/lib/analytics/posthog-cookie';
import { exceptionProperties, posthogTags, sentryProjectIdFromDsn, type LinkConfig } from '@/lib/monitoring/shared/posthog-link';
import { browserSentryOptions } from '@/sentry.client.config';
import type { OrbitBootstrap } from './snippet';
import { attachSentry, type ReportContext } from './report-error';
import { instrumentRouterGaps } from './router-gaps';
import { SENTRY_KINDS, take, takeSnippetErrors, telemetry, type QueuedItem, type SentryFacade } from './state';

/** The slice of posthog-js the link needs (posthog-js's PostHog satisfies it). */
export type PostHogLike = {
  get_distinct_id: () => string;
  get_session_id: () => string;
  capture: (event: string, properties?: Record<string, unknown>) => unknown;
};

/** The links' targets from the server's bootstrap; in local mode the inbox on this page's origin. */
function linkConfig(bootstrap: OrbitBootstrap | undefined): LinkConfig {
  const monitoring = bootstrap?.monitoring;
  const local = monitoring?.local ?? false;
  return {
    local,
    posthogUi: local ? location.origin : (monitoring?.posthogUi ?? DEFAULT_POSTHOG_UI_HOST),
    posthogKey: bootstrap?.key || POSTHOG_LOCAL_KEY,
    sentryUi: local ? location.origin : monitoring?.sentryUi,
    sentryProjectId: local ? undefined : sentryProjectIdFromDsn(monitoring?.dsn),
  };
}

let posthog: PostHogLike | undefined;
/** undefined until the app reports a log in / log out; then it overrides the page's bootstrap. */
let explicitUser: { id: string } | null | undefined;
/** `$exception` events waiting for posthog-js (errors sent before it loaded), bounded. */
const pendingExceptions: Record<string, unknown>[] = [];

function currentIdentity(): PostHogIdentity | null {
  if (posthog) {
    try {
      return { distinctId: posthog.get_distinct_id(), sessionId: posthog.get_session_id() || undefined };
    } catch {
      // Not initialised (consent pending): fall back to the cookie.
    }
  }
  const fromCookie = identityFromCookie(readCookie(document.cookie, posthogCookieName(telemetry().bootstrap?.key || POSTHOG_LOCAL_KEY)));
  // Before consent (or before posthog-js loaded for the first time): the id the server bootstrapped for this visitor.
  const distinctId = telemetry().bootstrap?.distinctId;
  return fromCookie ?? (distinctId ? { distinctId } : null);
}

/** Initialises Sentry, hands it the early queue and makes it the target of the browser error API. */
export function initSentry(landingUrl: string): SentryFacade {
  const bootstrap = telemetry().bootstrap;
  const cfg = linkConfig(bootstrap);
  init(browserSentryOptions(landingUrl, bootstrap?.monitoring, bootstrap?.props.deployment ?? 'local'));

  // Every event carries who (user id from the server-rendered bootstrap, never the email), where (plan, workspace,
  // route) and the PostHog person and recording links (from posthog-js, or its cookie before it loads).
  addEventProcessor((event) => {
    const bootstrap = telemetry().bootstrap;
    // setErrorUser (log in / log out after this page loaded) wins over the bootstrap rendered at page load.
    const user = explicitUser !== undefined ? explicitUser : bootstrap?.user;
    if (!event.user?.id && user) event.user = { ...event.user, id: user.id };
    const context: Record<string, string> = {};
    if (bootstrap?.props.plan) context.plan = bootstrap.props.plan;
    if (bootstrap?.props.workspace_id) context.workspace_id = bootstrap.props.workspace_id;
    event.tags = { ...context, route: event.transaction ?? location.pathname, ...event.tags };
    const identity = currentIdentity();
    if (!identity) return event;
    // The recording opens at the error (Sentry's event time, seconds), as posthog-js's own link does.
    const link = posthogTags(cfg, identity, typeof event.timestamp === 'number' ? event.timestamp * 1000 : Date.now());
    event.tags = { ...event.tags, ...link.tags };
    event.contexts = { ...event.contexts, posthog: link.context };
    return event;
  });
  const client = getClient();
  // Every exception really sent also reaches PostHog as `$exception`, linking back to the Sentry event.
  client?.on('afterSendEvent', (event) => {
    if (event.type !== undefined || !event.exception) return;
    const props = exceptionProperties(cfg, event);
    if (posthog) posthog.capture('$exception', props);
    else if (pendingExceptions.length < 20) pendingExceptions.push(props);
  });

  // Server actions, their redirects and router.refresh(): navigations onRouterTransitionStart never announces.
  const gaps = client ? instrumentRouterGaps(client) : undefined;
  const facade: SentryFacade = {
    captureException: (error, context) => capture(error, context),
    captureRouterTransitionStart: (href, navigationType) => {
      gaps?.announced(href);
      captureRouterTransitionStart(href, navigationType);
    },
    addBreadcrumb: (crumb) => addBreadcrumb(crumb),
    setUser: (user) => {
      explicitUser = user ? { id: user.id } : null;
      setUser(explicitUser);
    },
  };
  // Synchronous with the drain below: nothing can slip between the queues and the SDK.
  attachSentry(facade);
  const early = [...takeSnippetErrors(), ...take(telemetry(), SENTRY_KINDS)].sort((a, b) => a.at - b.at);
  replayEarly(early);
  return facade;
}

/** Called by the loader once posthog-js is up: flushes the `$exception`s sent before. */
export function linkPostHog(instance: PostHogLike): void {
  posthog = instance;
  for (const props of pendingExceptions.splice(0)) instance.capture('$exception', props);
}

function capture(error: unknown, context: ReportContext = {}, mechanism?: { type: string; handled: boolean }): string {
  let id = context.eventId ?? '';
  withScope((scope) => {
    if (context.tags) scope.setTags(context.tags);
    if (context.extra) scope.setExtras(context.extra);
    id = captureException(error, { event_id: context.eventId, mechanism: mechanism ?? { type: 'generic', handled: true } });
  });
  return id;
}

type EarlyError = Extract<QueuedItem, { kind: 'error' | 'rejection' | 'exception' }>;

/** The `orbit.early` tag and mechanism suffix Sentry events of the early queue carry (dashboards filter on them). */
const EARLY_TAG: Record<EarlyError['kind'], string> = { error: 'err', rejection: 'rej', exception: 'exc' };

function toError(item: EarlyError): unknown {
  const thrown = item.kind === 'rejection' ? item.reason : item.error;
  if (thrown !== undefined && thrown !== null) return thrown;
  // Cross-origin "Script error." or a non-Error throw: keep what the browser told us.
  const message = item.kind === 'error' ? (item.message ?? 'Unknown early error') : 'Unhandled rejection (no reason)';
  const error = new Error(message);
  if (item.kind === 'error' && item.file) error.stack = `Error: ${message}\n    at ${item.file}:${item.line ?? 0}:${item.column ?? 0}`;
  return error;
}

/** Sends what happened before Sentry loaded, with the original time and URL. */
function replayEarly(items: Array<Extract<QueuedItem, { kind: (typeof SENTRY_KINDS)[number] }>>): void {
  const client = getClient();
  for (const item of items) {
    if (item.kind === 'navigation') {
      if (!client) continue;
      const url = new URL(item.href);
      startBrowserTracingNavigationSpan(
        client,
        {
          name: url.pathname,
          op: 'navigation',
          startTime: item.at / 1000,
          attributes: {
            'sentry.origin': 'auto.navigation.nextjs.app_router_instrumentation',
            'sentry.source': 'url',
            'navigation.type': `router.${item.navigationType}`,
            'orbit.replayed': true,
          },
        },
        { url: item.href },
      );
      continue;
    }
    const tag = EARLY_TAG[item.kind];
    withScope((scope) => {
      scope.setTag('orbit.early', tag);
      scope.addEventProcessor((event) => {
        event.timestamp = item.at / 1000;
        event.request = { ...event.request, url: item.url };
        return event;
      });
      capture(toError(item), item.kind === 'exception' ? item.context : {}, {
        type: item.kind === 'exception' ? 'generic' : `orbit.early.${tag}`,
        handled: item.kind === 'exception',
      });
    });
  }
}
