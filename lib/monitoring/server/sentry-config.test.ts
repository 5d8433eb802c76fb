// The real sentry.server.config.ts and sentry.edge.config.ts, with the SDK replaced at its module edge: each passes
// the options it wrote out by hand before sharing lib/monitoring/shared/sentry-options.ts, plus its runtime's own.
// Local mode is forced on (LOCAL_INBOX=1) whatever keys the machine has, so every DSN below is a literal.
import type { SamplingContext } from '@sentry/core';
import { afterAll, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  vi.stubEnv('LOCAL_INBOX', '1');
});

import { env, localInbox } from '@/lib/env';
import { beforeBreadcrumb, beforeSend, beforeSendSpan, DATA_COLLECTION } from '@/lib/monitoring/shared/before-send';
import { propagationTargets } from '@/lib/monitoring/shared/propagation';
import { tracesSampleRate } from '@/lib/monitoring/shared/sampling';
import { makeLocalCollectorTransport } from '@/lib/inbox/collector/sentry-transport';
import { linkRequestToPostHog } from './server-scope';

vi.mock('@sentry/nextjs', async (importOriginal) => (await import('@/test-support/sentry')).sentryDouble(importOriginal));
const { comparable, sentryRecorder } = await import('@/test-support/sentry');

afterAll(() => vi.unstubAllEnvs());

describe('sentry.server.config.ts', () => {
  it('initialises the SDK with the options it had, and links request events to PostHog', async () => {
    sentryRecorder.reset();
    await import('@/sentry.server.config');
    const port = process.env.PORT || 3000;
    const environment = env.DEPLOYMENT;
    expect(localInbox).toBe(true);
    // What the config wrote out before (its dsn, transport and spotlight lines included); project 2 of the local
    // collector is the server's (docs/local-inbox.md).
    const before = {
      dsn: 'http://orbit@collector.local/sentry/2',
      transport: makeLocalCollectorTransport,
      environment,
      tracesSampler: (ctx: SamplingContext) => tracesSampleRate({ name: ctx.name, attributes: ctx.attributes, parentSampled: ctx.parentSampled }, environment, env.SENTRY_TRACES_SAMPLE_RATE),
      tracePropagationTargets: propagationTargets([env.APP_URL, process.env.__NEXT_PRIVATE_ORIGIN, `http://127.0.0.1:${port}`, `http://localhost:${port}`]),
      dataCollection: DATA_COLLECTION,
      beforeSend,
      traceLifecycle: 'stream',
      beforeSendSpan,
      beforeBreadcrumb,
      spotlight: undefined,
    };
    expect(sentryRecorder.inits).toHaveLength(1);
    // Added since: a deadline on every request to Sentry (transport-timeout.test.ts proves it on a blackholed host).
    const { transportOptions, enableRuntimeChannelInjection, integrations, ...options } = sentryRecorder.inits[0]!;
    // Only the integrations Orbit uses (integrations.sdk.test.ts checks the real SDK's list).
    expect(integrations).toBeTypeOf('function');
    const kept = (integrations as (d: { name: string }[]) => { name: string }[])([{ name: 'Express' }, { name: 'Http' }, { name: 'RequestData' }, { name: 'Prisma' }]).map((i) => i.name);
    expect(kept).toEqual(['RequestData', 'Http']);
    expect(transportOptions).toEqual({ httpModule: { request: expect.any(Function) } });
    // No runtime channel injection: no channel-based integration is used, and it cannot register in the server bundle.
    expect(enableRuntimeChannelInjection).toBe(false);
    expect(comparable(options)).toEqual(comparable(before));
    expect(sentryRecorder.eventProcessors).toEqual([linkRequestToPostHog]);
  });
});

describe('sentry.edge.config.ts', () => {
  it('initialises the SDK with the options it had', async () => {
    sentryRecorder.reset();
    vi.stubEnv('APP_URL', 'http://orbit.test:4600/');
    vi.stubEnv('DEPLOYMENT', 'production');
    vi.stubEnv('SENTRY_TRACES_SAMPLE_RATE', '0.3');
    const { localInbox: edgeLocal } = await import('@/sentry.edge.config');
    expect(edgeLocal).toBe(true);
    const origin = 'http://orbit.test:4600';
    const before = {
      // Project 3 of the local collector is the edge runtime's, at Orbit's own origin.
      dsn: 'http://orbit@orbit.test:4600/sentry/3',
      environment: 'production',
      tracesSampler: (ctx: SamplingContext) => tracesSampleRate({ name: ctx.name, attributes: ctx.attributes, parentSampled: ctx.parentSampled }, 'production', 0.3),
      tracePropagationTargets: propagationTargets([origin]),
      dataCollection: DATA_COLLECTION,
      beforeSend,
      traceLifecycle: 'stream',
      beforeSendSpan,
      beforeBreadcrumb,
    };
    expect(sentryRecorder.inits).toHaveLength(1);
    expect(comparable(sentryRecorder.inits[0]!)).toEqual(comparable(before));
  });
});
