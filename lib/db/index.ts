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
import { tracePglite } from '@/lib/errors/db-spans';
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

const globalForDb = globalThis as unknown as { __orbitDb?: Handle };
const migrationsFolder = path.join(process.cwd(), 'drizzle');

function open(): Handle {
  if (env.DATABASE_URL) {
    const client = postgres(env.DATABASE_URL, { max: 10, onnotice: () => {} });
    const db = drizzlePostgres({ client, schema }) as unknown as Db;
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
  globalForDb.__orbitDb ??= open();
  return globalForDb.__orbitDb;
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
    h.kind === 'postgres' ? migratePostgres(h.db as never, { migrationsFolder }) : migratePglite(h.db, { migrationsFolder })
  ).catch((error: unknown) => {
    h.migrated = undefined;
    throw error;
  });
  return h.migrated;
}

/** Closes the client (scripts and tests); the next use opens a new one. */
export async function closeDatabase(): Promise<void> {
  const h = globalForDb.__orbitDb;
  globalForDb.__orbitDb = undefined;
  await h?.close();
}

export { schema };
