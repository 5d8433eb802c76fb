// With DATABASE_URL (postgres.js), every Drizzle query still becomes one of Orbit's `db` spans under the request's
// span, transactions and savepoints included, with no value in the span; results are unchanged. Runs against the
// throwaway cluster scripts/test.mjs starts (ORBIT_TEST_DATABASE_URL); skipped without one.
import * as Sentry from '@sentry/nextjs';
import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratePostgresLocked } from '@/lib/db';
import * as schema from '@/lib/db/schema';
import { tracePostgres } from './db-spans';

const url = process.env.ORBIT_TEST_DATABASE_URL;

type Ended = { op: string; name: string; parent?: string; attributes: Record<string, unknown> };

describe.skipIf(!url)('db spans on PostgreSQL (postgres.js)', () => {
  const ended: Ended[] = [];
  const dbName = `orbit_spans_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(url ?? '', { max: 1, onnotice: () => {} });
  let client: postgres.Sql | undefined;

  beforeAll(async () => {
    Sentry.init({
      dsn: 'http://public@127.0.0.1:9/1',
      tracesSampleRate: 1,
      // Nothing leaves the process.
      transport: () => ({ send: async () => ({}), flush: async () => true }),
    });
    Sentry.getClient()?.on('spanEnd', (span) => {
      const json = Sentry.spanToJSON(span);
      const attributes = json.attributes ?? {};
      ended.push({ op: String(attributes['sentry.op'] ?? ''), name: json.name, parent: json.parent_span_id, attributes });
    });
    await admin.unsafe(`create database ${dbName}`);
    const dbUrl = new URL(url ?? '');
    dbUrl.pathname = `/${dbName}`;
    await migratePostgresLocked(dbUrl.toString());
    client = postgres(dbUrl.toString(), { max: 2, onnotice: () => {} });
  }, 120_000);

  afterAll(async () => {
    await client?.end({ timeout: 5 });
    await admin.unsafe(`drop database if exists ${dbName}`);
    await admin.end({ timeout: 5 });
    await Sentry.close();
  });

  it('each query of a request, in and out of transactions, is a db span under the request span', async () => {
    if (!client) throw new Error('no client');
    const db = drizzle({ client: tracePostgres(client), schema });
    const { requestSpanId, found, inTx, nested } = await Sentry.startSpan(
      { name: 'POST /api/projects/[id]/tasks', op: 'http.server', forceTransaction: true },
      async (span) => {
        const found = await db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, 'secret@example.com'));
        const { inTx, nested } = await db.transaction(async (tx) => {
          const [row] = await tx.execute<{ v: string }>(sql`select ${'in-tx-secret'}::text as v`);
          const inner = await tx.transaction(async (tx2) => tx2.execute<{ n: number }>(sql.raw(`select 42 as n where 'x' = 'x'`)));
          return { inTx: row?.v, nested: inner[0]?.n };
        });
        return { requestSpanId: span.spanContext().spanId, found, inTx, nested };
      },
    );

    // Results are what postgres.js returns untraced.
    expect(found).toEqual([]);
    expect(inTx).toBe('in-tx-secret');
    expect(nested).toBe(42);

    // One span per query (postgres.js sends BEGIN/SAVEPOINT itself, outside Drizzle), values never in them.
    const dbSpans = ended.filter((s) => s.op === 'db');
    expect(dbSpans.map((s) => s.name)).toEqual(['select "id" from "users" where "users"."email" = $1', 'select $1::text as v', 'select ? as n where ? = ?']);
    for (const span of dbSpans) {
      expect(span.parent).toBe(requestSpanId);
      expect(span.attributes['db.system.name']).toBe('postgresql');
      expect(span.attributes['sentry.origin']).toBe('manual.db.orbit');
      expect(JSON.stringify(span)).not.toMatch(/secret|'x'/);
    }
  });

  it('outside a request postgres.js queries run untraced', async () => {
    if (!client) throw new Error('no client');
    const before = ended.length;
    const db = drizzle({ client: tracePostgres(client), schema });
    const rows = await db.execute<{ one: number }>(sql`select 1 as one`);
    expect(rows[0]?.one).toBe(1);
    expect(ended.length).toBe(before);
  });
});
