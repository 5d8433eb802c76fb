// /dev/inbox/funnels — Orbit's funnels (lib/analytics/insights/funnels.ts) computed over the local traffic.
import { FunnelChart } from '@/lib/inbox/ui/components/funnel-chart';
import { PageTitle } from '@/lib/inbox/ui/components/page-title';
import { computeFunnels } from '@/lib/inbox/ui/queries';

export const metadata = { title: 'Funnels' };

export default async function FunnelsPage() {
  const { results, scanned } = await computeFunnels();
  return (
    <div className="space-y-4">
      <PageTitle title="Funnels">
        Defined in code (<code className="font-mono text-xs">lib/analytics/insights/funnels.ts</code>) · ordered steps within each
        funnel&apos;s window, persons counted once across their merged ids · {scanned} matching events scanned
      </PageTitle>
      {results.map((r) => (
        <FunnelChart key={r.funnel.key} result={r} />
      ))}
    </div>
  );
}
