// Every insight definition, and the check that they only name what the event catalog defines.
import { z } from 'zod';
import { catalog, isEventName, type EventDefinition } from '@/lib/analytics/catalog';
import { alerts } from './alerts';
import { cohorts } from './cohorts';
import { dashboards } from './dashboards';
import { funnels } from './funnels';
import { trends } from './trends';
import type { AlertDefinitions, CohortDefinition, DashboardDefinition, FunnelDefinition, InsightRef, PropertyFilter, TrendDefinition } from './types';

export { alerts, cohorts, dashboards, funnels, trends };
export * from './types';
export { funnelByKey, windowMs, type FunnelKey } from './funnels';

export const insights = {
  funnels: funnels as readonly FunnelDefinition[],
  trends: trends as readonly TrendDefinition[],
  cohorts: cohorts as readonly CohortDefinition[],
  dashboards: dashboards as readonly DashboardDefinition[],
  alerts: alerts as AlertDefinitions,
};

export type Insights = typeof insights;

/** The definition an item of a dashboard points at. */
export function resolveRef(ref: InsightRef, all: Insights = insights): FunnelDefinition | TrendDefinition | CohortDefinition | undefined {
  if (ref.kind === 'funnel') return all.funnels.find((f) => f.key === ref.key);
  if (ref.kind === 'trend') return all.trends.find((t) => t.key === ref.key);
  return all.cohorts.find((c) => c.key === ref.key);
}

function checkProperties(where: string, event: string | null, filters: readonly PropertyFilter[] | undefined, extra: string[] = []): string[] {
  const problems: string[] = [];
  const keys = [...(filters ?? []).map((f) => ({ key: f.key, value: f.value as unknown })), ...extra.map((key) => ({ key, value: undefined }))];
  if (!keys.length) return problems;
  if (event === null) return [`${where}: property filters need an event`];
  if (event === '$pageview') return keys.map((k) => `${where}: $pageview has no catalog property "${k.key}" (use path)`);
  if (!isEventName(event)) return problems;
  const shape = (catalog[event] as EventDefinition).schema.shape;
  for (const { key, value } of keys) {
    const schema = shape[key];
    if (!schema) {
      problems.push(`${where}: "${event}" has no property "${key}"`);
      continue;
    }
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) {
      if (!z.safeParse(schema, v).success) problems.push(`${where}: ${JSON.stringify(v)} is not a valid "${event}".${key}`);
    }
  }
  return problems;
}

function checkEvent(where: string, event: string | null): string[] {
  if (event === null || event === '$pageview' || isEventName(event)) return [];
  return [`${where}: "${event}" is not in the event catalog`];
}

/** Everything wrong with the definitions: unknown events, properties, values, keys; empty when all is well. */
export function checkInsights(all: Insights = insights): string[] {
  const problems: string[] = [];
  const unique = (kind: string, keys: string[]) => {
    const seen = new Set<string>();
    for (const k of keys) {
      if (seen.has(k)) problems.push(`${kind} "${k}" is defined twice`);
      if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(k)) problems.push(`${kind} key "${k}" is not kebab-case`);
      seen.add(k);
    }
  };
  unique('funnel', all.funnels.map((f) => f.key));
  unique('trend', all.trends.map((t) => t.key));
  unique('cohort', all.cohorts.map((c) => c.key));
  unique('dashboard', all.dashboards.map((d) => d.key));
  unique('alert', [...all.alerts.posthog, ...all.alerts.sentryIssue, ...all.alerts.sentryMetric].map((a) => a.key));

  for (const f of all.funnels) {
    if (f.steps.length < 2) problems.push(`funnel ${f.key}: needs at least two steps`);
    f.steps.forEach((s, i) => {
      const where = `funnel ${f.key} step ${i + 1}`;
      problems.push(...checkEvent(where, s.event), ...checkProperties(where, s.event, s.properties));
      if (s.path && s.event !== '$pageview') problems.push(`${where}: path only applies to $pageview`);
    });
  }
  for (const t of all.trends) {
    t.series.forEach((s, i) => {
      const where = `trend ${t.key} series ${i + 1}`;
      const extra = [...(typeof s.math === 'object' ? ['sum' in s.math ? s.math.sum : s.math.p95] : []), ...(s.math === 'weighted_total' ? ['sample_rate'] : []), ...(t.breakdown && s.event ? [t.breakdown] : [])];
      problems.push(...checkEvent(where, s.event), ...checkProperties(where, s.event, s.properties, extra));
    });
    if (t.formula && !/^[A-Z\s\d.*/+()-]+$/.test(t.formula)) problems.push(`trend ${t.key}: formula "${t.formula}" uses more than series letters and arithmetic`);
    for (const letter of t.formula?.match(/[A-Z]/g) ?? []) {
      if (letter.charCodeAt(0) - 65 >= t.series.length) problems.push(`trend ${t.key}: formula names series ${letter}, which does not exist`);
    }
  }
  for (const c of all.cohorts) {
    c.criteria.forEach((k, i) => {
      const where = `cohort ${c.key} criterion ${i + 1}`;
      problems.push(...checkEvent(where, k.event), ...checkProperties(where, k.event, k.properties, c.unit === 'workspace' && k.event ? ['workspace_id'] : []));
      if (c.unit === 'workspace' && !k.event) problems.push(`${where}: a workspace cohort needs an event with workspace_id`);
    });
  }
  for (const d of all.dashboards) {
    for (const ref of d.items) if (!resolveRef(ref, all)) problems.push(`dashboard ${d.key}: no ${ref.kind} "${ref.key}"`);
  }
  for (const a of all.alerts.posthog) {
    const trend = all.trends.find((t) => t.key === a.trend);
    if (!trend) problems.push(`alert ${a.key}: no trend "${a.trend}"`);
    else if (a.seriesIndex >= (trend.formula ? 1 : trend.series.length)) problems.push(`alert ${a.key}: trend ${a.trend} has no series ${a.seriesIndex}`);
    if (trend?.breakdown) problems.push(`alert ${a.key}: PostHog alerts need a trend without breakdown`);
  }
  return problems;
}
