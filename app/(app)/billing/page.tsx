// /billing: the workspace's plan and subscription status, upgrades while on Free, Manage billing once paid.
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { CheckoutButton } from '@/components/billing/checkout-button';
import { formatBillingDate, STATUS_LABELS } from '@/components/billing/format';
import { ManageBilling } from '@/components/billing/manage-billing';
import { Card } from '@/components/ui/card';
import { FormMessage } from '@/components/ui/field';
import { PAID_PLANS, PLANS_CATALOG } from '@/lib/billing/plans';
import { canManageBilling, getBillingOverview } from '@/lib/billing/subscription';
import { billingProvider } from '@/lib/env';
import { PRIVATE_TEXT_CLASS } from '@/lib/telemetry/browser/privacy';
import { getCurrentWorkspace } from '@/lib/auth/session';
import { identifyCaller } from '@/lib/auth/guards';

export const metadata: Metadata = { title: 'Billing' };

const BANNERS: Record<string, { tone: 'success' | 'error'; text: string }> = {
  updated: { tone: 'success', text: 'Your plan was changed.' },
  canceled: { tone: 'success', text: 'Your subscription was canceled. Your workspace is on Free.' },
};

export default async function BillingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams;
  const user = await identifyCaller();
  if (!user) redirect('/login?next=/billing');
  const workspace = await getCurrentWorkspace(user.id);
  if (!workspace) redirect('/onboarding');
  const billing = await getBillingOverview(workspace.id);
  const plan = PLANS_CATALOG[billing.plan];
  const paid = billing.plan !== 'free';
  const manager = canManageBilling(workspace.role);
  const portalBanner = typeof query.portal === 'string' ? BANNERS[query.portal] : undefined;

  return (
    <div className="mx-auto max-w-3xl space-y-8 px-6 py-10">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Billing</h1>
        <p className="text-sm text-slate-500">
          Plan and payment for <span className={PRIVATE_TEXT_CLASS}>{workspace.name}</span>.
        </p>
      </header>

      {query.checkout === 'success' ? (
        paid ? (
          <FormMessage tone="success">
            Payment successful — <span className={PRIVATE_TEXT_CLASS}>{workspace.name}</span> is now on {plan.name}. Thank you!
          </FormMessage>
        ) : (
          <FormMessage tone="success">Payment received. Your plan updates as soon as the payment is confirmed; refresh in a moment.</FormMessage>
        )
      ) : null}
      {query.checkout === 'canceled' ? <FormMessage>Checkout was canceled; you have not been charged.</FormMessage> : null}
      {portalBanner ? <FormMessage tone={portalBanner.tone}>{portalBanner.text}</FormMessage> : null}

      <Card className="space-y-6">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="space-y-1">
            <p className="text-sm font-medium text-slate-500">Current plan</p>
            <p className="text-3xl font-semibold tracking-tight text-slate-900">
              <span data-testid="current-plan">{plan.name}</span>
            </p>
            <p className="text-sm text-slate-500">
              {paid ? `$${plan.priceMonthly} per user per month` : plan.tagline}
            </p>
          </div>
          {paid && manager && billing.provider ? <ManageBilling provider={billing.provider} /> : null}
        </div>
        <dl className="grid gap-4 border-t border-slate-100 pt-5 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-500">Status</dt>
            <dd className="mt-1 font-medium text-slate-900" data-testid="subscription-status">
              {billing.status ? STATUS_LABELS[billing.status] : 'Active'}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">{paid ? 'Renews on' : 'Renewal'}</dt>
            <dd className="mt-1 font-medium text-slate-900">
              {paid && billing.currentPeriodEnd ? formatBillingDate(billing.currentPeriodEnd) : '—'}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">Payments</dt>
            <dd className="mt-1 font-medium text-slate-900">
              {billingProvider === 'stripe' ? 'Stripe' : billingProvider === 'local' ? 'Orbit test checkout' : 'Not configured'}
            </dd>
          </div>
        </dl>
        {billing.status === 'past_due' ? (
          <FormMessage>Your last payment failed. Update your card in Manage billing to keep {plan.name}.</FormMessage>
        ) : null}
      </Card>

      {!paid ? (
        <section aria-labelledby="upgrade-heading" className="space-y-4">
          <h2 id="upgrade-heading" className="text-lg font-semibold text-slate-900">
            Upgrade
          </h2>
          {!billingProvider ? (
            <FormMessage>
              <span data-testid="billing-not-configured">Billing is not configured on this deployment, so plans cannot be bought here yet.</span>
            </FormMessage>
          ) : null}
          {!manager ? <p className="text-sm text-slate-500">Ask a workspace owner or admin to upgrade.</p> : null}
          <div className="grid gap-4 sm:grid-cols-2">
            {PAID_PLANS.map((id) => {
              const p = PLANS_CATALOG[id];
              return (
                <Card key={id} className="flex flex-col gap-4" data-plan={id}>
                  <div>
                    <h3 className="font-semibold text-slate-900">{p.name}</h3>
                    <p className="mt-1 text-sm text-slate-500">{p.tagline}</p>
                  </div>
                  <p>
                    <span className="text-3xl font-semibold text-slate-900">${p.priceMonthly}</span>
                    <span className="text-sm text-slate-500"> per user / month</span>
                  </p>
                  <ul className="flex-1 space-y-1 text-sm text-slate-600">
                    {p.features.map((f) => (
                      <li key={f}>
                        <span aria-hidden className="text-brand-600">✓ </span>
                        {f}
                      </li>
                    ))}
                  </ul>
                  {manager && billingProvider ? <CheckoutButton plan={id} signedIn variant={id === 'pro' ? 'primary' : 'secondary'} /> : null}
                </Card>
              );
            })}
          </div>
        </section>
      ) : null}
    </div>
  );
}
