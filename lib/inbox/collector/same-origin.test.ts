// Another website open in the developer's browser must not read, wipe or write the local inbox: the collector and
// inbox routes answer only their own origin (and tools that send no Origin), and never send CORS headers.
import { beforeEach, describe, expect, it } from 'vitest';
import * as ingest from '@/app/ingest/[...path]/route';
import * as sentry from '@/app/sentry/api/[project]/envelope/route';
import * as inbox from '@/app/api/dev/inbox/route';
import * as events from '@/app/api/dev/inbox/events/route';
import * as stats from '@/app/api/dev/inbox/stats/route';

const ORIGIN = 'http://127.0.0.1:3104';
const EVIL = 'https://evil.example';
const ctx = (params: Record<string, string | string[]>) => ({ params: Promise.resolve(params) });
const count = async () => ((await (await stats.GET(new Request(`${ORIGIN}/api/dev/inbox/stats`))).json()) as { events: number }).events;
const capture = (headers: Record<string, string> = {}) =>
  ingest.POST(
    new Request(`${ORIGIN}/ingest/i/v0/e/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ api_key: 'phc_orbit_local', event: 'same_origin_probe', distinct_id: 'd1', properties: {} }),
    }),
    ctx({ path: ['i', 'v0', 'e'] }),
  );
const noCors = (res: Response) => {
  expect(res.headers.get('access-control-allow-origin')).toBeNull();
  expect(res.headers.get('access-control-allow-credentials')).toBeNull();
};

beforeEach(async () => {
  expect((await inbox.DELETE(new Request(`${ORIGIN}/api/dev/inbox`, { method: 'DELETE' }))).status).toBe(204);
  expect((await capture()).status).toBe(200);
  expect(await count()).toBe(1);
});

describe('the inbox API from another site', () => {
  it('DELETE /api/dev/inbox with a foreign Origin is refused (403) and wipes nothing', async () => {
    const res = await inbox.DELETE(new Request(`${ORIGIN}/api/dev/inbox`, { method: 'DELETE', headers: { origin: EVIL } }));
    expect(res.status).toBe(403);
    noCors(res);
    expect(await count()).toBe(1);
  });

  it('reading events with a foreign Origin or Sec-Fetch-Site: cross-site gets 403 and no CORS headers', async () => {
    const attempts: Record<string, string>[] = [{ origin: EVIL }, { 'sec-fetch-site': 'cross-site' }, { origin: 'null' }, { origin: 'http://127.0.0.1:5173' }];
    for (const headers of attempts) {
      const res = await events.GET(new Request(`${ORIGIN}/api/dev/inbox/events`, { headers }));
      expect(res.status, JSON.stringify(headers)).toBe(403);
      noCors(res);
      expect(JSON.stringify(await res.json())).not.toContain('same_origin_probe');
    }
  });

  it('a CORS preflight from another site gets no Access-Control-Allow-* headers', async () => {
    const res = await inbox.OPTIONS(
      new Request(`${ORIGIN}/api/dev/inbox`, { method: 'OPTIONS', headers: { origin: EVIL, 'access-control-request-method': 'DELETE' } }),
    );
    expect(res.status).toBe(403);
    noCors(res);
  });

  it('a DNS-rebound name (Origin and URL both evil.example, pointing at loopback) is not "same origin"', async () => {
    const res = await events.GET(new Request(`${EVIL}/api/dev/inbox/events`, { headers: { origin: EVIL } }));
    expect(res.status).toBe(403);
  });

  it('the inbox UI itself (same origin) and command-line tools (no Origin) still work, without CORS headers', async () => {
    const same = await events.GET(new Request(`${ORIGIN}/api/dev/inbox/events`, { headers: { origin: ORIGIN, 'sec-fetch-site': 'same-origin' } }));
    expect(same.status).toBe(200);
    noCors(same);
    const curl = await events.GET(new Request(`${ORIGIN}/api/dev/inbox/events`));
    expect(curl.status).toBe(200);
    const wipe = await inbox.DELETE(new Request(`${ORIGIN}/api/dev/inbox`, { method: 'DELETE', headers: { origin: ORIGIN } }));
    expect(wipe.status).toBe(204);
    expect(await count()).toBe(0);
  });
});

describe('the collectors from another site', () => {
  it('refuse foreign writes (nothing stored) and accept the page’s own SDKs', async () => {
    const foreign = await capture({ origin: EVIL });
    expect(foreign.status).toBe(403);
    noCors(foreign);
    const envelope = await sentry.POST(
      new Request(`${ORIGIN}/sentry/api/1/envelope/`, { method: 'POST', headers: { 'sec-fetch-site': 'cross-site' }, body: '{}\n' }),
      ctx({ project: '1' }),
    );
    expect(envelope.status).toBe(403);
    expect(await count()).toBe(1);
    expect((await capture({ origin: ORIGIN, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect(await count()).toBe(2);
  });
});
