// The options every runtime shares, as a contract: for the inputs each config passes, the same options the server
// and edge configs wrote out by hand before they shared this function (the literals below), hooks by identity and
// the sampler by its decisions.
import type { SamplingContext } from '@sentry/core';
import { describe, expect, it } from 'vitest';
import { comparable } from '@/test-support/sentry';
import { beforeBreadcrumb, beforeSend, beforeSendSpan, DATA_COLLECTION } from './before-send';
import { propagationTargets } from './propagation';
import { PRODUCTION_TRACES_RATE, tracesSampleRate } from './sampling';
import { sentryOptions } from './sentry-options';

/** sentry.server.config.ts and sentry.edge.config.ts wrote these literally (same fields, same order). */
function literalOptions(dsn: string, environment: string, rate: number, origins: (string | undefined)[]) {
  return {
    dsn,
    environment,
    tracesSampler: (ctx: SamplingContext) => tracesSampleRate({ name: ctx.name, attributes: ctx.attributes, parentSampled: ctx.parentSampled }, environment, rate),
    tracePropagationTargets: propagationTargets(origins),
    dataCollection: DATA_COLLECTION,
    beforeSend,
    traceLifecycle: 'stream',
    beforeSendSpan,
    beforeBreadcrumb,
  };
}

describe('sentryOptions', () => {
  it.each(['local', 'production'])('gives the server the options it had (%s)', (environment) => {
    const origins = ['https://orbit.example', undefined, 'http://127.0.0.1:3000', 'http://localhost:3000'];
    const options = sentryOptions({ dsn: 'https://k@o1.ingest.sentry.io/2', environment, productionTracesRate: 0.25, ownOrigins: origins });
    expect(comparable(options)).toEqual(comparable(literalOptions('https://k@o1.ingest.sentry.io/2', environment, 0.25, origins)));
    expect(Object.keys(options)).toEqual(Object.keys(literalOptions('', '', 0, [])));
  });

  it('gives the edge the options it had', () => {
    const options = sentryOptions({ dsn: 'http://orbit@127.0.0.1:3000/sentry/3', environment: 'production', productionTracesRate: 0.3, ownOrigins: ['http://127.0.0.1:3000'] });
    expect(comparable(options)).toEqual(comparable(literalOptions('http://orbit@127.0.0.1:3000/sentry/3', 'production', 0.3, ['http://127.0.0.1:3000'])));
  });

  it('gives the browser its options: the default production rate, its own origin only', () => {
    const options = sentryOptions({ dsn: undefined, environment: 'production', ownOrigins: ['https://orbit.example'] });
    expect(comparable(options)).toEqual(comparable(literalOptions(undefined as unknown as string, 'production', PRODUCTION_TRACES_RATE, ['https://orbit.example'])));
    const targets = options.tracePropagationTargets as RegExp[];
    expect(targets.some((t) => t.test('https://orbit.example/api/projects'))).toBe(true);
    expect(targets.some((t) => t.test('/api/projects'))).toBe(true);
    for (const url of ['https://us.i.posthog.com/batch', 'https://orbit.example/ingest/e', '/monitoring?o=1']) {
      expect(targets.some((t) => t.test(url)), url).toBe(false);
    }
  });
});
