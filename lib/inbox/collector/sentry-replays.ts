// Sentry Session Replays as inbox recordings: the `replay_recording` items the collector stores (rrweb events,
// inflated at ingest) joined into one recording per replay id, so the recordings list and the rrweb player serve
// them next to PostHog's. Orbit does not turn Sentry Replay on (first-load cost, privacy); an app that does, or a
// test that replays a recorded envelope, gets them played here.
import 'server-only';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { db } from '@/lib/db';
import { inboxSentryItems } from '@/lib/db/schema';
import { posthogLinkOf } from '@/lib/inbox/sentry-event';
import { dateMs, get, isObject, num } from '@/lib/inbox/json';
import type { RecordingDetail, RecordingRow } from '@/lib/inbox/rows';
import type { RrwebEvent } from './rrweb';
import { sentryFields } from './sentry-fields';

/** How many replays, and replay_event segments, one read scans: the query API's MAX_LIMIT. */
const REPLAY_SCAN_LIMIT = 1000;

type ReplayMeta = { distinctId: string | null; start: number | null; end: number | null };

/** Who and when, from the listed replays' `replay_event` items (one per segment; seconds since the epoch), newest
 * segments first so a cut loses old ones. Only the fields read here leave the database. */
async function replayMeta(replayIds: string[]): Promise<Map<string, ReplayMeta>> {
  if (!replayIds.length) return new Map();
  const rows = await db
    .select({ eventId: inboxSentryItems.eventId, payload: sentryFields(['replay_start_timestamp', 'timestamp']) })
    .from(inboxSentryItems)
    .where(and(eq(inboxSentryItems.type, 'replay_event'), inArray(inboxSentryItems.eventId, replayIds)))
    .orderBy(desc(inboxSentryItems.id))
    .limit(REPLAY_SCAN_LIMIT);
  const out = new Map<string, ReplayMeta>();
  for (const { eventId, payload } of rows) {
    if (!eventId) continue;
    const meta = out.get(eventId) ?? { distinctId: null, start: null, end: null };
    // Seconds; a time that makes no valid date is ignored, so the recording's own times stand in.
    const ms = (key: string) => {
      const seconds = num(get(payload, key));
      return seconds === null ? null : dateMs(seconds * 1000);
    };
    const started = ms('replay_start_timestamp') ?? ms('timestamp');
    const ended = ms('timestamp');
    if (started !== null) meta.start = Math.min(meta.start ?? Infinity, started);
    if (ended !== null) meta.end = Math.max(meta.end ?? -Infinity, ended);
    // Rows come newest first: the latest segment that names someone wins.
    meta.distinctId ??= posthogLinkOf(payload).distinctId;
    out.set(eventId, meta);
  }
  return out;
}

/** Replays with a recording, newest first, as rows of the recordings list (`window_ids` is PostHog's notion). */
export async function listSentryReplays(q: { distinctIds: string[] | null; limit: number }): Promise<RecordingRow[]> {
  const recordings = await db
    .select({
      replayId: inboxSentryItems.eventId,
      events: sql<number>`sum(case when jsonb_typeof(${inboxSentryItems.payload}->'events') = 'array' then jsonb_array_length(${inboxSentryItems.payload}->'events') else 0 end)::int`,
      first: sql<string>`min(${inboxSentryItems.receivedAt})`,
      last: sql<string>`max(${inboxSentryItems.receivedAt})`,
    })
    .from(inboxSentryItems)
    .where(eq(inboxSentryItems.type, 'replay_recording'))
    .groupBy(inboxSentryItems.eventId)
    .orderBy(desc(sql`max(${inboxSentryItems.id})`))
    .limit(REPLAY_SCAN_LIMIT);
  const meta = await replayMeta(recordings.flatMap((r) => (r.replayId ? [r.replayId] : [])));
  const ids = q.distinctIds ? new Set(q.distinctIds) : null;
  return recordings
    .filter((r): r is typeof r & { replayId: string } => !!r.replayId)
    .map((r) => {
      const m = meta.get(r.replayId);
      return {
        session_id: r.replayId,
        distinct_id: m?.distinctId ?? null,
        start: new Date(m?.start ?? Date.parse(r.first)).toISOString(),
        end: new Date(m?.end ?? Date.parse(r.last)).toISOString(),
        snapshot_count: Number(r.events),
        window_ids: [],
        source: 'sentry',
      } satisfies RecordingRow;
    })
    .filter((r) => !ids || (r.distinct_id !== null && ids.has(r.distinct_id)))
    .slice(0, q.limit);
}

/** Epoch seconds stay below this; milliseconds of any date after 1973 are above it. */
const SECONDS_BELOW = 1e11;

/** Sentry writes its performance-span custom events in epoch seconds, rrweb's in milliseconds: one timeline. */
function inMilliseconds(event: RrwebEvent): RrwebEvent {
  const t = num(event.timestamp);
  return t !== null && t < SECONDS_BELOW ? { ...event, timestamp: Math.round(t * 1000) } : event;
}

/** A replay's rrweb events from every segment, in time order: the shape `getRecording` answers for PostHog. */
export async function getSentryReplay(replayId: string): Promise<RecordingDetail | null> {
  const rows = await db
    .select({ payload: inboxSentryItems.payload })
    .from(inboxSentryItems)
    .where(sql`${inboxSentryItems.type} = 'replay_recording' and ${inboxSentryItems.eventId} = ${replayId}`)
    .orderBy(asc(inboxSentryItems.id));
  if (!rows.length) return null;
  const snapshots = rows
    .flatMap((r) => (Array.isArray(get(r.payload, 'events')) ? (get(r.payload, 'events') as unknown[]) : []))
    .filter(isObject)
    .map((e) => inMilliseconds(e as RrwebEvent))
    .map((e, i) => ({ e, i, t: num(e.timestamp) ?? 0 }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.e);
  const meta = (await replayMeta([replayId])).get(replayId);
  const times = snapshots.map((s) => dateMs(s.timestamp)).filter((t) => t !== null);
  const start = meta?.start ?? times[0] ?? 0;
  const end = meta?.end ?? times.at(-1) ?? start;
  return {
    session_id: replayId,
    distinct_id: meta?.distinctId ?? null,
    window_ids: [],
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
    snapshots,
    source: 'sentry',
  };
}
