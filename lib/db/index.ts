// The database: embedded PGlite (data on disk, no server) by default, real Postgres when DATABASE_URL is set.
// One client per process, kept on globalThis so dev hot reloads and Next's module layers share it; created on
// first use so `next build` never opens the data directory.
import 'server-only';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite, type PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { env } from '@/lib/env';
import { tracePglite, tracePostgres } from '@/lib/monitoring/server/db-spans';
import { lockDataDir } from './pglite-lock';
import * as schema from './schema';

/** Both drivers expose the same query builder; PGlite's type stands for both. */
export type Db = PgliteDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

type Handle = {
  db: Db;
  kind: 'pglite' | 'postgres';
  migrated?: Promise<void>;
  close: () => Promise<void>;
};

const globalForDb = globalThis as unknown as { orbitDb?: Handle };
const migrationsFolder = path.join(process.cwd(), 'drizzle');

function open(): Handle {
  if (env.DATABASE_URL) {
    const client = postgres(env.DATABASE_URL, { max: 10, onnotice: () => {} });
    const db = drizzlePostgres({ client: tracePostgres(client), schema }) as unknown as Db;
    return { db, kind: 'postgres', close: () => client.end({ timeout: 5 }) };
  }
  const dir = env.PGLITE_DATA_DIR;
  if (dir.startsWith('memory://')) {
    const client = new PGlite(dir);
    return { db: drizzlePglite({ client: tracePglite(client), schema }), kind: 'pglite', close: () => client.close() };
  }
  const dataDir = path.resolve(dir);
  mkdirSync(dataDir, { recursive: true });
  const releaseLock = lockDataDir(dataDir);
  const client = new PGlite(dataDir);
  const db = drizzlePglite({ client: tracePglite(client), schema });
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await client.close();
      releaseLock();
    },
  };
}

function handle(): Handle {
  globalForDb.orbitDb ??= open();
  return globalForDb.orbitDb;
}

/** The Drizzle database, opened lazily on first use. */
export const db: Db = new Proxy({} as Db, {
  get(_target, prop) {
    const real = handle().db as unknown as Record<PropertyKey, unknown>;
    const value = real[prop];
    return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(real) : value;
  },
});

export function databaseKind(): 'pglite' | 'postgres' {
  return env.DATABASE_URL ? 'postgres' : 'pglite';
}

/** Applies the committed SQL migrations in drizzle/ once per process (idempotent, safe to call often). */
export function migrateDatabase(): Promise<void> {
  const h = handle();
  h.migrated ??= (
    h.kind === 'postgres' && env.DATABASE_URL ? migratePostgresLocked(env.DATABASE_URL) : migratePglite(h.db, { migrationsFolder })
  ).catch((error: unknown) => {
    h.migrated = undefined;
    throw error;
  });
  return h.migrated;
}

/**
 * Key of the session-level advisory lock every Orbit instance takes around its migrations (any constant shared by
 * all instances; pg_advisory_lock keys are bigint). Derived from a fixed name so it reads as Orbit's in pg_locks.
 */
const MIGRATION_LOCK_KEY = 0x6f72_6269_745f_6d69n; // 'orbit_mi'

/**
 * Drizzle's migrator reads the last applied migration, then applies the newer ones in a transaction: two instances
 * starting at once both read "nothing applied" and both run 0000 (one fails on `relation already exists`, or
 * `CREATE SCHEMA IF NOT EXISTS` collides on pg_namespace). A session-level advisory lock serialises them: the second
 * waits, then finds everything applied. Its own one-connection client, so the lock, the read and the transaction
 * are one session; the lock goes with the connection if the process dies mid-migration.
 */
export async function migratePostgresLocked(url: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_KEY.toString()}::bigint)`;
    try {
      await migratePostgres(drizzlePostgres({ client }), { migrationsFolder });
    } finally {
      await client`select pg_advisory_unlock(${MIGRATION_LOCK_KEY.toString()}::bigint)`;
    }
  } finally {
    await client.end({ timeout: 5 });
  }
}

/** Closes the client (scripts and tests); the next use opens a new one. */
export async function closeDatabase(): Promise<void> {
  const h = globalForDb.orbitDb;
  globalForDb.orbitDb = undefined;
  await h?.close();
}

export { schema };
