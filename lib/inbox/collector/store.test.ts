import { describe, expect, it } from 'vitest';
import { recorded, type PosthogFixture, type SentryFixture } from '@/test-support/fixtures/sdk-requests/recorded';
import { decodeContentEncoding, decompressionBudget } from './decode';
import { decodePosthogBody, extractEvents } from './posthog-decode';
import { getPerson, getRecording, inboxStats, listEvents, listRecordings, listSentryItems } from './query';
import { envelopeRows, parseEnvelope } from './sentry-envelope';
import { clearInbox, storeCapture, storeSentryRows } from './store';

const batchOf = (name: PosthogFixture) => {
  const r = recorded(name);
  return extractEvents(
    decodePosthogBody({ url: r.url, contentType: r.headers['content-type'] ?? null, contentEncoding: r.headers['content-encoding'] ?? null, body: r.body }, decompressionBudget()),
  );
};
const storeSentry = (name: SentryFixture) => {
  const r = recorded(name);
  const env = parseEnvelope(decodeContentEncoding(r.body, r.headers['content-encoding'] ?? null, decompressionBudget()));
  return storeSentryRows('1', env.header, envelopeRows(env, decompressionBudget()));
};
const all = { limit: 1000, order: 'asc' as const };

describe('storing what the real SDKs sent', () => {
  it('merges browser and server identities into one person and finds events by any of its ids', async () => {
    await clearInbox();
    const anonId = batchOf('posthog-js-identify-gzip').events[0]!.properties.$anon_distinct_id as string;
    for (const name of ['posthog-js-pageview-gzip', 'posthog-js-identify-gzip', 'posthog-js-events-gzip', 'posthog-node-batch-json'] as const) {
      await storeCapture(batchOf(name));
    }

    const person = await getPerson('server_alias_1');
    expect([...(person?.distinct_ids ?? [])].sort()).toEqual([anonId, 'server_alias_1', 'user_fixture_1'].sort());
    expect(person?.properties).toMatchObject({ name: 'Fixture User', role: 'admin', plan: 'team', signup_source: 'fixture' });
    expect(person?.groups).toEqual({ company: 'ws_fixture' });
    expect(person?.group_properties).toEqual({ company: { name: 'Fixture Co', plan: 'team' } });
    expect(await getPerson(anonId)).toEqual(person);

    const events = await listEvents({ ...all, distinct_id: anonId });
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['$pageview', '$identify', 'fixture_button_clicked', 'fixture_server_event', '$create_alias']));
    expect(new Set(events.map((e) => e.source))).toEqual(new Set(['web', 'server']));
    const times = events.map((e) => e.timestamp);
    expect(times).toEqual([...times].sort());
    expect(events.find((e) => e.event === '$identify' && e.source === 'web')?.properties.$set).toEqual({ name: 'Fixture User' });

    expect(await listEvents({ ...all, event: 'fixture_server_event', source: 'server' })).toHaveLength(1);
    expect(await listEvents({ ...all, distinct_id: 'nobody' })).toEqual([]);
    expect(await getPerson('nobody')).toBeNull();
  });

  it('deduplicates retried events by uuid', async () => {
    await clearInbox();
    const first = await storeCapture(batchOf('posthog-node-batch-json'));
    const again = await storeCapture(batchOf('posthog-node-batch-json'));
    // $groupidentify is stored as an event too; only persons/groups are idempotent merges.
    expect(first).toMatchObject({ events: 4, duplicates: 0 });
    expect(again).toMatchObject({ events: 0, duplicates: 4 });
  });

  it('stores a recording, decompressed and in time order', async () => {
    await clearInbox();
    const batch = batchOf('posthog-js-snapshot-gzip');
    const sessionId = batch.events[0]!.properties.$session_id as string;
    const sent = (batch.events[0]!.properties.$snapshot_data as unknown[]).length;
    expect(await storeCapture(batch)).toMatchObject({ events: 0, snapshots: 1 });
    const [rec] = await listRecordings({ limit: 10 });
    expect(rec).toMatchObject({ session_id: sessionId, snapshot_count: sent, window_ids: [expect.any(String)] });
    const full = await getRecording(sessionId);
    expect(full?.snapshots).toHaveLength(sent);
    const ts = full!.snapshots.map((s) => s.timestamp as number);
    expect(ts).toEqual([...ts].sort((a, b) => a - b));
    expect(full!.snapshots.some((s) => s.type === 2 && typeof s.data === 'object')).toBe(true);
    expect(await listEvents({ ...all, event: '$snapshot' })).toEqual([]);
  });

  it('stores nothing from a request with one bad event', async () => {
    await clearInbox();
    const good = batchOf('posthog-node-batch-json');
    const bad = { ...good, events: [...good.events, { event: '$snapshot', distinct_id: 'x', properties: {} }] };
    await expect(storeCapture(bad)).rejects.toThrow(/\$session_id/);
    expect(await inboxStats()).toMatchObject({ events: 0, persons: 0, groups: 0, snapshots: 0 });
  });

  it('finds span-v2 segments as transactions and their children by trace id', async () => {
    await clearInbox();
    await storeSentry('sentry-node-spans');
    await storeSentry('sentry-node-transaction');
    await storeSentry('sentry-node-event');
    const spans = await listSentryItems({ ...all, type: 'span' });
    const traceId = spans[0]!.trace_id!;
    const [segment] = await listSentryItems({ ...all, type: 'transaction', trace_id: traceId });
    expect(segment).toMatchObject({ item_type: 'span', name: 'GET /fixture', op: 'http.server' });
    expect(spans[0]!.parent_span_id).toBe(segment!.span_id);
    expect(await listSentryItems({ ...all, type: 'transaction' })).toHaveLength(2);
    expect((await inboxStats()).sentry_by_type).toEqual({ span: 1, transaction: 2, event: 1 });
  });
});
