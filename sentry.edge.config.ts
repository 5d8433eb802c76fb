// Sentry for the edge runtime (app/api/edge/*), loaded by instrumentation.ts register(). The edge runtime cannot
// open the database or import lib/env.ts (node:crypto), so local mode comes from lib/local-mode.js directly (the
// rule lib/env.ts uses too) and envelopes go over HTTP to the collector at Orbit's own origin (APP_URL, else the
// origin `next start`/`next dev` publish in __NEXT_PRIVATE_ORIGIN, else 127.0.0.1:$PORT).
import * as Sentry from '@sentry/nextjs';
import { beforeBreadcrumb, beforeSend, beforeSendSpan, beforeSendTransaction, DATA_COLLECTION } from '@/lib/monitoring/shared/before-send';
import { propagationTargets } from '@/lib/monitoring/shared/propagation';
import { productionTracesRate, tracesSampleRate } from '@/lib/monitoring/shared/sampling';
import { decideLocalMode, localModeEnv } from '@/lib/local-mode';

// Sentry 11 streams spans; 'static' would bring back classic transaction events (and beforeSendTransaction).
const TRACE_LIFECYCLE = 'stream' as 'static' | 'stream';

const e = process.env;
const configuredDsn = e.SENTRY_DSN || e.NEXT_PUBLIC_SENTRY_DSN || undefined;
export const localInbox = decideLocalMode(localModeEnv()).on;
const origin = (e.APP_URL || e.__NEXT_PRIVATE_ORIGIN || `http://127.0.0.1:${e.PORT || 3000}`).replace(/\/+$/, '');
const environment = e.DEPLOYMENT || 'local';
const dsn = localInbox ? `${origin.replace(/^(https?:\/\/)/, '$1orbit@')}/sentry/3` : configuredDsn;

if (dsn) {
  Sentry.init({
    dsn,
    environment,
    tracesSampler: (ctx) => tracesSampleRate({ name: ctx.name, attributes: ctx.attributes, parentSampled: ctx.parentSampled }, environment, productionTracesRate(e.SENTRY_TRACES_SAMPLE_RATE)),
    // As the server: the trace goes to Orbit's own origin only, never to analytics or other hosts.
    tracePropagationTargets: propagationTargets([origin]),
    // No request/response bodies (a sign-up's password), no client IPs: off at the source, not only scrubbed.
    dataCollection: DATA_COLLECTION,
    beforeSend,
    // Transactions are streamed as spans in Sentry 11 (beforeSendSpan); this only runs with traceLifecycle 'static'.
    ...(TRACE_LIFECYCLE === 'static' ? { beforeSendTransaction } : {}),
    traceLifecycle: TRACE_LIFECYCLE,
    beforeSendSpan,
    beforeBreadcrumb,
  });
}
