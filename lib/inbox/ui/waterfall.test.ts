import { describe, expect, it } from 'vitest';
import { layoutWaterfall, summarizeTraces } from './waterfall';
import type { SentryItemRow } from '@/lib/inbox/rows';

const TRACE = 'a'.repeat(32);
let nextId = 1;
function item(partial: Partial<SentryItemRow> & { type: string; item_type: string; payload: unknown }): SentryItemRow {
  return {
    id: nextId++,
    event_id: null,
    trace_id: TRACE,
    span_id: null,
    parent_span_id: null,
    name: null,
    op: null,
    project: '1',
    envelope_id: 'env',
    received_at: new Date(0).toISOString(),
    size: 0,
    ...partial,
  };
}

const attr = (value: unknown) => ({ type: typeof value === 'string' ? 'string' : 'array', value });

/** span-v2 item as @sentry/nextjs 11 streams it. */
function v2(span: { id: string; parent?: string; name: string; op: string; start: number; end: number; segment?: boolean; sdk?: string; integrations?: string[]; segmentId?: string }) {
  return item({
    type: span.segment ? 'transaction' : 'span',
    item_type: 'span',
    span_id: span.id,
    parent_span_id: span.parent ?? null,
    payload: {
      span_id: span.id,
      parent_span_id: span.parent,
      trace_id: TRACE,
      name: span.name,
      start_timestamp: span.start,
      end_timestamp: span.end,
      is_segment: span.segment === true,
      status: 'ok',
      attributes: {
        'sentry.op': attr(span.op),
        ...(span.sdk ? { 'sentry.sdk.name': attr(span.sdk) } : {}),
        ...(span.integrations ? { 'sentry.sdk.integrations': attr(span.integrations) } : {}),
        ...(span.segmentId ? { 'sentry.segment.id': attr(span.segmentId) } : {}),
      },
    },
  });
}

describe('layoutWaterfall', () => {
  it('nests a server transaction (classic, with spans[]) under the browser fetch span it continues', () => {
    const browserRoot = v2({ id: 'b0', name: '/projects', op: 'pageload', start: 100, end: 101, segment: true, sdk: 'sentry.javascript.nextjs', integrations: ['BrowserTracing'] });
    const fetchSpan = v2({ id: 'b1', parent: 'b0', name: 'GET /api/tasks', op: 'http.client', start: 100.2, end: 100.6, sdk: 'sentry.javascript.nextjs', segmentId: 'b0' });
    const server = item({
      type: 'transaction',
      item_type: 'transaction',
      payload: {
        type: 'transaction',
        platform: 'node',
        transaction: 'GET /api/tasks',
        start_timestamp: 100.25,
        timestamp: 100.55,
        contexts: { trace: { trace_id: TRACE, span_id: 's0', parent_span_id: 'b1', op: 'http.server', status: 'ok' } },
        spans: [
          { span_id: 's2', parent_span_id: 's1', op: 'db', description: 'select tasks', start_timestamp: 100.3, timestamp: 100.35 },
          { span_id: 's1', parent_span_id: 's0', op: 'function', description: 'listTasks', start_timestamp: 100.28, timestamp: 100.5 },
        ],
      },
    });
    const error = item({ type: 'event', item_type: 'event', span_id: 's1', payload: { contexts: { trace: { span_id: 's1', trace_id: TRACE } } } });

    const w = layoutWaterfall([server, fetchSpan, error, browserRoot]);

    expect(w.rows.map((r) => [r.span.spanId, r.depth, r.side])).toEqual([
      ['b0', 0, 'browser'],
      ['b1', 1, 'browser'],
      ['s0', 2, 'server'],
      ['s1', 3, 'server'],
      ['s2', 4, 'server'],
    ]);
    expect(w.durationMs).toBeCloseTo(1000, 6);
    const s1 = w.rows[3]!;
    expect(s1.offset).toBeCloseTo(0.28, 6);
    expect(s1.width).toBeCloseTo(0.22, 6);
    expect(s1.startMs).toBeCloseTo(280, 6);
    expect(s1.errors.map((e) => e.id)).toEqual([error.id]);
    expect(w.looseErrors).toEqual([]);
    expect(w.sides.sort()).toEqual(['browser', 'server']);
    expect(w.rows[0]!.orphan).toBe(false);
  });

  it('orders siblings by start time, keeps a span sent twice once, and marks roots whose parent never arrived', () => {
    const seg = v2({ id: 'r', parent: 'missing', name: 'GET /x', op: 'http.server', start: 10, end: 12, segment: true, sdk: 'sentry.javascript.node' });
    const late = v2({ id: 'late', parent: 'r', name: 'late', op: 'db', start: 11, end: 11.5, segmentId: 'r' });
    const early = v2({ id: 'early', parent: 'r', name: 'early', op: 'db', start: 10.5, end: 10.6, segmentId: 'r' });
    const dup = { ...early, id: 999 };
    const w = layoutWaterfall([late, seg, dup, early]);
    expect(w.rows.map((r) => r.span.spanId)).toEqual(['r', 'early', 'late']);
    expect(w.rows[0]!.orphan).toBe(true);
    expect(w.rows.every((r) => r.side === 'server')).toBe(true);
    expect(w.rows[1]!.offset).toBeCloseTo(0.25, 6);
  });

  it('keeps errors whose span is unknown apart, and survives a trace without spans', () => {
    const error = item({ type: 'event', item_type: 'event', span_id: 'nope', payload: {} });
    const w = layoutWaterfall([error]);
    expect(w.rows).toEqual([]);
    expect(w.looseErrors).toHaveLength(1);
    expect(w.durationMs).toBe(0);
  });
});

