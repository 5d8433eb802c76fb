import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('INBOX_MAX_ROWS', () => {
  it('keeps only the newest rows of each table', async () => {
    vi.stubEnv('INBOX_MAX_ROWS', '3');
    vi.resetModules();
    const { storeCapture, storeSentryRows } = await import('./store');
    const { listEvents, inboxStats } = await import('./query');
    for (let i = 0; i < 5; i++) {
      await storeCapture({ sentAt: null, apiKey: null, events: [{ event: `e${i}`, distinct_id: `user-${i}`, properties: {} }] });
      await storeSentryRows('1', {}, [
        { type: 'event', itemType: 'event', eventId: `id${i}`, traceId: null, spanId: null, parentSpanId: null, name: null, op: null, payload: {}, raw: null, itemHeader: { type: 'event' }, size: 2 },
      ]);
    }
    const events = await listEvents({ limit: 100, order: 'asc' });
    expect(events.map((e) => e.event)).toEqual(['e2', 'e3', 'e4']);
    expect(await inboxStats()).toMatchObject({ events: 3, persons: 3, sentry_items: 3, max_rows_per_table: 3 });
  });
});
