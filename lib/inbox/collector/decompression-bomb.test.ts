// Attacks on the collector performed through the real route handlers (real zlib, real PGlite): decompression
// bombs at every layer, oversized single items, and the inputs fuzzing found that used to answer 500.
import { deflateSync, gzipSync } from 'node:zlib';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as ingest from '@/app/ingest/[...path]/route';
import * as sentry from '@/app/sentry/api/[project]/envelope/route';
import * as inbox from '@/app/api/dev/inbox/route';
import * as events from '@/app/api/dev/inbox/events/route';
import * as person from '@/app/api/dev/inbox/persons/[distinctId]/route';
import * as recordings from '@/app/api/dev/inbox/recordings/route';
import * as stats from '@/app/api/dev/inbox/stats/route';
import { decompressionBudget, inflate } from './decode';

const ORIGIN = 'http://127.0.0.1:3104';
const MB = 1024 * 1024;
const ctx = (params: Record<string, string | string[]>) => ({ params: Promise.resolve(params) });
const count = async () => (await (await stats.GET(new Request(`${ORIGIN}/api/dev/inbox/stats`))).json()) as Record<string, number>;

/** `n` MiB of zeros as gzip without allocating them: concatenated gzip members inflate one after another. */
function gzipOfZeros(n: number): Buffer {
  const member = gzipSync(Buffer.alloc(MB));
  return Buffer.concat(Array.from({ length: n }, () => member));
}

/** `n` MiB of zeros as one zlib stream (Sentry replay recordings are zlib, not gzip). */
const zlibOfZeros = (n: number): Buffer => deflateSync(Buffer.alloc(n * MB));

function capture(path: string, body: BodyInit, headers: Record<string, string> = {}) {
  const url = new URL(path, ORIGIN);
  const segments = url.pathname.split('/').filter(Boolean).slice(1);
  return ingest.POST(new Request(url, { method: 'POST', body, headers }), ctx({ path: segments }));
}

function envelope(body: BodyInit, headers: Record<string, string> = {}) {
  return sentry.POST(new Request(`${ORIGIN}/sentry/api/1/envelope/`, { method: 'POST', body, headers }), ctx({ project: '1' }));
}

const snapshotEvent = (snapshotData: unknown) => ({
  event: '$snapshot',
  distinct_id: 'attacker',
  properties: { $session_id: 'bomb-session', $window_id: 'w', $snapshot_data: snapshotData },
});

async function expect413(res: Response, message: RegExp) {
  expect(res.status).toBe(413);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('payload_too_large');
  expect(body.error.message).toMatch(message);
}

beforeAll(async () => {
  // Warm up (modules, database) so the measurements below see the request, not the first load.
  await capture('/ingest/e/', JSON.stringify({ event: 'warm', distinct_id: 'w', properties: {} }));
});

beforeEach(async () => {
  await inbox.DELETE(new Request(`${ORIGIN}/api/dev/inbox`, { method: 'DELETE' }));
});

