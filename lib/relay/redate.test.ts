// A stored PostHog capture keeps its place in time: `sent_at` moves forward by the time the request waited, so
// PostHog's clock correction (timestamp + received_at - sent_at) gives the time it would have given at once.
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { redatedBody } from './redate';

const MINUTE = 60_000;
const SENT = '2026-12-05T10:00:00.000Z';
const events = [{ event: '$pageview', uuid: 'u1', timestamp: '2026-12-05T09:59:58.000Z', properties: { é: 'ü', n: 1.5 } }];

describe('redatedBody', () => {
  it('posthog-js events ({ batch, sent_at }, gzip-js): sent_at moves by the wait, everything else is as sent', () => {
    const body = gzipSync(JSON.stringify({ api_key: 'phc', batch: events, sent_at: SENT }));
    const out = JSON.parse(gunzipSync(redatedBody(body, MINUTE)).toString('utf8')) as Record<string, unknown>;
    expect(out).toEqual({ api_key: 'phc', batch: events, sent_at: '2026-12-05T10:01:00.000Z' });
  });

  it('recordings (an array, sent_at on each item), uncompressed', () => {
    const body = new TextEncoder().encode(JSON.stringify([{ event: '$snapshot', sent_at: SENT }, { event: '$snapshot', sent_at: SENT }]));
    const out = JSON.parse(new TextDecoder().decode(redatedBody(body, 2 * MINUTE))) as { sent_at: string }[];
    expect(out.map((i) => i.sent_at)).toEqual(['2026-12-05T10:02:00.000Z', '2026-12-05T10:02:00.000Z']);
  });

  it("a beacon's form body (data=<base64 JSON>) at unload", () => {
    const data = Buffer.from(JSON.stringify({ batch: events, sent_at: SENT })).toString('base64');
    const body = new TextEncoder().encode(`data=${encodeURIComponent(data)}`);
    const out = redatedBody(body, MINUTE, 'application/x-www-form-urlencoded');
    const decoded = JSON.parse(Buffer.from(new URLSearchParams(new TextDecoder().decode(out)).get('data') ?? '', 'base64').toString('utf8')) as Record<string, unknown>;
    expect(decoded).toEqual({ batch: events, sent_at: '2026-12-05T10:01:00.000Z' });
  });

  it('the stored bytes themselves when there is nothing to move or nothing readable', () => {
    const cases = [
      new TextEncoder().encode(JSON.stringify(events)),
      new TextEncoder().encode('not json'),
      new Uint8Array([0x1f, 0x8b, 1, 2, 3]),
      gzipSync(Buffer.alloc(40 * 1024 * 1024)),
    ];
    for (const body of cases) expect(redatedBody(body, MINUTE)).toBe(body);
    const fresh = gzipSync(JSON.stringify({ batch: events, sent_at: SENT }));
    expect(redatedBody(fresh, 0)).toBe(fresh);
  });
});
