// Sentry browser options, loaded lazily by instrumentation-client.ts after hydration + idle (never import it
// statically: that would put @sentry/nextjs back into first-load JS; see .helpers/lazy-sdk-design.md).
// Named imports only, and the namespace never escapes: an escaping `import * as Sentry` keeps every export.
// Interface for the loader (stable): initSentry(landingUrl) → SentryFacade; replayEarly(items); linkPostHog(posthog).
import {
  addBreadcrumb,
  addEventProcessor,
  browserTracingIntegration,
  captureException,
  captureRouterTransitionStart,
  getClient,
  init,
  setUser,
  startBrowserTracingNavigationSpan,
  withScope,
} from '@sentry/nextjs';
import { posthogCookieName, POSTHOG_LOCAL_KEY } from './lib/analytics/constants';
import { identityFromCookie, readCookie, type PostHogIdentity } from './lib/analytics/posthog-cookie';
import { beforeBreadcrumb, beforeSend, beforeSendSpan, beforeSendTransaction, DATA_COLLECTION } from './lib/monitoring/shared/before-send';
import { attachSentry, type Crumb, type ReportContext } from './lib/errors/client-report';
import { exceptionProperties, posthogTags, type LinkConfig } from './lib/monitoring/shared/posthog-link';
import { isTelemetryUrl, propagationTargets, TELEMETRY_URL } from './lib/monitoring/shared/propagation';
import { instrumentRouterGaps } from './lib/errors/router-gaps';
import { tracesSampleRate } from './lib/monitoring/shared/sampling';

// Sentry 11 streams spans; 'static' would bring back classic transaction events (and beforeSendTransaction).
const TRACE_LIFECYCLE = 'stream' as 'static' | 'stream';

/** Items of the shared early queue this SDK replays (same shapes as lib/instrumentation/orbit-global.ts). */
type Base = { t: number; u: string };
export type EarlySentryItem =
  | (Base & { k: 'err'; e?: unknown; m?: string; f?: string; l?: number; c?: number })
  | (Base & { k: 'rej'; e?: unknown })
  | (Base & { k: 'exc'; e: unknown; x?: ReportContext })
  | (Base & { k: 'nav'; href: string; nt: string });

/** The slice of posthog-js the link needs (posthog-js's PostHog satisfies it). */
export type PostHogLike = {
  get_distinct_id: () => string;
  get_session_id: () => string;
  capture: (event: string, properties?: Record<string, unknown>) => unknown;
};

export type SentryFacade = {
  captureException: (error: unknown, context?: ReportContext) => string;
  captureRouterTransitionStart: (href: string, navigationType: string) => void;
  addBreadcrumb: (crumb: Crumb) => void;
  setUser: (user: { id: string } | null) => void;
  linkPostHog: (posthog: PostHogLike) => void;
};

const LOCAL_PROJECT = '1';
const environment = process.env.NEXT_PUBLIC_DEPLOYMENT || 'local';
// Local mode as lib/local-mode.js decided it at build time (next.config.js); without it and without a DSN the SDK is
// initialised with no DSN, a silent no-op.
export const local = process.env.NEXT_PUBLIC_LOCAL_INBOX === '1';

function linkConfig(): LinkConfig {
  const host = process.env.NEXT_PUBLIC_POSTHOG_HOST ?? 'https://us.i.posthog.com';
  const ui = process.env.NEXT_PUBLIC_POSTHOG_UI_HOST ?? host.replace(/^(https?:\/\/)(us|eu)\.i\./, '$1$2.');
  const org = process.env.NEXT_PUBLIC_SENTRY_ORG;
  return {
    local,
    posthogUi: local ? location.origin : ui,
    posthogKey: process.env.NEXT_PUBLIC_POSTHOG_KEY ?? POSTHOG_LOCAL_KEY,
    sentryUi: local ? location.origin : org ? `https://sentry.io/organizations/${org}` : undefined,
  };
}

/** What the root layout bootstrapped into the page (lib/instrumentation/server-bootstrap.ts). */
type Bootstrap = { distinctId?: string; user?: { id: string } | null; props?: { plan?: string | null; workspace_id?: string | null } };
function bootstrap(): Bootstrap | undefined {
  return (window as unknown as { __orbit?: { b?: Bootstrap } }).__orbit?.b;
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
  const fromCookie = identityFromCookie(readCookie(document.cookie, posthogCookieName(process.env.NEXT_PUBLIC_POSTHOG_KEY ?? POSTHOG_LOCAL_KEY)));
  // Before consent (or before posthog-js loaded for the first time): the id the server bootstrapped for this visitor.
  const b = bootstrap();
  return fromCookie ?? (b?.distinctId ? { distinctId: b.distinctId } : null);
}