describe('one decompression budget per request', () => {
  // Runs first in its file so the process's peak RSS before it is the warm-up's, not another attack's.
  it('a $snapshot whose $snapshot_data is a gzip string of 200 MiB of zeros: 413 in < 1 s of CPU, RSS grows < 100 MB', async () => {
    const bomb = gzipOfZeros(200).toString('latin1');
    const body = gzipSync(JSON.stringify(snapshotEvent(bomb)));
    expect(body.byteLength).toBeLessThan(120 * 1024);
    const peakBefore = process.resourceUsage().maxRSS * 1024;
    // CPU time, not wall time: the test machine is shared, the work this request costs is what matters.
    const cpu = process.cpuUsage();
    const res = await capture('/ingest/s/?compression=gzip-js', body, { 'content-type': 'text/plain' });
    const { user, system } = process.cpuUsage(cpu);
    const elapsed = (user + system) / 1000;
    const growth = process.resourceUsage().maxRSS * 1024 - peakBefore;
    await expect413(res, /decompression budget/);
    expect(elapsed).toBeLessThan(1000);
    expect(growth).toBeLessThan(100 * MB);
    expect(await count()).toMatchObject({ events: 0, snapshots: 0 });
  });

  it('nested gzip inside base64 inside gzip shares the budget: 413 although each layer alone fits', async () => {
    // Layer 3: a full snapshot's data, 20 MiB of zeros gzipped (alone it fits the 32 MiB budget).
    const rrweb = { type: 2, timestamp: 1, cv: '2024-10', data: gzipOfZeros(20).toString('latin1') };
    // Layer 2: the event JSON with 20 MiB of padding, gzipped and base64'd in a `data=` form.
    const json = JSON.stringify({ ...snapshotEvent([rrweb]), padding: 'a'.repeat(20 * MB) });
    const form = `data=${encodeURIComponent(gzipSync(json).toString('base64'))}`;
    // Layer 1: the whole form gzipped again.
    const res = await capture('/ingest/s/', gzipSync(form), {
      'content-type': 'application/x-www-form-urlencoded',
      'content-encoding': 'gzip',
    });
    await expect413(res, /decompression budget/);
    expect(await count()).toMatchObject({ events: 0, snapshots: 0 });
  });

  it('a Sentry envelope whose replay_recording item is a zlib bomb: 413, nothing stored', async () => {
    const recording = Buffer.concat([Buffer.from('{"segment_id":0}\n'), zlibOfZeros(100)]);
    const head = Buffer.from(
      `{"event_id":"bomb"}\n{"type":"replay_event"}\n{"replay_id":"bomb"}\n{"type":"replay_recording","length":${recording.length}}\n`,
    );
    const res = await envelope(gzipSync(Buffer.concat([head, recording])), { 'content-encoding': 'gzip' });
    await expect413(res, /decompression budget/);
    expect(await count()).toMatchObject({ sentry_items: 0 });
  });

  it('an envelope body and its replay item each below the budget but together above it: 413', async () => {
    const recording = Buffer.concat([Buffer.from('{"segment_id":0}\n'), zlibOfZeros(20)]);
    const event = Buffer.from(JSON.stringify({ message: 'x', padding: 'a'.repeat(20 * MB) }));
    const body = Buffer.concat([
      Buffer.from(`{"event_id":"bomb2"}\n{"type":"event","length":${event.length}}\n`),
      event,
      Buffer.from(`\n{"type":"replay_recording","length":${recording.length}}\n`),
      recording,
    ]);
    await expect413(await envelope(gzipSync(body)), /decompression budget/);
    expect(await count()).toMatchObject({ sentry_items: 0 });
  });
});

describe('DecompressionBudget', () => {
  it('each layer gets only what is left; past the limit nothing more is inflated', () => {
    const budget = decompressionBudget(3 * MB);
    expect(inflate(gzipSync(Buffer.alloc(2 * MB)), 'gzip', budget).byteLength).toBe(2 * MB);
    expect(budget.used).toBe(2 * MB);
    // 2 MiB more would pass the 3 MiB limit: zlib stops at the 1 MiB left, the request is over budget.
    expect(() => inflate(gzipSync(Buffer.alloc(2 * MB)), 'gzip', budget, 'second layer')).toThrow(/second layer .* budget of 3145728/);
    expect(budget.used).toBe(budget.limit);
    // Even a tiny layer is refused now, without being inflated.
    expect(() => inflate(gzipSync('{}'), 'gzip', budget)).toThrow(/budget/);
    expect(() => inflate(deflateSync('{}'), 'deflate', decompressionBudget(1))).toThrow(/budget/);
  });
});

