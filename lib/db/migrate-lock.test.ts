// Several instances starting at once on a fresh PostgreSQL database apply each migration exactly once: the
// migrator runs under a session-level advisory lock. Runs against the throwaway cluster scripts/test.mjs starts
// (ORBIT_TEST_DATABASE_URL); skipped without one (developer machine without PostgreSQL, docs/testing.md).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { migratePostgresLocked } from './index';

const url = process.env.ORBIT_TEST_DATABASE_URL;
const journal = JSON.parse(readFileSync(path.join(process.cwd(), 'drizzle', 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };

/** A new, empty database on the test cluster (the test role may create databases), dropped in afterAll. */
const created: string[] = [];
async function freshDatabase(admin: postgres.Sql): Promise<string> {
  const name = `orbit_migrate_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await admin.unsafe(`create database ${name}`);
  created.push(name);
  const u = new URL(url ?? '');
  u.pathname = `/${name}`;
  return u.toString();
}

describe.skipIf(!url)('migrations on PostgreSQL, several instances at once', () => {
  const admin = postgres(url ?? '', { max: 1, onnotice: () => {} });

  afterAll(async () => {
    for (const name of created) await admin.unsafe(`drop database if exists ${name}`);
    await admin.end({ timeout: 5 });
  });

  it('four migrators started together on a fresh database all succeed and apply each migration once', async () => {
    for (let round = 0; round < 3; round++) {
      const dbUrl = await freshDatabase(admin);
      const results = await Promise.allSettled(Array.from({ length: 4 }, () => migratePostgresLocked(dbUrl)));
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);

      const check = postgres(dbUrl, { max: 1, onnotice: () => {} });
      try {
        const rows = await check<{ hash: string; n: number }[]>`
          select hash, count(*)::int as n from drizzle.__drizzle_migrations group by hash`;
        expect(rows).toHaveLength(journal.entries.length);
        expect(rows.every((r) => r.n === 1)).toBe(true);
        // The schema is really there, not just the bookkeeping.
        const [tables] = await check<{ n: number }[]>`
          select count(*)::int as n from information_schema.tables where table_schema = 'public' and table_name in ('users', 'workspaces', 'webhook_events')`;
        expect(tables?.n).toBe(3);
      } finally {
        await check.end({ timeout: 5 });
      }
    }
  }, 120_000);

  it('a second start on a migrated database applies nothing and does not wait on anything', async () => {
    const dbUrl = await freshDatabase(admin);
    await migratePostgresLocked(dbUrl);
    await migratePostgresLocked(dbUrl);
    const check = postgres(dbUrl, { max: 1, onnotice: () => {} });
    try {
      const [row] = await check<{ n: number }[]>`select count(*)::int as n from drizzle.__drizzle_migrations`;
      expect(row?.n).toBe(journal.entries.length);
      // The lock is released: nobody holds Orbit's advisory lock any more.
      const [locks] = await check<{ n: number }[]>`select count(*)::int as n from pg_locks where locktype = 'advisory'`;
      expect(locks?.n).toBe(0);
    } finally {
      await check.end({ timeout: 5 });
    }
  }, 60_000);
});
