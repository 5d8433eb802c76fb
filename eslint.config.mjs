import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

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
  globalIgnores(['.next/**', '.next-*/**', 'out/**', 'node_modules/**', 'next-env.d.ts', 'bench/results/**', 'playwright-report/**', 'test-results/**', '.data/**']),
]);
