// `@electric-sql/pglite` as the unit tests see it (aliased in vitest.config.ts): the real PGlite, except that an
// in-memory database starts from the migrated dump of test-support/db-template.global-setup.ts rather than from
// initdb, so each test file gets a fresh, already-migrated database in a fraction of the time. Anything else (a
// data directory on disk, an explicit `loadDataDir`) is passed through untouched.
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
// The package's own entry, by path: the bare specifier is aliased to this file.
import { PGlite as RealPGlite, type PGliteOptions } from '../node_modules/@electric-sql/pglite/dist/index.js';

export * from '../node_modules/@electric-sql/pglite/dist/index.js';

let template: Blob | undefined;

function migratedTemplate(): Blob | undefined {
  const file = inject('pgliteTemplate');
  if (file) template ??= new Blob([readFileSync(file)]);
  return template;
}

export class PGlite extends RealPGlite {
  constructor(dataDirOrOptions?: string | PGliteOptions, options: PGliteOptions = {}) {
    // PGlite's own reading of its two signatures.
    const opts = typeof dataDirOrOptions === 'string' ? { dataDir: dataDirOrOptions, ...options } : (dataDirOrOptions ?? {});
    const inMemory = (opts.dataDir ?? 'memory://').startsWith('memory://') && opts.loadDataDir === undefined;
    super(inMemory ? { ...opts, loadDataDir: migratedTemplate() } : opts);
  }
}
