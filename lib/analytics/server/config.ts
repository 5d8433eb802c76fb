// What the server analytics client is configured with, read from env: the mode (PostHog, the local collector, or
// off), the host, and the delivery limits (batch size, interval, request timeout, queue bound).
import 'server-only';
import type { PostHogOptions } from 'posthog-node';
import { POSTHOG_API_PATH, POSTHOG_LOCAL_KEY, POSTHOG_LOCAL_PERSONAL_KEY } from '@/lib/analytics/constants';
import { env, localInbox } from '@/lib/env';
import { inProcessCollectorFetch } from './local-collector-fetch';

export type AnalyticsMode = 'posthog' | 'local' | 'off';

/** The transport posthog-node sends through (the global `fetch` unless replaced). */
export type FetchFn = NonNullable<PostHogOptions['fetch']>;

export type ServerAnalyticsConfig = {
  mode: AnalyticsMode;
  apiKey: string;
  host: string;
  /** Queued events that start a flush without waiting for the interval. */
  flushAt: number;
  flushIntervalMs: number;
  /** A request to PostHog that has not answered by then is abandoned; its events stay queued. */
  requestTimeoutMs: number;
  /** Events kept in memory while PostHog is unreachable; past it the oldest waiting event is dropped. */
  maxQueue: number;
  /** Share of requests recorded as `api.request` (0–1). */
  apiRequestSampleRate: number;
  /** Replaces the transport (local mode's in-process collector, tests). */
  fetch?: FetchFn;
  personalApiKey?: string;
  /** At most one reliability report of each kind per interval (tests use 0). */
  reliabilityReportIntervalMs?: number;
};

const LOCAL_HOST = `http://orbit.local${POSTHOG_API_PATH}`;

/** The configuration env asks for. */
export function configFromEnv(): ServerAnalyticsConfig {
  const key = env.NEXT_PUBLIC_POSTHOG_KEY;
  const mode: AnalyticsMode = env.POSTHOG_ENABLED === false ? 'off' : key ? 'posthog' : localInbox ? 'local' : 'off';
  return {
    mode,
    apiKey: key ?? POSTHOG_LOCAL_KEY,
    host:
      mode === 'local'
        ? LOCAL_HOST
        : (env.POSTHOG_HOST ?? env.NEXT_PUBLIC_POSTHOG_HOST ?? 'https://us.i.posthog.com'),
    flushAt: env.POSTHOG_FLUSH_AT,
    flushIntervalMs: env.POSTHOG_FLUSH_INTERVAL_MS,
    requestTimeoutMs: env.POSTHOG_REQUEST_TIMEOUT_MS,
    maxQueue: env.POSTHOG_MAX_QUEUE,
    apiRequestSampleRate: env.POSTHOG_API_REQUEST_SAMPLE_RATE,
    fetch: mode === 'local' ? inProcessCollectorFetch : undefined,
    // Local mode evaluates flags like production with a personal key: posthog-node polls the definitions, here
    // from the local collector (lib/inbox/collector/flag-definitions.ts), and evaluates them in-process.
    personalApiKey: mode === 'local' ? POSTHOG_LOCAL_PERSONAL_KEY : env.POSTHOG_PERSONAL_API_KEY,
  };
}
