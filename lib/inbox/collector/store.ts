// Writes what the SDKs sent into the inbox tables: one transaction per request (nothing half-stored), persons
// merged the way PostHog merges them, and every table trimmed back to INBOX_MAX_ROWS by id in the same breath.
// No single stored item (event properties, recording chunk, Sentry item) may exceed INBOX_MAX_ITEM_BYTES: a
// request carrying one is refused whole (413) before anything is written, rather than stored truncated.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { db, type Tx } from '@/lib/db';
import { newId } from '@/lib/db/ids';
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
import { decompressionBudget, type DecompressionBudget } from './decode';
import { AppError } from '@/lib/server/errors';
import { badRequest } from './http';
import { recordHealth } from './health';
import { eventTimestamp, type CaptureBatch, type RawEvent } from './posthog-decode';
import { rrwebTimestamp, snapshotEvents, type RrwebEvent } from './rrweb';
import type { SentryRow } from './sentry-envelope';
import type { Json } from '@/lib/inbox/rows';
import { isObject, str } from '@/lib/inbox/json';

/** posthog-js reports `$lib: 'web'`; posthog-node and every other server SDK something else. */
function eventSource(properties: Json): 'web' | 'server' {
  const lib = str(properties.$lib);
  return lib === 'web' || lib?.startsWith('posthog-js') ? 'web' : 'server';
}

const MERGE_EVENTS = new Set(['$identify', '$create_alias', '$merge_dangerously']);

async function findPersonId(tx: Tx, distinctId: string): Promise<string | null> {
  const [row] = await tx
    .select({ personId: inboxPersonDistinctIds.personId })
    .from(inboxPersonDistinctIds)
    .where(eq(inboxPersonDistinctIds.distinctId, distinctId));
  return row?.personId ?? null;
}

async function ensurePerson(tx: Tx, distinctId: string): Promise<string> {
  const existing = await findPersonId(tx, distinctId);
  if (existing) return existing;
  const id = newId('per');
  await tx.insert(inboxPersons).values({ id });
  await tx.insert(inboxPersonDistinctIds).values({ distinctId, personId: id });
  return id;
}

/** Makes `other` one of the ids of `primary`'s person; two different persons become one (primary's values win). */
async function mergeInto(tx: Tx, primary: string, other: string): Promise<void> {
  if (!other || other === primary) return;
  const keep = await ensurePerson(tx, primary);
  const drop = await findPersonId(tx, other);
  if (!drop) {
    await tx.insert(inboxPersonDistinctIds).values({ distinctId: other, personId: keep });
    return;
  }
  if (drop === keep) return;
  const rows = await tx.select().from(inboxPersons).where(inArray(inboxPersons.id, [keep, drop]));
  const kept = rows.find((r) => r.id === keep);
  const dropped = rows.find((r) => r.id === drop);
  await tx.update(inboxPersonDistinctIds).set({ personId: keep }).where(eq(inboxPersonDistinctIds.personId, drop));
  await tx
    .update(inboxPersons)
    .set({
      properties: { ...dropped?.properties, ...kept?.properties },
      groups: { ...dropped?.groups, ...kept?.groups },
      updatedAt: new Date(),
    })
    .where(eq(inboxPersons.id, keep));
  await tx.delete(inboxPersons).where(eq(inboxPersons.id, drop));
}

async function updatePerson(tx: Tx, personId: string, e: RawEvent): Promise<void> {
  const set = isObject(e.$set) ? e.$set : isObject(e.properties.$set) ? e.properties.$set : null;
  const setOnce = isObject(e.$set_once) ? e.$set_once : isObject(e.properties.$set_once) ? e.properties.$set_once : null;
  const unset = Array.isArray(e.properties.$unset) ? e.properties.$unset.filter((k): k is string => typeof k === 'string') : [];
  const groups = isObject(e.properties.$groups)
    ? Object.fromEntries(Object.entries(e.properties.$groups).filter((kv): kv is [string, string] => typeof kv[1] === 'string'))
    : {};
  if (!set && !setOnce && !unset.length && !Object.keys(groups).length) return;
  const [person] = await tx.select().from(inboxPersons).where(eq(inboxPersons.id, personId));
  if (!person) return;
  const properties: Json = { ...setOnce, ...person.properties, ...set };
  for (const key of unset) delete properties[key];
  await tx
    .update(inboxPersons)
    .set({ properties, groups: { ...person.groups, ...groups }, updatedAt: new Date() })
    .where(eq(inboxPersons.id, personId));
}

