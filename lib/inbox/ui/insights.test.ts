import { describe, expect, it } from 'vitest';
import { cohorts, trends, type TrendDefinition } from '@/lib/analytics/insights';
import type { FunnelEvent } from './funnel';
import { computeCohort, computeTrend, evaluateFormula, p95 } from './insights';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const daysAgo = (d: number, hour = 10) => new Date(Date.parse('2026-11-20T00:00:00Z') - d * 86_400_000 + hour * 3_600_000).toISOString();
const ev = (event: string, distinct_id: string, d: number, properties: Record<string, unknown> = {}): FunnelEvent => ({ event, distinct_id, timestamp: daysAgo(d), properties });
const trend = (key: string) => trends.find((t) => t.key === key)! as TrendDefinition;

describe('evaluateFormula and p95', () => {
  it('follows arithmetic precedence, yields null on a division by zero, and refuses anything but arithmetic', () => {
    expect(evaluateFormula('B / A * 100', { A: 4, B: 1 })).toBe(25);
    expect(evaluateFormula('(A + B) * 2 - 1', { A: 1, B: 2 })).toBe(5);
    expect(evaluateFormula('B / A * 100', { A: 0, B: 0 })).toBeNull();
    expect(() => evaluateFormula('process.exit()', {})).toThrow(/Unsupported/);
  });
  it('interpolates the 95th percentile', () => {
    expect(p95([])).toBeNull();
    expect(p95([10])).toBe(10);
    expect(p95(Array.from({ length: 101 }, (_, i) => i))).toBe(95);
    expect(p95([0, 100])).toBe(95);
  });
});

describe('computeTrend', () => {
  it('counts per day bucket and sums the range', () => {
    const r = computeTrend(trend('sign-ups'), [ev('auth.signed_up', 'a', 0), ev('auth.signed_up', 'b', 0), ev('auth.signed_up', 'c', 3), ev('auth.signed_up', 'd', 40), ev('task.created', 'a', 0)], undefined, NOW);
    expect(r.buckets).toHaveLength(30);
    expect(r.buckets.at(-1)).toBe('2026-11-20');
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]!.values.at(-1)).toBe(2);
    expect(r.rows[0]!.values.at(-4)).toBe(1);
    expect(r.rows[0]!.summary).toBe(3);
  });

  it('counts active persons once across their merged ids, over 1, 7 and 30 days', () => {
    const events = [ev('$pageview', 'anon-1', 0), ev('task.created', 'user-1', 0), ev('$pageview', 'user-2', 5), ev('$pageview', 'user-3', 20)];
    const personOf = (id: string) => (id === 'anon-1' ? 'user-1' : id);
    const r = computeTrend(trend('active-users'), events, personOf, NOW);
    expect(r.rows.map((row) => [row.label, row.summary])).toEqual([
      ['Daily active', 1],
      ['Weekly active', 2],
      ['Monthly active', 3],
    ]);
  });

  it('computes the checkout conversion formula per day and over the range', () => {
    const events = [ev('checkout.started', 'a', 1), ev('checkout.started', 'b', 1), ev('checkout.completed', 'a', 1), ev('checkout.started', 'c', 0)];
    const r = computeTrend(trend('checkout-conversion'), events, undefined, NOW);
    expect(r.rows[0]!.values.at(-2)).toBe(50);
    expect(r.rows[0]!.values.at(-1)).toBe(0);
    expect(r.rows[0]!.values.at(-3)).toBeNull();
    expect(r.rows[0]!.summary).toBeCloseTo(100 / 3);
  });

  it('weights sampled api.request by 1 / sample_rate for the error rate, and breaks p95 down by route', () => {
    const req = (endpoint: string, status: number, duration_ms: number) => ev('api.request', 'u', 0, { endpoint, status, duration_ms, sample_rate: 0.5 });
    const events = [req('/api/projects', 200, 10), req('/api/projects', 500, 30), req('/api/tasks', 200, 100), req('/api/tasks', 200, 300)];
    const rate = computeTrend(trend('api-error-rate'), events, undefined, NOW);
    expect(rate.rows.map((r) => [r.breakdown, r.summary])).toEqual([
      ['/api/projects', 50],
      ['/api/tasks', 0],
    ]);
    const latency = computeTrend(trend('api-latency-p95'), events, undefined, NOW);
    expect(latency.rows.map((r) => [r.breakdown, r.summary])).toEqual([
      ['/api/tasks', 290],
      ['/api/projects', 29],
    ]);
  });
});

describe('computeTrend with sums', () => {
  it("sums the catalog drift reports' counts per day, whatever the reports' number", () => {
    const report = (d: number, counts: Record<string, number>) => ev('analytics.catalog_drift', 'orbit_server', d, { unknown_event: 0, schema: 0, wrong_side: 0, findings: 0, ...counts });
    const events = [report(0, { unknown_event: 2, findings: 2 }), report(0, { schema: 3, wrong_side: 1, findings: 4 }), report(2, { schema: 1, findings: 1 })];
    const r = computeTrend(trend('catalog-drift'), events, undefined, NOW);
    expect(r.rows.map((row) => [row.label, row.values.at(-1), row.summary])).toEqual([
      ['Unknown event names', 2, 2],
      ['Schema failures', 3, 4],
      ['Server-only events from the browser', 1, 1],
      ['Events with drift', 6, 7],
    ]);
  });
});

describe('computeCohort', () => {
  const cohort = (key: string) => cohorts.find((c) => c.key === key)!;
  it('activated users did every criterion in the window; at-risk users were active before 14 days and not since', () => {
    const events = [
      ev('onboarding.completed', 'a', 3, { skipped_steps: [], workspace_id: 'ws_a' }),
      ev('task.completed', 'a', 2),
      ev('onboarding.completed', 'b', 3, { skipped_steps: [], workspace_id: 'ws_b' }),
      ev('$pageview', 'c', 30),
      ev('$pageview', 'd', 30),
      ev('$pageview', 'd', 1),
    ];
    expect(computeCohort(cohort('activated-users'), events, undefined, NOW).members).toEqual(['a']);
    expect(computeCohort(cohort('at-risk'), events, undefined, NOW).members).toEqual(['c']);
  });
  it('paying workspaces are the workspace ids of completed checkouts', () => {
    const events = [ev('checkout.completed', 'a', 3, { workspace_id: 'ws_1' }), ev('checkout.completed', 'b', 3, { workspace_id: 'ws_1' }), ev('checkout.started', 'c', 3, { workspace_id: 'ws_2' })];
    expect(computeCohort(cohort('paying-workspaces'), events, undefined, NOW).members).toEqual(['ws_1']);
  });
});
