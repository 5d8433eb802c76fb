// The Sentry init options every runtime shares (browser, Node.js server, edge): where events go, what is sampled,
// where trace headers may travel, what the SDK may collect and the privacy hooks. Each sentry.*.config.ts spreads
// them and adds only what its runtime needs (the server's in-process transport, the browser's tunnel and tracing
// integration). Pure and runtime-neutral: no node:*, no server-only, no SDK import beyond types.
import type { Options } from '@sentry/core';
import { beforeBreadcrumb, beforeSend, beforeSendSpan, beforeSendTransaction, DATA_COLLECTION } from './before-send';
import { propagationTargets } from './propagation';
import { PRODUCTION_TRACES_RATE, tracesSampleRate } from './sampling';

/** Sentry 11 streams spans; 'static' would bring back classic transaction events (and beforeSendTransaction). */
const TRACE_LIFECYCLE = 'stream' as 'static' | 'stream';

export type SentryRuntimeInput = {
  /** Where events go; undefined keeps the SDK a silent no-op. */
  dsn: string | undefined;
  /** DEPLOYMENT (the browser gets it in the page's bootstrap): decides the sampling. */
  environment: string;
  /** Orbit's own origins as this runtime sees them: the only hosts `sentry-trace`/`baggage` may go to. */
  ownOrigins: (string | undefined)[];
  /** Production rate of ordinary traces (SENTRY_TRACES_SAMPLE_RATE on the server and edge). */
  productionTracesRate?: number;
};

export type SharedSentryOptions = Pick<
  Options,
  | 'dsn'
  | 'environment'
  | 'tracesSampler'
  | 'tracePropagationTargets'
  | 'dataCollection'
  | 'beforeSend'
  | 'beforeSendTransaction'
  | 'traceLifecycle'
  | 'beforeSendSpan'
  | 'beforeBreadcrumb'
>;

export function sentryOptions({ dsn, environment, ownOrigins, productionTracesRate = PRODUCTION_TRACES_RATE }: SentryRuntimeInput): SharedSentryOptions {
  return {
    dsn,
    environment,
    tracesSampler: (ctx) => tracesSampleRate({ name: ctx.name, attributes: ctx.attributes, parentSampled: ctx.parentSampled }, environment, productionTracesRate),
    // Same origin only (never PostHog, Stripe or any third party), never Orbit's telemetry endpoints.
    tracePropagationTargets: propagationTargets(ownOrigins),
    // No request/response bodies (a sign-up's password), no client IPs: off at the source, not only scrubbed.
    dataCollection: DATA_COLLECTION,
    beforeSend,
    // Transactions are streamed as spans in Sentry 11 (beforeSendSpan); this only runs with traceLifecycle 'static'.
    ...(TRACE_LIFECYCLE === 'static' ? { beforeSendTransaction } : {}),
    traceLifecycle: TRACE_LIFECYCLE,
    beforeSendSpan,
    beforeBreadcrumb,
  };
}
