// A trace as a span waterfall: Sentry items of one trace (classic `transaction` events with `spans[]`, span-v2
// segments and child spans as @sentry/nextjs 11 streams them, errors) normalised into spans, nested by
// parent_span_id and laid out on one time axis. Browser and server halves of a trace meet where the server's
// root span names the browser's fetch span as parent (sentry-trace propagation).
import type { Json, SentryItemRow } from '@/lib/inbox/rows';
import { get, isObject, num, str } from '@/lib/inbox/json';

/** Browser or server: which half of the app a span, error or event came from. */
export type Side = 'browser' | 'server';

type TraceSpan = {
  spanId: string;
  parentSpanId: string | null;
  op: string | null;
  name: string;
  /** Seconds since the epoch, as Sentry sends them (placed inside the segment when `time` is flagged). */
  start: number;
  end: number;
  /** The SDK sent no epoch time: 'relative' (e.g. seconds since the process started) or 'missing'. */
  time: 'relative' | 'missing' | null;
  status: string | null;
  /** Known from the item itself; null when it must be inherited from its segment or parent. */
  side: Side | null;
  segmentId: string | null;
  isSegment: boolean;
  /** The inbox item the span came from (a classic transaction holds many spans). */
  itemId: number;
  data: Json;
};

// Matched against the SDK name without its `sentry.` / `sentry.javascript.` prefix (`nextjs` says neither).
const SERVER_SDK = /^(node|bun|deno|vercel-edge|cloudflare|aws-serverless|google-cloud|python|ruby|go|java|php|dotnet|rust|elixir)\b/;
const BROWSER_SDK = /^(browser|react|vue|angular|svelte|ember|solid|remix\.client|astro\.client)\b/;
const sdkKind = (name: string | null) => (name ?? '').replace(/^sentry\.(javascript\.)?/, '');
const BROWSER_OP = /^(pageload|navigation|ui\.|browser\.|resource\.|paint|mark|measure)/;
const SERVER_RUNTIMES = new Set(['node', 'bun', 'deno', 'vercel-edge', 'edge', 'cloudflare']);

/** Span-v2 attributes are `{ type, value }` pairs; flatten them to plain values. */
function flattenAttributes(attributes: unknown): Json {
  if (!isObject(attributes)) return {};
  return Object.fromEntries(
    Object.entries(attributes).map(([k, v]) => [k, isObject(v) && 'value' in v ? v.value : v]),
  );
}

/** Which half of the app sent a Sentry event or transaction payload (classic format). */
export function payloadSide(payload: unknown): Side | null {
  if (!isObject(payload)) return null;
  const platform = str(payload.platform);
  const runtime = str(get(payload, 'contexts', 'runtime', 'name'));
  const sdk = sdkKind(str(get(payload, 'sdk', 'name')));
  if (platform === 'node' || (runtime && SERVER_RUNTIMES.has(runtime))) return 'server';
  if (BROWSER_SDK.test(sdk) || isObject(get(payload, 'contexts', 'browser'))) return 'browser';
  if (SERVER_SDK.test(sdk)) return 'server';
  if (platform === 'javascript') return 'browser';
  return platform ? 'server' : null;
}

/** Which half of the app sent a span-v2 span, from its attributes; null when only its segment can tell. */
function attributesSide(attrs: Json, op: string | null): Side | null {
  const integrations = Array.isArray(attrs['sentry.sdk.integrations']) ? (attrs['sentry.sdk.integrations'] as unknown[]) : [];
  if (integrations.includes('BrowserTracing')) return 'browser';
  const runtime = str(attrs['process.runtime.name']);
  if (runtime && SERVER_RUNTIMES.has(runtime)) return 'server';
  const sdk = sdkKind(str(attrs['sentry.sdk.name']));
  if (BROWSER_SDK.test(sdk)) return 'browser';
  if (SERVER_SDK.test(sdk)) return 'server';
  if (op && BROWSER_OP.test(op)) return 'browser';
  if (op === 'http.server' || op?.startsWith('db') || op?.startsWith('function.')) return 'server';
  return null;
}

/** Anything earlier (2001-09-09) is not an epoch time an SDK of today sends. */
const EPOCH_FLOOR_S = 1e9;

/**
 * Start and end as sent, flagged when they are not epoch seconds: Next.js's clientComponentLoading span, for one,
 * arrives in seconds since the process started. Flagged spans are placed inside their segment by layoutWaterfall.
 */
function times(start: number | null, end: number | null): Pick<TraceSpan, 'start' | 'end' | 'time'> {
  if (start === null) return { start: 0, end: 0, time: 'missing' };
  const finish = end ?? start;
  if (start < EPOCH_FLOOR_S || finish < EPOCH_FLOOR_S) return { start, end: Math.max(finish, start), time: 'relative' };
  return { start, end: finish, time: null };
}

