// Server flag evaluation: code flags in local mode, PostHog's answer with a key, code defaults when PostHog is slow.
import { afterEach, describe, expect, it } from 'vitest';
import { evaluateFlags } from '@/lib/flags/evaluate';
import { configureServerAnalytics, serverAnalytics } from './client';
import { getServerFlags } from './flags';

afterEach(async () => {
  await serverAnalytics().shutdown(0);
});

describe('getServerFlags', () => {
  it('answers with the code-defined flags in local mode', async () => {
    configureServerAnalytics({});
    const flags = await getServerFlags('visitor-1');
    expect(flags.source).toBe('code');
    expect(flags.featureFlags['pricing-page-layout']).toBe(evaluateFlags('visitor-1')['pricing-page-layout']!.value);
  });

  it("uses PostHog's remote answer with a key (the /flags request shape is checked), code defaults for unknown flags", async () => {
    const requests: { url: string; body: unknown }[] = [];
    configureServerAnalytics({
      mode: 'posthog',
      apiKey: 'phc_test',
      host: 'https://ph.example',
      personalApiKey: undefined,
      fetch: async (url, options) => {
        requests.push({ url, body: JSON.parse(String(options.body)) });
        const body = { flags: { 'pricing-page-layout': { key: 'pricing-page-layout', enabled: true, variant: 'test', metadata: { payload: null } } } };
        return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
      },
    });
    const flags = await getServerFlags('visitor-2');
    expect(requests[0]?.url).toMatch(/^https:\/\/ph\.example\/flags\/\?v=2/);
    expect(requests[0]?.body).toMatchObject({ token: 'phc_test', distinct_id: 'visitor-2' });
    expect(flags.source).toBe('posthog-remote');
    expect(flags.featureFlags['pricing-page-layout']).toBe('test');
    expect(flags.featureFlags).toHaveProperty('new-onboarding-checklist');
  });

  it('falls back to the code defaults when PostHog does not answer in time', async () => {
    configureServerAnalytics({
      mode: 'posthog',
      apiKey: 'phc_test',
      host: 'https://ph.example',
      fetch: () => new Promise(() => {}),
    });
    const started = performance.now();
    const flags = await getServerFlags('visitor-3', { timeoutMs: 50 });
    expect(flags.source).toBe('fallback');
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(flags.featureFlags['pricing-page-layout']).toBe(evaluateFlags('visitor-3')['pricing-page-layout']!.value);
  });
});
