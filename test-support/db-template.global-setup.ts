// Vitest global setup: one in-memory PGlite with the committed migrations applied, its data directory dumped to a
// tarball. Every test file's database starts from that dump (test-support/pglite.ts) instead of running initdb and
// the migrations again: same schema, same migrations table, a fresh copy of its own per file.
// The dump is kept in node_modules/.cache/orbit-vitest/, named after a hash of everything it is made of (the SQL
// migrations and their journal, the PGlite and drizzle-orm versions), so a run after any change to them makes a new
// one and every other run skips the ~4 s it costs.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import type { TestProject } from 'vitest/node';
// The real package by path: the bare specifier is aliased to test-support/pglite.ts, which needs a test worker.
import { PGlite } from '../node_modules/@electric-sql/pglite/dist/index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The migrated data directory, as an uncompressed tarball (`dumpDataDir('none')`). */
    pgliteTemplate: string;
  }
}

/** Every file under `dir`, sorted, as paths relative to it. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(dir, path.join(prefix, e.name)) : e.isFile() ? [path.join(prefix, e.name)] : []))
    .sort();
}

function templateKey(root: string, migrationsFolder: string): string {
  const hash = createHash('sha256');
  for (const pkg of ['@electric-sql/pglite', 'drizzle-orm']) {
    hash.update(`${pkg}@${(JSON.parse(readFileSync(path.join(root, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version}\n`);
  }
  for (const file of filesUnder(migrationsFolder)) hash.update(`${file}\n`).update(readFileSync(path.join(migrationsFolder, file)));
  return hash.digest('hex').slice(0, 16);
}

async function migratedDump(migrationsFolder: string): Promise<Buffer> {
  const client = new PGlite('memory://');
  try {
    // The same migrator and folder as lib/db's migrateDatabase(); each file still calls it (a no-op on the dump).
    await migrate(drizzle({ client }), { migrationsFolder });
    // Uncompressed: every file loads it, and untarring costs less than gunzipping 40 MB each time.
    return Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer());
  } finally {
    await client.close();
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const root = project.config.root;
  const migrationsFolder = path.join(root, 'drizzle');
  const cacheDir = path.join(root, 'node_modules', '.cache', 'orbit-vitest');
  const tarball = path.join(cacheDir, `pglite-template-${templateKey(root, migrationsFolder)}.tar`);
  if (!existsSync(tarball)) {
    const dump = await migratedDump(migrationsFolder);
    mkdirSync(cacheDir, { recursive: true });
    // Templates of older migrations go; a run starting alongside writes the same bytes, the rename makes either whole.
    for (const old of readdirSync(cacheDir)) if (/^pglite-template-.*\.tar$/.test(old)) rmSync(path.join(cacheDir, old), { force: true });
    const partial = `${tarball}.${process.pid}`;
    writeFileSync(partial, dump);
    renameSync(partial, tarball);
  }
  project.provide('pgliteTemplate', tarball);
}