/** Every span an inbox item of a trace holds (none for errors, sessions, replays…). */
function spansOfItem(item: SentryItemRow): TraceSpan[] {
  const p = item.payload;
  if (!isObject(p)) return [];
  if (item.item_type === 'span') {
    const spanId = str(p.span_id);
    if (!spanId) return [];
    const attrs = flattenAttributes(p.attributes);
    const op = str(attrs['sentry.op']) ?? item.op;
    return [
      {
        spanId,
        parentSpanId: str(p.parent_span_id),
        op,
        name: str(p.name) ?? op ?? spanId,
        ...times(num(p.start_timestamp), num(p.end_timestamp)),
        status: str(p.status),
        side: attributesSide(attrs, op),
        segmentId: str(attrs['sentry.segment.id']) ?? (p.is_segment === true ? spanId : null),
        isSegment: p.is_segment === true,
        itemId: item.id,
        data: attrs,
      },
    ];
  }
  if (item.type !== 'transaction') return [];
  const trace = get(p, 'contexts', 'trace');
  const rootId = str(get(trace, 'span_id'));
  if (!rootId) return [];
  const side = payloadSide(p);
  const root: TraceSpan = {
    spanId: rootId,
    parentSpanId: str(get(trace, 'parent_span_id')),
    op: str(get(trace, 'op')),
    name: str(p.transaction) ?? rootId,
    ...times(num(p.start_timestamp), num(p.timestamp)),
    status: str(get(trace, 'status')),
    side,
    segmentId: rootId,
    isSegment: true,
    itemId: item.id,
    data: isObject(get(trace, 'data')) ? (get(trace, 'data') as Json) : {},
  };
  const children = (Array.isArray(p.spans) ? p.spans : []).flatMap((s): TraceSpan[] => {
    const spanId = str(get(s, 'span_id'));
    if (!spanId) return [];
    const op = str(get(s, 'op'));
    return [
      {
        spanId,
        parentSpanId: str(get(s, 'parent_span_id')) ?? rootId,
        op,
        name: str(get(s, 'description')) ?? op ?? spanId,
        ...times(num(get(s, 'start_timestamp')), num(get(s, 'timestamp'))),
        status: str(get(s, 'status')),
        side,
        segmentId: rootId,
        isSegment: false,
        itemId: item.id,
        data: isObject(get(s, 'data')) ? (get(s, 'data') as Json) : {},
      },
    ];
  });
  return [root, ...children];
}

export type WaterfallRow = {
  span: TraceSpan;
  depth: number;
  side: Side;
  /** Position on the trace's time axis, as fractions of its duration (0…1). */
  offset: number;
  width: number;
  startMs: number;
  durationMs: number;
  childCount: number;
  /** Its parent span was never received (e.g. the browser half of the trace was not sent). */
  orphan: boolean;
  /** Error events whose trace context points at this span. */
  errors: SentryItemRow[];
};

export type Waterfall = {
  rows: WaterfallRow[];
  /** Seconds since the epoch. */
  start: number;
  end: number;
  durationMs: number;
  sides: Side[];
  /** Errors of the trace whose span is not in the waterfall. */
  looseErrors: SentryItemRow[];
};

/** Lays out the spans of one trace: depth-first, children by start time, each with its offset and width. */
export function layoutWaterfall(items: SentryItemRow[]): Waterfall {
  const byId = new Map<string, TraceSpan>();
  for (const item of items) {
    for (const span of spansOfItem(item)) {
      // A span may arrive twice (SDK retry, or as a segment and again inside a transaction): keep the first.
      if (!byId.has(span.spanId)) byId.set(span.spanId, span);
    }
  }
  placeUntimed(byId);
  const spans = [...byId.values()];
  const errors = items.filter((i) => i.type === 'event');
  const children = new Map<string, TraceSpan[]>();
  const roots: TraceSpan[] = [];
  for (const span of spans) {
    const parent = span.parentSpanId && span.parentSpanId !== span.spanId ? byId.get(span.parentSpanId) : undefined;
    if (parent) children.set(parent.spanId, [...(children.get(parent.spanId) ?? []), span]);
    else roots.push(span);
  }
  const byStart = (a: TraceSpan, b: TraceSpan) => a.start - b.start || b.end - a.end || a.name.localeCompare(b.name);
  roots.sort(byStart);
  for (const list of children.values()) list.sort(byStart);

  const start = spans.length ? Math.min(...spans.map((s) => s.start)) : 0;
  const end = spans.length ? Math.max(...spans.map((s) => Math.max(s.end, s.start))) : 0;
  const total = Math.max(end - start, 1e-6);

  const rows: WaterfallRow[] = [];
  const seen = new Set<string>();
  const visit = (span: TraceSpan, depth: number, inherited: Side | null) => {
    if (seen.has(span.spanId)) return;
    seen.add(span.spanId);
    const segment = span.segmentId ? byId.get(span.segmentId) : undefined;
    const side = span.side ?? segment?.side ?? inherited ?? 'server';
    const kids = children.get(span.spanId) ?? [];
    rows.push({
      span,
      depth,
      side,
      offset: (span.start - start) / total,
      width: Math.max(span.end - span.start, 0) / total,
      startMs: (span.start - start) * 1000,
      durationMs: Math.max(span.end - span.start, 0) * 1000,
      childCount: kids.length,
      orphan: depth === 0 && !!span.parentSpanId,
      errors: errors.filter((e) => errorSpanId(e) === span.spanId),
    });
    for (const child of kids) visit(child, depth + 1, side);
  };
  for (const root of roots) visit(root, 0, null);

  const placed = new Set(rows.map((r) => r.span.spanId));
  return {
    rows,
    start,
    end,
    durationMs: (end - start) * 1000,
    sides: [...new Set(rows.map((r) => r.side))],
    looseErrors: errors.filter((e) => !placed.has(errorSpanId(e) ?? '')),
  };
}

