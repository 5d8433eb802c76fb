import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { recorded, type PosthogFixture } from '@/test-support/fixtures/sdk-requests/recorded';
import { decompressionBudget } from './decode';
import { AppError } from '@/lib/server/errors';
import { decodePosthogBody, eventTimestamp, extractEvents } from './posthog-decode';

function decode(name: PosthogFixture) {
  const r = recorded(name);
  return decodePosthogBody({
    url: r.url,
    contentType: r.headers['content-type'] ?? null,
    contentEncoding: r.headers['content-encoding'] ?? null,
    body: r.body,
  }, decompressionBudget());
}

const plain = (body: string | Uint8Array, opts: { url?: string; contentType?: string; contentEncoding?: string } = {}) =>
  decodePosthogBody({
    url: opts.url ?? '/ingest/e/',
    contentType: opts.contentType ?? 'application/json',
    contentEncoding: opts.contentEncoding ?? null,
    body: typeof body === 'string' ? new TextEncoder().encode(body) : body,
  }, decompressionBudget());

function expectError(fn: () => unknown, code: string, message?: RegExp) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    if (message) expect((error as AppError).message).toMatch(message);
    return;
  }
  throw new Error('expected an AppError');
}

describe('PostHog bodies recorded from the real SDKs', () => {
  it('posthog-js gzip-js: raw gzip bytes sent as text/plain', () => {
    const r = recorded('posthog-js-pageview-gzip');
    expect(r.headers['content-type']).toBe('text/plain');
    expect([r.body[0], r.body[1]]).toEqual([0x1f, 0x8b]);
    const { events, apiKey, sentAt } = extractEvents(decode('posthog-js-pageview-gzip'));
    expect(apiKey).toBe('phc_fixture_token');
    expect(sentAt).toBeInstanceOf(Date);
    expect(events.map((e) => e.event)).toEqual(['$pageview']);
    expect(events[0]!.properties.$lib).toBe('web');
    expect(events[0]!.distinct_id).toBe(events[0]!.properties.distinct_id);
  });

  it('posthog-js $identify keeps $anon_distinct_id and the top-level $set / $set_once', () => {
    const [identify] = extractEvents(decode('posthog-js-identify-gzip')).events;
    expect(identify!.event).toBe('$identify');
    expect(identify!.distinct_id).toBe('user_fixture_1');
    expect(identify!.properties.$anon_distinct_id).toEqual(expect.any(String));
    expect(identify!.$set).toEqual({ name: 'Fixture User' });
    expect(identify!.$set_once).toMatchObject({ signup_source: 'fixture' });
  });

  it('posthog-js batches of several events', () => {
    const { events } = extractEvents(decode('posthog-js-events-gzip'));
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['fixture_button_clicked', '$groupidentify', '$autocapture']));
    expect(events.length).toBeGreaterThan(3);
  });

  it('posthog-js plain JSON (disable_compression)', () => {
    expect(recorded('posthog-js-pageview-json').headers['content-type']).toBe('application/json');
    expect(extractEvents(decode('posthog-js-pageview-json')).events[0]!.event).toBe('$pageview');
  });

  it('posthog-js sendBeacon: base64 `data=` form with compression=base64', () => {
    const r = recorded('posthog-js-beacon-base64');
    expect(r.url).toContain('compression=base64');
    expect(new TextDecoder().decode(r.body.subarray(0, 5))).toBe('data=');
    expect(extractEvents(decode('posthog-js-beacon-base64')).events.map((e) => e.event)).toEqual(['fixture_beacon_plain']);
  });

  it('posthog-js /s/ $snapshot events', () => {
    const { events } = extractEvents(decode('posthog-js-snapshot-gzip'));
    expect(events[0]!.event).toBe('$snapshot');
    expect(events[0]!.properties.$session_id).toEqual(expect.any(String));
    expect(Array.isArray(events[0]!.properties.$snapshot_data)).toBe(true);
  });

  it('posthog-node /batch/ with Content-Encoding: gzip and without', () => {
    expect(recorded('posthog-node-batch-gzip').headers['content-encoding']).toBe('gzip');
    for (const name of ['posthog-node-batch-gzip', 'posthog-node-batch-json'] as const) {
      const { events } = extractEvents(decode(name));
      expect(events.map((e) => e.event)).toEqual(['fixture_server_event', '$identify', '$create_alias', '$groupidentify']);
      expect(events[0]!.properties.$lib).toBe('posthog-node');
      expect(events[2]!.properties.alias).toBe('server_alias_1');
    }
  });

  it('flags requests, gzip and JSON', () => {
    expect(decode('posthog-js-flags-gzip')).toMatchObject({ token: 'phc_fixture_token', distinct_id: expect.any(String) });
    expect(decode('posthog-js-flags-json')).toMatchObject({ distinct_id: 'user_fixture_1' });
  });
});

