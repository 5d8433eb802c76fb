// Test helpers over the local collector's query API (/api/dev/inbox/*, docs/local-inbox.md): read what the real
// SDKs sent, and wait for it with expect.poll — never a fixed sleep. Register nothing before the action: the
// collector stores everything, so "wait after the action, filtered by this test's identity and start time" is
// race-free as long as every query is scoped by distinct id (or session / trace id) and `since`.
import { expect, type APIRequestContext, type BrowserContext } from '@playwright/test';
import type { InboxEventRow, InboxStats, PersonRow, RecordingDetail, RecordingRow, SentryItemRow } from '@/lib/inbox/rows';

export type { IssueRow as InboxIssue } from '@/lib/inbox/rows';

export type Identity = { distinctId: string; since: string };

export type EventQuery = { event?: string; distinctId?: string; sessionId?: string; since?: string; limit?: number };

type WaitOptions = { timeout?: number; message?: string };

const POLL = { intervals: [100, 250, 500, 1_000], timeout: 15_000 };

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * GET a query API path (200 expected) with a few retries, for the end-of-run scans that read the whole inbox: a
 * loaded machine may reset a connection, which says nothing about what was stored.
 */
export async function getInboxJson<T>(request: APIRequestContext, url: string): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await request.get(url, { timeout: 60_000 });
      expect(res.status(), url).toBe(200);
      return (await res.json()) as T;
    } catch (error) {
      if (attempt >= 4 || !/ECONNRESET|ECONNREFUSED|socket hang up|Timeout/i.test(String(error))) throw error;
      await new Promise((r) => setTimeout(r, 1_000 * attempt));
    }
  }
}

/** The inbox's counts once they stop moving (the SDKs flush on timers after the last test), or after 20 s. */
export async function settledStats(request: APIRequestContext): Promise<InboxStats> {
  let last = '';
  let stats = await getInboxJson<InboxStats>(request, '/api/dev/inbox/stats');
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const key = JSON.stringify([stats.events, stats.sentry_items, stats.snapshots]);
    if (key === last) break;
    last = key;
    await new Promise((r) => setTimeout(r, 2_000));
    stats = await getInboxJson<InboxStats>(request, '/api/dev/inbox/stats');
  }
  return stats;
}

/** True when `actual` contains every key of `expected` with an equal value (deeply, objects partially). */
function matchesSubset(actual: unknown, expected: unknown): boolean {
  if (expected === null || typeof expected !== 'object') return Object.is(actual, expected);
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((v, i) => matchesSubset(actual[i], v));
  }
  if (actual === null || typeof actual !== 'object') return false;
  const record = actual as Record<string, unknown>;
  return Object.entries(expected as Record<string, unknown>).every(([k, v]) => matchesSubset(record[k], v));
}

/** The longest prefix of `names` found in `events` in that order (other events may sit in between). */
export function orderedPrefix(events: Pick<InboxEventRow, 'event'>[], names: string[]): string[] {
  const found: string[] = [];
  for (const e of events) {
    if (found.length === names.length) break;
    if (e.event === names[found.length]) found.push(e.event);
  }
  return found;
}

export class Inbox {
  constructor(private readonly request: APIRequestContext) {}

