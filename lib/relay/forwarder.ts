// Delivers what the relay stored (queue.ts) once the upstream takes requests again: never on a response path (a
// timer, kicked by a store and by a successful live relay), one destination at a time, oldest row first. A round
// leases a batch of rows, sends them one by one through relay() (the same allow-listed headers and cooldown as live
// traffic) and deletes each row after a 2xx only. The first failure ends the round: its rows are released and the
// destination waits (backoff doubling from BASE_DELAY_MS to MAX_DELAY_MS, with jitter so instances coming back
// together do not stampede). A 4xx other than 408/429 is the upstream refusing that request for good: the row is
// deleted and counted as rejected, never retried forever.
//
// A late answer is not a lost request. Off the response path, a send can wait FORWARD_TIMEOUT_MS (30 s) for its
// answer instead of the relay's RELAY_TIMEOUT_MS (5 s): on a loaded machine a host can take a request and answer
// after 5 s, and a forwarder that gave up then would send it again. The row being sent is leased until its timeout
// plus LEASE_MARGIN_MS (renewed row by row, so a crashed instance's rows come back within that, not a whole batch's
// worth), and a row whose send timed out is not released: the host may still be processing it, so neither this
// instance nor another sends it again before its lease ends (docs/reliability.md: the at-least-once window).
//
// One forwarder per process, on globalThis (instrumentation.ts and the route bundles are separate module graphs).
// Across instances on PostgreSQL the row leases (SKIP LOCKED) keep any row from being sent by two of them.
import 'server-only';
import { AppError } from '@/lib/server/errors';
import { backlog, claim, release, remove, renew, type Backlog, type Destination, type StoredRow } from './queue';
import { eventUuids, redatedBody } from './redate';
import { relay } from './relay';

const BATCH = 20;
/** Milliseconds a forwarded request waits for its answer (off the response path: far above RELAY_TIMEOUT_MS). */
const FORWARD_TIMEOUT_MS = 30_000;
/** A row's lease outlasts its send's timeout by this much. */
const LEASE_MARGIN_MS = 5_000;
/** Event uuids this process delivered, remembered to skip a second copy of the same events (oldest forgotten first). */
const DELIVERED_UUIDS_KEPT = 50_000;
const BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;
/** Rows stored by another instance, or before a restart, are found within this. */
const POLL_MS = 15_000;

export type ForwarderOptions = {
  /** Where a stored row goes now (from the current configuration), or null when that destination is off. */
  target: (row: StoredRow) => URL | null;
  /** per request; FORWARD_TIMEOUT_MS by default (RELAY_FORWARD_TIMEOUT_MS in a deployment) */
  timeoutMs?: number;
  /** relay()'s cooldown after a failed send (tests shorten it) */
  cooldownMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  pollMs?: number;
  batch?: number;
  /** Called after a round that delivered, at most once per reportIntervalMs (`analytics.relay_backlog`). */
  report?: (report: BacklogReport) => void;
  reportIntervalMs?: number;
};

type BacklogReport = {
  queued: number;
  bytes: number;
  oldest_age_s: number;
  delivered: number;
  dropped: number;
  rejected: number;
  window_s: number;
};

const REPORT_INTERVAL_MS = 60_000;

export type ForwarderCounters = {
  delivered: number;
  rejected: number;
  failedRounds: number;
  dropped: number;
  /** rows deleted unsent: every event in them had been delivered already (the browser sent them twice) */
  duplicates: number;
};

const DESTINATIONS: Destination[] = ['posthog', 'sentry'];

type Lane = {
  failures: number;
  timer?: ReturnType<typeof setTimeout>;
  dueAt: number;
  running: boolean;
  /** No round before this: a row whose send timed out is held by its lease until then (rows stay in order). */
  notBefore: number;
};

export class RelayForwarder {
  readonly counters: ForwarderCounters = { delivered: 0, rejected: 0, failedRounds: 0, dropped: 0, duplicates: 0 };
  private readonly deliveredUuids = new Set<string>();
  private readonly lanes = new Map<Destination, Lane>(DESTINATIONS.map((d) => [d, { failures: 0, dueAt: Number.POSITIVE_INFINITY, running: false, notBefore: 0 }]));
  private poller?: ReturnType<typeof setInterval>;
  private stopped = false;
  private reported = { at: Date.now(), delivered: 0, dropped: 0, rejected: 0 };

