// The real sentry.server.config.ts with the real SDK: only the integrations Orbit uses are installed — none of the
// ~35 framework, database and AI SDK integrations in @sentry/nextjs's defaults — and what Orbit relies on stays:
// errors with their request (RequestData, Http's request isolation), linked causes and source context, the process's
// uncaught errors, outgoing-request breadcrumbs and trace propagation (propagation.sdk.test.ts proves that one).
import * as Sentry from '@sentry/nextjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { KEPT_SERVER_INTEGRATIONS } from './integrations';

beforeAll(async () => {
  await import('@/sentry.server.config');
});

describe('the server SDK’s integrations', () => {
  it('are only those Orbit uses', () => {
    const names = Sentry.getClient()!.getOptions().integrations.map((i) => i.name);
    for (const unused of ['Express', 'Fastify', 'Hapi', 'Koa', 'Graphql', 'Mongo', 'Mongoose', 'Mysql', 'Redis', 'Prisma', 'Kafka', 'OpenAI', 'VercelAI', 'ProcessSession', 'ChildProcess']) {
      expect(names, unused).not.toContain(unused);
    }
    // SpanStreaming is added by the SDK itself after the list, for traceLifecycle 'stream'.
    const added = ['SpanStreaming'];
    expect(names.filter((n) => ![...KEPT_SERVER_INTEGRATIONS, ...added].includes(n))).toEqual([]);
    expect(names).toEqual(expect.arrayContaining(['Http', 'NodeFetch', 'RequestData', 'LinkedErrors', 'OnUncaughtException', 'OnUnhandledRejection', 'ContextLines', 'NextjsUseCache']));
    // Exactly one Http integration: Orbit's (no request sessions), not the default one beside it.
    expect(names.filter((n) => n === 'Http')).toHaveLength(1);
  });
});
