// Reads for the inbox query API (/api/dev/inbox/*): the contract tests and the /dev/inbox UI rely on. The row
// shapes are declared once in lib/inbox/rows.ts.
import 'server-only';
import { and, asc, desc, eq, gt, gte, inArray, sql, type SQL } from 'drizzle-orm';
import { db } from '@/lib/db';
import {
  inboxEvents,
  inboxGroups,
  inboxHealthWarnings,
  inboxPersonDistinctIds,
  inboxPersons,
  inboxSentryItems,
  inboxSnapshots,
} from '@/lib/db/schema';
import { env } from '@/lib/env';
import type { InboxEventRow, InboxStats, PersonRow, RecordingDetail, RecordingRow, RecordingSource, SentryItemDetail, SentryItemRow } from '@/lib/inbox/rows';
import { getSentryReplay, listSentryReplays } from './sentry-replays';

type Order = 'asc' | 'desc';

/** Every distinct id merged into the same person as `distinctId` (itself alone when it has no person). */
export async function mergedDistinctIds(distinctId: string): Promise<string[]> {
  const rows = await db
    .select({ distinctId: inboxPersonDistinctIds.distinctId })
    .from(inboxPersonDistinctIds)
    .where(
      eq(
        inboxPersonDistinctIds.personId,
        sql`(select ${inboxPersonDistinctIds.personId} from ${inboxPersonDistinctIds} where ${inboxPersonDistinctIds.distinctId} = ${distinctId})`,
      ),
    );
  const ids = rows.map((r) => r.distinctId);
  return ids.includes(distinctId) ? ids : [distinctId, ...ids];
}

export type EventsQuery = {
  event?: string;
  distinct_id?: string;
  session_id?: string;
  since?: Date;
  after?: number;
  source?: 'web' | 'server';
  limit: number;
  order: Order;
};

export async function listEvents(q: EventsQuery): Promise<InboxEventRow[]> {
  const where: SQL[] = [];
  if (q.event) where.push(eq(inboxEvents.event, q.event));
  if (q.distinct_id) where.push(inArray(inboxEvents.distinctId, await mergedDistinctIds(q.distinct_id)));
  if (q.session_id) where.push(eq(inboxEvents.sessionId, q.session_id));
  if (q.since) where.push(gte(inboxEvents.timestamp, q.since));
  if (q.after !== undefined) where.push(gt(inboxEvents.id, q.after));
  if (q.source) where.push(eq(inboxEvents.source, q.source));
  const dir = q.order === 'asc' ? asc : desc;
  const rows = await db
    .select()
    .from(inboxEvents)
    .where(and(...where))
    .orderBy(dir(inboxEvents.timestamp), dir(inboxEvents.id))
    .limit(q.limit);
  return rows.map((r) => ({
    id: r.id,
    uuid: r.uuid,
    event: r.event,
    distinct_id: r.distinctId,
    timestamp: r.timestamp.toISOString(),
    received_at: r.receivedAt.toISOString(),
    properties: r.properties,
    source: r.source,
    session_id: r.sessionId,
  }));
}

async function presentPersons(persons: (typeof inboxPersons.$inferSelect)[]): Promise<PersonRow[]> {
  if (!persons.length) return [];
  const ids = await db
    .select()
    .from(inboxPersonDistinctIds)
    .where(inArray(inboxPersonDistinctIds.personId, persons.map((p) => p.id)))
    .orderBy(asc(inboxPersonDistinctIds.seq));
  const groupPairs = persons.flatMap((p) => Object.entries(p.groups));
  const groups = groupPairs.length
    ? await db
        .select()
        .from(inboxGroups)
        .where(sql`(${inboxGroups.groupType}, ${inboxGroups.groupKey}) in (${sql.join(groupPairs.map(([t, k]) => sql`(${t}, ${k})`), sql`, `)})`)
    : [];
  return persons.map((p) => ({
    person_id: p.id,
    distinct_ids: ids.filter((i) => i.personId === p.id).map((i) => i.distinctId),
    properties: p.properties,
    groups: p.groups,
    group_properties: Object.fromEntries(
      Object.entries(p.groups).map(([type, key]) => [
        type,
        groups.find((g) => g.groupType === type && g.groupKey === key)?.properties ?? {},
      ]),
    ),
    created_at: p.createdAt.toISOString(),
    updated_at: p.updatedAt.toISOString(),
  }));
}