  constructor(private readonly options: ForwarderOptions) {}

  /** Looks for rows now and every pollMs (rows left by a restart or stored by another instance). */
  start(): void {
    if (this.poller || this.stopped) return;
    this.poller = setInterval(() => this.poll(), this.options.pollMs ?? POLL_MS);
    this.poller.unref?.();
    this.poll();
  }

  stop(): void {
    this.stopped = true;
    if (this.poller) clearInterval(this.poller);
    for (const lane of this.lanes.values()) if (lane.timer) clearTimeout(lane.timer);
  }

  /** Rows the queue's bounds pushed out (queue.ts storeRequest). */
  noteDropped(rows: number): void {
    this.counters.dropped += rows;
  }

  /** What waits and what happened to the rest, for the health output. */
  async stats(now = Date.now()): Promise<ForwarderCounters & Omit<Backlog, 'oldestStoredAt'> & { oldestAgeMs: number | null }> {
    const { rows, bytes, oldestStoredAt } = await backlog();
    return { ...this.counters, rows, bytes, oldestAgeMs: oldestStoredAt === null ? null : Math.max(0, now - oldestStoredAt) };
  }

  /** A row was stored: a round soon, unless the destination is backing off (its timer stands). */
  kick(destination: Destination): void {
    const lane = this.lane(destination);
    if (lane.failures === 0) this.schedule(destination, 0);
  }

  /** A live request went through: the upstream is back, so the backoff ends now. */
  noteUp(destination: Destination): void {
    const lane = this.lane(destination);
    if (lane.failures === 0) return;
    lane.failures = 0;
    this.schedule(destination, 0, true);
  }

  private poll(): void {
    for (const d of DESTINATIONS) if (this.lane(d).failures === 0) this.schedule(d, 0);
  }

  private lane(destination: Destination): Lane {
    return this.lanes.get(destination)!;
  }

  private schedule(destination: Destination, delayMs: number, sooner = false): void {
    const lane = this.lane(destination);
    if (this.stopped) return;
    delayMs = Math.max(delayMs, lane.notBefore - Date.now());
    const due = Date.now() + delayMs;
    if (lane.timer && !sooner && lane.dueAt <= due) return;
    if (lane.timer) clearTimeout(lane.timer);
    lane.dueAt = due;
    lane.timer = setTimeout(() => {
      lane.timer = undefined;
      lane.dueAt = Number.POSITIVE_INFINITY;
      void this.round(destination);
    }, delayMs);
    lane.timer.unref?.();
  }

  /** Sends batches until the destination's rows are gone or one fails. Never rejects. */
  private async round(destination: Destination): Promise<void> {
    const lane = this.lane(destination);
    if (lane.running || this.stopped) return;
    lane.running = true;
    try {
      for (;;) {
        const batch = this.options.batch ?? BATCH;
        const rows = await claim(destination, batch, this.leaseMs());
        if (rows.length === 0) break;
        const outcome = await this.send(rows);
        if (outcome.failed) {
          lane.failures++;
          this.counters.failedRounds++;
          const base = Math.min(this.options.maxDelayMs ?? MAX_DELAY_MS, (this.options.baseDelayMs ?? BASE_DELAY_MS) * 2 ** (lane.failures - 1));
          // Just past the held row's lease (a claim takes rows whose lease is over, not ending now).
          lane.notBefore = outcome.heldUntil === undefined ? 0 : outcome.heldUntil + 50;
          this.schedule(destination, Math.round(base * (0.5 + Math.random() * 0.5)));
          return;
        }
        lane.failures = 0;
        if (outcome.lost || rows.length < batch) break;
      }
      await this.reportIfDue();
    } catch (error) {
      // The database itself failed (a restart, a lost connection): the rows stay, the poller comes back to them.
      console.error('[relay] forwarding stored requests failed', error instanceof Error ? error.message : String(error));
    } finally {
      lane.running = false;
    }
  }

  /** The backlog report, once the upstream took something and the interval has passed since the last one. */
  private async reportIfDue(now = Date.now()): Promise<void> {
    const { report, reportIntervalMs = REPORT_INTERVAL_MS } = this.options;
    if (!report || this.counters.delivered === this.reported.delivered || now - this.reported.at < reportIntervalMs) return;
    const stats = await this.stats(now);
    report({
      queued: stats.rows,
      bytes: stats.bytes,
      oldest_age_s: Math.round((stats.oldestAgeMs ?? 0) / 1000),
      delivered: stats.delivered - this.reported.delivered,
      dropped: stats.dropped - this.reported.dropped,
      rejected: stats.rejected - this.reported.rejected,
      window_s: Math.round((now - this.reported.at) / 1000),
    });
    this.reported = { at: now, delivered: stats.delivered, dropped: stats.dropped, rejected: stats.rejected };
  }

