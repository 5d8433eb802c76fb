// A failing event-health check loses its findings, never the events: the capture still answers 200 and stores them.
// Its own file: it drops the findings table of this file's database.
import { sql } from 'drizzle-orm';
import { expect, it, vi } from 'vitest';
import * as ingest from '@/app/ingest/[...path]/route';
import * as events from '@/app/api/dev/inbox/events/route';
import { db } from '@/lib/db';

const ORIGIN = 'http://127.0.0.1:3104';

it('stores the events when the health check fails', async () => {
  await db.execute(sql`drop table inbox_health_warnings`);
  const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
  const body = JSON.stringify({ api_key: 'phc', batch: [{ event: 'not.in_catalog', distinct_id: 'anon-f', properties: { $lib: 'posthog-node' } }] });
  const res = await ingest.POST(new Request(`${ORIGIN}/ingest/batch/`, { method: 'POST', body }), { params: Promise.resolve({ path: ['batch'] }) });
  expect(res.status).toBe(200);
  const list = (await (await events.GET(new Request(`${ORIGIN}/api/dev/inbox/events?event=not.in_catalog`))).json()) as { events: unknown[] };
  expect(list.events).toHaveLength(1);
  expect(logged).toHaveBeenCalledWith(expect.stringContaining('event health check failed'), expect.anything());
});