async function groupIdentify(tx: Tx, e: RawEvent): Promise<void> {
  const groupType = str(e.properties.$group_type);
  const groupKey = e.properties.$group_key === undefined ? null : String(e.properties.$group_key);
  if (!groupType || !groupKey) throw badRequest('$groupidentify needs $group_type and $group_key.');
  const set = isObject(e.properties.$group_set) ? e.properties.$group_set : {};
  await tx
    .insert(inboxGroups)
    .values({ groupType, groupKey, properties: set })
    .onConflictDoUpdate({
      target: [inboxGroups.groupType, inboxGroups.groupKey],
      set: { properties: sql`${inboxGroups.properties} || ${JSON.stringify(set)}::jsonb`, updatedAt: new Date() },
    });
  // The sender belongs to the group: posthog-js(-lite)'s group() and posthog-node's groupIdentify({ distinctId })
  // send it from the user's id. posthog-node without a user sends `$<type>_<key>`, a stand-in PostHog makes no
  // person for; a personless event ($process_person_profile: false) joins no group in PostHog either.
  const distinctId = e.distinct_id ?? '';
  if (!distinctId || distinctId === `$${groupType}_${groupKey}` || e.properties.$process_person_profile === false) return;
  const personId = await ensurePerson(tx, distinctId);
  const [person] = await tx.select().from(inboxPersons).where(eq(inboxPersons.id, personId));
  const sent = isObject(e.properties.$groups) ? e.properties.$groups : {};
  const groups = Object.fromEntries(Object.entries(sent).filter((kv): kv is [string, string] => typeof kv[1] === 'string'));
  await tx
    .update(inboxPersons)
    .set({ groups: { ...person?.groups, ...groups, [groupType]: groupKey }, updatedAt: new Date() })
    .where(eq(inboxPersons.id, personId));
}

/** Trims a table to the newest INBOX_MAX_ROWS by its serial column: one indexed range delete. */
async function cap(tx: Tx, table: string, column: string): Promise<void> {
  const t = sql.identifier(table);
  const c = sql.identifier(column);
  await tx.execute(sql`delete from ${t} where ${c} <= (select max(${c}) from ${t}) - ${env.INBOX_MAX_ROWS}`);
}

/** Postgres text and jsonb cannot hold U+0000; SDKs can send it (page text, binary kept as latin1). */
function withoutNul<T>(value: T): T {
  if (typeof value === 'string') return value.replace(/\0/g, '\uFFFD') as T;
  if (Array.isArray(value)) return value.map(withoutNul) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [withoutNul(k), withoutNul(v)])) as T;
  }
  return value;
}

/**
 * JSON nesting deeper than this is refused: serializing it overflows the stack (a 500) and Postgres stops
 * somewhat further. Real rrweb DOM snapshots stay far below it.
 */
const MAX_JSON_DEPTH = 1000;