  private leaseMs(): number {
    return (this.options.timeoutMs ?? FORWARD_TIMEOUT_MS) + LEASE_MARGIN_MS;
  }

  /**
   * Sends rows in order, each under a lease renewed just before its send. Ends at the first failure: the rows after
   * it are released, and the failed one too unless its send timed out (then it stays leased: `heldUntil`).
   * `lost`: a lease lapsed and another instance took the rest (they are its to send).
   */
  private async send(rows: StoredRow[]): Promise<{ failed: boolean; heldUntil?: number; lost?: boolean }> {
    let leasedUntil = rows[0]!.leasedUntil;
    for (const [i, row] of rows.entries()) {
      const rest = rows.slice(i).map((r) => r.id);
      if (i > 0) {
        const until = Date.now() + this.leaseMs();
        const held = await renew(rest, leasedUntil, until);
        leasedUntil = until;
        if (!held.includes(row.id)) {
          await release(held, until);
          return { failed: false, lost: true };
        }
      }
      const target = this.options.target(row);
      if (!target) {
        // That destination is no longer configured: nothing will ever take the row.
        await remove([row.id]);
        this.counters.rejected++;
        continue;
      }
      // The browser can send the same events twice while the host is down: a request the relay stored after the
      // page gave up on it (navigated away while the relay waited on a silent host) goes again from posthog-js's
      // retry queue, by beacon at unload. Both are stored; the second copy is not sent.
      const uuids = row.destination === 'posthog' ? eventUuids(row.body, row.headers['content-type']) : null;
      if (uuids?.every((u) => this.deliveredUuids.has(u))) {
        await remove([row.id]);
        this.counters.duplicates++;
        continue;
      }
      let status: number;
      try {
        // PostHog re-dates by `sent_at`: moved forward by the time the row waited (redate.ts).
        const body = row.destination === 'posthog' ? redatedBody(row.body, Date.now() - row.storedAt, row.headers['content-type']) : row.body;
        const res = await relay(new Request(target), target, {
          method: 'POST',
          body,
          headers: new Headers(row.headers),
          timeoutMs: this.options.timeoutMs ?? FORWARD_TIMEOUT_MS,
          cooldownMs: this.options.cooldownMs,
        });
        status = res.status;
        await res.body?.cancel().catch(() => undefined);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        if (error.code === 'upstream_timeout') {
          // The host may have taken it and still be working on it: not sent again before its lease ends.
          await release(rest.slice(1), leasedUntil);
          return { failed: true, heldUntil: leasedUntil };
        }
        await release(rest, leasedUntil);
        return { failed: true };
      }
      if (status >= 200 && status < 300) {
        await remove([row.id]);
        this.counters.delivered++;
        for (const u of uuids ?? []) this.deliveredUuids.add(u);
        for (const u of this.deliveredUuids) {
          if (this.deliveredUuids.size <= DELIVERED_UUIDS_KEPT) break;
          this.deliveredUuids.delete(u);
        }
      } else if (status === 408 || status === 429 || status >= 500) {
        await release(rest, leasedUntil);
        return { failed: true };
      } else {
        await remove([row.id]);
        this.counters.rejected++;
      }
    }
    return { failed: false };
  }
}

const GLOBAL_KEY = Symbol.for('orbit.relayForwarder');
type GlobalSlot = typeof globalThis & { [GLOBAL_KEY]?: RelayForwarder };

/** The process's forwarder, if one was installed (instrumentation.ts at start, tests). */
export function currentRelayForwarder(): RelayForwarder | undefined {
  return (globalThis as GlobalSlot)[GLOBAL_KEY];
}

/** Installs the process's forwarder (the previous one is stopped) and starts it. */
export function installRelayForwarder(next: RelayForwarder | undefined): void {
  const slot = globalThis as GlobalSlot;
  slot[GLOBAL_KEY]?.stop();
  slot[GLOBAL_KEY] = next;
  next?.start();
}