/**
 * Spans without an epoch time start where their nearest timed ancestor (parent chain, else segment) starts, keeping
 * their own duration when both of their times were relative; with no timed ancestor, at the trace's first span.
 */
function placeUntimed(byId: Map<string, TraceSpan>): void {
  const timed = [...byId.values()].filter((s) => s.time === null);
  if (!timed.length) {
    // No span of the trace has an epoch time: its relative times are at least consistent with each other.
    for (const span of byId.values()) if (span.time === 'relative') byId.set(span.spanId, { ...span, time: null });
    return;
  }
  const fallback = Math.min(...timed.map((s) => s.start));
  const anchor = (span: TraceSpan): { start: number; end: number } => {
    const seen = new Set<string>();
    for (let id = span.parentSpanId; id && !seen.has(id); ) {
      seen.add(id);
      const p = byId.get(id);
      if (!p) break;
      if (p.time === null) return p;
      id = p.parentSpanId;
    }
    const segment = span.segmentId ? byId.get(span.segmentId) : undefined;
    return segment && segment.time === null ? segment : { start: fallback, end: Infinity };
  };
  for (const span of byId.values()) {
    if (span.time === null) continue;
    // The unit of a relative time is unknown (Next's are milliseconds the SDK took for seconds): never past the anchor.
    const duration = span.time === 'relative' ? Math.max(span.end - span.start, 0) : 0;
    const a = anchor(span);
    byId.set(span.spanId, { ...span, start: a.start, end: Math.min(a.start + duration, Math.max(a.end, a.start)) });
  }
}

function errorSpanId(item: SentryItemRow): string | null {
  return item.span_id ?? str(get(item.payload, 'contexts', 'trace', 'span_id'));
}

export type TraceSummary = {
  traceId: string;
  name: string;
  op: string | null;
  start: number;
  durationMs: number;
  sides: Side[];
  spanCount: number;
  errorCount: number;
  status: string | null;
};

const PAGE_OPS = new Set(['pageload', 'navigation']);

/**
 * The span a trace is named after: the browser page view (pageload / navigation) it tells, else the server's
 * request (`http.server`, whose name carries the parameterised route), never the proxy's "middleware GET" span
 * that merely came first; else its first root.
 */
export function namingRow(w: Waterfall): WaterfallRow | undefined {
  const segments = w.rows.filter((r) => r.span.isSegment);
  const rank = (r: WaterfallRow): number => {
    if (r.side === 'browser' && PAGE_OPS.has(r.span.op ?? '')) return 0;
    if (r.span.op === 'http.server' && r.span.name.includes('/')) return 1;
    if (r.span.op === 'http.server') return 2;
    if (r.depth === 0 && !/^middleware\b/i.test(r.span.name)) return 3;
    return 4;
  };
  return [...segments].sort((a, b) => rank(a) - rank(b) || a.span.start - b.span.start)[0] ?? w.rows[0];
}

/** One line per trace for the traces list, from the trace's items (segments, spans and errors). */
export function summarizeTraces(items: SentryItemRow[]): TraceSummary[] {
  const groups = new Map<string, SentryItemRow[]>();
  for (const item of items) {
    if (!item.trace_id) continue;
    groups.set(item.trace_id, [...(groups.get(item.trace_id) ?? []), item]);
  }
  const out: TraceSummary[] = [];
  for (const [traceId, list] of groups) {
    const w = layoutWaterfall(list);
    const root = namingRow(w);
    if (!root) continue;
    out.push({
      traceId,
      name: root.span.name,
      op: root.span.op,
      start: w.start,
      durationMs: w.durationMs,
      sides: w.sides,
      spanCount: w.rows.length,
      errorCount: list.filter((i) => i.type === 'event').length,
      status: root.span.status,
    });
  }
  return out.sort((a, b) => b.start - a.start);
}