export function initSentry(landingUrl: string): SentryFacade {
  const cfg = linkConfig();
  init({
    dsn: local ? `${location.protocol}//orbit@${location.host}/sentry/${LOCAL_PROJECT}` : process.env.NEXT_PUBLIC_SENTRY_DSN,
    // Orbit's own tunnel (app/monitoring): first-party, relays to this DSN only, without cookies.
    tunnel: local ? undefined : '/monitoring',
    environment,
    tracesSampler: (ctx) => tracesSampleRate({ name: ctx.name, attributes: ctx.attributes, parentSampled: ctx.parentSampled }, environment),
    // Same-origin only: Orbit's pages, server actions and /api (never third parties: CORS), never its telemetry
    // endpoints (collector, PostHog proxy, tunnel, inbox), whose work is no part of the user's trace.
    tracePropagationTargets: propagationTargets([location.origin]),
    // No request/response bodies (a sign-up's password), no client IPs: off at the source, not only scrubbed.
    dataCollection: DATA_COLLECTION,
    beforeSend,
    // Transactions are streamed as spans in Sentry 11 (beforeSendSpan); this only runs with traceLifecycle 'static'.
    ...(TRACE_LIFECYCLE === 'static' ? { beforeSendTransaction } : {}),
    traceLifecycle: TRACE_LIFECYCLE,
    beforeSendSpan,
    // posthog-js loading its scripts from /ingest: resource timings of the telemetry, not of the page.
    ignoreSpans: [{ op: /^resource\./, attributes: { 'url.full': TELEMETRY_URL } }],
    beforeBreadcrumb,
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
  });

  // Every event carries who (user id from the server-rendered bootstrap, never the email), where (plan, workspace,
  // route) and the PostHog person and recording links (from posthog-js, or its cookie before it loads).
  addEventProcessor((event) => {
    const b = bootstrap();
    // setErrorUser (log in / log out after this page loaded) wins over the bootstrap rendered at page load.
    const user = explicitUser !== undefined ? explicitUser : b?.user;
    if (!event.user?.id && user) event.user = { ...event.user, id: user.id };
    const context: Record<string, string> = {};
    if (b?.props?.plan) context.plan = b.props.plan;
    if (b?.props?.workspace_id) context.workspace_id = b.props.workspace_id;
    event.tags = { ...context, route: event.transaction ?? location.pathname, ...event.tags };
    const identity = currentIdentity();
    if (!identity) return event;
    const link = posthogTags(cfg, identity);
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
    linkPostHog,
  };
  attachSentry(facade);
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

function toError(item: Extract<EarlySentryItem, { k: 'err' | 'rej' | 'exc' }>): unknown {
  if (item.e !== undefined && item.e !== null) return item.e;
  // Cross-origin "Script error." or a non-Error throw: keep what the browser told us.
  const msg = item.k === 'err' ? (item.m ?? 'Unknown early error') : 'Unhandled rejection (no reason)';
  const err = new Error(msg);
  if (item.k === 'err' && item.f) err.stack = `Error: ${msg}\n    at ${item.f}:${item.l ?? 0}:${item.c ?? 0}`;
  return err;
}

/** Sends what happened before Sentry loaded, with the original time and URL. */
export function replayEarly(items: EarlySentryItem[]): void {
  const client = getClient();
  for (const item of items) {
    if (item.k === 'nav') {
      if (!client) continue;
      const url = new URL(item.href);
      startBrowserTracingNavigationSpan(
        client,
        {
          name: url.pathname,
          op: 'navigation',
          startTime: item.t / 1000,
          attributes: {
            'sentry.origin': 'auto.navigation.nextjs.app_router_instrumentation',
            'sentry.source': 'url',
            'navigation.type': `router.${item.nt}`,
            'orbit.replayed': true,
          },
        },
        { url: item.href },
      );
      continue;
    }
    withScope((scope) => {
      scope.setTag('orbit.early', item.k);
      scope.addEventProcessor((event) => {
        event.timestamp = item.t / 1000;
        event.request = { ...event.request, url: item.u };
        return event;
      });
      capture(toError(item), item.k === 'exc' ? item.x : {}, {
        type: item.k === 'exc' ? 'generic' : `orbit.early.${item.k}`,
        handled: item.k === 'exc',
      });
    });
  }
}
