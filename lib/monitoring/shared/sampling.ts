// Which traces are kept: everything in development and tests, a low rate in production, but every trace of the
// two flows Orbit cannot afford to be blind on (onboarding and checkout), and never the collector's own traffic, health
// checks nor static files nor the server's start-up work, whatever the incoming `sentry-trace` header says about the caller's decision.
// Pure: shared by the browser, server and edge configs.

export type SamplingInput = { name: string; attributes?: Record<string, unknown>; parentSampled?: boolean; inheritOrSampleWith?: (rate: number) => number };

/** Production sample rate for ordinary traces (default; the server and edge take SENTRY_TRACES_SAMPLE_RATE). */
export const PRODUCTION_TRACES_RATE = 0.05;

/** SENTRY_TRACES_SAMPLE_RATE for runtimes that cannot import lib/env.ts (edge): a number in [0, 1], else the default. */
export function productionTracesRate(raw: string | undefined): number {
  const n = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
  return Number.isFinite(n) && n >= 0 && n <= 1 ? n : PRODUCTION_TRACES_RATE;
}

/** Routes and span names that are always traced, whatever the rate. */
const ALWAYS = /(^|[\s/])(onboarding|checkout)([/\s.]|$)|(^|\s)(onboarding|checkout)\.|\/api\/webhooks\/stripe/;

/** Instrumentation talking to itself (collector, PostHog proxy, Sentry tunnel, inbox): tracing it is pure noise. */
const NEVER = /\/(sentry|ingest|monitoring|api\/dev\/inbox|dev\/inbox)(\/|\s|\?|$)/;
/** Health checks (app/api/health, the edge runtime's app/api/edge/ping): polled by load balancers, a trace each is noise. */
const HEALTH = /\/api\/(health|edge\/ping)(\/|\s|\?|$)/;
/** Framework internals and static files: a trace rooted at `/icon.svg` or a chunk tells nothing about a page. */
const STATIC = /(^|\s)(https?:\/\/[^/\s]+)?(\/_next\/\S*|\/\S*\.(ico|png|jpe?g|gif|svg|webp|avif|css|js|mjs|map|woff2?|ttf|otf|eot|txt|xml|webmanifest)(\?\S*)?)(\s|$)/;

function target(input: SamplingInput): string {
  const a = input.attributes ?? {};
  // Every URL-ish attribute: the span's name may still be a bare method ("GET") when it is sampled.
  const urls = ['url.path', 'http.target', 'url.full', 'http.url', 'next.route'].map((k) => a[k]).filter((v) => typeof v === 'string');
  return [input.name, ...urls].join(' ');
}

/**
 * Next.js's own spans that start a request. Next also opens spans outside any request — `next start` loads every
 * route module in advance ("load route module", LoadComponents.loadRouteModule), runs the instrumentation hook — and
 * each of those would be a root span, i.e. a trace of its own: dozens per start, noise in the trace list. Any other
 * Next.js span type without a parent is such server-internal work.
 */
const NEXT_REQUEST_SPAN_TYPES = new Set(['BaseServer.handleRequest', 'Middleware.execute', 'Next.request']);

function isServerStartupWork(input: SamplingInput): boolean {
  const type = input.attributes?.['next.span_type'];
  return input.parentSampled === undefined && typeof type === 'string' && !NEXT_REQUEST_SPAN_TYPES.has(type);
}

function isAlwaysTraced(name: string): boolean {
  return ALWAYS.test(name);
}

function isNeverTraced(name: string): boolean {
  return NEVER.test(name) || HEALTH.test(name) || STATIC.test(name);
}

export function tracesSampleRate(input: SamplingInput, environment: string, productionRate: number = PRODUCTION_TRACES_RATE): number {
  const where = target(input);
  if (isNeverTraced(where) || isServerStartupWork(input)) return 0;
  if (environment !== 'production') return 1;
  if (isAlwaysTraced(where)) return 1;
  // A child of a sampled browser trace keeps the browser's decision, so traces are never cut in half.
  if (input.parentSampled !== undefined) return input.parentSampled ? 1 : 0;
  return productionRate;
}
