import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insights, type Insights } from '..';
import { POSTHOG_KEY, POSTHOG_PROJECT, SENTRY_ORG, SENTRY_PROJECT, SENTRY_TOKEN, startFakeApi, type FakeApi } from '@/test-support/fake-provision-api';
import { formatReport, plan, provision, provisionConfig, type ProvisionReport } from '.';

let fake: FakeApi;
beforeEach(async () => {
  fake = await startFakeApi();
});
afterEach(async () => {
  await fake.close();
});

const configFor = (f: FakeApi) =>
  provisionConfig({
    POSTHOG_PERSONAL_API_KEY: POSTHOG_KEY,
    POSTHOG_PROJECT_ID: POSTHOG_PROJECT,
    POSTHOG_API_HOST: f.url,
    SENTRY_AUTH_TOKEN: SENTRY_TOKEN,
    SENTRY_ORG,
    SENTRY_PROJECT,
    SENTRY_URL: f.url,
  });

const outcomes = (r: ProvisionReport) => r.results.reduce<Record<string, number>>((acc, x) => ({ ...acc, [x.outcome]: (acc[x.outcome] ?? 0) + 1 }), {});
const writes = (f: FakeApi) => f.requests.filter((r) => r.method !== 'GET');
const total = plan().length;

describe('provision', () => {
  it('creates every insight, dashboard, cohort and alert with the documented method, path, auth and body', async () => {
    const report = await provision({ config: configFor(fake), dryRun: false });
    expect(fake.violations).toEqual([]);
    expect(outcomes(report)).toEqual({ created: total });
    const n = insights;
    expect(fake.store.cohorts).toHaveLength(n.cohorts.length);
    expect(fake.store.dashboards).toHaveLength(n.dashboards.length);
    expect(fake.store.insights).toHaveLength(n.funnels.length + n.trends.length);
    expect(fake.store.alerts).toHaveLength(n.alerts.posthog.length);
    expect(fake.store.rules).toHaveLength(n.alerts.sentryIssue.length);
    expect(fake.store['alert-rules']).toHaveLength(n.alerts.sentryMetric.length);

    // Every call carries its system's bearer token, and only its own.
    for (const r of fake.requests) {
      expect(r.authorization, r.path).toBe(r.path.startsWith('/api/0/') ? `Bearer ${SENTRY_TOKEN}` : `Bearer ${POSTHOG_KEY}`);
    }
    expect([...new Set(writes(fake).map((r) => `${r.method} ${r.path}`))].sort()).toEqual([
      `POST /api/0/organizations/${SENTRY_ORG}/alert-rules/`,
      `POST /api/0/projects/${SENTRY_ORG}/${SENTRY_PROJECT}/rules/`,
      `POST /api/projects/${POSTHOG_PROJECT}/alerts/`,
      `POST /api/projects/${POSTHOG_PROJECT}/cohorts/`,
      `POST /api/projects/${POSTHOG_PROJECT}/dashboards/`,
      `POST /api/projects/${POSTHOG_PROJECT}/insights/`,
    ]);

    // Insights land on the dashboards that list them; alerts watch the right insight and notify the key's owner.
    const byName = (name: string) => fake.store.insights.find((i) => i.name === name)!;
    const dash = (name: string) => fake.store.dashboards.find((d) => d.name === name)!.id;
    expect(byName('Acquisition → activation').dashboards).toEqual([dash('Executive'), dash('Activation')].sort());
    expect(byName('API p95 latency by route').dashboards).toEqual([dash('Reliability')]);
    const conversion = fake.store.alerts.find((a) => String(a.name).startsWith('Checkout conversion dropped'))!;
    expect(conversion).toMatchObject({ insight: byName('Checkout conversion').id, subscribed_users: [7], condition: { type: 'relative_decrease' } });
    // Catalog drift: a Reliability tile summing the report's counts, and an alert on any drift at all.
    expect(byName('Catalog drift').dashboards).toEqual([dash('Reliability')]);
    const driftSeries = (byName('Catalog drift') as unknown as { query: { source: { series: object[] } } }).query.source.series;
    expect(driftSeries[3]).toMatchObject({ event: 'analytics.catalog_drift', math: 'sum', math_property: 'findings' });
    expect(fake.store.alerts.find((a) => String(a.name).startsWith('Catalog drift in production'))).toMatchObject({
      insight: byName('Catalog drift').id,
      condition: { type: 'absolute_value' },
      threshold: { configuration: { type: 'absolute', bounds: { upper: 0 } } },
      config: { type: 'TrendsAlertConfig', series_index: 3 },
    });
    const funnel = byName('Checkout') as unknown as { query: { source: { kind: string; series: { event: string }[] } } };
    expect(funnel.query.source.kind).toBe('FunnelsQuery');
    expect(funnel.query.source.series.map((s) => s.event)).toEqual(['pricing.plan_selected', 'checkout.started', 'checkout.completed']);
    expect(fake.store.rules.map((r) => r.name)).toEqual(['New issue [orbit:issue-rule:new-issue]', 'Any error in checkout [orbit:issue-rule:checkout-error]']);
    expect(fake.store['alert-rules'].find((r) => String(r.name).startsWith('Billing webhook'))).toMatchObject({
      dataset: 'transactions',
      aggregate: 'p95(transaction.duration)',
      query: 'transaction:"POST /api/webhooks/stripe"',
      projects: [SENTRY_PROJECT],
    });
  });

  it('is idempotent: a second run finds its objects by key, changes nothing and creates nothing', async () => {
    await provision({ config: configFor(fake), dryRun: false });
    const before = JSON.stringify(fake.store);
    const firstWrites = writes(fake).length;
    const second = await provision({ config: configFor(fake), dryRun: false });
    expect(fake.violations).toEqual([]);
    expect(outcomes(second)).toEqual({ unchanged: total });
    expect(writes(fake)).toHaveLength(firstWrites);
    expect(JSON.stringify(fake.store)).toBe(before);
    expect(formatReport(second)).toContain(`0 created, 0 updated, ${total} unchanged.`);
  });

  it('updates in place what changed in code (a renamed trend, a new threshold) and leaves hand-made objects alone', async () => {
    fake.store.insights.push({ id: 1, name: 'Sign-ups', description: 'made by hand', query: {}, dashboards: [], saved: true });
    fake.store.rules.push({ id: 2, name: 'New issue', conditions: [], actions: [] });
    await provision({ config: configFor(fake), dryRun: false });
    const changed: Insights = {
      ...insights,
      trends: insights.trends.map((t) => (t.key === 'sign-ups' ? { ...t, name: 'New accounts' } : t)),
      alerts: { ...insights.alerts, sentryMetric: insights.alerts.sentryMetric.map((a) => (a.key === 'webhook-p95' ? { ...a, critical: 8000 } : a)) },
    };
    const report = await provision({ config: configFor(fake), dryRun: false, all: changed });
    expect(fake.violations).toEqual([]);
    expect(report.results.filter((r) => r.outcome !== 'unchanged').map((r) => `${r.outcome} ${r.kind} ${r.key}`)).toEqual(['updated insight trend-sign-ups', 'updated metric-rule webhook-p95']);
    expect(fake.store.insights.filter((i) => i.name === 'New accounts')).toHaveLength(1);
    expect(fake.store.insights.find((i) => i.id === 1)).toMatchObject({ name: 'Sign-ups', description: 'made by hand' });
    expect(fake.store.rules.find((r) => r.id === 2)).toMatchObject({ name: 'New issue', conditions: [] });
    expect(writes(fake).filter((r) => r.method === 'PATCH').map((r) => r.path)).toEqual([expect.stringMatching(new RegExp(`^/api/projects/${POSTHOG_PROJECT}/insights/\\d+/$`))]);
    expect(writes(fake).filter((r) => r.method === 'PUT').map((r) => r.path)).toEqual([expect.stringMatching(new RegExp(`^/api/0/organizations/${SENTRY_ORG}/alert-rules/\\d+/$`))]);
  });

  it('--dry-run with credentials only reads: it says what it would create or update', async () => {
    const report = await provision({ config: configFor(fake), dryRun: true });
    expect(writes(fake)).toEqual([]);
    expect(outcomes(report)).toEqual({ 'would create': total });
    expect(formatReport(report)).toContain(`Dry run: ${total} to create, 0 to update, 0 unchanged.`);
  });

  it('without credentials it sends nothing and prints the full plan', async () => {
    const config = provisionConfig({});
    let calls = 0;
    const report = await provision({
      config,
      dryRun: false,
      fetch: async () => {
        calls++;
        throw new Error('no network expected');
      },
    });
    expect(calls).toBe(0);
    expect(report.results).toEqual([]);
    const text = formatReport(report);
    for (const name of ['Acquisition → activation', 'Checkout', 'Activated users', 'Paying workspaces', 'At risk', 'Executive', 'Reliability', 'Checkout conversion dropped', 'New issue', 'Billing webhook p95 latency']) {
      expect(text).toContain(name);
    }
    expect(text).toContain('Skipped PostHog: set POSTHOG_PERSONAL_API_KEY and POSTHOG_PROJECT_ID');
    expect(text.split('\n').filter((l) => l.startsWith('  plan'))).toHaveLength(total);
  });

  it('stops with the failing call and status on an API error, and never prints the token', async () => {
    const config = configFor(fake);
    const bad = { ...config, posthog: { ...config.posthog!, apiKey: 'phx_wrong_key' }, sentry: null };
    const error = await provision({ config: bad, dryRun: false }).then(
      () => new Error('resolved'),
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(new RegExp(`GET ${fake.url}/api/projects/${POSTHOG_PROJECT}/\\w+/\\?limit=100 → 401`));
    expect(error.message).not.toContain('phx_wrong_key');
    expect(fake.store.insights).toEqual([]);
  });

  it('refuses a malformed project id at the boundary', () => {
    expect(() => provisionConfig({ POSTHOG_PERSONAL_API_KEY: 'phx', POSTHOG_PROJECT_ID: '42; drop' })).toThrow(/numeric project id/);
  });
});
