import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  beforeBreadcrumb,
  beforeSend,
  beforeSendSpan,
  DATA_COLLECTION,
  dropNextControlFlow,
  EVENT_FILTERS,
  runFilters,
  scrubPrivacy,
  tagCategory,
  type EventLike,
} from './before-send';
import { FILTERED } from './scrub';

const event = (value: string, extra: Partial<EventLike> = {}): EventLike => ({ event_id: 'e1', exception: { values: [{ type: 'Error', value }] }, ...extra });

describe('named filters', () => {
  it('dropNextControlFlow drops redirects and not-found, by hint or by message', () => {
    expect(dropNextControlFlow(event('x'), { originalException: { digest: 'NEXT_REDIRECT;push;/x;307;' } })).toBeNull();
    expect(dropNextControlFlow(event('NEXT_HTTP_ERROR_FALLBACK;404'), {})).toBeNull();
    expect(dropNextControlFlow(event('real'), { originalException: new Error('real') })).not.toBeNull();
  });

  it('tagCategory adds error.category and error.severity, keeping tags set at the capture site', () => {
    expect(tagCategory(event('Failed to fetch'), { originalException: new TypeError('Failed to fetch') })?.tags).toMatchObject({
      'error.category': 'network',
      'error.severity': 'medium',
    });
    expect(tagCategory(event('x', { tags: { 'error.category': 'api' } }), { originalException: new Error('x') })?.tags?.['error.category']).toBe('api');
  });

  it('scrubPrivacy scrubs the event', () => {
    expect(JSON.stringify(scrubPrivacy(event('mail a@b.io'), {}))).not.toContain('a@b.io');
  });

  it('runs in order: a dropped event never reaches the later filters', () => {
    expect(runFilters(EVENT_FILTERS, event('NEXT_REDIRECT;replace;/'), {})).toBeNull();
  });
});

describe('SDK hooks', () => {
  it('beforeSend tags and scrubs', () => {
    const out = beforeSend(event('user a@b.io broke it', { request: { cookies: { s: '1' }, headers: { cookie: 's=1' } } }), { originalException: new Error('x') });
    expect(out?.tags).toMatchObject({ 'error.category': 'unknown', 'error.severity': 'high' });
    expect(JSON.stringify(out)).not.toMatch(/a@b\.io|s=1/);
  });

  it('beforeSendSpan and beforeBreadcrumb scrub', () => {
    expect(JSON.stringify(beforeSendSpan({ name: 'GET /x?token=abc', attributes: { 'user.email': { type: 'string', value: 'a@b.io' } } }))).not.toMatch(/abc|a@b\.io/);
    expect(JSON.stringify(beforeBreadcrumb({ category: 'api', message: 'POST /invite a@b.io' }))).not.toContain('a@b.io');
  });
});

describe('fail closed', () => {
  const span = () => ({
    trace_id: 't'.repeat(32),
    span_id: 's'.repeat(16),
    start_timestamp: 1_796_000_001,
    end_timestamp: 1_796_000_002,
    is_segment: true,
    name: 'POST /signup',
    attributes: { 'http.request.method': 'POST' } as Record<string, unknown>,
  });

  it('beforeSendSpan returns a scrubbed copy, never the span it was given', () => {
    const original = span();
    original.attributes['http.request.body.data'] = 'password=hunter2';
    const out = beforeSendSpan(original);
    expect(out).not.toBe(original);
    expect(out.attributes).toEqual({ 'http.request.method': 'POST', 'http.request.body.data': FILTERED });
  });

  it('beforeSendSpan never throws (the SDK would send the original): an unscrubbable span keeps only ids and times', () => {
    const hostile = new Proxy(span(), {
      ownKeys: () => {
        throw new Error('no keys');
      },
    });
    expect(beforeSendSpan(hostile)).toEqual({ trace_id: 't'.repeat(32), span_id: 's'.repeat(16), start_timestamp: 1_796_000_001, end_timestamp: 1_796_000_002, is_segment: true, name: FILTERED, attributes: {} });
    const cyclic = span();
    cyclic.attributes.self = cyclic.attributes;
    expect(beforeSendSpan(cyclic).attributes.self).toBe(FILTERED);
  });

  it('beforeSend drops an event it cannot scrub', () => {
    const hostile = new Proxy(event('a@b.io'), {
      ownKeys: () => {
        throw new Error('no keys');
      },
    });
    expect(beforeSend(hostile, {})).toBeNull();
  });
});

describe('DATA_COLLECTION', () => {
  it('turns request/response bodies and user info (IPs) off', () => {
    expect(DATA_COLLECTION).toEqual({ httpBodies: [], userInfo: false });
  });

  it('is passed by the browser, server and edge configs', () => {
    const read = (file: string) => readFileSync(path.join(process.cwd(), file), 'utf8');
    expect(read('lib/monitoring/shared/sentry-options.ts')).toMatch(/^\s+dataCollection: DATA_COLLECTION,$/m);
    for (const file of ['sentry.client.config.ts', 'sentry.server.config.ts', 'sentry.edge.config.ts']) {
      // Each config spreads the shared options (or, until it does, passes the setting itself).
      expect(read(file), file).toMatch(/sentryOptions\(|^\s+dataCollection: DATA_COLLECTION,$/m);
    }
  });
});
