// Orbit's queue of server events between `capture()` and PostHog, on posthog-node's public API only.
//
// posthog-node keeps a failed batch only after a network error (an HTTP 5xx drops it), re-arms its flush timer only
// when a new event is captured, and logs every failed background flush. So the queue, the schedule and the retries
// are Orbit's, here; posthog-node builds each batch (properties, `$lib`, gzip, the /batch/ request) when the outbox
// flushes it, with the event's own uuid and timestamp, and hands the request to the batch transport
// (batch-transport.ts), which tells the outbox what PostHog answered.
//
// - Bounded: at most `maxQueue` events (waiting plus on the wire); past it the oldest waiting event is dropped and
//   counted. Events on the wire are not recalled: with the whole queue on the wire, the new event is the one dropped.
// - Flushed after `flushIntervalMs` once an event waits, at once when `flushAt` events wait, and when asked
//   (after each response). One flush at a time; it sends what was queued when it started, batch after batch.
// - A batch that failed (408, 429, 5xx, refused, reset, timed out) goes back to the front of the queue and is sent
//   again with the same uuids, after the flush interval × 2ⁿ (at most 30 s), with no new capture or request needed.
//   PostHog folds a batch it ingested but answered late into one copy (same uuid, event, distinct id, timestamp).
// - Shutdown sends what is queued within its budget and stops the timers.
import 'server-only';
import { PostHog } from 'posthog-node';
import { BatchTransport, type BatchOutcome } from './batch-transport';
import type { ServerAnalyticsConfig } from './config';

/** An event as PostHog's capture API takes it (`$identify`, `$create_alias`, `$groupidentify` included). */
export type OutboxEvent = {
  event: string;
  distinctId: string;
  properties: Record<string, unknown>;
  groups?: Record<string, string>;
  timestamp: Date;
  uuid: string;
};

export type OutboxHooks = {
  /** An event was dropped because the queue was full. */
  onDrop: () => void;
  /** A batch could not be delivered (it is retried) or was refused (it is not). */
  onFailure: (reason: string) => void;
};

const MAX_BATCH = 100;
const MAX_RETRY_DELAY_MS = 30_000;
/** posthog-node's own deadline for a request sits behind the transport's, so the transport always answers first. */
const POSTHOG_DEADLINE_MARGIN_MS = 1_000;

export class Outbox {
  /** The posthog-node client: the outbox's batch builder, and the flag evaluator (flags.ts). */
  readonly posthog: PostHog;
  readonly counters = { sent: 0, dropped: 0, rejected: 0 };
  private readonly transport: BatchTransport;
  private readonly stopSending = new AbortController();
  private waiting: OutboxEvent[] = [];
  private onTheWire = 0;
  private batchSize: number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerDue = Number.POSITIVE_INFINITY;
  private consecutiveFailures = 0;
  private stopped = false;
  private draining: Promise<void> | null = null;

  constructor(
    private readonly config: ServerAnalyticsConfig,
    private readonly hooks: OutboxHooks,
  ) {
    this.batchSize = Math.min(MAX_BATCH, config.maxQueue);
    const send = config.fetch ?? ((url, options) => fetch(url, options as RequestInit));
    this.transport = new BatchTransport(send, config.requestTimeoutMs, this.stopSending.signal);
    this.posthog = new PostHog(config.apiKey, {
      host: config.host,
      // posthog-node sends only when the outbox flushes it: no interval of its own, and a size trigger one past the
      // largest batch the outbox hands it. One flush, one batch: the outbox knows which events an answer is about.
      flushInterval: 0,
      flushAt: this.batchSize + 1,
      maxQueueSize: this.batchSize + 1,
      maxBatchSize: this.batchSize,
      fetchRetryCount: 0,
      requestTimeout: config.requestTimeoutMs + POSTHOG_DEADLINE_MARGIN_MS,
      // The server's own address is never a visitor's location: flag requests and every event without the
      // visitor's `$ip` (client.ts, POSTHOG_CLIENT_IP) say `$geoip_disable`.
      disableGeoip: true,
      fetch: this.transport.fetch,
      personalApiKey: config.personalApiKey,
      featureFlagsPollingInterval: config.personalApiKey ? 60_000 : null,
      // Flags are evaluated explicitly (flags.ts); captures never trigger a flags request.
      preloadFeatureFlags: false,
    });
  }

