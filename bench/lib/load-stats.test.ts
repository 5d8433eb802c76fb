import { describe, expect, it } from 'vitest';
import { applySetCookies, clientAddress, cookieHeader, countEvents, eventBalance, latencyTable, rssLine } from './load-stats.mjs';

describe('load benchmark: pure parts', () => {
  it('counts events once per uuid, duplicates and uuid-less events apart', () => {
    const seen = new Set<string>();
    expect(countEvents(seen, [{ uuid: 'a' }, { uuid: 'b' }, { event: 'x' }])).toEqual({ added: 2, duplicates: 0, withoutUuid: 1 });
    // The same batch again (a retry after a timeout): nothing new.
    expect(countEvents(seen, [{ uuid: 'a' }, { uuid: 'b' }, { uuid: 'c' }, null, 'junk'])).toEqual({ added: 1, duplicates: 2, withoutUuid: 2 });
    expect(seen.size).toBe(3);
  });

  it('balances captured against received: lost and extra never negative', () => {
    expect(eventBalance({ captured: 10, received: 10, duplicates: 3 })).toMatchObject({ lost: 0, extra: 0, duplicates: 3 });
    expect(eventBalance({ captured: 10, received: 7, duplicates: 0 })).toMatchObject({ lost: 3, extra: 0 });
    expect(eventBalance({ captured: 7, received: 10, duplicates: 0 })).toMatchObject({ lost: 0, extra: 3 });
  });

  it('latency table: p50/p99/max per step in first-seen order, then all', () => {
    const samples = [
      ...Array.from({ length: 100 }, (_, i) => ({ step: 'signup', ms: i + 1 })),
      { step: 'task', ms: 5 },
      { step: 'task', ms: 15 },
    ];
    const table = latencyTable(samples);
    expect(table.map((r) => r.step)).toEqual(['signup', 'task', 'all']);
    expect(table[0]).toMatchObject({ n: 100, p50: 50.5, max: 100 });
    expect(table[0]?.p99).toBeCloseTo(99.01);
    expect(table[1]).toMatchObject({ n: 2, p50: 10, p99: 14.9, max: 15 });
    expect(table[2]).toMatchObject({ n: 102, max: 100 });
  });

  it('cookie jar: set, replace, expire; one header', () => {
    const jar = new Map<string, string>();
    applySetCookies(jar, ['session=abc; Path=/; HttpOnly; SameSite=Lax', 'theme=dark; Path=/']);
    applySetCookies(jar, ['session=def; Path=/']);
    expect(cookieHeader(jar)).toBe('session=def; theme=dark');
    applySetCookies(jar, ['theme=; Max-Age=0; Path=/', 'session=x; Expires=Thu, 01 Jan 1970 00:00:00 GMT']);
    expect(cookieHeader(jar)).toBe('');
  });

  it('gives every simulated user its own valid client address', () => {
    expect(clientAddress(0)).toBe('10.0.0.1');
    expect(clientAddress(255)).toBe('10.0.1.0');
    expect(clientAddress(70_000)).toBe('10.1.17.113');
    expect(new Set(Array.from({ length: 5000 }, (_, i) => clientAddress(i))).size).toBe(5000);
  });

  it('prints RSS over time in MiB', () => {
    expect(rssLine([{ t: 0, bytes: 200 * 1048576 }, { t: 5.2, bytes: 231.6 * 1048576 }])).toBe('0s 200 · 5s 232');
  });
});
