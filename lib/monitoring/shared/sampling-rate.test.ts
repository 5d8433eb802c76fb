import { afterEach, describe, expect, it, vi } from 'vitest';
import { PRODUCTION_TRACES_RATE, productionTracesRate, tracesSampleRate } from './sampling';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('SENTRY_TRACES_SAMPLE_RATE', () => {
  it('sets the production rate of ordinary traces; the always-traced flows and a parent decision still win', () => {
    expect(tracesSampleRate({ name: 'GET /api/projects' }, 'production', 0.25)).toBe(0.25);
    expect(tracesSampleRate({ name: 'GET /api/projects' }, 'production')).toBe(PRODUCTION_TRACES_RATE);
    expect(tracesSampleRate({ name: 'POST /api/webhooks/stripe' }, 'production', 0)).toBe(1);
    expect(tracesSampleRate({ name: 'GET /api/projects', parentSampled: true }, 'production', 0)).toBe(1);
    expect(tracesSampleRate({ name: 'GET /api/projects' }, 'local', 0)).toBe(1);
  });

  it('is validated by lib/env.ts: default 0.05, a number in [0, 1], anything else fails at boot with its name', async () => {
    vi.stubEnv('SENTRY_TRACES_SAMPLE_RATE', '');
    vi.resetModules();
    expect((await import('@/lib/env')).env.SENTRY_TRACES_SAMPLE_RATE).toBe(0.05);
    vi.stubEnv('SENTRY_TRACES_SAMPLE_RATE', '0.2');
    vi.resetModules();
    expect((await import('@/lib/env')).env.SENTRY_TRACES_SAMPLE_RATE).toBe(0.2);
    vi.stubEnv('SENTRY_TRACES_SAMPLE_RATE', '5');
    vi.resetModules();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await expect(import('@/lib/env')).rejects.toThrow(/SENTRY_TRACES_SAMPLE_RATE/);
  });

  it('the edge runtime (no lib/env.ts) falls back to the default on a missing or invalid value', () => {
    expect(productionTracesRate(undefined)).toBe(PRODUCTION_TRACES_RATE);
    expect(productionTracesRate('')).toBe(PRODUCTION_TRACES_RATE);
    expect(productionTracesRate('abc')).toBe(PRODUCTION_TRACES_RATE);
    expect(productionTracesRate('1.5')).toBe(PRODUCTION_TRACES_RATE);
    expect(productionTracesRate('0')).toBe(0);
    expect(productionTracesRate('0.5')).toBe(0.5);
  });
});
