import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

/**
 * Import boundaries (docs/architecture.md, "Layout rules"). Every layer names what it must never import; a file
 * belongs to exactly one layer, and tests (`*.test.ts`) may import anything. eslint-plugin-import resolves each
 * import (the `@/` alias, relative paths and `import()` alike), so no spelling slips past.
 */
const NEVER = {
  inbox: ['./lib/inbox', 'Product code never imports the local inbox (lib/inbox): only its routes and the local-mode wiring (sentry.server.config.ts, lib/analytics/server/local-collector-fetch.ts) do.'],
  inboxViews: ['./lib/inbox/ui', 'The collector never imports its views (lib/inbox/ui): what both need lives in lib/inbox/*.ts.'],
  testSupport: ['./test-support', 'test-support/ is test code: nothing in the build imports it.'],
  e2e: ['./e2e', 'e2e/ is test code: nothing in the build imports it.'],
  bench: ['./bench', "bench/ is the benchmark's: only its route (app/api/bench) imports bench/server."],
  debug: ['./debug', "debug/ is the debug surface's: only its routes (app/dev/errors, app/api/dev/boom) import it."],
};

const INBOX_ROUTES = ['app/dev/inbox/**', 'app/api/dev/inbox/**', 'app/ingest/**', 'app/sentry/**'];
const DEBUG_ROUTES = ['app/dev/errors/**', 'app/api/dev/boom/**'];
const BENCH_ROUTES = ['app/api/bench/**'];
// The two places the server's SDKs hand their traffic to the collector in-process in local mode.
const INBOX_WIRING = ['sentry.server.config.ts', 'lib/analytics/server/local-collector-fetch.ts'];

const layer = (name, files, never, ignores = []) => ({
  name: `orbit/layer/${name}`,
  files,
  ignores: [...ignores, '**/*.test.ts'],
  rules: {
    'import/no-restricted-paths': ['error', { zones: never.map(([from, message]) => ({ target: '.', from, message })) }],
  },
});

const ALL_TESTS = [NEVER.testSupport, NEVER.e2e];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // Actions modules: server-only, and server actions return; an action that navigates is wrapped in
    // redirectOnSuccess (lib/server/mutation.ts), which redirects after the mutation wrapper recorded the success.
    // Next's redirect()/notFound()/… are throws: inside a handler they skip the success record and end the handler's
    // Sentry span as internal_error.
    files: ['lib/**/actions.ts', 'lib/**/*-actions.ts', 'app/**/actions.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "ImportDeclaration[source.value='next/navigation'] > ImportSpecifier[imported.name=/^(redirect|permanentRedirect|notFound|forbidden|unauthorized)$/]",
          message: 'A server action never throws Next control flow from its handler: wrap the action in redirectOnSuccess (lib/server/mutation.ts).',
        },
        {
          selector: "ImportDeclaration[source.value='next/navigation'] > ImportNamespaceSpecifier",
          message: 'A server action never throws Next control flow from its handler: wrap the action in redirectOnSuccess (lib/server/mutation.ts).',
        },
        {
          // A leak into a client bundle then fails the build instead of shipping server code.
          selector: "Program:not(:has(ImportDeclaration[source.value='server-only']))",
          message: "An actions module imports 'server-only'.",
        },
      ],
    },
  },
  layer(
    'product',
    ['{app,lib,components,providers}/**/*.{ts,tsx}', '{instrumentation,instrumentation-client,proxy,sentry.*.config}.ts'],
    [NEVER.inbox, ...ALL_TESTS, NEVER.bench, NEVER.debug],
    ['lib/inbox/**', ...INBOX_ROUTES, ...DEBUG_ROUTES, ...BENCH_ROUTES, ...INBOX_WIRING],
  ),
  layer('inbox-wiring', INBOX_WIRING, [NEVER.inboxViews, ...ALL_TESTS, NEVER.bench, NEVER.debug]),
  layer('inbox-collector', ['lib/inbox/**/*.{ts,tsx}'], [NEVER.inboxViews, ...ALL_TESTS, NEVER.bench, NEVER.debug], ['lib/inbox/ui/**']),
  layer('inbox-views', ['lib/inbox/ui/**/*.{ts,tsx}', ...INBOX_ROUTES], [...ALL_TESTS, NEVER.bench, NEVER.debug]),
  layer('debug', ['debug/**/*.{ts,tsx}', ...DEBUG_ROUTES], [NEVER.inbox, ...ALL_TESTS, NEVER.bench]),
  layer('bench', ['bench/server/**/*.ts', ...BENCH_ROUTES], [NEVER.inbox, ...ALL_TESTS, NEVER.debug]),
  globalIgnores(['.next/**', '.next-*/**', 'out/**', 'node_modules/**', 'next-env.d.ts', 'bench/results/**', 'playwright-report/**', 'test-results/**', '.data/**']),
]);
