import { describe, expect, it } from 'vitest';
import { funnels, type FunnelDefinition } from '@/lib/analytics/insights';
import { computeFunnel, propertyMatches, type FunnelEvent } from './funnel';

const T0 = Date.parse('2026-11-01T10:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const pv = (distinct_id: string, path: string, minutes: number): FunnelEvent => ({
  event: '$pageview',
  distinct_id,
  timestamp: at(minutes),
  properties: { $current_url: `http://localhost:3000${path}?ref=x` },
});

const signup: FunnelDefinition = {
  key: 'test',
  name: 'Test',
  question: '',
  steps: [
    { event: '$pageview', label: 'Landing', path: '/' },
    { event: '$pageview', label: 'Sign-up', path: '/signup' },
    { event: 'pricing.plan_selected', label: 'Plan', properties: [{ key: 'plan', operator: 'exact', value: 'pro' }] },
  ],
  conversionWindow: { value: 1, unit: 'hour' },
};

describe('computeFunnel', () => {
  it('counts persons per step in order, within the window, merging the ids of one person', () => {
    const events: FunnelEvent[] = [
      // alice: anonymous id then identified id, all three steps in 20 minutes.
      pv('anon-a', '/', 0),
      pv('anon-a', '/signup', 5),
      { event: 'pricing.plan_selected', distinct_id: 'alice', timestamp: at(20), properties: { plan: 'pro' } },
      // bob: signs up before visiting the landing page, so his landing visit only starts an attempt afterwards.
      pv('bob', '/signup', 0),
      pv('bob', '/', 1),
      // carol: all steps but the last too late (window is one hour from the first step).
      pv('carol', '/', 0),
      pv('carol', '/signup', 30),
      { event: 'pricing.plan_selected', distinct_id: 'carol', timestamp: at(61), properties: { plan: 'pro' } },
      // dave: picks the wrong plan (property filter), then a second, later attempt that completes.
      pv('dave', '/', 0),
      pv('dave', '/signup', 1),
      { event: 'pricing.plan_selected', distinct_id: 'dave', timestamp: at(2), properties: { plan: 'free' } },
      pv('dave', '/', 200),
      pv('dave', '/signup', 201),
      { event: 'pricing.plan_selected', distinct_id: 'dave', timestamp: at(202), properties: { plan: 'pro' } },
      // noise: another event and another path.
      pv('erin', '/pricing', 0),
      { event: '$autocapture', distinct_id: 'erin', timestamp: at(1), properties: {} },
    ];
    const personOf = (id: string) => (id === 'anon-a' ? 'alice' : id);
    const r = computeFunnel(signup, events, personOf);

    expect(r.entered).toBe(4);
    expect(r.steps.map((s) => s.count)).toEqual([4, 3, 2]);
    expect(r.completed).toBe(2);
    expect(r.steps[1]!.conversionFromPrevious).toBeCloseTo(0.75);
    expect(r.steps[2]!.conversionFromStart).toBeCloseTo(0.5);
    expect(r.steps[0]!.droppedOff).toEqual(['bob']);
    expect(r.steps[1]!.droppedOff).toEqual(['carol']);
    expect(r.steps[2]!.converted.sort()).toEqual(['alice', 'dave']);
    // Median time signup → plan: alice 15 min, dave 1 min.
    expect(r.steps[2]!.medianMsFromPrevious).toBe(8 * 60_000);
    expect(r.steps[0]!.medianMsFromPrevious).toBeNull();
  });

  it('counts each person once whatever the number of attempts, and does not use one event for two steps', () => {
    const twice: FunnelDefinition = {
      ...signup,
      steps: [
        { event: '$pageview', label: 'a', path: '/**' },
        { event: '$pageview', label: 'b', path: '/**' },
      ],
    };
    const r = computeFunnel(twice, [pv('x', '/', 0), pv('y', '/', 0), pv('y', '/a', 1), pv('y', '/b', 2)]);
    expect(r.steps.map((s) => s.count)).toEqual([2, 1]);
  });

  it('answers zeros, not NaN, when nobody entered', () => {
    const r = computeFunnel(signup, []);
    expect(r.entered).toBe(0);
    expect(r.steps.map((s) => [s.count, s.conversionFromStart, s.conversionFromPrevious])).toEqual([
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
  });

  it("computes Orbit's own funnels from catalog events, step property filters included", () => {
    const onboarding = funnels.find((f) => f.key === 'onboarding')!;
    const ev = (distinct_id: string, event: string, minutes: number, properties: Record<string, unknown> = {}): FunnelEvent => ({ event, distinct_id, timestamp: at(minutes), properties });
    const events = [
      ev('u1', 'onboarding.step_viewed', 0, { step: 'profile' }),
      ev('u1', 'onboarding.step_viewed', 1, { step: 'workspace' }),
      ev('u1', 'onboarding.step_viewed', 2, { step: 'project' }),
      ev('u1', 'onboarding.completed', 3, { skipped_steps: [], workspace_id: 'ws_1' }),
      ev('u2', 'onboarding.step_viewed', 0, { step: 'profile' }),
      // Out of order: the project step before the workspace step does not count for the workspace step.
      ev('u2', 'onboarding.step_viewed', 1, { step: 'project' }),
    ];
    const r = computeFunnel(onboarding, events);
    expect(r.steps.map((s) => s.count)).toEqual([2, 1, 1, 1]);
  });
});

describe('unordered funnels', () => {
  it("count the checkout when the server's checkout.started is stored a few ms before the browser's plan_selected", () => {
    const checkout = funnels.find((f) => f.key === 'checkout')!;
    const ev = (event: string, ms: number): FunnelEvent => ({ event, distinct_id: 'u', timestamp: new Date(T0 + ms).toISOString(), properties: {} });
    // The browser event's timestamp is corrected by its request's latency, so it lands after the server's.
    const skewed = [ev('checkout.started', 0), ev('pricing.plan_selected', 40), ev('checkout.completed', 20_000)];
    expect(computeFunnel(checkout, skewed).steps.map((s) => s.count)).toEqual([1, 1, 1]);
    // Ordered, the same events lose the person after the first step: what the e2e run saw.
    expect(computeFunnel({ ...checkout, order: 'ordered' }, skewed).steps.map((s) => s.count)).toEqual([1, 0, 0]);
    // Step N counts persons who did any N of the steps, within the window.
    const partial = [ev('checkout.started', 0), ev('checkout.completed', 2 * 86_400_000)];
    expect(computeFunnel(checkout, partial).steps.map((s) => s.count)).toEqual([1, 0, 0]);
  });
});

describe('propertyMatches', () => {
  it('compares exactly (one value or a list) and numerically (gte/lte, numeric strings too)', () => {
    expect(propertyMatches({ step: 'profile' }, { key: 'step', operator: 'exact', value: 'profile' })).toBe(true);
    expect(propertyMatches({ step: 'project' }, { key: 'step', operator: 'exact', value: ['profile', 'workspace'] })).toBe(false);
    expect(propertyMatches({ status: 503 }, { key: 'status', operator: 'gte', value: 400 })).toBe(true);
    expect(propertyMatches({ status: '404' }, { key: 'status', operator: 'gte', value: 400 })).toBe(true);
    expect(propertyMatches({ status: 200 }, { key: 'status', operator: 'gte', value: 400 })).toBe(false);
    expect(propertyMatches({}, { key: 'status', operator: 'lte', value: 400 })).toBe(false);
  });
});
