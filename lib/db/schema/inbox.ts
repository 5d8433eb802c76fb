// The local inbox (local mode only): what the PostHog and Sentry SDKs sent to Orbit's embedded collector.
// Every table is capped at INBOX_MAX_ROWS by its serial id (see lib/inbox/collector/store.ts), so no foreign keys to
// the product tables and nothing here is ever business data.
import { bigint, bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

type Json = Record<string, unknown>;

/** One row per captured PostHog event (recordings' `$snapshot` events go to inbox_snapshots instead). */
export const inboxEvents = pgTable(
  'inbox_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    uuid: text('uuid').notNull(),
    event: text('event').notNull(),
    distinctId: text('distinct_id').notNull(),
    timestamp: timestamp('timestamp', { withTimezone: true, precision: 3 }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    properties: jsonb('properties').$type<Json>().notNull(),
    source: text('source', { enum: ['web', 'server'] }).notNull(),
    sessionId: text('session_id'),
  },
  (t) => [
    // PostHog deduplicates by uuid; SDK retries resend the same one.
    uniqueIndex('inbox_events_uuid_idx').on(t.uuid),
    index('inbox_events_distinct_id_idx').on(t.distinctId),
    index('inbox_events_event_idx').on(t.event),
    index('inbox_events_session_id_idx').on(t.sessionId),
    index('inbox_events_timestamp_idx').on(t.timestamp),
  ],
);

/** A person: the union of distinct ids merged by $identify / $create_alias / $merge_dangerously. */
export const inboxPersons = pgTable('inbox_persons', {
  id: text('id').primaryKey(),
  seq: bigserial('seq', { mode: 'number' }).notNull(),
  properties: jsonb('properties').$type<Json>().notNull().default({}),
  /** group type → group key, from the events' `$groups`. */
  groups: jsonb('groups').$type<Record<string, string>>().notNull().default({}),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const inboxPersonDistinctIds = pgTable(
  'inbox_person_distinct_ids',
  {
    distinctId: text('distinct_id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => inboxPersons.id, { onDelete: 'cascade' }),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
  },
  (t) => [index('inbox_person_distinct_ids_person_id_idx').on(t.personId)],
);

/** Group properties from $groupidentify. */
export const inboxGroups = pgTable(
  'inbox_groups',
  {
    groupType: text('group_type').notNull(),
    groupKey: text('group_key').notNull(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    properties: jsonb('properties').$type<Json>().notNull().default({}),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.groupType, t.groupKey] })],
);

/** One row per `$snapshot` event: a batch of rrweb events (decompressed) of one session and window. */
export const inboxSnapshots = pgTable(
  'inbox_snapshots',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    sessionId: text('session_id').notNull(),
    windowId: text('window_id'),
    distinctId: text('distinct_id'),
    start: timestamp('start', { withTimezone: true, precision: 3 }).notNull(),
    end: timestamp('end', { withTimezone: true, precision: 3 }).notNull(),
    eventCount: integer('event_count').notNull(),
    events: jsonb('events').$type<Json[]>().notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('inbox_snapshots_session_id_idx').on(t.sessionId)],
);

/** One row per Sentry envelope item; a span container becomes one row per span. */
export const inboxSentryItems = pgTable(
  'inbox_sentry_items',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** Groups the items of one envelope (random per request). */
    envelopeId: text('envelope_id').notNull(),
    project: text('project').notNull(),
    /** event, transaction (also a span-v2 segment), span, session, replay_recording, …, or the unknown type as sent. */
    type: text('type').notNull(),
    /** The envelope item type as sent (`span` for both segments and child spans of a span container). */
    itemType: text('item_type').notNull(),
    eventId: text('event_id'),
    traceId: text('trace_id'),
    spanId: text('span_id'),
    parentSpanId: text('parent_span_id'),
    /** Transaction / span name, error message: what a list shows. */
    name: text('name'),
    op: text('op'),
    receivedAt: timestamp('received_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    payload: jsonb('payload').$type<unknown>(),
    /** Base64 of the item's bytes when they are not (only) JSON: replay recordings, attachments. */
    raw: text('raw'),
    itemHeader: jsonb('item_header').$type<Json>().notNull(),
    envelopeHeader: jsonb('envelope_header').$type<Json>().notNull(),
    size: integer('size').notNull(),
  },
  (t) => [
    index('inbox_sentry_items_trace_id_idx').on(t.traceId),
    index('inbox_sentry_items_type_idx').on(t.type),
    index('inbox_sentry_items_event_id_idx').on(t.eventId),
  ],
);

/**
 * One row per event-health finding (lib/inbox/collector/health.ts): the event is stored as sent, and each rule it
 * breaks adds a row here. Deleted with its event (the cap trims events by id).
 */
export const inboxHealthWarnings = pgTable(
  'inbox_health_warnings',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    eventId: bigint('event_id', { mode: 'number' })
      .notNull()
      .references(() => inboxEvents.id, { onDelete: 'cascade' }),
    eventUuid: text('event_uuid').notNull(),
    event: text('event').notNull(),
    rule: text('rule').notNull(),
    severity: text('severity', { enum: ['warn', 'error'] }).notNull(),
    /** Dotted path of the offending property (`properties.plan`, `$set.email`); null for the event as a whole. */
    path: text('path'),
    message: text('message').notNull(),
    distinctId: text('distinct_id').notNull(),
    sessionId: text('session_id'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index('inbox_health_warnings_event_id_idx').on(t.eventId),
    index('inbox_health_warnings_rule_idx').on(t.rule),
    index('inbox_health_warnings_session_id_idx').on(t.sessionId),
    index('inbox_health_warnings_distinct_id_idx').on(t.distinctId),
  ],
);

/**
 * Values a test typed into the product (passwords, card numbers, names): an event carrying one is a `pii` finding.
 * Registered through POST /api/dev/inbox/health/secrets; kept across "Clear inbox" (they are settings, not data).
 */
export const inboxHealthSecrets = pgTable('inbox_health_secrets', {
  value: text('value').primaryKey(),
  seq: bigserial('seq', { mode: 'number' }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type InboxEvent = typeof inboxEvents.$inferSelect;
export type InboxHealthWarning = typeof inboxHealthWarnings.$inferSelect;
export type InboxSentryItem = typeof inboxSentryItems.$inferSelect;
