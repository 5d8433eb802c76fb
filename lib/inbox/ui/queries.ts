// Reads the inbox views need beyond the query API's (lib/inbox/collector/query.ts): aggregates for lists, the
// person of each distinct id, and the events funnels and sessions are computed from. Read-only.
import 'server-only';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { listEvents, listPersons, listSentryItems } from '@/lib/inbox/collector/query';
import { db } from '@/lib/db';
import { inboxEvents, inboxPersonDistinctIds } from '@/lib/db/schema';
import { funnels } from '@/lib/analytics/insights';
import type { EventSource, InboxEventRow, SentryItemRow } from '@/lib/inbox/rows';
import { computeFunnel, type FunnelResult } from './funnel';
import { posthogLinkOf } from '@/lib/inbox/sentry-event';
import { summarizeTraces, type TraceSummary } from './waterfall';

/** Event names seen, most frequent first (the stream's filter suggestions). */
export async function eventNames(): Promise<{ event: string; count: number }[]> {
  const rows = await db
    .select({ event: inboxEvents.event, count: sql<number>`count(*)::int` })
    .from(inboxEvents)
    .groupBy(inboxEvents.event)
    .orderBy(sql`count(*) desc`)
    .limit(200);
  return rows.map((r) => ({ event: r.event, count: Number(r.count) }));
}

export type IdActivity = { distinctId: string; count: number; first: string; last: string; web: number; server: number };

/** Per distinct id: how many events, when first and last seen, from which side. */
async function distinctIdActivity(): Promise<IdActivity[]> {
  const rows = await db
    .select({
      distinctId: inboxEvents.distinctId,
      count: sql<number>`count(*)::int`,
      first: sql<string>`min(${inboxEvents.timestamp})`,
      last: sql<string>`max(${inboxEvents.timestamp})`,
      web: sql<number>`count(*) filter (where ${inboxEvents.source} = 'web')::int`,
      server: sql<number>`count(*) filter (where ${inboxEvents.source} = 'server')::int`,
    })
    .from(inboxEvents)
    .groupBy(inboxEvents.distinctId)
    .orderBy(sql`max(${inboxEvents.timestamp}) desc`)
    .limit(1000);
  return rows.map((r) => ({
    distinctId: r.distinctId,
    count: Number(r.count),
    first: new Date(r.first).toISOString(),
    last: new Date(r.last).toISOString(),
    web: Number(r.web),
    server: Number(r.server),
  }));
}

export async function personsOverview() {
  const [persons, activity] = await Promise.all([listPersons({ limit: 500 }), distinctIdActivity()]);
  const owned = new Set(persons.flatMap((p) => p.distinct_ids));
  const withActivity = persons.map((p) => {
    const acts = activity.filter((a) => p.distinct_ids.includes(a.distinctId));
    return {
      ...p,
      events: acts.reduce((n, a) => n + a.count, 0),
      web: acts.reduce((n, a) => n + a.web, 0),
      server: acts.reduce((n, a) => n + a.server, 0),
      last_seen: acts.map((a) => a.last).sort().at(-1) ?? p.updated_at,
    };
  });
  withActivity.sort((a, b) => (b.last_seen ?? '').localeCompare(a.last_seen ?? ''));
  return { persons: withActivity, anonymous: activity.filter((a) => !owned.has(a.distinctId)) };
}

/** distinct id → one representative distinct id of its merged person (so funnels count a person once). */
export async function personResolver(): Promise<(distinctId: string) => string> {
  const rows = await db
    .select({ distinctId: inboxPersonDistinctIds.distinctId, personId: inboxPersonDistinctIds.personId })
    .from(inboxPersonDistinctIds)
    .orderBy(asc(inboxPersonDistinctIds.seq));
  // Name a person by the id Orbit gave it (user id), not by posthog-js's anonymous uuid, when it has one.
  const anonymous = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/i.test(id);
  const representative = new Map<string, string>();
  for (const r of rows) {
    const current = representative.get(r.personId);
    if (!current || (anonymous(current) && !anonymous(r.distinctId))) representative.set(r.personId, r.distinctId);
  }
  const byId = new Map(rows.map((r) => [r.distinctId, representative.get(r.personId)!]));
  return (id) => byId.get(id) ?? id;
}

const FUNNEL_EVENT_LIMIT = 20_000;

export async function computeFunnels(): Promise<{ results: FunnelResult[]; scanned: number }> {
  const names = [...new Set(funnels.flatMap((f) => f.steps.map((s) => s.event)))];
  const [rows, personOf] = await Promise.all([
    db
      .select({
        event: inboxEvents.event,
        distinct_id: inboxEvents.distinctId,
        timestamp: inboxEvents.timestamp,
        properties: inboxEvents.properties,
      })
      .from(inboxEvents)
      .where(inArray(inboxEvents.event, names))
      .orderBy(desc(inboxEvents.timestamp))
      .limit(FUNNEL_EVENT_LIMIT),
    personResolver(),
  ]);
  const events = rows.map((r) => ({ ...r, timestamp: r.timestamp.toISOString() }));
  return { results: funnels.map((f) => computeFunnel(f, events, personOf)), scanned: events.length };
}

/** Pages viewed per session, in order (the recordings list shows where each session went). */
export async function sessionPaths(sessionIds: string[]): Promise<Map<string, { path: string; timestamp: string }[]>> {
  const out = new Map<string, { path: string; timestamp: string }[]>();
  if (!sessionIds.length) return out;
  const rows = await db
    .select({
      sessionId: inboxEvents.sessionId,
      timestamp: inboxEvents.timestamp,
      url: sql<string | null>`${inboxEvents.properties}->>'$current_url'`,
      pathname: sql<string | null>`${inboxEvents.properties}->>'$pathname'`,
    })
    .from(inboxEvents)
    .where(and(inArray(inboxEvents.sessionId, sessionIds), eq(inboxEvents.event, '$pageview')))
    .orderBy(asc(inboxEvents.timestamp));
  for (const r of rows) {
    if (!r.sessionId) continue;
    let path = r.pathname ?? r.url ?? '?';
    try {
      if (!r.pathname && r.url) path = new URL(r.url).pathname;
    } catch {
      // keep the raw value
    }
    out.set(r.sessionId, [...(out.get(r.sessionId) ?? []), { path, timestamp: r.timestamp.toISOString() }]);
  }
  return out;
}

/** Sentry errors that name one of these PostHog distinct ids (tag, context or Sentry user id). */
export async function errorsForPerson(distinctIds: string[]): Promise<SentryItemRow[]> {
  const items = await listSentryItems({ type: 'event', limit: 1000, order: 'desc' });
  const ids = new Set(distinctIds);
  return items.filter((i) => {
    const link = posthogLinkOf(i.payload);
    return !!link.distinctId && ids.has(link.distinctId);
  });
}

/** Traces, newest first, from the latest transactions, spans and errors. */
export async function traceList(): Promise<TraceSummary[]> {
  const [transactions, spans, errors] = await Promise.all(
    (['transaction', 'span', 'event'] as const).map((type) => listSentryItems({ type, limit: 2000, order: 'desc' })),
  );
  return summarizeTraces([...(transactions ?? []), ...(spans ?? []), ...(errors ?? [])]);
}

export async function traceItems(traceId: string): Promise<SentryItemRow[]> {
  return listSentryItems({ trace_id: traceId, limit: 5000, order: 'asc' });
}

export async function recentEvents(q: { event?: string; distinct_id?: string; session_id?: string; source?: EventSource; limit?: number }): Promise<InboxEventRow[]> {
  return listEvents({ ...q, limit: q.limit ?? 300, order: 'desc' });
}
