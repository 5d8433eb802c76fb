// Writes the insight definitions into a PostHog project through its REST API, idempotently.
// Endpoints and bodies as PostHog documents them (https://posthog.com/docs/api/insights, /docs/api/dashboards,
// /docs/api/cohorts, /docs/api/alerts; personal API key as `Authorization: Bearer`):
//   GET/POST /api/projects/:project_id/insights/, PATCH …/insights/:id/ — `{ name, description, query, dashboards }`
//     where `query` is `{ kind: 'InsightVizNode', source: TrendsQuery | FunnelsQuery }`;
//   GET/POST /api/projects/:project_id/dashboards/, PATCH …/dashboards/:id/ — `{ name, description }`; an insight
//     joins dashboards through its own `dashboards` ids;
//   GET/POST /api/projects/:project_id/cohorts/, PATCH …/cohorts/:id/ — `{ name, description, is_static: false,
//     filters: { properties: { type, values } } }` with `behavioral` / `performed_event` criteria;
//   GET/POST /api/projects/:project_id/alerts/, PATCH …/alerts/:id/ — `{ name, insight, subscribed_users,
//     calculation_interval, condition: { type }, threshold: { configuration: { type, bounds } }, config:
//     { type: 'TrendsAlertConfig', series_index } }` (the shape PostHog's own API tests post); the answer
//     expands `insight` and `subscribed_users` to objects;
//   GET /api/users/@me/ — the key's owner, subscribed to the alerts.
// Lists are paginated `{ results, next }`.
import { z } from 'zod';
import type { CohortDefinition, DashboardDefinition, EventMatch, FunnelDefinition, PostHogAlertDefinition, PropertyFilter, TrendDefinition, TrendSeries } from '../types';
import type { Insights } from '..';
import { globToRegExp } from '../path-glob';
import type { ApiClient } from './http';
import { describe, keyOf, markedName, type ObjectKind } from './markers';
import { reconcile, type Existing, type Id, type ProvisionResult } from './reconcile';

const UNIT = { minute: 'minute', hour: 'hour', day: 'day' } as const;
const MATH = { total: 'total', dau: 'dau', wau: 'weekly_active', mau: 'monthly_active' } as const;

/** Weighted count of a sampled event: each stands for 1 / sample_rate occurrences. */
const WEIGHTED_TOTAL_HOGQL = 'sum(1 / toFloat(properties.sample_rate))';

function propertyFilters(match: Pick<EventMatch, 'path' | 'properties'>) {
  const filters: Record<string, unknown>[] = (match.properties ?? []).map((f: PropertyFilter) => ({ key: f.key, value: f.value, operator: f.operator, type: 'event' }));
  if (match.path) filters.push({ key: '$pathname', value: globToRegExp(match.path).source, operator: 'regex', type: 'event' });
  return filters;
}

function seriesNode(s: TrendSeries) {
  const math =
    typeof s.math === 'object'
      ? 'sum' in s.math
        ? { math: 'sum', math_property: s.math.sum }
        : { math: 'p95', math_property: s.math.p95 }
      : s.math === 'weighted_total'
        ? { math: 'hogql', math_hogql: WEIGHTED_TOTAL_HOGQL }
        : { math: MATH[s.math] };
  return { kind: 'EventsNode', event: s.event, name: s.event ?? 'All events', custom_name: s.label, ...math, properties: propertyFilters({ properties: s.properties }) };
}

function trendQuery(t: TrendDefinition) {
  return {
    kind: 'InsightVizNode',
    source: {
      kind: 'TrendsQuery',
      series: t.series.map(seriesNode),
      interval: t.interval,
      dateRange: { date_from: `-${t.range}d` },
      trendsFilter: { display: t.breakdown ? 'ActionsBarValue' : 'ActionsLineGraph', ...(t.formula ? { formula: t.formula } : {}) },
      ...(t.breakdown ? { breakdownFilter: { breakdown: t.breakdown, breakdown_type: 'event' } } : {}),
    },
  };
}

function funnelQuery(f: FunnelDefinition) {
  return {
    kind: 'InsightVizNode',
    source: {
      kind: 'FunnelsQuery',
      series: f.steps.map((s) => ({ kind: 'EventsNode', event: s.event, name: s.event, custom_name: s.label, properties: propertyFilters(s) })),
      dateRange: { date_from: '-30d' },
      funnelsFilter: { funnelOrderType: f.order ?? 'ordered', funnelWindowInterval: f.conversionWindow.value, funnelWindowIntervalUnit: UNIT[f.conversionWindow.unit] },
    },
  };
}

function cohortBody(c: CohortDefinition) {
  return {
    name: c.name,
    description: describe(c.question, 'cohort', c.key),
    is_static: false,
    filters: {
      properties: {
        type: 'AND',
        values: [
          {
            type: 'AND',
            values: c.criteria.map((k) => ({
              type: 'behavioral',
              value: 'performed_event',
              key: k.event ?? '$pageview',
              event_type: 'events',
              time_value: k.days,
              time_interval: 'day',
              negation: k.negate ?? false,
              ...(k.properties?.length ? { event_filters: propertyFilters({ properties: k.properties }) } : {}),
            })),
          },
        ],
      },
    },
  };
}

function dashboardBody(d: DashboardDefinition) {
  return { name: d.name, description: describe(d.question, 'dashboard', d.key) };
}

