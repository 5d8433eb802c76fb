// View events (`trackView`: a step viewed, an experiment's variant seen) carry the time the view was shown, not the
// time React mounted it: a click on a server-rendered button before hydration must not come before the exposure.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { identify, reset, track, trackView } from './index';
import type { TelemetryState } from './state';

const SHOWN_AT = 1_800_000_000_000;

function stubPage(state: Partial<TelemetryState>): TelemetryState {
  const telemetry = { queue: [], landingUrl: 'https://orbit.test/pricing', referrer: '', crumbs: [], consent: 'granted', shownAt: SHOWN_AT, ...state } as TelemetryState;
  vi.stubGlobal('location', new URL('https://orbit.test/pricing'));
  vi.stubGlobal('window', { __orbit: { q: [], u: telemetry.landingUrl, telemetry } });
  return telemetry;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(SHOWN_AT + 900); // hydration, and the effect, 0.9 s after the page was shown
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('trackView', () => {
  it('before PostHog loads: queued with the time the view was shown', () => {
    const state = stubPage({});
    trackView('onboarding.step_viewed', { step: 'profile' });
    track('onboarding.step_completed' as never, { step: 'profile' } as never);
    expect(state.queue.map((i) => [i.kind === 'event' && i.name, i.at])).toEqual([
      ['onboarding.step_viewed', SHOWN_AT],
      ['onboarding.step_completed', SHOWN_AT + 900],
    ]);
  });

  it('with PostHog loaded: captured with the time the view was shown', () => {
    const calls: unknown[][] = [];
    stubPage({ trackValidated: (...args: unknown[]) => void calls.push(args) });
    trackView('pricing.experiment_viewed', { flag_key: 'pricing-page-layout', variant: 'test' });
    expect(calls).toEqual([['pricing.experiment_viewed', { flag_key: 'pricing-page-layout', variant: 'test' }, SHOWN_AT]]);
  });

  it('never stamps a time in the future, and sends nothing after a refusal', () => {
    const state = stubPage({ shownAt: SHOWN_AT + 60_000 });
    trackView('onboarding.step_viewed', { step: 'profile' });
    expect(state.queue[0]?.at).toBe(SHOWN_AT + 900);
    const refused = stubPage({ consent: 'denied' });
    trackView('onboarding.step_viewed', { step: 'profile' });
    expect(refused.queue).toEqual([]);
  });
});

describe('identify and reset after track()', () => {
  it('capture what track() still holds first: those events are about who was current when they happened', () => {
    const order: string[] = [];
    const posthog = { identify: (id: string) => order.push(`identify ${id}`), reset: () => order.push('reset') };
    stubPage({ posthog: posthog as never, flushTracks: () => order.push('flush') });
    identify('usr_1');
    reset();
    expect(order).toEqual(['flush', 'identify usr_1', 'flush', 'reset']);
  });
});