describe('summarizeTraces', () => {
  it('names each trace after its root segment and counts spans and errors', () => {
    const a = v2({ id: 'p', name: 'Pageload', op: 'pageload', start: 50, end: 50.5, segment: true, sdk: 'sentry.javascript.browser' });
    const b = v2({ id: 'c', parent: 'p', name: 'LCP', op: 'ui.webvital.lcp', start: 50.1, end: 50.1 });
    const err = item({ type: 'event', item_type: 'event', payload: {} });
    const other = { ...v2({ id: 'o', name: 'GET /y', op: 'http.server', start: 60, end: 61, segment: true, sdk: 'sentry.javascript.node' }), trace_id: 'b'.repeat(32) };
    const list = summarizeTraces([a, b, err, other]);
    expect(list.map((t) => [t.name, t.spanCount, t.errorCount, t.sides.join()])).toEqual([
      ['GET /y', 1, 0, 'server'],
      ['Pageload', 2, 1, 'browser'],
    ]);
    expect(list[1]!.durationMs).toBeCloseTo(500, 6);
  });
});

describe('times the SDKs get wrong', () => {
  const T = 1_796_000_000; // an epoch time (2026)

  it('places a span sent in seconds since process start inside its parent, flagged, keeping its duration', () => {
    const seg = v2({ id: 'r', name: 'GET /onboarding/[step]', op: 'http.server', start: T, end: T + 0.4, segment: true, sdk: 'sentry.javascript.node' });
    const render = v2({ id: 'x', parent: 'r', name: 'render route (app) /onboarding/[step]', op: 'function.nextjs', start: T + 0.1, end: T + 0.3, segmentId: 'r' });
    const loading = v2({ id: 'l', parent: 'x', name: 'NextNodeServer.clientComponentLoading', op: 'function.nextjs', start: 11071.97, end: 11071.99, segmentId: 'r' });
    const w = layoutWaterfall([seg, render, loading]);
    expect(w.durationMs).toBeCloseTo(400, 3);
    const row = w.rows.find((r) => r.span.spanId === 'l')!;
    expect(row.span.time).toBe('relative');
    expect(row.span.start).toBe(T + 0.1);
    expect(row.durationMs).toBeCloseTo(20, 3);
    expect(summarizeTraces([seg, render, loading])[0]!.start).toBe(T);
  });

  it('places a span without a start time at its segment, flagged, instead of dropping it', () => {
    const seg = v2({ id: 'r', name: 'GET /x', op: 'http.server', start: T, end: T + 1, segment: true, sdk: 'sentry.javascript.node' });
    const broken = item({ type: 'span', item_type: 'span', payload: { span_id: 'b', parent_span_id: 'r', trace_id: TRACE, name: 'no start', attributes: { 'sentry.segment.id': attr('r') } } });
    const w = layoutWaterfall([seg, broken]);
    expect(w.rows.map((r) => [r.span.spanId, r.span.time, r.startMs])).toEqual([
      ['r', null, 0],
      ['b', 'missing', 0],
    ]);
    expect(w.durationMs).toBeCloseTo(1000, 3);
  });
});

describe('trace names', () => {
  const T = 1_796_000_000;
  it('names a trace after the browser page, else the server route, never the proxy’s middleware span', () => {
    const mw = v2({ id: 'm', name: 'middleware GET', op: 'http.server.middleware', start: T, end: T + 0.01, segment: true, sdk: 'sentry.javascript.node' });
    const server = v2({ id: 's', parent: 'm', name: 'GET /dashboard', op: 'http.server', start: T + 0.01, end: T + 0.2, segment: true, sdk: 'sentry.javascript.node' });
    expect(summarizeTraces([mw, server]).map((t) => [t.name, t.op])).toEqual([['GET /dashboard', 'http.server']]);

    const nav = { ...v2({ id: 'n', name: '/billing', op: 'navigation', start: T + 5, end: T + 6, segment: true, sdk: 'sentry.javascript.nextjs', integrations: ['BrowserTracing'] }), trace_id: 'c'.repeat(32) };
    const rsc = { ...v2({ id: 'r', parent: 'n', name: 'GET /billing', op: 'http.server', start: T + 5.1, end: T + 5.3, segment: true, sdk: 'sentry.javascript.node' }), trace_id: 'c'.repeat(32) };
    expect(summarizeTraces([rsc, nav]).map((t) => [t.name, t.op])).toEqual([['/billing', 'navigation']]);
  });
});
