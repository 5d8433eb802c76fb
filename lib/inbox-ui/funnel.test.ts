import { describe, expect, it } from 'vitest';
import type { FunnelDefinition } from '@/lib/analytics/funnels';
import { funnels } from '@/lib/analytics/funnels';
import { computeFunnel, globToRegExp, type FunnelEvent } from './funnel';

const T0 = Date.parse('2026-11-01T10:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const pv = (distinct_id: string, path: string, minutes: number): FunnelEvent => ({
  event: '$pageview',
  distinct_id,
  timestamp: at(minutes),
  properties: { $current_url: `http://localhost:3000${path}?ref=x` },
});

const signup: FunnelDefinition = {
  id: 'test',
  name: 'Test',
  description: '',
  steps: [
    { event: '$pageview', where: { path: '/' } },
    { event: '$pageview', where: { path: '/signup' } },
    { event: 'plan_chosen', where: { properties: { plan: 'pro' } } },
  ],
  conversionWindow: { value: 1, unit: 'hour' },
};

describe('globToRegExp', () => {
  it('matches one segment with * and any depth with **', () => {
    expect(globToRegExp('/checkout/*').test('/checkout/cs_123')).toBe(true);
    expect(globToRegExp('/checkout/*').test('/checkout/cs_123/done')).toBe(false);
    expect(globToRegExp('/checkout/*').test('/checkout')).toBe(false);
    expect(globToRegExp('/onboarding/**').test('/onboarding/a/b')).toBe(true);
    expect(globToRegExp('/').test('/')).toBe(true);
    expect(globToRegExp('/').test('/pricing')).toBe(false);
    expect(globToRegExp('/a.b').test('/axb')).toBe(false);
  });
});

describe('computeFunnel', () => {
  it('counts persons per step in order, within the window, merging the ids of one person', () => {
    const events: FunnelEvent[] = [
      // alice: anonymous id then identified id, all three steps in 20 minutes.
      pv('anon-a', '/', 0),
      pv('anon-a', '/signup', 5),
      { event: 'plan_chosen', distinct_id: 'alice', timestamp: at(20), properties: { plan: 'pro' } },
      // bob: signs up before visiting the landing page, so his landing visit only starts an attempt afterwards.
      pv('bob', '/signup', 0),
      pv('bob', '/', 1),
      // carol: all steps but the last too late (window is one hour from the first step).
      pv('carol', '/', 0),
      pv('carol', '/signup', 30),
      { event: 'plan_chosen', distinct_id: 'carol', timestamp: at(61), properties: { plan: 'pro' } },
      // dave: picks the wrong plan (property filter), then a second, later attempt that completes.
      pv('dave', '/', 0),
      pv('dave', '/signup', 1),
      { event: 'plan_chosen', distinct_id: 'dave', timestamp: at(2), properties: { plan: 'free' } },
      pv('dave', '/', 200),
      pv('dave', '/signup', 201),
      { event: 'plan_chosen', distinct_id: 'dave', timestamp: at(202), properties: { plan: 'pro' } },
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
        { event: '$pageview', where: { path: '/**' } },
        { event: '$pageview', where: { path: '/**' } },
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

  it("computes Orbit's own funnels from a real-looking journey", () => {
    const onboarding = funnels.find((f) => f.id === 'onboarding')!;
    const events = [
      pv('u1', '/onboarding/workspace', 0),
      pv('u1', '/onboarding/profile', 1),
      pv('u1', '/onboarding/project', 2),
      pv('u1', '/dashboard', 3),
      pv('u2', '/onboarding/workspace', 0),
      pv('u2', '/dashboard', 90),
    ];
    const r = computeFunnel(onboarding, events);
    expect(r.steps.map((s) => s.count)).toEqual([2, 1, 1, 1]);
  });
});
