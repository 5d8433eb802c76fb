// Orbit's server-side PostHog client: one posthog-node instance per process (kept on globalThis so dev hot reload
// does not leak clients), configured from env. With a project key it sends to PostHog; without one, in local mode,
// it hands posthog-node's real requests to the local collector in-process (a custom `fetch`, no loopback HTTP);
// otherwise, or with POSTHOG_ENABLED=0, every call is a silent no-op.
//
// Contract: nothing here throws into the caller and nothing is awaited on a response path. `capture` validates
// against the catalog and queues; the queue is flushed after the response (see flush-after.ts), on size and
// interval, and at shutdown. The queue is bounded (drop-oldest); failures are logged once per burst and counted.
import 'server-only';
import { PostHog, type PostHogOptions } from 'posthog-node';
import type { EventName, EventProperties } from '@/lib/analytics/catalog';
import { POSTHOG_API_PATH, POSTHOG_LOCAL_KEY, POSTHOG_LOCAL_PERSONAL_KEY } from '@/lib/analytics/constants';
import { guardEvent } from '@/lib/analytics/validate';
import type { GroupProperties, PersonProperties } from '@/lib/analytics/person-properties';
import { env, localInbox } from '@/lib/env';

export type AnalyticsMode = 'posthog' | 'local' | 'off';

/** Who an event is about. Built by identity.ts from the session, the PostHog cookie or headers. */
export type AnalyticsIdentity = {
  distinctId: string;
  /** The browser's anonymous id when it differs from distinctId (used to alias at sign-up/log-in). */
  anonymousId?: string | null;
  /** posthog-js session id, so server events join the session replay. */
  sessionId?: string | null;
  ipHash?: string | null;
  /** False for a visitor without any PostHog id: the event is personless (`$process_person_profile: false`). */
  hasPerson?: boolean;
};

export type CaptureOptions = { groups?: Record<string, string>; timestamp?: Date };


export type AnalyticsStats = {
  mode: AnalyticsMode;
  /** Events handed to posthog-node (catalog events plus $identify, $create_alias, $groupidentify). */
  captured: number;
  /** Events PostHog (or the collector) acknowledged. */
  sent: number;
  /** Failed delivery attempts (a batch that timed out, was refused or could not connect). */
  failed: number;
  /** Events discarded because the queue was full (oldest first). */
  dropped: number;
  /** Events refused or trimmed by catalog validation. */
  invalid: number;
  /** Reliability reports sent about the above (`analytics.events_dropped`, `flags.fallback_used`). */
  reported: number;
  /** Events waiting in memory right now. */
  queued: number;
  maxQueue: number;
};

export type ServerAnalyticsConfig = {
  mode: AnalyticsMode;
  apiKey: string;
  host: string;
  flushAt: number;
  flushIntervalMs: number;
  requestTimeoutMs: number;
  maxQueue: number;
  geoip: boolean;
  /** Share of requests recorded as `api.request` (0–1). */
  apiRequestSampleRate: number;
  /** Replaces the transport (local mode's in-process collector, tests). */
  fetch?: PostHogOptions['fetch'];
  personalApiKey?: string;
  /** At most one reliability report of each kind per interval (tests use 0). */
  reliabilityReportIntervalMs?: number;
};

export type FlagFallbackReason = EventProperties<'flags.fallback_used'>['reason'];

const LOCAL_HOST = `http://orbit.local${POSTHOG_API_PATH}`;
const FAILURE_LOG_INTERVAL_MS = 60_000;
const RELIABILITY_REPORT_INTERVAL_MS = 60_000;
/** The deployment reporting on itself: personless, never a visitor. */
const SYSTEM_IDENTITY: AnalyticsIdentity = { distinctId: 'orbit_server', hasPerson: false };

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
    geoip: env.POSTHOG_GEOIP ?? false,
    apiRequestSampleRate: env.POSTHOG_API_REQUEST_SAMPLE_RATE,
    fetch: mode === 'local' ? inProcessCollectorFetch : undefined,
    // Local mode evaluates flags like production with a personal key: posthog-node polls the definitions, here
    // from the local collector (lib/inbox/collector/flag-definitions.ts), and evaluates them in-process.
    personalApiKey: mode === 'local' ? POSTHOG_LOCAL_PERSONAL_KEY : env.POSTHOG_PERSONAL_API_KEY,
  };
}