describe('other encodings and bad input', () => {
  const event = { event: 'e', distinct_id: 'd', properties: {} };

  it('a single event, an array, legacy { data }, and a base64 form without the query flag', () => {
    expect(extractEvents(plain(JSON.stringify(event))).events).toHaveLength(1);
    expect(extractEvents(plain(JSON.stringify([event, event]))).events).toHaveLength(2);
    expect(extractEvents(plain(JSON.stringify({ data: [event] }))).events).toHaveLength(1);
    const form = `data=${encodeURIComponent(Buffer.from(JSON.stringify(event)).toString('base64'))}`;
    expect(extractEvents(plain(form, { contentType: 'application/x-www-form-urlencoded' })).events).toHaveLength(1);
  });

  it('gzip with Content-Encoding and any content type', () => {
    const gz = new Uint8Array(gzipSync(JSON.stringify(event)));
    expect(extractEvents(plain(gz, { contentType: 'application/octet-stream', contentEncoding: 'gzip' })).events).toHaveLength(1);
    expect(extractEvents(plain(gz, { contentType: 'text/plain', url: '/ingest/e/?compression=gzip-js' })).events).toHaveLength(1);
  });

  it('rejects broken bodies with a reason', () => {
    expectError(() => plain('{"event":'), 'validation', /not valid JSON/);
    expectError(() => plain(''), 'validation', /empty/);
    expectError(() => plain(new Uint8Array([0x1f, 0x8b, 1, 2, 3])), 'validation', /gzip/);
    expectError(() => plain(new Uint8Array([0xff, 0xfe, 0x00])), 'validation', /UTF-8/);
    expectError(() => plain('x', { contentEncoding: 'compress' }), 'unsupported_media_type');
    expectError(() => plain('abc', { url: '/ingest/e/?compression=lz64' }), 'validation', /lz64/);
    expectError(() => extractEvents(plain('"hello"')), 'validation');
    expectError(() => extractEvents(plain('[]')), 'validation', /no events/);
    expectError(() => extractEvents(plain(JSON.stringify({ event: 'e', properties: {} }))), 'validation', /distinct_id/);
    expectError(() => extractEvents(plain(JSON.stringify([event, { distinct_id: 'x' }]))), 'validation', /Event 1/);
  });

  it('corrects client clock skew with sent_at, like PostHog', () => {
    const now = new Date('2026-01-01T12:00:00.000Z');
    const sentAt = new Date('2026-01-01T13:00:10.000Z'); // client clock one hour ahead
    const e = { event: 'x', properties: {}, timestamp: '2026-01-01T13:00:00.000Z' };
    expect(eventTimestamp(e, sentAt, now).toISOString()).toBe('2026-01-01T11:59:50.000Z');
    expect(eventTimestamp(e, null, now).toISOString()).toBe('2026-01-01T13:00:00.000Z');
    expect(eventTimestamp({ event: 'x', properties: {}, offset: 500 }, null, now).toISOString()).toBe('2026-01-01T11:59:59.500Z');
  });
});