  /** Events waiting or on the wire. */
  get queued(): number {
    return this.waiting.length + this.onTheWire;
  }

  push(event: OutboxEvent): void {
    if (this.queued >= this.config.maxQueue) {
      this.counters.dropped++;
      this.hooks.onDrop();
      if (this.waiting.length === 0) return;
      this.waiting.shift();
    }
    this.waiting.push(event);
    // While PostHog is failing, the retry timer decides when to try again.
    if (this.consecutiveFailures === 0) this.arm(this.waiting.length >= this.config.flushAt ? 0 : this.config.flushIntervalMs);
  }

  /** Sends what is queued now. Never rejects; concurrent calls share one flush. */
  flush(): Promise<void> {
    this.draining ??= this.drain().finally(() => {
      this.draining = null;
      this.scheduleNext();
    });
    return this.draining;
  }

  /** Sends what is queued within `timeoutMs`, then stops the timers and posthog-node (its flag poller). */
  async shutdown(timeoutMs: number): Promise<void> {
    this.stopped = true;
    this.clearTimer();
    const started = Date.now();
    const deadline = setTimeout(() => this.stopSending.abort(), timeoutMs);
    try {
      await this.draining;
      await this.flush();
    } finally {
      clearTimeout(deadline);
    }
    await this.posthog.shutdown(Math.max(0, timeoutMs - (Date.now() - started)));
  }

  private async drain(): Promise<void> {
    this.clearTimer();
    // What is queued now; events captured meanwhile go with the next flush.
    let budget = this.waiting.length;
    while (budget > 0 && this.waiting.length > 0 && !this.stopSending.signal.aborted) {
      const batch = this.waiting.splice(0, Math.min(this.batchSize, budget));
      budget -= batch.length;
      this.onTheWire = batch.length;
      const outcome = await this.send(batch).finally(() => {
        this.onTheWire = 0;
      });
      if (outcome.kind === 'delivered') {
        this.counters.sent += batch.length;
        this.consecutiveFailures = 0;
        continue;
      }
      if (outcome.kind === 'too-large' && batch.length > 1) {
        // PostHog's limit is in bytes: the same events again, in smaller batches from now on.
        this.batchSize = Math.max(1, Math.floor(batch.length / 2));
        this.waiting.unshift(...batch);
        budget += batch.length;
        continue;
      }
      this.hooks.onFailure(outcome.reason);
      if (outcome.kind === 'retry') {
        this.waiting.unshift(...batch);
        this.consecutiveFailures++;
        return;
      }
      this.counters.rejected += batch.length;
    }
  }

  /** One batch through posthog-node, and what PostHog answered to it. */
  private async send(batch: OutboxEvent[]): Promise<BatchOutcome> {
    try {
      for (const { event, distinctId, properties, groups, timestamp, uuid } of batch) {
        this.posthog.capture({ event, distinctId, properties, groups, timestamp, uuid, disableGeoip: typeof properties.$ip !== 'string' });
      }
      await this.posthog.flush();
    } catch (error) {
      // posthog-node failed around the request (the transport itself never fails a batch).
      return this.transport.takeOutcome() ?? { kind: 'retry', reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
    return this.transport.takeOutcome() ?? { kind: 'delivered' };
  }

  private scheduleNext(): void {
    if (this.waiting.length === 0) return;
    if (this.consecutiveFailures > 0) this.arm(this.retryDelay(), true);
    else this.arm(this.waiting.length >= this.config.flushAt ? 0 : this.config.flushIntervalMs);
  }

  private retryDelay(): number {
    const interval = this.config.flushIntervalMs > 0 ? this.config.flushIntervalMs : 10_000;
    return Math.min(interval * 2 ** Math.min(this.consecutiveFailures - 1, 20), Math.max(interval, MAX_RETRY_DELAY_MS));
  }

  /** A flush in `delayMs`, unless one is due sooner (`replace`: this one wins). */
  private arm(delayMs: number, replace = false): void {
    if (this.stopped) return;
    const due = Date.now() + delayMs;
    if (this.timer && !replace && this.timerDue <= due) return;
    clearTimeout(this.timer);
    this.timerDue = due;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerDue = Number.POSITIVE_INFINITY;
      void this.flush();
    }, delayMs);
    this.timer.unref?.();
  }

  private clearTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDue = Number.POSITIVE_INFINITY;
  }
}
