// The workspace's plan as a small badge in the app shell; paid plans stand out.
import Link from 'next/link';
import { PLANS_CATALOG } from '@/lib/billing/plans';
import type { Plan } from '@/lib/db/schema/billing';

export function PlanBadge({ plan }: { plan: Plan }) {
  const paid = plan !== 'free';
  return (
    <Link
      href="/billing"
      data-testid="plan-badge"
      title="Your plan"
      className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset transition ${
        paid ? 'bg-brand-50 text-brand-700 ring-brand-200 hover:bg-brand-100' : 'bg-slate-50 text-slate-600 ring-slate-200 hover:bg-slate-100'
      }`}
    >
      {PLANS_CATALOG[plan].name} plan
    </Link>
  );
}