type FetchFn = NonNullable<PostHogOptions['fetch']>;

/**
 * posthog-node's request, answered by the local collector in this process: the exact bytes posthog-node would
 * send (gzip and all), without knowing the server's own origin and without a loopback connection.
 */
export const inProcessCollectorFetch: FetchFn = async (url, options) => {
  const [{ ingestHandler }, { CollectorError, errorResponse }] = await Promise.all([
    import('@/lib/inbox/collector/posthog-endpoints'),
    import('@/lib/inbox/collector/http'),
  ]);
  const path = new URL(url).pathname.replace(/^\/ingest\/?/, '').split('/').filter(Boolean);
  const request = new Request(url, {
    method: options.method,
    headers: options.headers,
    // posthog-node sends a string or gzip bytes; both are valid request bodies.
    body: options.body as unknown as BodyInit,
    signal: options.signal,
  });
  try {
    return await ingestHandler(options.method === 'GET' ? 'GET' : 'POST')(request, { path });
  } catch (error) {
    if (error instanceof CollectorError) return errorResponse(error);
    throw error;
  }
};

type QueueItem = { message?: unknown };

/** The longest wait between two retries of a failed flush while PostHog stays down. */
const MAX_RETRY_DELAY_MS = 30_000;

/**
 * The transport, with a retryable HTTP answer to a batch (408, 429, 5xx: PostHog or a proxy in front of it is down)
 * turned into a failed request: posthog-node keeps a batch queued after a network error but drops it after an HTTP
 * error. A 4xx other than 408/429 (the batch itself is refused, 413 included: posthog-node halves the batch) passes
 * through. A retried batch may already have been ingested behind a 502/504; PostHog deduplicates events with the
 * same uuid, event, distinct_id and timestamp, which a retry keeps.
 */
export function keepBatchOnUnavailable(fetchFn: FetchFn): FetchFn {
  return async (url, options) => {
    const response = await fetchFn(url, options);
    const retryable = response.status === 408 || response.status === 429 || response.status >= 500;
    if (!retryable || !new URL(url).pathname.endsWith('/batch/')) return response;
    void Promise.resolve(response.body?.cancel()).catch(() => {});
    throw new Error(`PostHog answered ${response.status}: the batch stays queued`);
  };
}

/** posthog-node with Orbit's accounting: drops counted at enqueue, background flush errors kept out of the log. */
class OrbitPostHog extends PostHog {
  constructor(
    apiKey: string,
    options: PostHogOptions,
    private readonly onDrop: () => void,
    private readonly maxQueue: number,
    private readonly flushIntervalMs: number,
  ) {
    super(apiKey, options);
  }

  queueLength(): number {
    const queue: unknown = this.getPersistedProperty('queue' as Parameters<PostHog['getPersistedProperty']>[0]);
    return Array.isArray(queue) ? (queue as QueueItem[]).length : 0;
  }

  // posthog-node drops the oldest event when the queue is full; this is where Orbit counts it.
  protected override enqueue(...args: Parameters<PostHog['enqueue']>): void {
    if (this.queueLength() >= this.maxQueue) this.onDrop();
    super.enqueue(...args);
  }

  // Background flushes would log every failure (once per flushInterval while PostHog is down); the 'error'
  // listener already counts and logs them once per burst.
  protected override flushAutomatic(): Promise<void> {
    return this.retryOnFailure(super.flushAutomatic()).catch(() => {});
  }

  private consecutiveFailures = 0;
  private stopped = false;

