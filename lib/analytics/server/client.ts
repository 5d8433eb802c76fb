// Orbit's server-side analytics client: one per process (kept on globalThis so dev hot reload does not leak
// clients), configured from env (config.ts). With a project key it sends to PostHog; without one, in local mode, to
// the local collector in-process (local-collector-fetch.ts); otherwise, or with POSTHOG_ENABLED=0, every call is a
// silent no-op.
//
// Contract: nothing here throws into the caller and nothing is awaited on a response path. `capture` validates
// against the catalog and queues in the outbox (outbox.ts: bounded, flushed after the response, on size and
// interval, retried with backoff while PostHog is down, flushed at shutdown). Failures are counted and logged once
// per burst (failure-log.ts); losses are reported as events (loss-reports.ts).
import 'server-only';
import { uuidv7, type PostHog } from 'posthog-node';
import type { EventName, EventProperties } from '@/lib/analytics/catalog';
import { guardEvent } from '@/lib/analytics/validate';
import type { GroupProperties, PersonProperties } from '@/lib/analytics/person-properties';
import { env } from '@/lib/env';
import { configFromEnv, type AnalyticsMode, type ServerAnalyticsConfig } from './config';
import { FailureLog } from './failure-log';
import { LossReports, type FlagFallbackReason } from './loss-reports';
import { Outbox } from './outbox';

/** Who an event is about. Built by identity.ts from the session, the PostHog cookie or headers. */
export type AnalyticsIdentity = {
  distinctId: string;
  /** The browser's anonymous id when it differs from distinctId (used to alias at sign-up/log-in). */
  anonymousId?: string | null;
  /** posthog-js session id, so server events join the session replay. */
  sessionId?: string | null;
  ipHash?: string | null;
  /** The visitor's address as PostHog may see it (POSTHOG_CLIENT_IP: truncated or full), sent as `$ip` for GeoIP. */
  ip?: string | null;
  /** False for a visitor without any PostHog id: the event is personless (`$process_person_profile: false`). */
  hasPerson?: boolean;
};

export type CaptureOptions = { groups?: Record<string, string>; timestamp?: Date };

export type AnalyticsStats = {
  mode: AnalyticsMode;
  /** Events handed to the client (catalog events plus $identify, $create_alias, $groupidentify). */
  captured: number;
  /** Events PostHog (or the collector) acknowledged. */
  sent: number;
  /** Failed delivery attempts (a batch that timed out, was refused or could not connect). */
  failed: number;
  /** Events discarded because the queue was full (oldest first). */
  dropped: number;
  /** Events in batches PostHog refused with a 4xx other than 408/429 (not sent again). */
  rejected: number;
  /** Events refused or trimmed by catalog validation. */
  invalid: number;
  /** Reliability reports sent about the above (`analytics.events_dropped`, `flags.fallback_used`). */
  reported: number;
  /** Events waiting in memory or on the wire right now. */
  queued: number;
  maxQueue: number;
};

/** The deployment reporting on itself: personless, never a visitor. */
const SYSTEM_IDENTITY: AnalyticsIdentity = { distinctId: 'orbit_server', hasPerson: false };

export class ServerAnalytics {
  readonly mode: AnalyticsMode;
  private readonly outbox: Outbox | null;
  private readonly counters = { captured: 0, failed: 0, invalid: 0, reported: 0 };
  private readonly losses: LossReports;
  private readonly failures: FailureLog;

  constructor(readonly config: ServerAnalyticsConfig) {
    this.mode = config.mode;
    this.losses = new LossReports(config.reliabilityReportIntervalMs);
    this.failures = new FailureLog(() => ({ queued: this.outbox?.queued ?? 0, maxQueue: config.maxQueue }));
    this.outbox =
      config.mode === 'off'
        ? null
        : new Outbox(config, {
            onDrop: () => this.losses.noteOverflow(),
            onFailure: (reason) => this.recordFailure(reason),
          });
    // Flag requests (definitions, remote evaluation); batches never fail in posthog-node (batch-transport.ts).
    this.outbox?.posthog.on('error', (error: unknown) => this.recordFailure(error instanceof Error ? `${error.name}: ${error.message}` : String(error)));
  }

  get active(): boolean {
    return this.outbox !== null;
  }

  /** The posthog-node client (flag evaluation); null when analytics is off. */
  get posthog(): PostHog | null {
    return this.outbox?.posthog ?? null;
  }

  stats(): AnalyticsStats {
    const { sent, dropped, rejected } = this.outbox?.counters ?? { sent: 0, dropped: 0, rejected: 0 };
    return { mode: this.mode, ...this.counters, sent, dropped, rejected, queued: this.outbox?.queued ?? 0, maxQueue: this.config.maxQueue };
  }

