// The server SDK's integrations: only those Orbit uses. @sentry/nextjs's defaults carry ~50 — one per framework,
// database client and AI SDK Sentry supports (Express, Fastify, Hapi, Koa, GraphQL, Mongo, Mongoose, MySQL, Redis,
// Prisma, Kafka, OpenAI…) — each set up at start and some with per-request hooks, for libraries Orbit does not run.
// Orbit's own database spans are its own (db-spans.ts), its routes are Next.js's. Pure: the SDK hands in its
// defaults and the one integration Orbit configures (Http); sentry.server.config.ts passes the result to init.
import 'server-only';
import type { Integration } from '@sentry/core';

/**
 * The default integrations Orbit keeps, by name: errors with their request, stack context and linked causes, the
 * process's uncaught errors and rejections, console and outgoing-request breadcrumbs (with trace propagation to
 * Orbit's own origin), and @sentry/nextjs's own (`use cache` spans, source-frame rewriting of the build dir).
 */
export const KEPT_SERVER_INTEGRATIONS = [
  'EventFilters',
  'FunctionToString',
  'LinkedErrors',
  'RequestData',
  'NodeSystemError',
  'Console',
  'Http',
  'NodeFetch',
  'OnUncaughtException',
  'OnUnhandledRejection',
  'ContextLines',
  'Context',
  'Modules',
  'NextjsUseCache',
  'DistDirRewriteFrames',
] as const;

const KEPT = new Set<string>(KEPT_SERVER_INTEGRATIONS);

/**
 * The SDK's defaults filtered to the kept ones, with `http` (Orbit's configured Http integration) in place of the
 * default one.
 */
export function serverIntegrations(defaults: Integration[], http: Integration): Integration[] {
  return [...defaults.filter((i) => KEPT.has(i.name) && i.name !== http.name), http];
}
