// Sentry for the Node.js runtime (route handlers, server actions, server components, proxy.ts), loaded by
// instrumentation.ts register(). Local mode: envelopes go into Orbit's collector in-process
// (lib/inbox/collector/sentry-transport.ts: this file, the composition root, is what wires the inbox in); with
// SENTRY_DSN they go to Sentry. Neither → the SDK stays off.
// The options every runtime shares come from lib/monitoring/shared/sentry-options.ts; only the server's are here.
import * as Sentry from '@sentry/nextjs';
import { env, localInbox } from '@/lib/env';
import { makeLocalCollectorTransport } from '@/lib/inbox/collector/sentry-transport';
import { serverIntegrations } from '@/lib/monitoring/server/integrations';
import { linkRequestToPostHog } from '@/lib/monitoring/server/server-scope';
import { sentryTransportOptions } from '@/lib/monitoring/server/transport-timeout';
import { LOCAL_SENTRY_PROJECT } from '@/lib/monitoring/shared/endpoints';
import { sentryOptions } from '@/lib/monitoring/shared/sentry-options';

const dsn = localInbox ? `http://orbit@collector.local/sentry/${LOCAL_SENTRY_PROJECT.server}` : (env.SENTRY_DSN ?? env.NEXT_PUBLIC_SENTRY_DSN);
const spotlight = process.env.SENTRY_SPOTLIGHT;
const serverSpans = env.SENTRY_SERVER_SPANS;

if (dsn) {
  Sentry.init({
    ...sentryOptions({
      dsn,
      environment: env.DEPLOYMENT,
      productionTracesRate: env.SENTRY_TRACES_SAMPLE_RATE,
      // Orbit itself, as the server reaches it: a server action's redirect renders its target through a request to
      // its own origin, in the same trace.
      ownOrigins: [env.APP_URL, process.env.__NEXT_PRIVATE_ORIGIN, `http://127.0.0.1:${process.env.PORT || 3000}`, `http://localhost:${process.env.PORT || 3000}`],
    }),
    // SENTRY_SERVER_SPANS=none: errors only — no tracing on the server (no sampler: the SDK records no span). Errors
    // still carry their request and the trace id of the browser's `sentry-trace`, so they stay linked to its trace.
    ...(serverSpans === 'none' ? { tracesSampler: undefined } : {}),
    transport: localInbox ? makeLocalCollectorTransport : undefined,
    // Only the integrations Orbit uses, not the ~35 framework, database and AI SDK ones in the defaults
    // (lib/monitoring/server/integrations.ts). Http as @sentry/nextjs configures it when Next.js makes the request
    // spans; with SENTRY_SERVER_SPANS=requests Sentry's HTTP integration makes them; with `none` nobody does (the
    // integration still gives each request its own scope, so an error carries its request).
    integrations: (defaults) =>
      serverIntegrations(defaults, Sentry.httpIntegration({ disableIncomingRequestSpans: serverSpans !== 'requests', ...(serverSpans === 'none' ? { spans: false } : {}) })),
    // SENTRY_SERVER_SPANS=requests or none: no OpenTelemetry tracer provider, so Next.js creates none of its spans —
    // every one went through Sentry's span machinery, recorded or not, and is most of the SDK's per-request CPU
    // (docs/performance.md, "Server CPU per request").
    ...(serverSpans !== 'nextjs' ? { enableOpenTelemetrySetup: false } : {}),
    // The SDK's runtime channel injection rewrites modules as Node loads them, for its channel-based integrations
    // (express, pg, postgres.js, redis…). Orbit uses none of them: its database spans are its own
    // (lib/monitoring/server/db-spans.ts). Inside the Next.js server bundle it cannot register on Node 20 anyway: it
    // hands Module.register() a hook file it looks for under the bundle's virtual /ROOT path (ERR_MODULE_NOT_FOUND)
    // and says "[Sentry] Failed to register diagnostics-channel injection hooks" at every start.
    enableRuntimeChannelInjection: false,
    // Every request to Sentry has a deadline: a host that never answers cannot hold the server's sockets.
    transportOptions: sentryTransportOptions(),
    // Optional Spotlight (https://spotlightjs.com) sidecar next to the collector: SENTRY_SPOTLIGHT=1 or its URL.
    spotlight: spotlight ? (/^https?:/.test(spotlight) ? spotlight : ['1', 'true'].includes(spotlight)) : undefined,
  });

  Sentry.addEventProcessor(linkRequestToPostHog);
}
