import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { recorded, type SentryFixture } from '@/test-support/fixtures/sdk-requests/recorded';
import { decodeContentEncoding, decompressionBudget } from './decode';
import { AppError } from '@/lib/server/errors';
import { envelopeRows, parseEnvelope } from './sentry-envelope';

const parse = (name: SentryFixture) => {
  const r = recorded(name);
  return parseEnvelope(decodeContentEncoding(r.body, r.headers['content-encoding'] ?? null, decompressionBudget()));
};
const rows = (name: SentryFixture) => envelopeRows(parse(name), decompressionBudget());
const enc = (s: string) => new TextEncoder().encode(s);

describe('envelopes recorded from the real SDKs', () => {
  it('@sentry/node error event (no item length)', () => {
    const env = parse('sentry-node-event');
    expect(env.header).toMatchObject({ event_id: expect.any(String), sdk: { name: 'sentry.javascript.node' } });
    expect(env.items.map((i) => i.header.type)).toEqual(['event']);
    expect(env.items[0]!.header.length).toBeUndefined();
    const [row] = rows('sentry-node-event');
    expect(row).toMatchObject({ type: 'event', eventId: env.header.event_id, name: 'Error: fixture server error' });
    expect(row!.traceId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('@sentry/node gzip body (Content-Encoding: gzip, > 32 KB inflated)', () => {
    const r = recorded('sentry-node-event-gzip');
    expect(r.headers['content-encoding']).toBe('gzip');
    const [row] = rows('sentry-node-event-gzip');
    expect(row).toMatchObject({ type: 'event', name: 'fixture large message' });
    expect((row!.payload as { extra: { blob: string } }).extra.blob).toHaveLength(40_000);
  });

  it('span v2 containers: one row per span, the segment as the transaction, op from attributes', () => {
    const all = rows('sentry-node-spans');
    const segment = all.find((r) => r.type === 'transaction')!;
    const child = all.find((r) => r.type === 'span')!;
    expect(all.every((r) => r.itemType === 'span')).toBe(true);
    expect(segment).toMatchObject({ name: 'GET /fixture', op: 'http.server', parentSpanId: null });
    expect(child).toMatchObject({ name: 'db.query tasks', op: 'db', parentSpanId: segment.spanId, traceId: segment.traceId });
    const browser = rows('sentry-browser-spans');
    expect(browser.filter((r) => r.type === 'transaction')).toHaveLength(1);
    expect(new Set(browser.map((r) => r.traceId)).size).toBe(1);
  });

  it('classic transaction items (traceLifecycle static)', () => {
    const [row] = rows('sentry-node-transaction');
    expect(row).toMatchObject({ type: 'transaction', itemType: 'transaction', name: 'GET /fixture', op: 'http.server' });
    expect((row!.payload as { spans: unknown[] }).spans).toHaveLength(1);
  });

  it('sessions and browser errors', () => {
    expect(rows('sentry-node-session')[0]).toMatchObject({ type: 'session', payload: { status: expect.any(String) } });
    expect(rows('sentry-browser-event')[0]).toMatchObject({ type: 'event', name: expect.stringMatching(/fixture (uncaught|captured) error/) });
  });

  it('replay: replay_event JSON and a zlib replay_recording with length, kept raw and decoded', () => {
    const env = parse('sentry-browser-replay');
    expect(env.items.map((i) => i.header.type)).toEqual(['replay_event', 'replay_recording']);
    expect(env.items[1]!.header.length).toBe(env.items[1]!.payload.length);
    const [event, recording] = envelopeRows(env, decompressionBudget());
    expect(event).toMatchObject({ type: 'replay_event', eventId: env.header.event_id });
    expect(recording!.raw).toBe(Buffer.from(env.items[1]!.payload).toString('base64'));
    expect(recording!.payload).toMatchObject({ segment_id: 0, compressed: true, events: expect.any(Array) });
    expect((recording!.payload as { events: { type: number }[] }).events.some((e) => e.type === 2)).toBe(true);
  });
});

describe('envelope framing', () => {
  it('binary payloads with length may contain newlines; unknown types are kept raw', () => {
    const binary = new Uint8Array([0x00, 0x0a, 0xff, 0x0a, 0x01]);
    const head = enc('{"event_id":"abc"}\n{"type":"attachment","length":5,"filename":"a.bin"}\n');
    const tail = enc('\n{"type":"mystery"}\nnot json at all\n{"type":"client_report"}\n{"discarded_events":[]}\n');
    const bytes = new Uint8Array([...head, ...binary, ...tail]);
    const r = envelopeRows(parseEnvelope(bytes), decompressionBudget());
    expect(r.map((x) => x.type)).toEqual(['attachment', 'mystery', 'client_report']);
    expect(Buffer.from(r[0]!.raw!, 'base64')).toEqual(Buffer.from(binary));
    expect(r[1]).toMatchObject({ payload: null, raw: Buffer.from('not json at all').toString('base64') });
    expect(r[2]!.payload).toEqual({ discarded_events: [] });
  });

  it('accepts a gzip body without Content-Encoding and a header-only envelope', () => {
    const gz = new Uint8Array(gzipSync('{}\n{"type":"session"}\n{"status":"ok"}'));
    expect(parseEnvelope(decodeContentEncoding(gz, null, decompressionBudget())).items).toHaveLength(1);
    expect(parseEnvelope(enc('{"sent_at":"x"}')).items).toEqual([]);
  });

  it.each([
    ['', /empty/],
    ['not json\n', /header/],
    ['[]\n', /object/],
    ['{}\n{"length":2}\nab', /no type/],
    ['{}\n{"type":"event","length":100}\n{}', /declares 100 bytes/],
    ['{}\n{"type":"event","length":-1}\n', /invalid length/],
  ])('rejects %j', (body, reason) => {
    expect(() => parseEnvelope(enc(body))).toThrow(AppError);
    expect(() => parseEnvelope(enc(body))).toThrow(reason);
  });
});
