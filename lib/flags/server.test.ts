// The server-side flag check on both variants: the same answer as lib/flags for the same id, through posthog-node's
// local evaluation against the local collector's definitions, and the code default when PostHog hangs.
import { afterEach, describe, expect, it } from 'vitest';
import { configureServerAnalytics, serverAnalytics } from '@/lib/analytics/server/client';
import { inProcessCollectorFetch } from '@/lib/analytics/server/local-collector-fetch';
import { FLAGS, type FlagDefinition } from './definitions';
import { evaluateFlag } from './evaluate';
import { flagValue, isFeatureEnabled } from './server';

const checklist = FLAGS[1] as FlagDefinition;
/** The first ids (user-0, user-1, …) for which the checklist flag is on, and off. */
function idsWith(on: boolean, n = 3): string[] {
  const ids: string[] = [];
  for (let i = 0; ids.length < n; i++) if (evaluateFlag(checklist, `usr_${i}`).enabled === on) ids.push(`usr_${i}`);
  return ids;
}

afterEach(async () => {
  await serverAnalytics().shutdown(0);
});

describe('isFeatureEnabled', () => {
  it('answers both variants of new-onboarding-checklist as lib/flags does (local evaluation, local mode)', async () => {
    configureServerAnalytics({ fetch: inProcessCollectorFetch });
    for (const id of idsWith(true)) expect(await isFeatureEnabled('new-onboarding-checklist', id), id).toBe(true);
    for (const id of idsWith(false)) expect(await isFeatureEnabled('new-onboarding-checklist', id), id).toBe(false);
    expect(['control', 'test']).toContain(await flagValue('pricing-page-layout', 'usr_0'));
    // The events these checks captured reach the collector (this file's database) now, not during the next test.
    await serverAnalytics().flush();
  });

  it('answers the code default when PostHog does not answer, without waiting for it', async () => {
    configureServerAnalytics({ mode: 'posthog', apiKey: 'phc_test', host: 'https://ph.example', personalApiKey: undefined, fetch: () => new Promise(() => {}) });
    const started = performance.now();
    const [on] = idsWith(true, 1);
    expect(await isFeatureEnabled('new-onboarding-checklist', on!)).toBe(true);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
