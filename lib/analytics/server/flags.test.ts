// Server flag evaluation: posthog-node's local evaluation against the local collector's definitions in local mode,
// PostHog's answer with a key, code defaults (and a `flags.fallback_used` report) when PostHog is slow.
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { inboxEvents } from '@/lib/db/schema';
import { evaluateFlags } from '@/lib/flags/evaluate';
import { POSTHOG_LOCAL_KEY, POSTHOG_LOCAL_PERSONAL_KEY } from '@/lib/analytics/constants';
import { configureServerAnalytics, serverAnalytics } from './client';
import type { ServerAnalyticsConfig } from './config';
import { inProcessCollectorFetch } from './local-collector-fetch';
import { getServerFlags } from './flags';

type FetchFn = NonNullable<ServerAnalyticsConfig['fetch']>;

afterEach(async () => {
  await serverAnalytics().shutdown(0);
  await db.delete(inboxEvents);
});

describe('getServerFlags', () => {
  it("evaluates locally in local mode: posthog-node fetches the collector's definitions once and agrees with lib/flags", async () => {
    const requests: { url: string; method: string; auth: string | null }[] = [];
    const recording: FetchFn = async (url, options) => {
      requests.push({ url, method: options.method, auth: new Headers(options.headers as HeadersInit).get('authorization') });
      return inProcessCollectorFetch(url, options);
    };
    configureServerAnalytics({ fetch: recording });
    const ids = Array.from({ length: 40 }, (_, i) => `visitor-${i}`);
    for (const id of ids) {
      const flags = await getServerFlags(id, { timeoutMs: 5_000 });
      expect(flags.source).toBe('posthog-local');
      for (const [key, result] of Object.entries(evaluateFlags(id))) expect(flags.featureFlags[key], `${key} for ${id}`).toBe(result.value);
    }
    const definitions = requests.filter((r) => r.url.includes('/flags/definitions'));
    expect(definitions).toEqual([
      { url: `http://orbit.local/ingest/flags/definitions?token=${POSTHOG_LOCAL_KEY}&send_cohorts`, method: 'GET', auth: `Bearer ${POSTHOG_LOCAL_PERSONAL_KEY}` },
    ]);
    // Local evaluation: no /flags request per call.
    expect(requests.filter((r) => /\/flags\/?\?/.test(r.url))).toEqual([]);
  });

  it('the collector refuses flag definitions without a bearer key, like PostHog', async () => {
    const { ingestHandler } = await import('@/lib/inbox/collector/posthog-endpoints');
    const url = `http://orbit.local/ingest/api/feature_flag/local_evaluation?token=${POSTHOG_LOCAL_KEY}`;
    const refused = await ingestHandler('GET')(new Request(url), { path: ['api', 'feature_flag', 'local_evaluation'] });
    expect(refused.status).toBe(401);
    const ok = await ingestHandler('GET')(new Request(url, { headers: { authorization: 'Bearer phx_x' } }), { path: ['api', 'feature_flag', 'local_evaluation'] });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { flags: Array<{ key: string; active: boolean; filters: { groups: unknown[]; multivariate: unknown } }> };
    expect(body.flags.map((f) => f.key)).toEqual(['pricing-page-layout', 'new-onboarding-checklist']);
    expect(body.flags[1]).toMatchObject({ active: true, filters: { groups: [{ properties: [], rollout_percentage: 50 }], multivariate: null } });
  });

  it('falls back to the code defaults when PostHog hangs, and reports it as flags.fallback_used, at most once per interval', async () => {
    // /flags never answers; captures reach the local collector, so the report can be read back.
    const hanging: FetchFn = (url, options) => (/\/flags\/?\?/.test(url) ? new Promise(() => {}) : inProcessCollectorFetch(url, options));
    const analytics = configureServerAnalytics({ mode: 'posthog', apiKey: 'phc_test', host: 'https://ph.example/ingest', personalApiKey: undefined, fetch: hanging, reliabilityReportIntervalMs: 60_000 });
    for (let i = 0; i < 3; i++) expect((await getServerFlags(`visitor-hang-${i}`, { timeoutMs: 30 })).source).toBe('fallback');
    await analytics.flush();
    await analytics.flush();
    const reports = await db.select().from(inboxEvents).where(eq(inboxEvents.event, 'flags.fallback_used'));
    // The first fallback is reported right away; the next ones wait for the next interval instead of one event each.
    expect(reports.map((r) => r.properties)).toEqual([expect.objectContaining({ reason: 'timeout', count: 1, $process_person_profile: false })]);
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