  // posthog-node arms its flush timer only when an event is queued, and clears it when a flush starts: after a
  // failed flush the kept batch would wait for the next capture or request. A failure arms it again, backing off
  // (interval × 2ⁿ, at most 30 s), so the queue is delivered once PostHog is back, even on an idle server.
  override flush(): Promise<void> {
    return this.retryOnFailure(super.flush());
  }

  override async shutdown(shutdownTimeoutMs?: number): Promise<void> {
    this.stopped = true;
    clearTimeout(this._flushTimer as ReturnType<typeof setTimeout> | undefined);
    this._flushTimer = undefined;
    return super.shutdown(shutdownTimeoutMs);
  }

  private retryOnFailure(flushing: Promise<void>): Promise<void> {
    flushing.then(
      () => {
        this.consecutiveFailures = 0;
      },
      () => this.scheduleRetry(),
    );
    return flushing;
  }

  private scheduleRetry(): void {
    if (this.stopped || this._flushTimer || this.queueLength() === 0) return;
    this.consecutiveFailures++;
    const interval = this.flushIntervalMs > 0 ? this.flushIntervalMs : 10_000;
    const delay = Math.min(interval * 2 ** Math.min(this.consecutiveFailures - 1, 20), Math.max(interval, MAX_RETRY_DELAY_MS));
    const timer = setTimeout(() => void this.flushAutomatic(), delay);
    timer.unref?.();
    this._flushTimer = timer;
  }
}

export class ServerAnalytics {
  readonly mode: AnalyticsMode;
  private readonly client: OrbitPostHog | null;
  private readonly counters = { captured: 0, sent: 0, failed: 0, dropped: 0, invalid: 0, reported: 0 };
  /** Losses not reported yet, and since when. */
  private unreported = { overflow: 0, invalid: 0, flagFallbacks: new Map<FlagFallbackReason, number>() };
  private windowStart = Date.now();
  private lastReport = Number.NEGATIVE_INFINITY;
  private failuresSinceLog = 0;
  private lastFailureLog = 0;
  private inFlight: Promise<void> | null = null;

  constructor(readonly config: ServerAnalyticsConfig) {
    this.mode = config.mode;
    this.client =
      config.mode === 'off'
        ? null
        : new OrbitPostHog(
            config.apiKey,
            {
              host: config.host,
              // posthog-node raises its queue bound to flushAt; keep the configured bound the real one.
              flushAt: Math.min(config.flushAt, config.maxQueue),
              flushInterval: config.flushIntervalMs,
              requestTimeout: config.requestTimeoutMs,
              maxQueueSize: config.maxQueue,
              // At least one batch must fit into the queue; posthog-node wants maxBatchSize ≤ maxQueueSize.
              maxBatchSize: Math.min(100, config.maxQueue),
              // A failed flush keeps its events queued; the next flush (interval, size or request end) retries,
              // so no retry loop holds a flush open for seconds while PostHog is down.
              fetchRetryCount: 0,
              disableGeoip: !config.geoip,
              fetch: keepBatchOnUnavailable(config.fetch ?? ((url, options) => fetch(url, options as RequestInit))),
              personalApiKey: config.personalApiKey,
              featureFlagsPollingInterval: config.personalApiKey ? 60_000 : null,
              // Flags are evaluated explicitly (flags.ts); captures never trigger a flags request.
              preloadFeatureFlags: false,
            },
            () => {
              this.counters.dropped++;
              this.unreported.overflow++;
            },
            config.maxQueue,
            config.flushIntervalMs,
          );
    this.client?.on('flush', (messages: unknown) => {
      if (Array.isArray(messages)) this.counters.sent += messages.length;
    });
    this.client?.on('error', (error: unknown) => this.recordFailure(error));
  }

  get active(): boolean {
    return this.client !== null;
  }

  /** The posthog-node client (flag evaluation); null when analytics is off. */
  get posthog(): PostHog | null {
    return this.client;
  }

