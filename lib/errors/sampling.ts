// Which traces are kept: everything in development and tests, a low rate in production, but every trace of the
// two flows Orbit cannot afford to be blind on (onboarding and checkout), and never the collector's own traffic.
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

/** Instrumentation talking to itself (collector, PostHog proxy, inbox, static files): tracing it is pure noise. */
const NEVER = /\/(sentry\/api|ingest|monitoring|api\/dev\/inbox|dev\/inbox|_next\/static|_next\/image|favicon\.ico)(\/|\s|$)/;

function target(input: SamplingInput): string {
  const a = input.attributes ?? {};
  const url = a['url.path'] ?? a['http.target'] ?? a['url.full'] ?? a['http.url'] ?? a['next.route'] ?? '';
  return `${input.name} ${String(url)}`;
}

export function isAlwaysTraced(name: string): boolean {
  return ALWAYS.test(name);
}

export function isNeverTraced(name: string): boolean {
  return NEVER.test(name);
}

export function tracesSampleRate(input: SamplingInput, environment: string, productionRate: number = PRODUCTION_TRACES_RATE): number {
  const where = target(input);
  if (isNeverTraced(where)) return 0;
  if (environment !== 'production') return 1;
  if (isAlwaysTraced(where)) return 1;
  // A child of a sampled browser trace keeps the browser's decision, so traces are never cut in half.
  if (input.parentSampled !== undefined) return input.parentSampled ? 1 : 0;
  return productionRate;
}
