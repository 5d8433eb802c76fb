// The shapes the inbox views read, as the query API (lib/inbox/collector/query.ts) returns them. Declared here so the
// pure view helpers and client components do not import server modules.
export type Json = Record<string, unknown>;

export type InboxEventRow = {
  id: number;
  uuid: string;
  event: string;
  distinct_id: string;
  timestamp: string;
  received_at: string;
  properties: Json;
  source: 'web' | 'server';
  session_id: string | null;
};

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

/** Browser or server: which half of the app a span, error or event came from. */
export type Side = 'browser' | 'server';

export const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
export const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
export const get = (o: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((cur, key) => (isObject(cur) ? cur[key] : undefined), o);
