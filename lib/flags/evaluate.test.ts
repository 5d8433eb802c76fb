import fc from 'fast-check';
import { getFeatureFlagHash, getFeatureFlagVariant } from '@posthog/core';
import { describe, expect, it } from 'vitest';
import { FLAGS, type FlagDefinition } from './definitions';
import { evaluateFlag, evaluateFlags, flagHash } from './evaluate';

const distinctId = fc.string({ minLength: 1, maxLength: 40 });

describe('flagHash', () => {
  it('matches PostHog local evaluation (posthog-node / @posthog/core) bit for bit', async () => {
    await fc.assert(
      fc.asyncProperty(distinctId, fc.constantFrom('', 'variant'), async (id, salt) => {
        expect(flagHash('pricing-page-layout', id, salt)).toBe(await getFeatureFlagHash('pricing-page-layout', id, salt));
      }),
      { numRuns: 200 },
    );
  });

  it('is in [0, 1]', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (key, id) => {
      const h = flagHash(key, id);
      return h >= 0 && h <= 1;
    }));
  });
});

describe('evaluateFlag', () => {
  const experiment = FLAGS[0] as FlagDefinition;
  const checklist = FLAGS[1] as FlagDefinition;

  it('is deterministic per distinct id', () => {
    fc.assert(fc.property(distinctId, (id) => {
      expect(evaluateFlags(id)).toEqual(evaluateFlags(id));
    }));
  });

  it('assigns the same variant as PostHog for the same definition', async () => {
    const variants = (experiment.variants ?? []).map((v) => ({ key: v.key, rollout_percentage: v.rolloutPercentage }));
    await fc.assert(
      fc.asyncProperty(distinctId, async (id) => {
        expect(evaluateFlag(experiment, id).variant).toBe((await getFeatureFlagVariant(experiment.key, id, variants)) ?? null);
      }),
      { numRuns: 200 },
    );
  });

  it('splits 10 000 ids close to the configured percentages', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => `user-${i}`);
    const variants = new Map<string | null, number>();
    let on = 0;
    for (const id of ids) {
      const v = evaluateFlag(experiment, id).variant;
      variants.set(v, (variants.get(v) ?? 0) + 1);
      if (evaluateFlag(checklist, id).enabled) on += 1;
    }
    expect(variants.get(null)).toBeUndefined();
    expect(variants.get('control')! / 10_000).toBeCloseTo(0.5, 1);
    expect(variants.get('test')! / 10_000).toBeCloseTo(0.5, 1);
    expect(on / 10_000).toBeCloseTo(0.5, 1);
  });

  it('honours 0 % and 100 % rollouts and payloads', () => {
    const off: FlagDefinition = { key: 'off-flag', description: 'x', type: 'boolean', rolloutPercentage: 0 };
    const all: FlagDefinition = { key: 'all-flag', description: 'x', type: 'boolean', rolloutPercentage: 100, payloads: { true: { limit: 3 } } };
    fc.assert(fc.property(distinctId, (id) => {
      fc.pre(flagHash('off-flag', id) > 0);
      expect(evaluateFlag(off, id)).toMatchObject({ enabled: false, value: false, payload: undefined, reason: 'out_of_rollout_bound' });
      expect(evaluateFlag(all, id)).toMatchObject({ enabled: true, value: true, variant: null, payload: { limit: 3 } });
    }));
  });

  it('returns the variant as the value of an enabled multivariate flag', () => {
    const result = evaluateFlag(experiment, 'someone');
    expect(result.enabled).toBe(true);
    expect(['control', 'test']).toContain(result.value);
    expect(result.value).toBe(result.variant);
  });
});
