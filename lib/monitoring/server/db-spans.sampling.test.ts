// Orbit's own spans (db queries, mutations) exist only in recorded traces: the real Sentry Node SDK decides. A
// sampled request gets a db span per query; an unsampled one gets none at all (not even a non-recording span:
// the query runs directly under the request's span), because its children would be dropped anyway.
import * as Sentry from '@sentry/nextjs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tracePglite, traceRecorded } from './db-spans';

let sampleRate = 1;
const started: string[] = [];
/** The span active while each query ran. */
const activeInQuery: Array<string | undefined> = [];

beforeAll(() => {
  Sentry.init({
    dsn: 'http://public@127.0.0.1:9/1',
    tracesSampler: ({ parentSampled }) => (parentSampled === undefined ? sampleRate : parentSampled ? 1 : 0),
    // Nothing leaves the process.
    transport: () => ({ send: async () => ({}), flush: async () => true }),
  });
  Sentry.getClient()?.on('spanStart', (span) => started.push(String(Sentry.spanToJSON(span).attributes?.['sentry.op'] ?? '')));
});
afterAll(() => Sentry.close());
beforeEach(() => {
  started.length = 0;
  activeInQuery.length = 0;
});

const query = async (sql: string) => {
  activeInQuery.push(Sentry.getActiveSpan()?.spanContext().spanId);
  return { rows: [sql] };
};
const client = tracePglite({ query, transaction: async (fn: (tx: object) => Promise<unknown>) => fn({ query }) });

/** One request: returns its span id and whether its trace is recorded. */
async function request(): Promise<{ spanId: string; recorded: boolean }> {
  return Sentry.startSpan({ name: 'POST /api/projects/[id]/tasks', op: 'http.server', forceTransaction: true }, async (span) => {
    await client.query("select 1 where email = 'a@b.io'");
    await client.transaction(async (tx) => (tx as typeof client).query('insert into t values ($1)'));
    return { spanId: span.spanContext().spanId, recorded: traceRecorded() };
  });
}

describe('spans only in recorded traces', () => {
  it('a sampled request gets a db span per query', async () => {
    sampleRate = 1;
    const { spanId, recorded } = await request();
    expect(recorded).toBe(true);
    expect(started.filter((op) => op === 'db')).toHaveLength(2);
    expect(activeInQuery).toHaveLength(2);
    for (const id of activeInQuery) expect(id).not.toBe(spanId); // each query ran in its own span
  });

  it('an unsampled request builds no span for its queries, and they still run', async () => {
    sampleRate = 0;
    const { spanId, recorded } = await request();
    expect(recorded).toBe(false);
    expect(activeInQuery).toEqual([spanId, spanId]);
    expect(await client.query('select 2')).toEqual({ rows: ['select 2'] });
  });

  it('outside any request nothing is traced', () => {
    expect(traceRecorded()).toBe(false);
  });
});
