// The dashboards of lib/analytics/insights computed over the local inbox: funnels, trends and cohorts from the
// collector's events, persons merged as the funnels view merges them. Read-only.
import 'server-only';
import { desc, gte } from 'drizzle-orm';
import { dashboards, insights, resolveRef, type DashboardDefinition, type InsightRef } from '@/lib/analytics/insights';
import { db } from '@/lib/db';
import { inboxEvents } from '@/lib/db/schema';
import { computeFunnel, type FunnelEvent, type FunnelResult } from './funnel';
import { computeCohort, computeTrend, type CohortResult, type TrendResult } from './insights';
import { personResolver } from './queries';

/** Events scanned per dashboard view, newest first: the local inbox is small, this only bounds a runaway one. */
const EVENT_LIMIT = 50_000;

type DashboardItemResult = { kind: 'funnel'; result: FunnelResult } | { kind: 'trend'; result: TrendResult } | { kind: 'cohort'; result: CohortResult };

export type DashboardView = { dashboard: DashboardDefinition; items: DashboardItemResult[]; scanned: number; truncated: boolean };

function lookbackDays(refs: readonly InsightRef[]): number {
  let days = 1;
  for (const ref of refs) {
    const def = resolveRef(ref);
    if (!def) continue;
    if (ref.kind === 'trend' && 'range' in def) days = Math.max(days, def.range + 30);
    if (ref.kind === 'cohort' && 'criteria' in def) days = Math.max(days, ...def.criteria.map((c) => c.days));
    if (ref.kind === 'funnel' && 'steps' in def) days = Math.max(days, 30 + def.conversionWindow.value * (def.conversionWindow.unit === 'day' ? 1 : 0));
  }
  return days;
}

export async function dashboardView(key: string, now = Date.now()): Promise<DashboardView | null> {
  const dashboard = dashboards.find((d) => d.key === key);
  if (!dashboard) return null;
  const since = new Date(now - lookbackDays(dashboard.items) * 86_400_000);
  const [rows, personOf] = await Promise.all([
    db
      .select({ event: inboxEvents.event, distinct_id: inboxEvents.distinctId, timestamp: inboxEvents.timestamp, properties: inboxEvents.properties })
      .from(inboxEvents)
      .where(gte(inboxEvents.timestamp, since))
      .orderBy(desc(inboxEvents.timestamp))
      .limit(EVENT_LIMIT),
    personResolver(),
  ]);
  const events: FunnelEvent[] = rows.map((r) => ({ ...r, timestamp: r.timestamp.toISOString() }));
  const items: DashboardItemResult[] = [];
  for (const ref of dashboard.items) {
    if (ref.kind === 'funnel') {
      const f = insights.funnels.find((x) => x.key === ref.key);
      if (f) items.push({ kind: 'funnel', result: computeFunnel(f, events, personOf) });
    } else if (ref.kind === 'trend') {
      const t = insights.trends.find((x) => x.key === ref.key);
      if (t) items.push({ kind: 'trend', result: computeTrend(t, events, personOf, now) });
    } else {
      const c = insights.cohorts.find((x) => x.key === ref.key);
      if (c) items.push({ kind: 'cohort', result: computeCohort(c, events, personOf, now) });
    }
  }
  return { dashboard, items, scanned: events.length, truncated: events.length >= EVENT_LIMIT };
}
