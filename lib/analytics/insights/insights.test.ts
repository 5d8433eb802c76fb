import { describe, expect, it } from 'vitest';
import { alerts, checkInsights, cohorts, dashboards, funnels, insights, trends, type Insights } from '.';

const withFunnelStep = (step: Record<string, unknown>): Insights => ({
  ...insights,
  funnels: [...insights.funnels, { key: 'x', name: 'X', question: '', conversionWindow: { value: 1, unit: 'day' }, steps: [{ event: 'auth.signed_up', label: 'a' }, step as never] }],
});

describe('insight definitions', () => {
  it('name only catalog events and properties, with valid values, and reference each other consistently', () => {
    expect(checkInsights()).toEqual([]);
  });

  it('cover the funnels, trends, cohorts, dashboards and alerts the team asked for', () => {
    expect(funnels.map((f) => f.key)).toEqual(['acquisition', 'checkout', 'onboarding']);
    expect(funnels[0].steps.map((s) => s.event)).toEqual(['marketing.visit_landing', 'marketing.cta_clicked', 'auth.signed_up', 'onboarding.completed', 'task.completed']);
    expect(funnels[1].steps.map((s) => s.event)).toEqual(['pricing.plan_selected', 'checkout.started', 'checkout.completed']);
    expect(trends.map((t) => t.key)).toEqual(expect.arrayContaining(['active-users', 'sign-ups', 'projects-and-tasks', 'checkout-conversion', 'errors-by-category', 'api-error-rate', 'api-latency-p95']));
    expect(cohorts.map((c) => c.key)).toEqual(['activated-users', 'paying-workspaces', 'at-risk']);
    expect(dashboards.map((d) => d.name)).toEqual(['Executive', 'Activation', 'Revenue', 'Reliability']);
    expect([...alerts.posthog, ...alerts.sentryIssue, ...alerts.sentryMetric].map((a) => a.key)).toEqual([
      'checkout-conversion-drop',
      'api-error-spike',
      'catalog-drift',
      'new-issue',
      'checkout-error',
      'error-rate-spike',
      'checkout-p95',
      'webhook-p95',
    ]);
  });

  it('fails on an event outside the catalog', () => {
    expect(checkInsights(withFunnelStep({ event: 'user.signed_up', label: 'b' }))).toEqual(['funnel x step 2: "user.signed_up" is not in the event catalog']);
  });

  it('fails on a property the event does not have, or a value its schema refuses', () => {
    expect(checkInsights(withFunnelStep({ event: 'onboarding.step_viewed', label: 'b', properties: [{ key: 'stage', operator: 'exact', value: 'profile' }] }))).toEqual([
      'funnel x step 2: "onboarding.step_viewed" has no property "stage"',
    ]);
    expect(checkInsights(withFunnelStep({ event: 'onboarding.step_viewed', label: 'b', properties: [{ key: 'step', operator: 'exact', value: 'billing' }] }))).toEqual([
      'funnel x step 2: "billing" is not a valid "onboarding.step_viewed".step',
    ]);
  });

  it('fails on a breakdown or percentile property outside the catalog, and on a dangling reference', () => {
    const broken: Insights = {
      ...insights,
      trends: [
        ...insights.trends,
        { key: 'bad', name: 'Bad', question: '', interval: 'day', range: 7, unit: 'ms', breakdown: 'route', series: [{ event: 'api.request', label: 'p95', math: { p95: 'latency' } }] },
      ],
      dashboards: [{ key: 'd', name: 'D', question: '', items: [{ kind: 'trend', key: 'nope' }] }],
    };
    expect(checkInsights(broken)).toEqual([
      'trend bad series 1: "api.request" has no property "latency"',
      'trend bad series 1: "api.request" has no property "route"',
      'dashboard d: no trend "nope"',
    ]);
  });
});

describe('docs/dashboards.md', () => {
  it('documents every dashboard, funnel, trend, cohort and alert', async () => {
    const { readFile } = await import('node:fs/promises');
    const doc = await readFile(new URL('../../../docs/dashboards.md', import.meta.url), 'utf8');
    const keys = [...funnels, ...trends, ...cohorts, ...alerts.posthog, ...alerts.sentryIssue, ...alerts.sentryMetric].map((d) => `(\`${d.key}\`)`);
    for (const k of keys) expect(doc, k).toContain(k);
    for (const d of dashboards) expect(doc).toContain(`**${d.name}**`);
  });
});