  stats(): AnalyticsStats {
    return { mode: this.mode, ...this.counters, queued: this.client?.queueLength() ?? 0, maxQueue: this.config.maxQueue };
  }

  /** A catalog event. Invalid properties are dropped (and logged, counted); an unknown event is not sent. */
  capture<N extends EventName>(event: N, properties: EventProperties<N>, identity: AnalyticsIdentity, options: CaptureOptions = {}): void {
    const client = this.client;
    if (!client) return;
    this.guard(() => {
      const valid = guardEvent(event, properties, {
        mode: 'drop',
        report: (report) => {
          this.counters.invalid++;
          this.unreported.invalid++;
          // Loud in development: the call site is wrong. Names keys only, never values.
          const log = env.NODE_ENV === 'production' ? console.warn : console.error;
          log(`[analytics] invalid server event ${report.event}: ${report.issues.map((i) => `${i.path || '(payload)'} ${i.message}`).join('; ')}`);
        },
      });
      if (valid === null) return;
      client.capture({
        distinctId: identity.distinctId,
        event,
        // Context after validation: the catalog's strict schemas describe the product properties only.
        properties: { ...valid, ...contextProperties(identity) },
        groups: options.groups,
        timestamp: options.timestamp,
      });
      this.counters.captured++;
    });
  }

  /** Sets person properties and, with `anonymousId`, merges the browser's anonymous person into this one. */
  identify(distinctId: string, properties: PersonProperties, anonymousId?: string | null): void {
    const client = this.client;
    if (!client) return;
    this.guard(() => {
      client.identify({ distinctId, properties: { $set: properties, ...(anonymousId ? { $anon_distinct_id: anonymousId } : {}) } });
      this.counters.captured++;
    });
  }

  /** Links `alias` (the browser's anonymous id) to `distinctId` (the user id). */
  alias(distinctId: string, alias: string): void {
    const client = this.client;
    if (!client || !alias || alias === distinctId) return;
    this.guard(() => {
      client.alias({ distinctId, alias });
      this.counters.captured++;
    });
  }

  /** Sets a group's properties (`workspace` → its plan; the name is typed by a user and stays in Orbit). */
  groupIdentify(groupType: 'workspace', groupKey: string, properties: GroupProperties, distinctId?: string): void {
    const client = this.client;
    if (!client) return;
    this.guard(() => {
      client.groupIdentify({ groupType, groupKey, properties, distinctId });
      this.counters.captured++;
    });
  }

  /**
   * Sends what is queued. Never rejects. Concurrent calls share one flush: a request ending while a flush is in
   * flight does not stack another one behind it (its events go with the next flush).
   */
  flush(): Promise<void> {
    const client = this.client;
    if (!client) return Promise.resolve();
    if (!this.inFlight) this.guard(() => this.reportReliability(client));
    this.inFlight ??= client
      .flush()
      .catch(() => {})
      .finally(() => {
        this.inFlight = null;
      });
    return this.inFlight;
  }

  /** Flushes and stops the timers; resolves within `timeoutMs` even when PostHog does not answer. */
  async shutdown(timeoutMs = 2_000): Promise<void> {
    const client = this.client;
    if (!client) return;
    try {
      await client.shutdown(timeoutMs);
    } catch (error) {
      this.recordFailure(error);
    }
  }

  /** Counts a server flag evaluation that answered with the code defaults; reported by the next flush. */
  noteFlagFallback(reason: FlagFallbackReason): void {
    if (!this.client) return;
    this.unreported.flagFallbacks.set(reason, (this.unreported.flagFallbacks.get(reason) ?? 0) + 1);
  }

