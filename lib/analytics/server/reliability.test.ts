// The server analytics client reporting its own losses: `analytics.events_dropped` (queue overflow, validation) as
// one aggregated event per report interval, never evicting a product event to say so and never counting itself,
// delivered through real posthog-node to the real local collector (in-process) on the test's database.
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { inboxEvents } from '@/lib/db/schema';
import type { EventProperties } from '@/lib/analytics/catalog';
import { configureServerAnalytics, serverAnalytics } from './client';
import type { ServerAnalyticsConfig } from './config';
import { inProcessCollectorFetch } from './local-collector-fetch';

type FetchFn = NonNullable<ServerAnalyticsConfig['fetch']>;

/** The in-process collector behind a switch: while `down`, every request fails like a refused connection. */
function switchableCollector() {
  const state = { down: true };
  const fetch: FetchFn = async (url, options) => {
    if (state.down) throw new Error('connect ECONNREFUSED 127.0.0.1:9');
    return inProcessCollectorFetch(url, options);
  };
  return { state, fetch };
}

const reports = () => db.select().from(inboxEvents).where(eq(inboxEvents.event, 'analytics.events_dropped'));
const identity = { distinctId: 'reliability-user' };
const task = (i: number): EventProperties<'task.created'> => ({ task_id: `tsk_${i}a`, project_id: 'prj_1a', workspace_id: 'ws_1a' });

afterEach(async () => {
  await serverAnalytics().shutdown(0);
  await db.delete(inboxEvents);
});

describe('analytics.events_dropped', () => {
  it('reports queue overflow once, after the outage, without evicting a product event to say so', async () => {
    const collector = switchableCollector();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const analytics = configureServerAnalytics({ fetch: collector.fetch, maxQueue: 5, flushAt: 100, reliabilityReportIntervalMs: 0 });
    for (let i = 0; i < 8; i++) analytics.capture('task.created', task(i), identity);
    await analytics.flush();
    // Full queue while PostHog is down: the report waits rather than push out one more event.
    expect(analytics.stats()).toMatchObject({ captured: 8, dropped: 3, queued: 5 });

    collector.state.down = false;
    await analytics.flush(); // delivers the 5 queued events
    await analytics.flush(); // room again: the report goes out
    await analytics.flush(); // nothing new to report
    warn.mockRestore();

    const stored = await reports();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.properties).toMatchObject({ queue_overflow: 3, invalid: 0, $process_person_profile: false });
    expect((await db.select().from(inboxEvents).where(eq(inboxEvents.event, 'task.created'))).length).toBe(5);
    // The report is not a product event: `captured` and `dropped` describe the product events only.
    expect(analytics.stats()).toMatchObject({ captured: 8, dropped: 3, reported: 1 });
  });

  it('reports validation failures, aggregated: many invalid events, one report per interval', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const analytics = configureServerAnalytics({ fetch: inProcessCollectorFetch, reliabilityReportIntervalMs: 60_000 });
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 10; i++) analytics.capture('task.created', { ...task(i), task_id: 'not valid!' } as EventProperties<'task.created'>, identity);
      await analytics.flush();
    }
    errors.mockRestore();
    warn.mockRestore();

    const stored = await reports();
    // The first flush reports what it saw; the next 40 wait for the next interval instead of one event per flush.
    expect(stored).toHaveLength(1);
    expect(stored[0]!.properties).toMatchObject({ queue_overflow: 0, invalid: 10 });
    expect(analytics.stats()).toMatchObject({ invalid: 50, reported: 1 });
  });

  it('sends nothing when nothing was lost', async () => {
    const analytics = configureServerAnalytics({ fetch: inProcessCollectorFetch, reliabilityReportIntervalMs: 0 });
    analytics.capture('task.created', task(1), identity);
    await analytics.flush();
    await analytics.flush();
    expect(await reports()).toHaveLength(0);
  });
});
