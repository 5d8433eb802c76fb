// /dev/inbox/dashboards/<key> — one dashboard of lib/analytics/insights, every funnel, trend and cohort computed
// over the local inbox's events (so the Activation funnel fills while you click through the app).
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { FunnelChart } from '@/lib/inbox/ui/components/funnel-chart';
import { CohortCard, TrendCard } from '@/lib/inbox/ui/components/insight-cards';
import { PageTitle } from '@/lib/inbox/ui/components/page-title';
import { dashboards } from '@/lib/analytics/insights';
import { dashboardView } from '@/lib/inbox/ui/dashboard-queries';
import { pageSegment } from '@/lib/server/path-segment';

/** One of the dashboards' keys; anything else is the not-found page. */
const dashboardKey = z.enum(dashboards.map((d) => d.key));

export async function generateMetadata({ params }: { params: Promise<{ key: string }> }) {
  const key = pageSegment(dashboardKey, (await params).key, 'metadata');
  return { title: `${dashboards.find((d) => d.key === key)?.name ?? 'Dashboard'} dashboard` };
}

export default async function DashboardPage({ params }: { params: Promise<{ key: string }> }) {
  const key = pageSegment(dashboardKey, (await params).key);
  const view = key === null ? null : await dashboardView(key);
  if (!view) notFound();
  const { dashboard, items, scanned, truncated } = view;
  return (
    <div className="space-y-4" data-dashboard={dashboard.key}>
      <PageTitle
        title={`${dashboard.name} dashboard`}
        aside={
          <Link href="/dev/inbox/dashboards" className="text-sm text-brand-700 hover:underline">
            All dashboards
          </Link>
        }
      >
        {dashboard.question} · {scanned.toLocaleString('en-US')} events scanned{truncated ? ' (newest only)' : ''}
      </PageTitle>
      <div className="grid gap-4 xl:grid-cols-2">
        {items.map((item) =>
          item.kind === 'funnel' ? (
            <div key={`funnel:${item.result.funnel.key}`} className="xl:col-span-2">
              <FunnelChart result={item.result} />
            </div>
          ) : item.kind === 'trend' ? (
            <TrendCard key={`trend:${item.result.trend.key}`} result={item.result} />
          ) : (
            <CohortCard key={`cohort:${item.result.cohort.key}`} result={item.result} />
          ),
        )}
      </div>
    </div>
  );
}
