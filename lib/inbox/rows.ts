// The rows the inbox query API answers (/api/dev/inbox/*, docs/local-inbox.md), one type per kind: the queries
// return them, the /dev/inbox views render them and the e2e helpers read them. Types only, so client components
// and Playwright can import this file without pulling server code. Field names are snake_case like PostHog's and
// Sentry's own APIs; timestamps are ISO strings.
export type Json = Record<string, unknown>;

/** Which SDK sent a PostHog event: posthog-js in the browser or posthog-node on the server. */
export type EventSource = 'web' | 'server';

export type InboxEventRow = {
  id: number;
  uuid: string;
  event: string;
  distinct_id: string;
  timestamp: string;
  received_at: string;
  properties: Json;
  source: EventSource;
  session_id: string | null;
};

/** A merged person; an id that only sent anonymous events answers with `person_id: null` and no properties. */
export type PersonRow = {
  person_id: string | null;
  distinct_ids: string[];
  properties: Json;
  groups: Record<string, string>;
  group_properties: Record<string, Json>;
  created_at: string | null;
  updated_at: string | null;
};

/** Which SDK recorded a session: posthog-js's session recording, or Sentry Replay (same rrweb events). */
export type RecordingSource = 'posthog' | 'sentry';

export type RecordingRow = {
  session_id: string;
  distinct_id: string | null;
  start: string;
  end: string;
  snapshot_count: number;
  window_ids: string[];
  source: RecordingSource;
};

/** One recorded session with its decompressed rrweb events in time order. */
export type RecordingDetail = Omit<RecordingRow, 'snapshot_count'> & { snapshots: Json[] };

export type SentryItemRow = {
  id: number;
  type: string;
  item_type: string;
  event_id: string | null;
  trace_id: string | null;
  span_id: string | null;
  parent_span_id: string | null;
  name: string | null;
  op: string | null;
  project: string;
  envelope_id: string;
  received_at: string;
  size: number;
  payload: unknown;
};

/** One Sentry item with the headers of the item and its envelope, and the raw bytes (base64) of binary items. */
export type SentryItemDetail = SentryItemRow & { item_header: Json; envelope_header: Json; raw_base64: string | null };

export type InboxStats = {
  events: number;
  snapshots: number;
  recordings: number;
  persons: number;
  groups: number;
  sentry_items: number;
  sentry_by_type: Record<string, number>;
  /** Event-health findings (lib/inbox/collector/health.ts) and how many of them are errors. */
  health_warnings: number;
  health_errors: number;
  /** Cursors for live views: poll the stats, refetch when one moves. */
  last_event_id: number | null;
  last_sentry_id: number | null;
  last_snapshot_id: number | null;
  max_rows_per_table: number;
  max_body_bytes: number;
};

/** One error event of an issue, as the issue lists it. */
export type IssueEventSummary = {
  id: number;
  event_id: string | null;
  trace_id: string | null;
  timestamp: string;
  level: string;
  title: string;
  user: string | null;
};

/** Sentry error events grouped by fingerprint (lib/inbox/collector/issues.ts); the API's list sends each without
 * its events, with `latest_event_id` instead (IssueRow). */
export type Issue = {
  id: string;
  /** The values the id is the hash of (Sentry's contributing grouping values). */
  fingerprint: string[];
  /** Which part of the event chose them, as Sentry's "Event Grouping Information" says it (the latest event's). */
  grouped_by: 'built-in rule' | 'fingerprint' | 'stack trace' | 'exception' | 'message' | 'nothing';
  /** The built-in fingerprinting rule that matched, when `grouped_by` is `built-in rule`. */
  grouping_rule: string | null;
  title: string;
  culprit: string | null;
  level: string;
  count: number;
  users: number;
  first_seen: string;
  last_seen: string;
  /** Newest first. */
  events: IssueEventSummary[];
};

export type IssueRow = Omit<Issue, 'events'> & { latest_event_id: number | null };

/** One event-health finding (lib/inbox/collector/health.ts), linked to its event. */
export type HealthWarningRow = {
  id: number;
  event_id: number;
  event_uuid: string;
  event: string;
  rule: string;
  severity: 'warn' | 'error';
  /** Dotted path of the offending part (`properties.plan`, `properties.$set.email`), null for the event as a whole. */
  path: string | null;
  message: string;
  distinct_id: string;
  session_id: string | null;
  created_at: string;
  /** Where the rule is explained (docs/local-inbox.md#…). */
  doc: string;
};

export type HealthReport = {
  /** Events stored in the same scope (time, person, session): how many were checked. */
  checked_events: number;
  by_rule: { rule: string; title: string; severity: 'warn' | 'error'; count: number; doc: string }[];
  by_event: { event: string; count: number }[];
  /** Newest first. */
  warnings: HealthWarningRow[];
};