function alertBody(a: PostHogAlertDefinition, insightId: Id, userId: Id) {
  return {
    name: markedName(a.name, 'alert', a.key),
    insight: insightId,
    subscribed_users: [userId],
    enabled: true,
    calculation_interval: a.interval,
    condition: { type: a.condition },
    threshold: { configuration: { type: a.condition === 'absolute_value' ? 'absolute' : 'percentage', bounds: { upper: a.threshold } } },
    config: { type: 'TrendsAlertConfig', series_index: a.seriesIndex },
  };
}

const object = z.looseObject({ id: z.union([z.number(), z.string()]) });
const page = z.looseObject({ results: z.array(object), next: z.string().nullish() });

async function listAll(api: ApiClient, path: string): Promise<Existing[]> {
  const out: Existing[] = [];
  let next: string | null | undefined = `${path}?limit=100`;
  for (let pages = 0; next && pages < 100; pages++) {
    const answer: z.infer<typeof page> = await api.request('GET', next, page);
    out.push(...(answer.results as Existing[]));
    next = answer.next;
  }
  return out.filter((o) => o.deleted !== true);
}

function byKey(kind: ObjectKind, objects: Existing[], field: 'description' | 'name'): Map<string, Existing> {
  const map = new Map<string, Existing>();
  for (const o of objects) {
    const key = keyOf(kind, typeof o[field] === 'string' ? (o[field] as string) : null);
    // The oldest wins if someone duplicated one by hand; the others are left alone.
    if (key && !map.has(key)) map.set(key, o);
  }
  return map;
}

const idOf = (v: unknown) => (v && typeof v === 'object' && 'id' in v ? (v as { id: unknown }).id : v);

export type PostHogTarget = { api: ApiClient; projectId: string };

export async function provisionPostHog({ api, projectId }: PostHogTarget, all: Insights, dryRun: boolean): Promise<ProvisionResult[]> {
  const p = `/api/projects/${encodeURIComponent(projectId)}`;
  const results: ProvisionResult[] = [];
  const common = { system: 'posthog' as const, dryRun };
  const post = (what: string) => (body: Record<string, unknown>) => api.request('POST', `${p}/${what}/`, object, body) as Promise<Existing>;
  const patch = (what: string) => (id: Id, body: Record<string, unknown>) => api.request('PATCH', `${p}/${what}/${encodeURIComponent(String(id))}/`, object, body) as Promise<Existing>;

  const [cohortList, dashboardList, insightList, alertList] = await Promise.all(['cohorts', 'dashboards', 'insights', 'alerts'].map((w) => listAll(api, `${p}/${w}/`)));

  const cohorts = byKey('cohort', cohortList!, 'description');
  for (const c of all.cohorts) {
    results.push(await reconcile({ ...common, kind: 'cohort', key: c.key, name: c.name, existing: cohorts.get(c.key), desired: cohortBody(c), create: post('cohorts'), update: patch('cohorts') }));
  }

  const dashboards = byKey('dashboard', dashboardList!, 'description');
  const dashboardIds = new Map<string, Id>();
  for (const d of all.dashboards) {
    const r = await reconcile({ ...common, kind: 'dashboard', key: d.key, name: d.name, existing: dashboards.get(d.key), desired: dashboardBody(d), create: post('dashboards'), update: patch('dashboards') });
    results.push(r);
    if (r.id !== undefined) dashboardIds.set(d.key, r.id);
  }

  // Funnels and trends are insights; each lists the dashboards that show it.
  const insights = byKey('insight', insightList!, 'description');
  const insightIds = new Map<string, Id>();
  const onDashboards = (kind: 'funnel' | 'trend', key: string) =>
    all.dashboards.filter((d) => d.items.some((i) => i.kind === kind && i.key === key)).map((d) => dashboardIds.get(d.key)!)
      .filter((id) => typeof id === 'number' || !String(id).startsWith('<'))
      .sort();
  const items = [
    ...all.funnels.map((f) => ({ kind: 'funnel' as const, key: f.key, name: f.name, question: f.question, query: funnelQuery(f) })),
    ...all.trends.map((t) => ({ kind: 'trend' as const, key: t.key, name: t.name, question: t.question, query: trendQuery(t) })),
  ];
  for (const item of items) {
    const key = `${item.kind}-${item.key}`;
    const desired = { name: item.name, description: describe(item.question, 'insight', key), query: item.query, dashboards: onDashboards(item.kind, item.key), saved: true };
    const r = await reconcile({
      ...common,
      kind: 'insight',
      key,
      name: item.name,
      existing: insights.get(key),
      desired,
      // Dashboards may be listed in any order.
      normalize: (o) => ({ ...o, dashboards: Array.isArray(o.dashboards) ? [...o.dashboards].map(idOf).sort() : o.dashboards }),
      create: post('insights'),
      update: patch('insights'),
    });
    results.push(r);
    if (r.id !== undefined) insightIds.set(key, r.id);
  }

  if (all.alerts.posthog.length) {
    const me = await api.request('GET', '/api/users/@me/', object);
    const alertsByKey = byKey('alert', alertList!, 'name');
    for (const a of all.alerts.posthog) {
      const insightId = insightIds.get(`trend-${a.trend}`)!;
      results.push(
        await reconcile({
          ...common,
          kind: 'alert',
          key: a.key,
          name: a.name,
          existing: alertsByKey.get(a.key),
          desired: alertBody(a, insightId, me.id),
          normalize: (o) => ({ ...o, insight: idOf(o.insight), subscribed_users: Array.isArray(o.subscribed_users) ? o.subscribed_users.map(idOf) : o.subscribed_users }),
          create: post('alerts'),
          update: patch('alerts'),
        }),
      );
    }
  }
  return results;
}