/**
 * The merged person of a distinct id. An id that only sent anonymous events (no person profile) answers as a
 * person without id or properties; an id never seen answers null.
 */
export async function getPerson(distinctId: string): Promise<PersonRow | null> {
  const [link] = await db.select().from(inboxPersonDistinctIds).where(eq(inboxPersonDistinctIds.distinctId, distinctId));
  if (link) {
    const [person] = await db.select().from(inboxPersons).where(eq(inboxPersons.id, link.personId));
    if (person) return (await presentPersons([person]))[0] ?? null;
  }
  const [seen] = await db.select({ id: inboxEvents.id }).from(inboxEvents).where(eq(inboxEvents.distinctId, distinctId)).limit(1);
  if (!seen) return null;
  return { person_id: null, distinct_ids: [distinctId], properties: {}, groups: {}, group_properties: {}, created_at: null, updated_at: null };
}

export async function listPersons(q: { limit: number }): Promise<PersonRow[]> {
  const persons = await db.select().from(inboxPersons).orderBy(desc(inboxPersons.updatedAt)).limit(q.limit);
  return presentPersons(persons);
}

export async function listRecordings(q: { distinct_id?: string; limit: number }): Promise<RecordingRow[]> {
  const ids = q.distinct_id ? await mergedDistinctIds(q.distinct_id) : null;
  const rows = await db
    .select({
      sessionId: inboxSnapshots.sessionId,
      distinctId: sql<string | null>`(array_agg(${inboxSnapshots.distinctId} order by ${inboxSnapshots.id} desc))[1]`,
      start: sql<string>`min(${inboxSnapshots.start})`,
      end: sql<string>`max(${inboxSnapshots.end})`,
      snapshotCount: sql<number>`sum(${inboxSnapshots.eventCount})::int`,
      windowIds: sql<(string | null)[]>`array_agg(distinct ${inboxSnapshots.windowId})`,
    })
    .from(inboxSnapshots)
    .where(ids ? inArray(inboxSnapshots.distinctId, ids) : undefined)
    .groupBy(inboxSnapshots.sessionId)
    .orderBy(sql`max(${inboxSnapshots.end}) desc`)
    .limit(q.limit);
  const posthog = rows.map((r) => ({
    session_id: r.sessionId,
    distinct_id: r.distinctId,
    start: new Date(r.start).toISOString(),
    end: new Date(r.end).toISOString(),
    snapshot_count: Number(r.snapshotCount),
    window_ids: r.windowIds.filter((w): w is string => !!w),
    source: 'posthog' as RecordingSource,
  }));
  const sentry = await listSentryReplays({ distinctIds: ids, limit: q.limit });
  return [...posthog, ...sentry].sort((a, b) => b.end.localeCompare(a.end)).slice(0, q.limit);
}

