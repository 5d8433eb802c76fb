// Sentry for the Node.js runtime (route handlers, server actions, server components, proxy.ts), loaded by
// instrumentation.ts register(). Local mode: envelopes go into Orbit's collector in-process
// (lib/monitoring/server/local-transport.ts); with SENTRY_DSN they go to Sentry. Neither → the SDK stays off.
import * as Sentry from '@sentry/nextjs';
import { env, localInbox } from '@/lib/env';
import { beforeBreadcrumb, beforeSend, beforeSendSpan, beforeSendTransaction, DATA_COLLECTION } from '@/lib/monitoring/shared/before-send';
import { makeLocalCollectorTransport, SERVER_LOCAL_PROJECT } from '@/lib/monitoring/server/local-transport';
import { posthogTags } from '@/lib/monitoring/shared/posthog-link';
import { propagationTargets } from '@/lib/monitoring/shared/propagation';
import { posthogIdentity, serverLinkConfig } from '@/lib/monitoring/server/server-scope';
import { tracesSampleRate } from '@/lib/monitoring/shared/sampling';

// Sentry 11 streams spans; 'static' would bring back classic transaction events (and beforeSendTransaction).
const TRACE_LIFECYCLE = 'stream' as 'static' | 'stream';

const dsn = localInbox ? `http://orbit@collector.local/sentry/${SERVER_LOCAL_PROJECT}` : (env.SENTRY_DSN ?? env.NEXT_PUBLIC_SENTRY_DSN);
const spotlight = process.env.SENTRY_SPOTLIGHT;

if (dsn) {
  Sentry.init({
    dsn,
    transport: localInbox ? makeLocalCollectorTransport : undefined,
    environment: env.DEPLOYMENT,
    tracesSampler: (ctx) => tracesSampleRate({ name: ctx.name, attributes: ctx.attributes, parentSampled: ctx.parentSampled }, env.DEPLOYMENT, env.SENTRY_TRACES_SAMPLE_RATE),
    // Outgoing requests carry the trace only to Orbit itself (a server action's redirect renders its target through
    // a request to its own origin); never to PostHog (/batch, /flags), Stripe or any other host.
    tracePropagationTargets: propagationTargets([env.APP_URL, process.env.__NEXT_PRIVATE_ORIGIN, `http://127.0.0.1:${process.env.PORT || 3000}`, `http://localhost:${process.env.PORT || 3000}`]),
    // No request/response bodies (a sign-up's password), no client IPs: off at the source, not only scrubbed.
    dataCollection: DATA_COLLECTION,
    beforeSend,
    // Transactions are streamed as spans in Sentry 11 (beforeSendSpan); this only runs with traceLifecycle 'static'.
    ...(TRACE_LIFECYCLE === 'static' ? { beforeSendTransaction } : {}),
    traceLifecycle: TRACE_LIFECYCLE,
    beforeSendSpan,
    beforeBreadcrumb,
    // Optional Spotlight (https://spotlightjs.com) sidecar next to the collector: SENTRY_SPOTLIGHT=1 or its URL.
    spotlight: spotlight ? (/^https?:/.test(spotlight) ? spotlight : ['1', 'true'].includes(spotlight)) : undefined,
  });

  // Requests that never reached the mutation wrapper (a server component render) still link to the browser's
  // PostHog person: read the identity from the request the SDK attached to the event.
  Sentry.addEventProcessor((event) => {
    if (event.type !== undefined || event.tags?.['posthog.distinct_id']) return event;
    const raw = event.request?.headers;
    if (!raw) return event;
    const identity = posthogIdentity(new Headers(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === 'string')));
    if (!identity) return event;
    const { tags, context } = posthogTags(serverLinkConfig(), identity);
    event.tags = { ...event.tags, ...tags };
    event.contexts = { ...event.contexts, posthog: context };
    return event;
  });
}