describe('byte caps on stored items', () => {
  it('an event whose properties exceed INBOX_MAX_ITEM_BYTES is refused with 413, the batch stores nothing', async () => {
    const batch = [
      { event: 'fine', distinct_id: 'u', properties: {} },
      { event: 'huge', distinct_id: 'u', properties: { blob: 'a'.repeat(9 * MB) } },
    ];
    const res = await capture('/ingest/batch/', gzipSync(JSON.stringify({ batch })), { 'content-encoding': 'gzip' });
    await expect413(res, /INBOX_MAX_ITEM_BYTES/);
    expect(await count()).toMatchObject({ events: 0, persons: 0 });
  });

  it('a Sentry item larger than INBOX_MAX_ITEM_BYTES is refused with 413', async () => {
    const event = JSON.stringify({ message: 'x', extra: { blob: 'a'.repeat(9 * MB) } });
    const res = await envelope(gzipSync(`{"event_id":"big"}\n{"type":"event"}\n${event}\n`));
    await expect413(res, /INBOX_MAX_ITEM_BYTES/);
    expect(await count()).toMatchObject({ sentry_items: 0 });
  });
});

describe('inputs at the edge of what the store holds (huge recordings, NUL) are stored, never a 500', () => {
  it('a recording chunk of 150 000 rrweb events is stored with the right start and end', async () => {
    const events = Array.from({ length: 150_000 }, (_, i) => ({ type: 3, timestamp: 1_700_000_000_000 + i }));
    const res = await capture('/ingest/s/', gzipSync(JSON.stringify(snapshotEvent(events))), { 'content-encoding': 'gzip' });
    expect(res.status).toBe(200);
    const list = (await (await recordings.GET(new Request(`${ORIGIN}/api/dev/inbox/recordings`))).json()) as {
      recordings: { session_id: string; start: string; end: string }[];
    };
    expect(list.recordings[0]).toMatchObject({
      session_id: 'bomb-session',
      start: new Date(1_700_000_000_000).toISOString(),
      end: new Date(1_700_000_149_999).toISOString(),
    });
  });

  it('NUL characters (which Postgres jsonb cannot hold) in events, recordings and Sentry items are stored as U+FFFD', async () => {
    const nul = 'a\u0000b';
    const batch = [{ event: 'nul', distinct_id: 'u', properties: { [nul]: nul, list: [nul] } }, snapshotEvent([{ type: 3, timestamp: 1, data: nul }])];
    expect((await capture('/ingest/batch/', JSON.stringify({ batch }))).status).toBe(200);
    expect((await envelope(`{"event_id":"nul"}\n{"type":"event"}\n${JSON.stringify({ message: nul })}\n`)).status).toBe(200);
    expect(await count()).toMatchObject({ events: 1, snapshots: 1, sentry_items: 1 });
    const res = await events.GET(new Request(`${ORIGIN}/api/dev/inbox/events?event=nul`));
    const [stored] = ((await res.json()) as { events: { properties: Record<string, unknown> }[] }).events;
    expect(stored!.properties).toMatchObject({ 'a\uFFFDb': 'a\uFFFDb', list: ['a\uFFFDb'] });
  });

  it('JSON nested deeper than the store takes is a 400, not a stack overflow', async () => {
    const deep = (d: number) => `{"event":"deep","distinct_id":"u","properties":{"a":${'['.repeat(d)}${']'.repeat(d)}}}`;
    for (const d of [1001, 200_000]) {
      const res = await capture('/ingest/e/', gzipSync(deep(d)), { 'content-encoding': 'gzip' });
      expect(res.status, String(d)).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/nested/);
    }
    expect((await capture('/ingest/e/', deep(900))).status).toBe(200);
    expect(await count()).toMatchObject({ events: 1 });
  });

  it('a `%` in a path parameter (already decoded by Next) is looked up as is', async () => {
    await capture('/ingest/e/', JSON.stringify({ event: 'x', distinct_id: '100% real', properties: {} }));
    // Next decodes `/persons/100%25%20real` once and hands the route `100% real`.
    const res = await person.GET(new Request(`${ORIGIN}/api/dev/inbox/persons/100%25%20real`), ctx({ distinctId: '100% real' }));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { distinct_ids: string[] }).distinct_ids).toContain('100% real');
    const missing = await person.GET(new Request(`${ORIGIN}/api/dev/inbox/persons/%25`), ctx({ distinctId: '%' }));
    expect(missing.status).toBe(404);
  });
});