  /** A catalog event. Invalid properties are dropped (and logged, counted); an unknown event is not sent. */
  capture<N extends EventName>(event: N, properties: EventProperties<N>, identity: AnalyticsIdentity, options: CaptureOptions = {}): void {
    if (!this.outbox) return;
    this.guard(() => {
      const valid = guardEvent(event, properties, {
        mode: 'drop',
        report: (report) => {
          this.counters.invalid++;
          this.losses.noteInvalid();
          // Loud in development: the call site is wrong. Names keys only, never values.
          const log = env.NODE_ENV === 'production' ? console.warn : console.error;
          log(`[analytics] invalid server event ${report.event}: ${report.issues.map((i) => `${i.path || '(payload)'} ${i.message}`).join('; ')}`);
        },
      });
      if (valid === null) return;
      // Context after validation: the catalog's strict schemas describe the product properties only.
      this.enqueue(event, identity.distinctId, { ...valid, ...contextProperties(identity) }, options);
    });
  }

  /** Sets person properties and, with `anonymousId`, merges the browser's anonymous person into this one. */
  identify(distinctId: string, properties: PersonProperties, anonymousId?: string | null): void {
    if (!this.outbox) return;
    this.guard(() => this.enqueue('$identify', distinctId, { $set: properties, $set_once: {}, ...(anonymousId ? { $anon_distinct_id: anonymousId } : {}) }));
  }

  /** Links `alias` (the browser's anonymous id) to `distinctId` (the user id). */
  alias(distinctId: string, alias: string): void {
    if (!this.outbox || !alias || alias === distinctId) return;
    this.guard(() => this.enqueue('$create_alias', distinctId, { distinct_id: distinctId, alias }));
  }

  /** Sets a group's properties (`workspace` → its plan; the name is typed by a user and stays in Orbit). */
  groupIdentify(groupType: 'workspace', groupKey: string, properties: GroupProperties, distinctId?: string): void {
    if (!this.outbox) return;
    this.guard(() =>
      this.enqueue('$groupidentify', distinctId ?? `$${groupType}_${groupKey}`, { $group_type: groupType, $group_key: groupKey, $group_set: properties }),
    );
  }

  /**
   * Sends what is queued. Never rejects. Concurrent calls share one flush: a request ending while a flush is in
   * flight does not stack another one behind it (its events go with the next flush).
   */
  flush(): Promise<void> {
    const outbox = this.outbox;
    if (!outbox) return Promise.resolve();
    this.guard(() => this.reportLosses(outbox));
    return outbox.flush();
  }

  /** Flushes and stops the timers; resolves within `timeoutMs` even when PostHog does not answer. */
  async shutdown(timeoutMs = 2_000): Promise<void> {
    try {
      await this.outbox?.shutdown(timeoutMs);
    } catch (error) {
      this.recordFailure(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    }
  }

  /** Counts a server flag evaluation that answered with the code defaults; reported by the next flush. */
  noteFlagFallback(reason: FlagFallbackReason): void {
    if (this.outbox) this.losses.noteFlagFallback(reason);
  }

  /** The events of PostHog's capture API, each with its own uuid and timestamp: a retry is the same event again. */
  private enqueue(event: string, distinctId: string, properties: Record<string, unknown>, options: CaptureOptions = {}): void {
    if (!this.outbox) return;
    this.outbox.push({ event, distinctId, properties, groups: options.groups, timestamp: options.timestamp ?? new Date(), uuid: uuidv7() });
    this.counters.captured++;
  }

  /** The loss reports due, when no flush is in flight and the queue has room for them (they are not product events). */
  private reportLosses(outbox: Outbox): void {
    for (const report of this.losses.take(this.config.maxQueue - outbox.queued)) {
      const valid = guardEvent(report.event, report.properties, { mode: 'drop' });
      if (valid === null) continue;
      outbox.push({
        event: report.event,
        distinctId: SYSTEM_IDENTITY.distinctId,
        properties: { ...valid, ...contextProperties(SYSTEM_IDENTITY) },
        timestamp: new Date(),
        uuid: uuidv7(),
      });
      this.counters.reported++;
    }
  }

  private guard(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      // Nothing above is expected to throw; this keeps the promise never to throw into the caller.
      this.recordFailure(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    }
  }

  private recordFailure(reason: string): void {
    this.counters.failed++;
    this.failures.record(reason);
  }
}

function contextProperties(identity: AnalyticsIdentity): Record<string, string | boolean> {
  const props: Record<string, string | boolean> = { app: 'orbit', deployment: env.DEPLOYMENT };
  if (identity.sessionId) props.$session_id = identity.sessionId;
  if (identity.ipHash) props.ip_hash = identity.ipHash;
  // Without it the outbox marks the event `$geoip_disable`: PostHog would otherwise locate the server.
  if (identity.ip) props.$ip = identity.ip;
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
