import { describe, expect, it } from 'vitest';
import { recorded } from '@/test-support/fixtures/sdk-requests/recorded';
import { decompressionBudget } from './decode';
import { decodePosthogBody, extractEvents } from './posthog-decode';
import { snapshotEvents } from './rrweb';

describe('posthog-js $snapshot_data', () => {
  const r = recorded('posthog-js-snapshot-gzip');
  const [snapshot] = extractEvents(decodePosthogBody({ url: r.url, contentType: r.headers['content-type'] ?? null, contentEncoding: null, body: r.body }, decompressionBudget())).events;
  const sent = snapshot!.properties.$snapshot_data as Record<string, unknown>[];

  it('arrives with compressed full snapshots and mutations (cv 2024-10)', () => {
    const full = sent.find((e) => e.type === 2)!;
    expect(full.cv).toBe('2024-10');
    expect(typeof full.data).toBe('string');
  });

  it('decompresses into plain rrweb events a player can replay', () => {
    const events = snapshotEvents(sent, decompressionBudget());
    expect(events).toHaveLength(sent.length);
    expect(events.some((e) => 'cv' in e)).toBe(false);
    const full = events.find((e) => e.type === 2)!;
    expect(full.data).toMatchObject({ node: { type: 0, childNodes: expect.any(Array) }, initialOffset: expect.any(Object) });
    const mutation = events.find((e) => e.type === 3 && (e.data as { source: number }).source === 0)!;
    expect(mutation.data).toMatchObject({ adds: expect.any(Array), removes: expect.any(Array), texts: expect.any(Array), attributes: expect.any(Array) });
    expect(events.find((e) => e.type === 4)!.data).toMatchObject({ href: 'http://127.0.0.1:3104/' });
  });

  it('keeps what it cannot decode instead of dropping it', () => {
    const broken = { type: 2, cv: '2024-10', data: '\u001f\u008bnot gzip', timestamp: 1 };
    expect(snapshotEvents([broken], decompressionBudget())).toEqual([broken]);
    expect(snapshotEvents({ type: 4, data: {}, timestamp: 2 }, decompressionBudget())).toEqual([{ type: 4, data: {}, timestamp: 2 }]);
    expect(snapshotEvents(null, decompressionBudget())).toEqual([]);
  });
});