  /**
   * One aggregated event per kind of loss and interval, from the flush (never from the code path that lost the
   * event, so a loss cannot recurse into more losses). A full queue postpones the report: it never evicts a product
   * event to announce an eviction. The reports are validated like any event but do not count as product events.
   */
  private reportReliability(client: OrbitPostHog): void {
    const { overflow, invalid, flagFallbacks } = this.unreported;
    if (overflow === 0 && invalid === 0 && flagFallbacks.size === 0) return;
    const now = Date.now();
    if (now - this.lastReport < (this.config.reliabilityReportIntervalMs ?? RELIABILITY_REPORT_INTERVAL_MS)) return;
    const reports: Array<{ event: 'analytics.events_dropped' | 'flags.fallback_used'; properties: Record<string, unknown> }> = [];
    const window_s = Math.round((now - this.windowStart) / 100) / 10;
    if (overflow > 0 || invalid > 0) reports.push({ event: 'analytics.events_dropped', properties: { queue_overflow: overflow, invalid, window_s } });
    for (const [reason, count] of flagFallbacks) reports.push({ event: 'flags.fallback_used', properties: { reason, count, window_s } });
    if (client.queueLength() + reports.length > this.config.maxQueue) return;
    this.unreported = { overflow: 0, invalid: 0, flagFallbacks: new Map() };
    this.windowStart = now;
    this.lastReport = now;
    for (const r of reports) {
      const valid = guardEvent(r.event, r.properties, { mode: 'drop' });
      if (valid === null) continue;
      client.capture({ distinctId: SYSTEM_IDENTITY.distinctId, event: r.event, properties: { ...valid, ...contextProperties(SYSTEM_IDENTITY) } });
      this.counters.reported++;
    }
  }

  private guard(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      // posthog-node does not throw from capture; this is the belt to its braces.
      this.recordFailure(error);
    }
  }

  private recordFailure(error: unknown): void {
    this.counters.failed++;
    this.failuresSinceLog++;
    const now = Date.now();
    if (now - this.lastFailureLog < FAILURE_LOG_INTERVAL_MS) return;
    this.lastFailureLog = now;
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    console.warn(
      `[analytics] PostHog delivery failed (${this.failuresSinceLog} failure(s) in this burst; ${this.client?.queueLength() ?? 0} event(s) queued, the oldest are dropped past ${this.config.maxQueue}): ${reason}`,
    );
    this.failuresSinceLog = 0;
  }
}

function contextProperties(identity: AnalyticsIdentity): Record<string, string | boolean> {
  const props: Record<string, string | boolean> = { app: 'orbit', deployment: env.DEPLOYMENT };
  if (identity.sessionId) props.$session_id = identity.sessionId;
  if (identity.ipHash) props.ip_hash = identity.ipHash;
  if (identity.hasPerson === false) props.$process_person_profile = false;
  return props;
}

// ---- The process-wide instance ----

const GLOBAL_KEY = Symbol.for('orbit.serverAnalytics');
type GlobalSlot = { [GLOBAL_KEY]?: ServerAnalytics };

/** The process's client, created from env on first use. */
export function serverAnalytics(): ServerAnalytics {
  const slot = globalThis as GlobalSlot;
  return (slot[GLOBAL_KEY] ??= new ServerAnalytics(configFromEnv()));
}

/** Swaps in an existing client without shutting the current one down (tests alternating configurations). */
export function swapServerAnalytics(instance: ServerAnalytics): ServerAnalytics | undefined {
  const slot = globalThis as GlobalSlot;
  const previous = slot[GLOBAL_KEY];
  slot[GLOBAL_KEY] = instance;
  return previous;
}

/**
 * Replaces the process's client (tests, the CLI, benchmarks): the previous one is shut down in the background.
 * Pass a full or partial config; the rest comes from env.
 */
export function configureServerAnalytics(overrides: Partial<ServerAnalyticsConfig>): ServerAnalytics {
  const slot = globalThis as GlobalSlot;
  const previous = slot[GLOBAL_KEY];
  const next = new ServerAnalytics({ ...configFromEnv(), ...overrides });
  slot[GLOBAL_KEY] = next;
  if (previous) void previous.shutdown(0);
  return next;
}
