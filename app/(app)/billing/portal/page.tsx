// /billing/portal: Orbit's local billing portal (switch between paid plans, cancel). Stripe mode uses Stripe's.
import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { formatBillingDate, STATUS_LABELS } from '@/components/billing/format';
import { CancelSubscription, SwitchPlanButton } from '@/components/billing/portal-actions';
import { Card } from '@/components/ui/card';
import { PAID_PLANS, PLANS_CATALOG } from '@/lib/billing/plans';
import { canManageBilling, getBillingOverview } from '@/lib/billing/subscription';
import { getCurrentWorkspace } from '@/lib/auth/session';
import { PRIVATE_TEXT_CLASS } from '@/lib/telemetry/browser/privacy';
import { identifyCaller } from '@/lib/auth/guards';

export const metadata: Metadata = { title: 'Manage billing' };

export default async function PortalPage() {
  const user = await identifyCaller();
  if (!user) redirect('/login?next=/billing/portal');
  const workspace = await getCurrentWorkspace(user.id);
  if (!workspace) redirect('/onboarding');
  const billing = await getBillingOverview(workspace.id);
  if (billing.plan === 'free' || billing.provider !== 'local' || !canManageBilling(workspace.role)) redirect('/billing');
  const current = PLANS_CATALOG[billing.plan];
  const periodEnd = billing.currentPeriodEnd ? formatBillingDate(billing.currentPeriodEnd) : null;

  return (
    <div className="mx-auto max-w-3xl space-y-8 px-6 py-10">
      <header className="space-y-2">
        <Link href="/billing" className="text-sm text-slate-500 hover:text-slate-900">
          ← Back to billing
        </Link>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Manage billing</h1>
        <p className="text-sm text-slate-500">
          <span className={PRIVATE_TEXT_CLASS}>{workspace.name}</span> is on <strong className="font-semibold text-slate-800">{current.name}</strong> (
          {billing.status ? STATUS_LABELS[billing.status] : 'Active'}){periodEnd ? `, renewing on ${periodEnd}` : ''}.
        </p>
      </header>

      <section aria-labelledby="plans-heading" className="space-y-4">
        <h2 id="plans-heading" className="text-lg font-semibold text-slate-900">
          Change plan
        </h2>
        <div className="grid gap-4 sm:grid-cols-2">
          {PAID_PLANS.map((id) => {
            const p = PLANS_CATALOG[id];
            const isCurrent = id === billing.plan;
            return (
              <Card key={id} className={`flex flex-col gap-3 ${isCurrent ? 'outline-2 outline-brand-600' : ''}`} data-plan={id}>
                <div className="flex items-center justify-between">
                  <h3 className="font-semibold text-slate-900">{p.name}</h3>
                  {isCurrent ? (
                    <span className="rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-700">Current plan</span>
                  ) : null}
                </div>
                <p className="text-sm text-slate-500">${p.priceMonthly} per user / month</p>
                {isCurrent ? null : <SwitchPlanButton plan={id} />}
              </Card>
            );
          })}
        </div>
      </section>

      <section aria-labelledby="cancel-heading" className="space-y-3 border-t border-slate-200 pt-6">
        <h2 id="cancel-heading" className="text-lg font-semibold text-slate-900">
          Cancel subscription
        </h2>
        <CancelSubscription periodEnd={periodEnd} />
      </section>
    </div>
  );
}