/** A session's rrweb events, decompressed, in time order (optionally one window's only). */
export async function getRecording(sessionId: string, windowId?: string): Promise<RecordingDetail | null> {
  const where = windowId
    ? and(eq(inboxSnapshots.sessionId, sessionId), eq(inboxSnapshots.windowId, windowId))
    : eq(inboxSnapshots.sessionId, sessionId);
  const rows = await db.select().from(inboxSnapshots).where(where).orderBy(asc(inboxSnapshots.id));
  if (!rows.length) return windowId ? null : getSentryReplay(sessionId);
  const snapshots = rows
    .flatMap((r) => r.events)
    .map((e, i) => ({ e, i, t: typeof e.timestamp === 'number' ? e.timestamp : 0 }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.e);
  return {
    session_id: sessionId,
    distinct_id: rows[rows.length - 1]?.distinctId ?? null,
    window_ids: [...new Set(rows.map((r) => r.windowId).filter((w): w is string => !!w))],
    // Reduced, not spread: a long session has more rows than a call may take arguments.
    start: new Date(rows.reduce((min, r) => Math.min(min, r.start.getTime()), Infinity)).toISOString(),
    end: new Date(rows.reduce((max, r) => Math.max(max, r.end.getTime()), -Infinity)).toISOString(),
    snapshots,
    source: 'posthog' as RecordingSource,
  };
}

export type SentryQuery = {
  type?: string;
  trace_id?: string;
  event_id?: string;
  project?: string;
  after?: number;
  limit: number;
  order: Order;
};

function presentSentry(r: typeof inboxSentryItems.$inferSelect): SentryItemRow {
  return {
    id: r.id,
    type: r.type,
    item_type: r.itemType,
    event_id: r.eventId,
    trace_id: r.traceId,
    span_id: r.spanId,
    parent_span_id: r.parentSpanId,
    name: r.name,
    op: r.op,
    project: r.project,
    envelope_id: r.envelopeId,
    received_at: r.receivedAt.toISOString(),
    size: r.size,
    payload: r.payload,
  };
}

export async function listSentryItems(q: SentryQuery): Promise<SentryItemRow[]> {
  const where: SQL[] = [];
  if (q.type) where.push(eq(inboxSentryItems.type, q.type));
  if (q.trace_id) where.push(eq(inboxSentryItems.traceId, q.trace_id));
  if (q.event_id) where.push(eq(inboxSentryItems.eventId, q.event_id));
  if (q.project) where.push(eq(inboxSentryItems.project, q.project));
  if (q.after !== undefined) where.push(gt(inboxSentryItems.id, q.after));
  const rows = await db
    .select()
    .from(inboxSentryItems)
    .where(and(...where))
    .orderBy(q.order === 'asc' ? asc(inboxSentryItems.id) : desc(inboxSentryItems.id))
    .limit(q.limit);
  return rows.map(presentSentry);
}

/** One item with everything: headers of the item and its envelope, and the raw bytes (base64) of binary items. */
export async function getSentryItem(id: number): Promise<SentryItemDetail | null> {
  const [r] = await db.select().from(inboxSentryItems).where(eq(inboxSentryItems.id, id));
  if (!r) return null;
  return { ...presentSentry(r), item_header: r.itemHeader, envelope_header: r.envelopeHeader, raw_base64: r.raw };
}

export async function inboxStats(): Promise<InboxStats> {
  const count = (table: Parameters<typeof db.$count>[0]) => db.$count(table);
  const [events, snapshots, persons, groups, sentryItems] = await Promise.all([
    count(inboxEvents),
    count(inboxSnapshots),
    count(inboxPersons),
    count(inboxGroups),
    count(inboxSentryItems),
  ]);
  // PostHog sessions plus Sentry replays: the recordings list shows both.
  const [recordings] = await db
    .select({ n: sql<number>`(count(distinct ${inboxSnapshots.sessionId}) + (select count(distinct ${inboxSentryItems.eventId}) from ${inboxSentryItems} where ${inboxSentryItems.type} = 'replay_recording'))::int` })
    .from(inboxSnapshots);
  const byType = await db
    .select({ type: inboxSentryItems.type, n: sql<number>`count(*)::int` })
    .from(inboxSentryItems)
    .groupBy(inboxSentryItems.type);
  const [last] = await db
    .select({
      event: sql<number | null>`(select max(${inboxEvents.id}) from ${inboxEvents})`,
      sentry: sql<number | null>`(select max(${inboxSentryItems.id}) from ${inboxSentryItems})`,
      snapshot: sql<number | null>`(select max(${inboxSnapshots.id}) from ${inboxSnapshots})`,
      warnings: sql<number>`(select count(*)::int from ${inboxHealthWarnings})`,
      healthErrors: sql<number>`(select count(*)::int from ${inboxHealthWarnings} where ${inboxHealthWarnings.severity} = 'error')`,
    })
    .from(sql`(select 1) as one`);
  return {
    events,
    snapshots,
    recordings: Number(recordings?.n ?? 0),
    persons,
    groups,
    sentry_items: sentryItems,
    sentry_by_type: Object.fromEntries(byType.map((r) => [r.type, Number(r.n)])),
    health_warnings: Number(last?.warnings ?? 0),
    health_errors: Number(last?.healthErrors ?? 0),
    // Cursors for live views: poll stats, refetch when one moves.
    last_event_id: last?.event === null || last?.event === undefined ? null : Number(last.event),
    last_sentry_id: last?.sentry === null || last?.sentry === undefined ? null : Number(last.sentry),
    last_snapshot_id: last?.snapshot === null || last?.snapshot === undefined ? null : Number(last.snapshot),
    max_rows_per_table: env.INBOX_MAX_ROWS,
    max_body_bytes: env.INBOX_MAX_BODY_BYTES,
  };
}
