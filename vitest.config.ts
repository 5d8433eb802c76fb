// Unit and integration tests (Vitest 4, Node). Each test file gets a fresh in-memory PGlite database with the
// committed migrations applied: migrated once per run (test-support/db-template.global-setup.ts), loaded from that
// dump on the file's first database use (test-support/pglite.ts), closed by vitest.setup.ts. `server-only` resolves
// to an empty module.
import os from 'node:os';
import path from 'node:path';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: [
      { find: '@', replacement: path.resolve(__dirname) },
      { find: 'server-only', replacement: path.resolve(__dirname, 'vitest.server-only.ts') },
      { find: /^@electric-sql\/pglite$/, replacement: path.resolve(__dirname, 'test-support/pglite.ts') },
    ],
  },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', '.next/**', '.next-*/**', 'e2e/**'],
    environment: 'node',
    globalSetup: ['./test-support/db-template.global-setup.ts'],
    setupFiles: ['./vitest.setup.ts'],
    // `vitest --changed` / `npm run test:quick`: a change to these reaches every test, so they run them all.
    forceRerunTriggers: [...configDefaults.forceRerunTriggers, '**/drizzle/**', '**/test-support/db-template.global-setup.ts'],
    env: {
      PGLITE_DATA_DIR: 'memory://',
      SKIP_ENV_VALIDATION: '',
      NEXT_TELEMETRY_DISABLED: '1',
      // Tests act as distinct clients behind one proxy (the address it appends to X-Forwarded-For); the
      // direct-deployment default (0) is covered by lib/auth/brute-force-direct.test.ts.
      TRUSTED_PROXY_HOPS: '1',
    },
    testTimeout: 20_000,
    // A hook's first database use loads the template (~1 s alone, far longer on a loaded 2-core machine).
    hookTimeout: 120_000,
    pool: 'forks',
    // One more worker than cores (Vitest's default is one fewer: a single worker on 2 cores). Measured on 2 cores:
    // as fast as 2 workers on a quiet machine, 10-28 % faster when other processes share the cores; 4 workers added
    // timeouts. Figures in docs/testing.md ("Workers").
    maxWorkers: os.availableParallelism() + 1,
  },
});