function jsonDepth(json: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) max = Math.max(max, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

/**
 * An item ready to store: refused (413) when its JSON is larger than INBOX_MAX_ITEM_BYTES, (400) when nested
 * deeper than MAX_JSON_DEPTH, NUL characters replaced. One serialization serves every check.
 */
function storable<T>(item: T, what: () => string): T {
  let json: string;
  try {
    json = JSON.stringify(item) ?? '';
  } catch (error) {
    if (error instanceof RangeError) throw badRequest(`${what()} is nested too deeply (more than ${MAX_JSON_DEPTH} levels).`);
    throw error;
  }
  if (jsonDepth(json) > MAX_JSON_DEPTH) throw badRequest(`${what()} is nested more than ${MAX_JSON_DEPTH} levels deep.`);
  const bytes = Buffer.byteLength(json);
  if (bytes > env.INBOX_MAX_ITEM_BYTES) {
    throw new AppError(
      'payload_too_large',
      `${what()} is ${bytes} bytes, more than INBOX_MAX_ITEM_BYTES (${env.INBOX_MAX_ITEM_BYTES}).`,
    );
  }
  // JSON.stringify writes U+0000 as the escape `\u0000`: only items that have one are walked.
  return json.includes('\\u0000') ? withoutNul(item) : item;
}

/** First and last rrweb timestamps by a loop: spreading 100 000+ values into Math.min overflows the stack. */
function timeRange(events: RrwebEvent[]): { start: number; end: number } | null {
  let start = Infinity;
  let end = -Infinity;
  for (const e of events) {
    const t = rrwebTimestamp(e);
    if (t === null) continue;
    if (t < start) start = t;
    if (t > end) end = t;
  }
  return start <= end ? { start, end } : null;
}

const isSnapshot = (e: RawEvent) => e.event === '$snapshot' || e.event === '$snapshot_items';

export type CaptureResult = { events: number; duplicates: number; snapshots: number; warnings: number };

/**
 * Stores one capture request (events, recordings, persons, groups) atomically. Recordings are decoded (from the
 * request's decompression `budget`) and every item's size checked before the transaction opens.
 */
export async function storeCapture(
  batch: CaptureBatch,
  now = new Date(),
  budget: DecompressionBudget = decompressionBudget(),
): Promise<CaptureResult> {
  const items = batch.events.map((raw, i) => {
    if (!isSnapshot(raw)) return { e: storable(raw, () => `Event ${i} (${raw.event.slice(0, 100)})`), recording: null };
    // Decoded before NULs are replaced: the gzip'd data is binary carried as latin1.
    const data = raw.properties.$snapshot_data ?? raw.properties.$snapshot_items;
    const recording = storable(snapshotEvents(data, budget), () => `Event ${i} (${raw.event}) recording chunk`);
    const { $snapshot_data: _data, $snapshot_items: _items, ...properties } = raw.properties;
    return { e: withoutNul({ ...raw, properties }), recording };
  });
  return db.transaction(async (tx) => {
    const eventRows: (typeof inboxEvents.$inferInsert)[] = [];
    const snapshotRows: (typeof inboxSnapshots.$inferInsert)[] = [];
    for (const [i, { e, recording: events }] of items.entries()) {
      const distinctId = e.distinct_id ?? '';
      if (events) {
        const sessionId = str(e.properties.$session_id);
        if (!sessionId) throw badRequest(`Event ${i} ($snapshot) has no $session_id.`);
        const at = eventTimestamp(e, batch.sentAt, now).getTime();
        const range = timeRange(events) ?? { start: at, end: at };
        snapshotRows.push({
          sessionId,
          windowId: str(e.properties.$window_id),
          distinctId,
          start: new Date(range.start),
          end: new Date(range.end),
          eventCount: events.length,
          events,
        });
        continue;
      }
      if (e.event === '$groupidentify') {
        await groupIdentify(tx, e);
      } else if (MERGE_EVENTS.has(e.event) || e.properties.$process_person_profile !== false) {
        const personId = await ensurePerson(tx, distinctId);
        if (e.event === '$identify') {
          const anon = str(e.properties.$anon_distinct_id);
          if (anon) await mergeInto(tx, distinctId, anon);
        } else if (e.event === '$create_alias' || e.event === '$merge_dangerously') {
          const alias = e.properties.alias === undefined ? null : String(e.properties.alias);
          if (!alias) throw badRequest(`Event ${i} (${e.event}) has no alias.`);
          await mergeInto(tx, distinctId, alias);
        }
        await updatePerson(tx, (await findPersonId(tx, distinctId)) ?? personId, e);
      }
      const properties: Json = { ...e.properties };
      if (e.$set && !('$set' in properties)) properties.$set = e.$set;
      if (e.$set_once && !('$set_once' in properties)) properties.$set_once = e.$set_once;
      eventRows.push({
        uuid: e.uuid ?? randomUUID(),
        event: e.event,
        distinctId,
        timestamp: eventTimestamp(e, batch.sentAt, now),
        properties,
        source: eventSource(properties),
        sessionId: str(properties.$session_id),
      });
    }
    let inserted = 0;
    let warnings = 0;
    if (eventRows.length) {
      const rows = await tx.insert(inboxEvents).values(eventRows).onConflictDoNothing().returning();
      inserted = rows.length;
      // A retry's duplicate was checked when it first arrived. In a savepoint: a check that fails loses its
      // findings, never the events.
      try {
        warnings = await tx.transaction((sp) => recordHealth(sp, rows, now, batch.sentAt));
      } catch (error) {
        console.error('[collector] event health check failed; the events are stored without it', error);
      }
    }
    if (snapshotRows.length) await tx.insert(inboxSnapshots).values(snapshotRows);
    await cap(tx, 'inbox_events', 'id');
    await cap(tx, 'inbox_snapshots', 'id');
    await cap(tx, 'inbox_persons', 'seq');
    await cap(tx, 'inbox_person_distinct_ids', 'seq');
    await cap(tx, 'inbox_groups', 'seq');
    return { events: inserted, duplicates: eventRows.length - inserted, snapshots: snapshotRows.length, warnings };
  });
}

/** Stores one envelope's rows atomically; returns how many rows were written. */
export async function storeSentryRows(project: string, envelopeHeader: Json, rows: SentryRow[]): Promise<number> {
  if (!rows.length) return 0;
  const values = rows.map((r, i) => storable(r, () => `Sentry item ${i} (${r.type})`));
  const header = withoutNul(envelopeHeader);
  const envelopeId = randomUUID();
  return db.transaction(async (tx) => {
    await tx.insert(inboxSentryItems).values(values.map((r) => ({ ...r, envelopeId, project, envelopeHeader: header })));
    await cap(tx, 'inbox_sentry_items', 'id');
    return rows.length;
  });
}

/** DELETE /api/dev/inbox: everything the collector ever stored. */
export async function clearInbox(): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(inboxHealthWarnings);
    await tx.delete(inboxEvents);
    await tx.delete(inboxSnapshots);
    await tx.delete(inboxPersonDistinctIds);
    await tx.delete(inboxPersons);
    await tx.delete(inboxGroups);
    await tx.delete(inboxSentryItems);
  });
}