  private async get<T>(path: string): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      let res;
      try {
        res = await this.request.get(path, { headers: { accept: 'application/json' } });
      } catch (error) {
        // A kept-alive connection the server closed just as this GET was written to it (seen once in a full run, in a
        // poll): a GET is safe to send again, as browsers and undici do. Any other error, or a third reset, fails.
        if (attempt < 3 && /ECONNRESET|socket hang up/i.test(String(error))) continue;
        throw error;
      }
      if (!res.ok()) throw new Error(`GET ${path} → ${res.status()}: ${(await res.text()).slice(0, 300)}`);
      return (await res.json()) as T;
    }
  }

  /** Events, oldest first. `distinctId` also matches every id merged into the same person. */
  async events(q: EventQuery = {}): Promise<InboxEventRow[]> {
    const body = await this.get<{ events: InboxEventRow[] }>(
      `/api/dev/inbox/events${query({ event: q.event, distinct_id: q.distinctId, session_id: q.sessionId, since: q.since, limit: q.limit })}`,
    );
    return body.events;
  }

  async person(distinctId: string): Promise<PersonRow | null> {
    const res = await this.request.get(`/api/dev/inbox/persons/${encodeURIComponent(distinctId)}`);
    if (res.status() === 404) return null;
    if (!res.ok()) throw new Error(`GET persons/${distinctId} → ${res.status()}`);
    return (await res.json()) as PersonRow;
  }

  async recordings(): Promise<RecordingRow[]> {
    return (await this.get<{ recordings: RecordingRow[] }>('/api/dev/inbox/recordings')).recordings;
  }

  async recording(sessionId: string): Promise<RecordingDetail | null> {
    const res = await this.request.get(`/api/dev/inbox/recordings/${encodeURIComponent(sessionId)}`);
    if (res.status() === 404) return null;
    if (!res.ok()) throw new Error(`GET recordings/${sessionId} → ${res.status()}`);
    return (await res.json()) as RecordingDetail;
  }

  async sentry(q: { type?: string; traceId?: string; limit?: number } = {}): Promise<SentryItemRow[]> {
    return (await this.get<{ items: SentryItemRow[] }>(`/api/dev/inbox/sentry${query({ type: q.type, trace_id: q.traceId, limit: q.limit })}`)).items;
  }

  /**
   * Waits until `event` was captured for this person (any merged id) with at least `properties`
   * (a deep subset), and returns the first such event.
   */
  async waitForEvent(
    event: string,
    { distinctId, since, properties = {}, timeout = POLL.timeout, message }: { distinctId: string; since?: string; properties?: Record<string, unknown> } & WaitOptions,
  ): Promise<InboxEventRow> {
    let match: InboxEventRow | undefined;
    let seen: InboxEventRow[] = [];
    await expect
      .poll(
        async () => {
          seen = await this.events({ event, distinctId, since });
          match = seen.find((e) => matchesSubset(e.properties, properties));
          return match !== undefined;
        },
        {
          timeout,
          intervals: POLL.intervals,
          message:
            message ??
            `expected "${event}" for ${distinctId} with ${JSON.stringify(properties)}; ` +
              `saw ${seen.length} "${event}" event(s)${seen[0] ? `, first with ${JSON.stringify(seen[0].properties).slice(0, 500)}` : ''}`,
        },
      )
      .toBe(true);
    return match as InboxEventRow;
  }

  /** Waits until `names` were all captured for this person, in this order (other events may sit in between). */
  async expectEventsInOrder(names: string[], { distinctId, since, timeout = POLL.timeout, message }: { distinctId: string; since?: string } & WaitOptions): Promise<InboxEventRow[]> {
    let events: InboxEventRow[] = [];
    await expect
      .poll(
        async () => {
          events = await this.events({ distinctId, since, limit: 1000 });
          return orderedPrefix(events, names);
        },
        { timeout, intervals: POLL.intervals, message: message ?? `expected events in order ${JSON.stringify(names)} for ${distinctId}` },
      )
      .toEqual(names);
    return events;
  }

  /**
   * "Nothing was sent", without sleeping: waits for a later `marker` event of this person (send one after the
   * action), then asserts no `absent` event was captured for them before it.
   */
  async expectNoEventBefore(
    absent: string,
    marker: string,
    { distinctId, since, timeout = POLL.timeout }: { distinctId: string; since?: string } & WaitOptions,
  ): Promise<void> {
    const markerEvent = await this.waitForEvent(marker, { distinctId, since, timeout });
    const before = (await this.events({ event: absent, distinctId, since })).filter((e) => Date.parse(e.timestamp) <= Date.parse(markerEvent.timestamp));
    expect(before, `no "${absent}" for ${distinctId} before "${marker}"`).toEqual([]);
  }

  /** Waits for a Sentry envelope item of `type` (optionally in `traceId`) whose payload contains `payload`. */
  async waitForSentry(
    { type, traceId, payload = {}, timeout = POLL.timeout, message }: { type: string; traceId?: string; payload?: Record<string, unknown> } & WaitOptions,
  ): Promise<SentryItemRow> {
    let match: SentryItemRow | undefined;
    await expect
      .poll(
        async () => {
          match = (await this.sentry({ type, traceId, limit: 200 })).find((item) => matchesSubset(item.payload, payload));
          return match !== undefined;
        },
        { timeout, intervals: POLL.intervals, message: message ?? `expected a Sentry "${type}" item${traceId ? ` in trace ${traceId}` : ''} with ${JSON.stringify(payload)}` },
      )
      .toBe(true);
    return match as SentryItemRow;
  }

  /** Waits until the recording of `sessionId` has at least `minSnapshots` rrweb events, and returns them. */
  async waitForRecording(sessionId: string, { minSnapshots = 1, timeout = POLL.timeout }: { minSnapshots?: number } & WaitOptions = {}): Promise<unknown[]> {
    let snapshots: unknown[] = [];
    await expect
      .poll(
        async () => {
          snapshots = (await this.recording(sessionId))?.snapshots ?? [];
          return snapshots.length;
        },
        { timeout, intervals: POLL.intervals, message: `expected a recording for session ${sessionId}` },
      )
      .toBeGreaterThanOrEqual(minSnapshots);
    return snapshots;
  }
}

/**
 * The distinct id posthog-js uses in this browser context, read from its persistence cookie
 * (`ph_<token>_posthog`), or null before posthog-js has initialised.
 */
export async function browserDistinctId(context: BrowserContext): Promise<string | null> {
  for (const cookie of await context.cookies()) {
    if (!/^ph_.+_posthog$/.test(cookie.name)) continue;
    try {
      const value = JSON.parse(decodeURIComponent(cookie.value)) as { distinct_id?: unknown };
      if (typeof value.distinct_id === 'string') return value.distinct_id;
    } catch {
      // Not JSON: ignore.
    }
  }
  return null;
}
