// /dev/inbox/health — event-health findings: counts per rule and per event, the findings newest first, each linking
// to its event with the failing path highlighted. Filters (`rule`, `event`, `severity`) live in the URL.
import { z } from 'zod';
import { HEALTH_RULE_NAMES } from '@/lib/inbox/collector/health';
import { healthReport } from '@/lib/inbox/collector/health-query';
import { HealthView } from '@/lib/inbox/ui/components/health-view';
import { isStorableText } from '@/lib/server/path-segment';

export const metadata = { title: 'Event health' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
/** Filters from the query string; a value that is none of the allowed ones is ignored, never queried. */
const filters = z.object({
  rule: z.enum(HEALTH_RULE_NAMES).optional().catch(undefined),
  severity: z.enum(['warn', 'error']).optional().catch(undefined),
  event: z.string().trim().min(1).max(500).refine(isStorableText).optional().catch(undefined),
});

export default async function HealthPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v.slice(0, 2_000) : undefined);
  const f = filters.parse({ rule: one(sp.rule), severity: one(sp.severity), event: one(sp.event) });
  const report = await healthReport({ ...f, limit: 500 });
  return <HealthView report={report} filters={f} />;
}
